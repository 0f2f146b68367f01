"""The journey layout: a Customer Journey Canvas as phase columns, touchpoint cards and an emotion curve.

Used by the Customer Journey Canvas. From top to bottom: a strip with the goal, the persona and
the scope; one column per phase (name and duration in its header) holding a card per touchpoint;
an emotion band in which a curve runs through every touchpoint in order (each point carries the
touchpoint's number, so card and point belong together); the overall experience per phase; and
the four review questions. Crucial touchpoints get an amber border, a star and a ring on the
curve; touchpoints outside the company are dashed and labelled, and hollow on the curve. With a
desired emotion or more personas filled in, ``journey_lines`` adds their lines, the gaps and a legend.

``journey_plan`` places everything (``plan(filled, page)`` gives the curve, tests read it);
``build`` draws the page. Card stacks, legend, emotion colours and the emotion scale come from
``parts``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from klantcanvas.i18n import t
from klantcanvas.model import Field, Filled
from klantcanvas.layouts.frame import INK, LINE, MUTED, PANEL, PAPER, Area
from klantcanvas.layouts import journey_lines
from klantcanvas.layouts.journey_plan import (
    OUTSIDE_FILL, Geometry, JourneyPlan, Point, full_plan, level_y, plan, sub_field,
)
from klantcanvas.layouts.parts import (
    EMOTION_TEXT, ink_on, readable,
    AMBER, AMBER_DARK, AMBER_LIGHT, CURVE, EMOTION_COLORS, HEADER, NO_EMOTION, ScaleLines, boxed_row, clamp,
    dashed_rect, emotion_scale, more_note, star,
)
from klantcanvas.paper import Page
from klantcanvas.scene import Circle, Item, Polyline, Rect, Scene, TextBox, text_box
from klantcanvas.text import PT, Para, fit

__all__ = ["JourneyPlan", "Point", "build", "field_refs", "plan"]


def field_refs(options: Mapping[str, Any]) -> list[str]:
    return [*options["info"], options["phases"], *options["review"], *options.get("personas", ())]


def _choice_label(filled: Filled, field_id: str) -> str:
    value = filled.text(field_id)
    return filled.canvas.field(field_id).option_label(value) if value else ""


def _info(filled: Filled, geo: Geometry, k: float, options: Mapping[str, Any]) -> list[Item]:
    canvas = filled.canvas
    goal, persona, segment, kind, start, end = options["info"]
    gap = geo.gap
    w = (geo.info.w - 2 * gap) / 3
    boxes = []
    boxes.append((canvas.field(goal).label, [Para(filled.text(goal))] if filled.text(goal) else [], goal))
    who = []
    if filled.text(persona):
        who.append(Para(filled.text(persona)))
    details = " · ".join(p for p in (
        f"{canvas.field(segment).label}: {filled.text(segment)}" if filled.text(segment) else "",
        f"{canvas.field(kind).label}: {_choice_label(filled, kind)}" if filled.text(kind) else "",
    ) if p)
    if details:
        who.append(Para(details, scale=0.9, color=MUTED))
    others = " · ".join(filled.text(other) for other in options.get("personas", ()) if filled.text(other))
    if others:
        who.append(Para(f"{t('render.persona_also')}: {others}", scale=0.9))
    boxes.append((canvas.field(persona).label, who, persona))
    scope = [Para(f"{canvas.field(f).label}: {filled.text(f)}") for f in (start, end) if filled.text(f)]
    boxes.append((options.get("scope_heading") or t("render.scope_heading"), scope, start))
    return boxed_row(boxes, geo.info, gap, k, max_size=9.5, min_size=5)


def _gutter_label(text: str, x: float, y: float, w: float, h: float, k: float, role: str) -> TextBox:
    paras = (Para(text, weight="bold"),)
    fitted = fit(paras, w, h, 7.5 * k, 4.5 * k)
    return text_box(fitted, paras, x, y, w, h, MUTED, role=role)


def build(filled: Filled, page: Page) -> Scene:
    canvas = filled.canvas
    options = canvas.layout.options
    journey, fr, geo, stack, comparison = full_plan(filled, page)
    k = fr.unit
    items: list[Item] = list(fr.items)
    items += _info(filled, geo, k, options)

    phases_field = canvas.field(options["phases"])
    phases = filled.items(phases_field.id)
    tp_key = sub_field(options, "touchpoints_field")
    tp_field = next(f for f in phases_field.fields if f.id == tp_key)
    emotion_field = next(f for f in tp_field.fields if f.id == sub_field(options, "emotion_field"))
    outside_label = str(options.get("outside_label") or t("render.outside_label"))
    gutter = geo.gutter
    labels = options.get("rows") or [t(f"render.journey_row_{n}") for n in range(1, 5)]

    # Row labels in the gutter.
    items.append(_gutter_label(labels[0], gutter.x, geo.head_y + 1.5 * k, gutter.w, geo.head_h - 1.5 * k, k, "row"))
    items.append(_gutter_label(labels[1], gutter.x, geo.cards_y + 1.5 * k, gutter.w, geo.cards_h - 1.5 * k, k, "row"))
    items.append(_gutter_label(labels[3], gutter.x, geo.bel_y + 1.5 * k, gutter.w, geo.bel_h - 1.5 * k, k, "row"))

    # Column panels and headers.
    col_bottom = geo.bel_y + geo.bel_h
    for index, col in enumerate(geo.columns):
        items.append(Rect(col.x, geo.cards_y - geo.gap * 0.5, col.w, col_bottom - geo.cards_y + geo.gap * 0.5,
                          fill=PANEL, radius=1.8 * k))
        phase = phases[index] if index < len(phases) else None
        items.append(Rect(col.x, geo.head_y, col.w, geo.head_h, fill=HEADER if phase else "#8DA3B5", radius=1.8 * k))
        pad = clamp(2.2 * k, 0.6, col.w * 0.08)
        if phase is not None:
            head = [Para(phase.get(sub_field(options, "name_field"), "") or t("ui.entry_name", item=phases_field.entry_label, number=index + 1), weight="bold")]
            duration = phase.get(sub_field(options, "duration_field"), "")
            if duration:
                head.append(Para(duration, scale=0.85, color="#D6E4EF"))
        else:
            head = [Para(t("ui.entry_name", item=phases_field.entry_label, number=index + 1), weight="bold")]
        paras = tuple(head)
        fitted = fit(paras, col.w - 2 * pad, geo.head_h - 2 * pad * 0.6, 10 * k, 5 * k, align="center")
        items.append(text_box(fitted, paras, col.x + pad, geo.head_y + pad * 0.6, col.w - 2 * pad,
                              geo.head_h - 2 * pad * 0.6, PAPER, align="center", valign="middle", role="phase"))

    # Touchpoint cards.
    pad, inner, head_row, tag_row, size = stack.pad, stack.inner, stack.head_row, stack.tag_row, stack.size
    points = iter(journey.points)
    for col, cards, more, phase_cards in zip(geo.columns, stack.shown, stack.hidden, stack.columns):
        y = geo.cards_y + pad * 0.4
        x = col.x + pad
        w = col.w - 2 * pad
        for card in cards:
            point = next(points)
            emotion = emotion_field.option_label(str(point.emotion)) if point.emotion is not None else ""
            items += _card(card.paras, card.height, card.fixed, point, x, y, w, size, k, inner, head_row, tag_row,
                           emotion, outside_label)
            y += card.height + pad * 1.2
        for _ in range(len(phase_cards) - len(cards)):
            next(points)
        if more:
            items.append(more_note(more, x, y, w, geo.cards_y + geo.cards_h - pad * 0.4 - y, size, "touchpoints"))

    items += _emotion_band(journey, geo, k, emotion_field, comparison)

    # Overall experience per phase.
    for index, col in enumerate(geo.columns):
        if index >= len(phases):
            break
        text = phases[index].get(sub_field(options, "experience_field"), "")
        if not text:
            continue
        p = clamp(2 * k, 0.5, col.w * 0.07)
        area = Area(col.x + p, geo.bel_y + p * 0.5, col.w - 2 * p, geo.bel_h - p)
        paras = (Para(text),)
        fitted = fit(paras, area.w, area.h, 8 * k, 4.6 * k)
        items.append(text_box(fitted, paras, area.x, area.y, area.w, area.h, INK, valign="middle", role="beleving"))

    # Review.
    review = [(canvas.field(fid).label, [Para(filled.text(fid))] if filled.text(fid) else [], fid)
              for fid in options["review"]]
    items += boxed_row(review, geo.review, geo.gap, k, fill="#EAF1F6", max_size=8.5, min_size=4.8,
                       label_color=HEADER)

    items += journey_lines.draw_legends(list(geo.legends), k)
    return Scene(page.width, page.height, canvas.title, tuple(items))


# A keystroke changes one card: every other card, and every numbered dot, is drawn exactly as the
# preview before drew it (the items are immutable, so sharing them is safe).
@lru_cache(maxsize=1024)
def _card(paras: tuple[Para, ...], h: float, fixed: float, point: Point, x: float, y: float, w: float, size: float,
          k: float, inner: float, head_row: float, tag_row: float, emotion: str, outside_label: str) -> tuple[Item, ...]:
    items: list[Item] = []
    crucial, outside = point.crucial, point.outside
    fill = AMBER_LIGHT if crucial else (OUTSIDE_FILL if outside else PAPER)
    stroke = AMBER if crucial else LINE
    stroke_w = (0.6 if crucial else 0.25) * k
    if outside:
        items.append(Rect(x, y, w, h, fill=fill, radius=0))
        items.append(dashed_rect(x, y, w, h, AMBER if crucial else MUTED, stroke_w, 1.2 * k))
    else:
        items.append(Rect(x, y, w, h, fill=fill, stroke=stroke, stroke_width=stroke_w, radius=1.4 * k))
    # Header row: numbered dot in the emotion colour, the emotion's label, a star when crucial.
    r = min(head_row * 0.42, w * 0.12)
    cx, cy = x + inner + r, y + inner + head_row / 2
    color = EMOTION_COLORS.get(point.emotion, NO_EMOTION) if point.emotion is not None else NO_EMOTION
    items += _numbered_dot(point.number, cx, cy, r, color, k, hollow=outside)
    label_x = cx + r + 1.2 * k
    star_room = head_row if crucial else 0.0
    label_w = x + w - inner - star_room - label_x
    if point.emotion is not None and label_w > 0:
        label = (Para(emotion, color=MUTED),)
        fitted = fit(label, label_w, head_row, min(size * 0.85, 7 * k), min(size * 0.85, 7 * k) * 0.7)
        items.append(text_box(fitted, label, label_x, y + inner, label_w, head_row, MUTED, valign="middle", role="emotie"))
    if crucial:
        items.append(star(x + w - inner - head_row / 2, cy, min(head_row * 0.5, w * 0.12), AMBER_DARK))
    text_h = h - fixed
    if text_h > 0:
        fitted = fit(paras, w - 2 * inner, text_h + 1e-6, size, min(size, 4.6 * k))
        items.append(text_box(fitted, paras, x + inner, y + inner + head_row, w - 2 * inner, text_h + 1e-6,
                              INK, role="contactmoment"))
    if outside:
        tag = (Para(outside_label, color=MUTED),)
        ty = y + h - inner - tag_row
        fitted = fit(tag, w - 2 * inner, tag_row, min(size * 0.85, 6.5 * k), 3.5 * k)
        items.append(text_box(fitted, tag, x + inner, ty, w - 2 * inner, tag_row, MUTED, valign="middle", role="buiten"))
    return tuple(items)


@lru_cache(maxsize=1024)
def _numbered_dot(number: int, cx: float, cy: float, r: float, color: str, k: float, *, hollow: bool) -> tuple[Item, ...]:
    items: list[Item] = [
        Circle(cx, cy, r, fill=PAPER if hollow else color, stroke=color if hollow else None, stroke_width=0.45 * k)
    ]
    paras = (Para(str(number), weight="bold"),)
    side = r * 1.9
    fitted = fit(paras, side, side, r * 1.25 / PT, r * 0.6 / PT, align="center")
    items.append(text_box(fitted, paras, cx - side / 2, cy - side / 2, side, side, readable(color) if hollow else ink_on(color),
                          align="center", valign="middle", role="nummer"))
    return tuple(items)


def _emotion_band(journey: JourneyPlan, geo: Geometry, k: float, emotion_field: Field,
                  comparison: journey_lines.Comparison) -> list[Item]:
    items: list[Item] = []
    left = geo.columns[0].x
    right = geo.columns[-1].x + geo.columns[-1].w
    gutter = geo.gutter
    step = abs(level_y(geo, k, 1) - level_y(geo, k, 0))

    def label(value: int, y: float) -> TextBox:
        paras = (Para(emotion_field.option_label(str(value))),)
        h = min(step, 4 * k)
        fitted = fit(paras, gutter.w, h, 6.2 * k, 3.5 * k, align="left")
        return text_box(fitted, paras, gutter.x, y - h / 2, gutter.w, h, EMOTION_TEXT[value], valign="middle",
                        role="niveau")

    lines = ScaleLines(zero_color="#9AA5B1", zero_width=0.3 * k, width=0.18 * k, dash=(0.8 * k, 0.8 * k))
    items += emotion_scale(left, right, lambda v: level_y(geo, k, v), lines, label)
    count_in: dict[int, int] = {}
    for p in journey.points:
        count_in[p.phase] = count_in.get(p.phase, 0) + 1
    radii = [min(2.3 * k, geo.columns[p.phase].w / count_in[p.phase] * 0.3, step * 0.45) for p in journey.points]
    behind, over = journey_lines.draw(comparison, [(p.x, r) for p, r in zip(journey.points, radii)],
                                lambda v: level_y(geo, k, v), k, right + geo.gap)
    items += behind
    if len(journey.curve) >= 2:
        items.append(Polyline(journey.curve, stroke=CURVE, stroke_width=0.55 * k))
    for p, r in zip(journey.points, radii):
        if p.crucial:
            items.append(Circle(p.x, p.y, r * 1.5, fill=AMBER_LIGHT, stroke=AMBER, stroke_width=0.5 * k))
        if p.emotion is None:
            items.append(Circle(p.x, p.y, r * 0.6, fill=PAPER, stroke=NO_EMOTION, stroke_width=0.3 * k))
            continue
        items += _numbered_dot(p.number, p.x, p.y, r, EMOTION_COLORS[p.emotion], k, hollow=p.outside)
    return items + over
