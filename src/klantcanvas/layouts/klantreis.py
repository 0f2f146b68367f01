"""The klantreis layout: "De klantreis in kaart" as phase columns with a card per touchpoint.

Each phase is a column headed by its name and the customer's own sentence. Each touchpoint is a
card: the customer's "ik"-sentence, channel and medium, expectation against performance, and a
footer with the feeling (coloured by its score) and the intensity as five pips. Two pills on
every card say whether the team ("In", inside-out) and the customers ("Uit", outside-in) call it a
moment of truth. Where both do, the card is lifted out: amber fill and border and a ribbon
"Moment van de waarheid: team én klant"; those touchpoints are also listed in a "Hier maak je het
verschil" panel beside the team's lessons, because step 6 of the guide designs exactly there.
With a desired experience or more personas filled in, a band under the cards draws today's line,
the desired one, the personas' lines and the gaps (``journey_lines``), and the columns leave a gutter
for the levels' names.

``plan(filled)`` lists the touchpoints with their numbers and flags (tests read it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from klantcanvas.i18n import t
from klantcanvas.model import Field, Filled
from klantcanvas.layouts import journey_lines
from klantcanvas.layouts.frame import INK, LINE, MUTED, PAPER, Area, frame
from klantcanvas.layouts.parts import (
    ink_on,
    AMBER, AMBER_DARK, AMBER_LIGHT, EMOTION_COLORS, HEADER, NO_EMOTION, Card, boxed_row, clamp,
    more_note, stack_cards, star,
)
from klantcanvas.paper import Page
from klantcanvas.scene import Circle, Item, Rect, Scene, text_box
from klantcanvas.text import PT, Para, fit

__all__ = ["IN_COLOR", "OUT_COLOR", "Touchpoint", "build", "field_refs", "plan"]

IN_COLOR = "#23618A"   # the team's choice (inside-out)
OUT_COLOR = "#C4533C"  # the customers' choice (outside-in)
COLUMN = "#F3F1EC"
OVERLAP_INK = "#3A2604"
BLANK_PHASES = 5

SUB_FIELDS = {
    "name_field": "naam", "sentence_field": "ik_zin", "touchpoints_field": "contactmomenten",
    "text_field": "tekst", "channel_field": "kanaal", "medium_field": "middel",
    "expectation_field": "verwachting", "performance_field": "prestatie", "feeling_field": "gevoel",
    "emotion_field": "emotie", "intensity_field": "intensiteit", "in_field": "moment_in", "out_field": "moment_uit",
}


def field_refs(options: Mapping[str, Any]) -> list[str]:
    return [options["audience"], options["goal"], options["phases"], options["lessons"], *options.get("personas", ())]


def _sub(options: Mapping[str, Any], key: str) -> str:
    return str(options.get(key, SUB_FIELDS[key]))


@dataclass(frozen=True)
class Touchpoint:
    number: int
    phase: int
    text: str
    moment_in: bool
    moment_out: bool

    @property
    def overlap(self) -> bool:
        return self.moment_in and self.moment_out


def plan(filled: Filled) -> tuple[Touchpoint, ...]:
    """Every touchpoint in order with its number (as on the card) and both moment-of-truth flags."""
    options = filled.canvas.layout.options
    out: list[Touchpoint] = []
    for index, phase in enumerate(filled.items(options["phases"])):
        for tp in phase.get(_sub(options, "touchpoints_field"), ()):
            out.append(Touchpoint(len(out) + 1, index, tp.get(_sub(options, "text_field"), ""),
                                  bool(tp.get(_sub(options, "in_field"))), bool(tp.get(_sub(options, "out_field")))))
    return tuple(out)


def _quoted(text: str) -> str:
    text = text.strip()
    if not text or text[0] in "\"“‘'":
        return text
    return f"“{text}”"


def build(filled: Filled, page: Page) -> Scene:
    canvas = filled.canvas
    options = canvas.layout.options
    fr = frame(canvas.title, canvas.summary, page)
    k = fr.unit
    s_in = str(options.get("in_label") or t("render.in_label"))
    s_out = str(options.get("out_label") or t("render.out_label"))
    entries = [
        (lambda x, y, s: _pill(s_in, True, IN_COLOR, x, y, s * 2, s, k), t("render.legend_team"), 2),
        (lambda x, y, s: _pill(s_out, True, OUT_COLOR, x, y, s * 2, s, k), t("render.legend_customers"), 2),
        (lambda x, y, s: [Rect(x, y, s, s, fill=AMBER_LIGHT, stroke=AMBER, stroke_width=0.5 * k, radius=0.6 * k),
                          star(x + s / 2, y + s / 2, s * 0.36, AMBER_DARK)], t("render.legend_both")),
        (lambda x, y, s: _pips(3, EMOTION_COLORS[0], x, y + s * 0.15, s * 3, s * 0.7, k), t("render.legend_intensity", minimum=1, maximum=5), 3),
    ]
    tp_key = _sub(options, "touchpoints_field")
    records = [tp for phase in filled.items(options["phases"]) for tp in phase.get(tp_key, ())]
    comp = journey_lines.comparison(filled, records, _sub(options, "emotion_field"), options["audience"])
    bands, area = journey_lines.legends(entries, journey_lines.legend_entries(comp, k), fr.content, k)
    items: list[Item] = list(fr.items)
    gap = 2.2 * k
    touchpoints = plan(filled)

    # Rows: who and why, phase headers, the cards, (the emotion lines compared,) and what to do
    # with the overlap. With lines, the columns leave a gutter for the levels' names.
    info_h = area.h * 0.1
    head_h = area.h * 0.1
    bottom_h = area.h * 0.15
    cards_y = area.y + info_h + gap + head_h + gap * 0.5
    cards_h = area.y + area.h - bottom_h - gap - cards_y
    lines_h = area.h * 0.2 if comp.active else 0.0
    gutter_w = min(17 * k, area.w * 0.1) if comp.active else 0.0
    cols = Area(area.x + gutter_w + gap, area.y, area.w - gutter_w - gap, area.h) if comp.active else area
    if comp.active:
        cards_h -= lines_h + gap
    info = [(canvas.field(fid).label, [Para(filled.text(fid))] if filled.text(fid) else [], fid)
            for fid in (options["audience"], options["goal"])]
    items += boxed_row(info, Area(area.x, area.y, area.w, info_h), gap, k, max_size=9.5, min_size=5)

    phases_field = canvas.field(options["phases"])
    phases = filled.items(phases_field.id)
    tp_field = next(f for f in phases_field.fields if f.id == _sub(options, "touchpoints_field"))
    sub = {f.id: f for f in tp_field.fields}
    emotion_field = sub[_sub(options, "emotion_field")]
    count = len(phases) or BLANK_PHASES
    col_gap = gap * 0.6
    col_w = (cols.w - col_gap * (count - 1)) / count
    head_y = area.y + info_h + gap
    for index in range(count):
        x = cols.x + index * (col_w + col_gap)
        items.append(Rect(x, head_y, col_w, cards_y + cards_h - head_y, fill=COLUMN, radius=1.8 * k))
        items.append(Rect(x, head_y, col_w, head_h, fill=HEADER, radius=1.8 * k))
        phase = phases[index] if index < len(phases) else None
        name = (phase.get(_sub(options, "name_field"), "") if phase else "") or f"{phases_field.entry_label} {index + 1}"
        paras = [Para(name, weight="bold")]
        sentence = phase.get(_sub(options, "sentence_field"), "") if phase else ""
        if sentence:
            paras.append(Para(_quoted(sentence), scale=0.82, color="#D6E4EF"))
        pad = clamp(2.2 * k, 0.6, col_w * 0.08)
        fitted = fit(paras, col_w - 2 * pad, head_h - 2 * pad * 0.7, 10 * k, 4.6 * k, align="center")
        items.append(text_box(fitted, tuple(paras), x + pad, head_y + pad * 0.7, col_w - 2 * pad,
                              head_h - 2 * pad * 0.7, PAPER, align="center", valign="middle", role="fase"))

    # Cards.
    pad = clamp(1.8 * k, 0.5, col_w * 0.06)
    inner = clamp(1.7 * k, 0.4, col_w * 0.05)
    head_row = 4.2 * k
    foot_row = 4.0 * k
    ribbon = 4.4 * k
    text_w = col_w - 2 * pad - 2 * inner
    numbers = iter(touchpoints)
    columns: list[list[Card]] = []
    for phase in phases:
        cards = []
        for tp in phase.get(_sub(options, "touchpoints_field"), ()):
            info_tp = next(numbers)
            paras = [Para(_quoted(tp.get(_sub(options, "text_field"), "")), weight="bold")]
            where = " · ".join(v for v in (tp.get(_sub(options, "channel_field"), ""),
                                           tp.get(_sub(options, "medium_field"), "")) if v)
            if where:
                paras.append(Para(where, scale=0.85, color=MUTED))
            for key in ("expectation_field", "performance_field"):
                value = tp.get(_sub(options, key), "")
                if value:
                    paras.append(Para(f"{sub[_sub(options, key)].label}: {value}", scale=0.9))
            fixed = 2 * inner + head_row + foot_row + (ribbon if info_tp.overlap else 0.0)
            cards.append(Card(tuple(paras), fixed, (info_tp, tp)))
        columns.append(cards)
    size, shown, hidden = stack_cards(columns, text_w, cards_h - pad, pad * 1.2, 9.5 * k, 4.4 * k)
    for index, (cards, more) in enumerate(zip(shown, hidden)):
        x = cols.x + index * (col_w + col_gap) + pad
        y = cards_y + pad * 0.4
        w = col_w - 2 * pad
        for card in cards:
            items += _card(card, x, y, w, size, k, inner, head_row, foot_row, ribbon, emotion_field, options, sub)
            y += card.height + pad * 1.2
        if more:
            items.append(more_note(more, x, y, w, cards_y + cards_h - pad * 0.4 - y, size, "contactmomenten"))

    if comp.active:
        spots = []
        for index, phase in enumerate(phases):
            n = len(phase.get(_sub(options, "touchpoints_field"), ()))
            x0 = cols.x + index * (col_w + col_gap)
            spots += [(x0 + (j + 0.5) / n * col_w, min(2.3 * k, col_w / n * 0.3)) for j in range(n)]
        lines_y = cards_y + cards_h + gap
        items += journey_lines.band(comp, Area(cols.x, lines_y, cols.w, lines_h), Area(area.x, lines_y, gutter_w, lines_h),
                              spots, [tp.number for tp in touchpoints], emotion_field, k)

    # The overlap panel and the team's lessons.
    bottom = Area(area.x, area.y + area.h - bottom_h, area.w, bottom_h)
    items += _overlap_panel(touchpoints, Area(bottom.x, bottom.y, bottom.w * 0.42, bottom.h), k,
                            str(options.get("overlap_heading") or t("render.overlap_heading")))
    lessons = options["lessons"]
    items += boxed_row([(canvas.field(lessons).label, [Para(filled.text(lessons))] if filled.text(lessons) else [], lessons)],
                       Area(bottom.x + bottom.w * 0.42 + gap, bottom.y, bottom.w * 0.58 - gap, bottom.h), gap, k,
                       fill="#EAF1F6", max_size=8.5, min_size=4.8, label_color=HEADER)

    items += journey_lines.draw_legends(bands, k)
    return Scene(page.width, page.height, canvas.title, tuple(items))


def _pill(text: str, on: bool, color: str, x: float, y: float, w: float, h: float, k: float) -> list[Item]:
    items: list[Item] = [Rect(x, y, w, h, fill=color if on else PAPER, stroke=None if on else LINE,
                              stroke_width=0.25 * k, radius=h / 2)]
    paras = (Para(text, weight="bold"),)
    fitted = fit(paras, w * 0.9, h, h * 0.62 / PT, h * 0.4 / PT, align="center")
    items.append(text_box(fitted, paras, x + w * 0.05, y, w * 0.9, h, PAPER if on else MUTED, align="center",
                          valign="middle", role="moment"))
    return items


def _pips(value: int | None, color: str, x: float, y: float, w: float, h: float, k: float) -> list[Item]:
    step = w / 5
    side = min(step * 0.78, h)
    return [Rect(x + i * step, y + (h - side) / 2, side, side, fill=color if value and i < value else PAPER,
                 stroke=color if value and i < value else LINE, stroke_width=0.2 * k, radius=side * 0.2)
            for i in range(5)]


def _card(card: Card, x: float, y: float, w: float, size: float, k: float, inner: float, head_row: float,
          foot_row: float, ribbon: float, emotion_field: Field, options: Mapping[str, Any],
          sub: Mapping[str, Field]) -> list[Item]:
    info, tp = card.data
    h = card.height
    items: list[Item] = []
    if info.overlap:
        items.append(Rect(x, y, w, h, fill=AMBER_LIGHT, stroke=AMBER, stroke_width=0.9 * k, radius=1.4 * k))
        rh = min(ribbon, h)
        items.append(Rect(x, y, w, rh, fill=AMBER, radius=1.4 * k))
        items.append(Rect(x, y + rh * 0.5, w, rh * 0.5, fill=AMBER))
        sr = min(rh * 0.34, w * 0.08)
        items.append(star(x + inner + sr, y + rh / 2, sr, PAPER))
        tx = x + inner + 2 * sr + 1 * k
        tw = max(0.1, x + w - inner - tx)
        top = min(size * 0.85, 7 * k)
        for label in (options.get("overlap_label") or t("render.overlap_label"),
                      options.get("overlap_short") or t("render.overlap_short")):
            paras = (Para(str(label), weight="bold"),)
            fitted = fit(paras, tw, rh, top, top * 0.75)
            if not fitted.overflow and len(fitted.lines) == 1:
                break
        else:
            fitted = fit(paras, tw, rh, top, top * 0.5)
        items.append(text_box(fitted, paras, tx, y, tw, rh, OVERLAP_INK, valign="middle", role="overlap"))
        y0 = y + rh
    else:
        flagged = info.moment_in or info.moment_out
        items.append(Rect(x, y, w, h, fill=PAPER, stroke=("#9AA5B1" if flagged else LINE),
                          stroke_width=(0.4 if flagged else 0.25) * k, radius=1.4 * k))
        y0 = y
    emotion = tp.get(_sub(options, "emotion_field"))
    color = EMOTION_COLORS.get(emotion, NO_EMOTION) if emotion is not None else NO_EMOTION
    # Header: the number in the emotion colour, then the two moment-of-truth pills on the right.
    r = min(head_row * 0.4, w * 0.1)
    cx, cy = x + inner + r, y0 + inner + head_row / 2
    items.append(Circle(cx, cy, r, fill=color))
    num = (Para(str(info.number), weight="bold"),)
    fitted = fit(num, r * 1.9, r * 1.9, r * 1.25 / PT, r * 0.6 / PT, align="center")
    items.append(text_box(fitted, num, cx - r * 0.95, cy - r * 0.95, r * 1.9, r * 1.9, ink_on(color), align="center",
                          valign="middle", role="nummer"))
    ph = min(head_row * 0.8, 3.6 * k)
    pw = min(ph * 2.2, (w - 2 * inner - 2 * r - 1.5 * k) / 2.2)
    if pw > 0.5:
        px = x + w - inner - 2 * pw - 0.8 * k
        items += _pill(str(options.get("in_label") or t("render.in_label")), info.moment_in, IN_COLOR, px, cy - ph / 2, pw, ph, k)
        items += _pill(str(options.get("out_label") or t("render.out_label")), info.moment_out, OUT_COLOR, px + pw + 0.8 * k,
                       cy - ph / 2, pw, ph, k)
    # Body text.
    text_h = h - card.fixed
    if text_h > 0:
        fitted = fit(card.paras, w - 2 * inner, text_h + 1e-6, size, min(size, 4.4 * k))
        items.append(text_box(fitted, card.paras, x + inner, y0 + inner + head_row, w - 2 * inner, text_h + 1e-6,
                              INK, role="contactmoment"))
    # Footer: the feeling in its colour and the intensity pips.
    fy = y + h - inner - foot_row
    intensity = tp.get(_sub(options, "intensity_field"))
    pips_w = min(foot_row * 3.4, (w - 2 * inner) * 0.4)
    feeling = tp.get(_sub(options, "feeling_field"), "") or (
        emotion_field.option_label(str(emotion)) if emotion is not None else "")
    dot = min(foot_row * 0.22, w * 0.05)
    if emotion is not None or feeling:
        items.append(Circle(x + inner + dot, fy + foot_row / 2, dot, fill=color))
    fw = w - 2 * inner - pips_w - 2 * dot - 2 * k
    if feeling and fw > 0:
        paras = (Para(feeling, weight="bold", color=INK),)
        fitted = fit(paras, fw, foot_row, min(size * 0.9, 7.5 * k), min(size * 0.9, 7.5 * k) * 0.6)
        items.append(text_box(fitted, paras, x + inner + 2 * dot + 1 * k, fy, fw, foot_row, INK, valign="middle",
                              role="gevoel"))
    if intensity is not None and pips_w > 0:
        items += _pips(intensity, color if emotion is not None else MUTED, x + w - inner - pips_w, fy + foot_row * 0.2,
                       pips_w, foot_row * 0.6, k)
    return items


def _overlap_panel(touchpoints: Sequence[Touchpoint], area: Area, k: float, heading: str) -> list[Item]:
    """The moments both lists share, by number: where step 6 designs a distinctive experience."""
    overlap = [tp for tp in touchpoints if tp.overlap]
    pad = clamp(2.6 * k, 0.8, area.w * 0.06)
    items: list[Item] = [Rect(area.x, area.y, area.w, area.h, fill=AMBER_LIGHT, stroke=AMBER,
                              stroke_width=0.6 * k, radius=1.8 * k)]
    sr = 2.0 * k
    items.append(star(area.x + pad + sr, area.y + pad + sr * 0.9, sr, AMBER_DARK))
    paras = [Para(heading, weight="bold", scale=0.9, color=OVERLAP_INK)]
    paras += [Para(f"{tp.number}. {_quoted(tp.text)}", bullet=False) for tp in overlap]
    x = area.x + pad + 2 * sr + 1.2 * k
    w, h = area.x + area.w - pad - x, area.h - 2 * pad
    fitted = fit(paras, w, h, 8.5 * k, 4.8 * k)
    items.append(text_box(fitted, tuple(paras), x, area.y + pad, w, h, INK, role="verschil"))
    return items
