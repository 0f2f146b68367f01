"""Planning for the journey layout: the geometry of its rows and phase columns, the card stacks
and where every touchpoint sits on the emotion curve.

``plan(filled, page)`` gives the curve (tests read it); ``full_plan`` also gives the frame, the
geometry, the card stacks and the comparison of emotions (``compared``) that ``journey.build``
draws. Everything here is a frozen value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from klantcanvas.i18n import t
from klantcanvas.model import Field, Filled
from klantcanvas.layouts import journey_lines
from klantcanvas.layouts.frame import MUTED, Area, Frame, frame
from klantcanvas.layouts.parts import (
    AMBER, AMBER_DARK, AMBER_LIGHT, EMOTION_COLORS, Card, clamp, dashed_rect, stack_cards, star,
)
from klantcanvas.paper import Page
from klantcanvas.scene import Circle, Rect
from klantcanvas.text import Para

__all__ = [
    "BLANK_PHASES", "OUTSIDE_FILL", "SUB_FIELDS", "Geometry", "JourneyPlan", "Point", "Stack", "compared", "full_plan",
    "legend_entries", "level_y", "plan", "sub_field",
]

#: Columns drawn when no phase is filled in yet, so a blank template has room to write.
BLANK_PHASES = 5
OUTSIDE_FILL = "#F7F6F2"

#: Sub-field ids a record uses; a definition may rename them in [layout].
SUB_FIELDS = {
    "name_field": "naam", "duration_field": "duur", "experience_field": "beleving",
    "touchpoints_field": "contactmomenten", "text_field": "omschrijving", "emotion_field": "emotie",
    "crucial_field": "cruciaal", "outside_field": "buiten",
}


@dataclass(frozen=True)
class Point:
    number: int
    phase: int
    emotion: int | None
    crucial: bool
    outside: bool
    x: float
    y: float


@dataclass(frozen=True)
class JourneyPlan:
    #: Every touchpoint in order, with its place on the curve (rated ones on their level).
    points: tuple[Point, ...]

    @property
    def curve(self) -> tuple[tuple[float, float], ...]:
        return tuple((p.x, p.y) for p in self.points if p.emotion is not None)


def sub_field(options: Mapping[str, Any], key: str) -> str:
    return str(options.get(key, SUB_FIELDS[key]))


@dataclass(frozen=True)
class Geometry:
    gutter: Area
    columns: list[Area]
    info: Area
    head_y: float
    head_h: float
    cards_y: float
    cards_h: float
    emo_y: float
    emo_h: float
    bel_y: float
    bel_h: float
    review: Area
    gap: float
    #: The legend rows: each band with the entries drawn in it.
    legends: tuple[journey_lines.Legend, ...] = ()


def _geometry(area: Area, k: float, phases: int) -> Geometry:
    gap = 2.2 * k
    info_h = area.h * 0.11
    head_h = area.h * 0.075
    emo_h = area.h * 0.17
    bel_h = area.h * 0.075
    rev_h = area.h * 0.13
    cards_h = area.h - info_h - head_h - emo_h - bel_h - rev_h - 5 * gap
    gutter_w = min(19 * k, area.w * 0.11)
    count = phases or BLANK_PHASES
    x0 = area.x + gutter_w + gap
    col_w = (area.x + area.w - x0 - gap * 0.6 * (count - 1)) / count
    columns = [Area(x0 + i * (col_w + gap * 0.6), 0, col_w, 0) for i in range(count)]
    head_y = area.y + info_h + gap
    cards_y = head_y + head_h + gap
    emo_y = cards_y + cards_h + gap
    bel_y = emo_y + emo_h + gap
    rev_y = bel_y + bel_h + gap
    return Geometry(
        gutter=Area(area.x, head_y, gutter_w, bel_y + bel_h - head_y), columns=columns,
        info=Area(area.x, area.y, area.w, info_h), head_y=head_y, head_h=head_h,
        cards_y=cards_y, cards_h=cards_h, emo_y=emo_y, emo_h=emo_h, bel_y=bel_y, bel_h=bel_h,
        review=Area(area.x, rev_y, area.w, area.y + area.h - rev_y), gap=gap,
    )


def level_y(geo: Geometry, k: float, value: float) -> float:
    pad = min(4.2 * k, geo.emo_h * 0.16)
    return geo.emo_y + pad + (2 - value) / 4 * (geo.emo_h - 2 * pad)


def plan(filled: Filled, page: Page) -> JourneyPlan:
    journey: JourneyPlan = full_plan(filled, page)[0]
    return journey


@dataclass(frozen=True)
class Stack:
    pad: float
    inner: float
    head_row: float
    tag_row: float
    size: float
    columns: list[list[Card]]
    shown: list[list[Card]]
    hidden: list[int]


def _stack(filled: Filled, geo: Geometry, k: float) -> Stack:
    options = filled.canvas.layout.options
    phases = filled.items(options["phases"])
    pad = clamp(1.8 * k, 0.5, geo.columns[0].w * 0.06)
    inner = 1.6 * k
    head_row = 4.0 * k
    tag_row = 3.4 * k
    text_w = geo.columns[0].w - 2 * pad - 2 * inner
    columns: list[list[Card]] = []
    for phase in phases:
        cards = []
        for tp in phase.get(sub_field(options, "touchpoints_field"), ()):
            outside = bool(tp.get(sub_field(options, "outside_field")))
            fixed = 2 * inner + head_row + (tag_row if outside else 0.0)
            cards.append(Card((Para(tp.get(sub_field(options, "text_field"), "")),), fixed, tp))
        columns.append(cards)
    size, shown, hidden = stack_cards(columns, text_w, geo.cards_h - pad, pad * 1.2, 8.5 * k, 4.6 * k)
    return Stack(pad, inner, head_row, tag_row, size, columns, shown, hidden)


def _emotion_field(filled: Filled) -> Field:
    options = filled.canvas.layout.options
    phases_field = filled.canvas.field(options["phases"])
    tp_field = next(f for f in phases_field.fields if f.id == sub_field(options, "touchpoints_field"))
    return next(f for f in tp_field.fields if f.id == sub_field(options, "emotion_field"))


def compared(filled: Filled) -> journey_lines.Comparison:
    """Today's emotion against the desired one and the other personas' (see ``journey_lines``)."""
    options = filled.canvas.layout.options
    touchpoints = [tp for phase in filled.items(options["phases"])
                   for tp in phase.get(sub_field(options, "touchpoints_field"), ())]
    return journey_lines.comparison(filled, touchpoints, sub_field(options, "emotion_field"), options["info"][1])


def legend_entries(filled: Filled, k: float) -> list[tuple[Any, ...]]:
    emotion_field = _emotion_field(filled)
    outside_label = str(filled.canvas.layout.options.get("outside_label") or t("render.outside_label"))
    return [
        (lambda x, y, s: [Rect(x, y, s, s, fill=AMBER_LIGHT, stroke=AMBER, stroke_width=0.5 * k, radius=0.6 * k),
                          star(x + s / 2, y + s / 2, s * 0.36, AMBER_DARK)], t("render.legend_crucial")),
        (lambda x, y, s: [Rect(x, y, s, s, fill=OUTSIDE_FILL), dashed_rect(x, y, s, s, MUTED, 0.25 * k, 0.8 * k)],
         outside_label),
        *[((lambda c: lambda x, y, s: [Circle(x + s / 2, y + s / 2, s * 0.42, fill=c)])(EMOTION_COLORS[v]),
           emotion_field.option_label(str(v))) for v in (2, 0, -2)],
    ]


def full_plan(filled: Filled, page: Page) -> tuple[JourneyPlan, Frame, Geometry, Stack, journey_lines.Comparison]:
    canvas = filled.canvas
    options = canvas.layout.options
    fr = frame(canvas.title, canvas.summary, page)
    k = fr.unit
    phases = filled.items(options["phases"])
    comparison = compared(filled)
    extra = journey_lines.legend_entries(comparison, k)
    bands, content = journey_lines.legends(legend_entries(filled, k), extra, fr.content, k)
    geo = replace(_geometry(content, k, len(phases)), legends=tuple(bands))
    stack = _stack(filled, geo, k)
    # Room the cards leave goes to the emotion band, up to a quarter of the page's content.
    used = max((sum(c.height for c in col) + stack.pad * 1.2 * (len(col) - 1) for col in stack.shown if col),
               default=0.0)
    spare = geo.cards_h - stack.pad - used - 4 * k
    grow = clamp(spare, 0.0, max(0.0, content.h * 0.25 - geo.emo_h))
    geo = replace(geo, cards_h=geo.cards_h - grow, emo_y=geo.emo_y - grow, emo_h=geo.emo_h + grow)
    tp_key = sub_field(options, "touchpoints_field")
    points: list[Point] = []
    number = 0
    for index, (phase, col) in enumerate(zip(phases, geo.columns)):
        touchpoints = phase.get(tp_key, ())
        count = len(touchpoints)
        for j, tp in enumerate(touchpoints):
            number += 1
            emotion = tp.get(sub_field(options, "emotion_field"))
            x = col.x + (j + 0.5) / count * col.w
            y = level_y(geo, k, emotion if emotion is not None else 0)
            points.append(Point(number, index, emotion, bool(tp.get(sub_field(options, "crucial_field"))),
                                bool(tp.get(sub_field(options, "outside_field"))), x, y))
    return JourneyPlan(tuple(points)), fr, geo, stack, comparison
