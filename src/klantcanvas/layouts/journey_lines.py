"""Journeys compared: the desired emotion beside today's, and several personas on one journey.

A part the journey and klantreis layouts share. The definition's ``[layout]`` names the data:
``desired_field`` (a scale per touchpoint: how the customer should feel), ``personas`` (top-level
text fields naming personas 2, 3, 4) and ``persona_emotions`` (a scale per touchpoint for each of
them). ``comparison`` gathers the values in touchpoint order; ``draw`` gives the shapes behind and
over the layout's own emotion line; ``legend_entries`` the legend in the same colours and styles;
``legends`` where that legend goes; ``band`` a whole emotion band for a layout that has none of its
own (klantreis).
When none of it is filled in, nothing is drawn and nothing is added to the legend, so a canvas
saved before these fields existed looks exactly as it did.

Every line differs from the others in colour, dash and marker shape, so it still reads in
greyscale and for colour-blind eyes; the colours keep 4.5:1 on white (tests/unit/test_palette.py).
The gap between today and desired is a bar at each touchpoint; the biggest gaps (two levels or
more) are amber and carry their size, since that is where acting pays off most.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from klantcanvas.i18n import t
from klantcanvas.layouts.colours import (
    AMBER, AMBER_DARK, AMBER_LIGHT, CURVE, EMOTION_COLORS, EMOTION_TEXT, NO_EMOTION, ink_on, readable,
)
from klantcanvas.layouts.frame import PANEL, PAPER, Area
from klantcanvas.layouts.parts import ScaleLines, emotion_scale, legend, legend_space, legend_width
from klantcanvas.model import Field, Filled
from klantcanvas.scene import Circle, Item, Polygon, Polyline, Rect, text_box
from klantcanvas.text import PT, Para, fit

__all__ = [
    "DESIRED", "GAP_FILL", "MAIN", "PERSONA_STYLES", "Comparison", "LineStyle", "Series", "band", "comparison", "draw",
    "legend_entries", "legends", "short_name",
]

#: The longest persona name a legend shows before it is cut with an ellipsis.
NAME_MAX = 28
GAP_FILL = "#DCE6EE"
#: The gap's size as text: readable on the band's panel (and so on white).
GAP_INK = readable(AMBER_DARK, PANEL)


@dataclass(frozen=True)
class LineStyle:
    color: str
    #: Dash and gap lengths in units of the page scale ``k``; empty for a solid line.
    dash: tuple[float, ...]
    #: circle, diamond, square, triangle or down (a triangle pointing down).
    marker: str
    width: float = 0.45
    hollow: bool = False
    #: Sideways shift of the markers in marker radii, so equal values of two lines stay visible.
    offset: float = 0.0


MAIN = LineStyle(CURVE, (), "circle", width=0.55)
DESIRED = LineStyle("#0F766E", (2.4, 1.1), "diamond", width=0.5, hollow=True)
PERSONA_STYLES = (
    LineStyle("#A64B08", (1.0, 0.9), "square", offset=1.15),
    LineStyle("#7E22CE", (0.2, 1.0), "triangle", offset=-1.15),
    LineStyle("#BE185D", (), "down", width=0.35),
)


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int | None, ...]
    style: LineStyle


@dataclass(frozen=True)
class Comparison:
    #: Today's emotion per touchpoint (the layout's own line).
    main: tuple[int | None, ...]
    #: What the main line is called in the legend: the first persona's name when there are more.
    main_label: str
    desired: Series | None
    personas: tuple[Series, ...]

    @property
    def active(self) -> bool:
        return self.desired is not None or bool(self.personas)

    def gaps(self) -> tuple[int | None, ...]:
        """Desired minus today per touchpoint (None where either is missing)."""
        desired = self.desired.values if self.desired else ()
        return tuple(d - m if d is not None and m is not None else None
                     for m, d in zip(self.main, desired or (None,) * len(self.main)))

    def biggest_gap(self) -> int:
        """The largest gap of two levels or more (0 when there is none): those are emphasised."""
        largest = max((abs(g) for g in self.gaps() if g is not None), default=0)
        return largest if largest >= 2 else 0


def short_name(text: str) -> str:
    """A persona's name for a legend: the text up to the first comma, cut at ``NAME_MAX``."""
    name = text.split(",")[0].strip() or text.strip()
    return name if len(name) <= NAME_MAX else name[: NAME_MAX - 1].rstrip() + "…"


def _scale(record: Mapping[str, Any], key: str) -> int | None:
    value = record.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def comparison(filled: Filled, touchpoints: Sequence[Mapping[str, Any]], emotion_key: str, main_field: str) -> Comparison:
    """The values of ``touchpoints`` (every touchpoint in order) that the definition compares;
    ``main_field`` is the top-level field that names whose line the layout's own line is."""
    options = filled.canvas.layout.options
    main = tuple(_scale(tp, emotion_key) for tp in touchpoints)
    desired = None
    desired_key = str(options.get("desired_field") or "")
    if desired_key:
        values = tuple(_scale(tp, desired_key) for tp in touchpoints)
        if any(v is not None for v in values):
            label = _sub_label(filled, desired_key)
            desired = Series(label, values, DESIRED)
    personas = []
    for name_key, emotion, style in zip(options.get("personas", ()), options.get("persona_emotions", ()), PERSONA_STYLES):
        name = filled.text(str(name_key))
        if name:
            personas.append(Series(short_name(name), tuple(_scale(tp, str(emotion)) for tp in touchpoints), style))
    # Beside other personas, today's line is the first persona's (or the target group's): by its
    # name, else by the field's label; alone beside the desired line, it is simply "now".
    main_name = filled.text(main_field)
    main_label = (short_name(main_name) if main_name else filled.canvas.field(main_field).label) if personas else ""
    return Comparison(main, main_label or t("render.legend_now"), desired, tuple(personas))


def _sub_label(filled: Filled, key: str) -> str:
    """The label of the touchpoint field ``key`` (found at any depth), for the legend."""
    def walk(fields: Sequence[Any]) -> str:
        for f in fields:
            if f.id == key and f.kind == "scale":
                return str(f.label)
            found = walk(f.fields)
            if found:
                return found
        return ""

    return walk(filled.canvas.fields) or key


def marker(style: LineStyle, cx: float, cy: float, m: float, k: float) -> Item:
    """The style's marker centred on (cx, cy), ``m`` from centre to edge."""
    fill = PAPER if style.hollow else style.color
    stroke, width = (style.color, 0.35 * k) if style.hollow else (PAPER, 0.15 * k)
    if style.marker == "circle":
        return Circle(cx, cy, m, fill=fill, stroke=stroke, stroke_width=width)
    if style.marker == "square":
        s = m * 0.85
        return Rect(cx - s, cy - s, 2 * s, 2 * s, fill=fill, stroke=stroke, stroke_width=width)
    points: tuple[tuple[float, float], ...]
    if style.marker == "diamond":
        points = ((cx, cy - m * 1.15), (cx + m, cy), (cx, cy + m * 1.15), (cx - m, cy))
    elif style.marker == "triangle":
        points = ((cx, cy - m * 1.1), (cx + m, cy + m * 0.75), (cx - m, cy + m * 0.75))
    else:
        points = ((cx, cy + m * 1.1), (cx + m, cy - m * 0.75), (cx - m, cy - m * 0.75))
    return Polygon(points, fill=fill, stroke=stroke, stroke_width=width)


def _line(series: Series, spots: Sequence[tuple[float, float]], level_y: Callable[[float], float],
          k: float) -> list[Item]:
    style = series.style
    points = [(x + style.offset * r * 0.55, level_y(v)) for (x, r), v in zip(spots, series.values) if v is not None]
    items: list[Item] = []
    if len(points) >= 2:
        items.append(Polyline(tuple(points), stroke=style.color, stroke_width=style.width * k,
                              dash=tuple(d * k for d in style.dash)))
    radii = [r for (_, r), v in zip(spots, series.values) if v is not None]
    items += [marker(style, x, y, r * 0.6, k) for (x, y), r in zip(points, radii)]
    return items


def draw(comp: Comparison, spots: Sequence[tuple[float, float]], level_y: Callable[[float], float], k: float,
         right: float) -> tuple[list[Item], list[Item]]:
    """(shapes behind the layout's line, shapes over it). ``spots`` holds (x, dot radius) of every
    touchpoint; ``right`` is where labels must end."""
    behind: list[Item] = []
    over: list[Item] = []
    if not comp.active:
        return behind, over
    biggest = comp.biggest_gap()
    for (x, r), m, gap in zip(spots, comp.main, comp.gaps()):
        if gap is None or m is None or gap == 0:
            continue
        top, bottom = sorted((level_y(m), level_y(m + gap)))
        w = r * 0.9
        strong = abs(gap) == biggest
        behind.append(Rect(x - w / 2, top, w, bottom - top, fill=AMBER_LIGHT if strong else GAP_FILL,
                           stroke=AMBER if strong else None, stroke_width=0.35 * k, radius=w * 0.3))
        if strong:
            paras = (Para(f"{gap:+d}".replace("-", "−"), weight="bold"),)
            bw, bh = 2.4 * r, min(2 * r, bottom - top)
            bx = min(x + w / 2 + r * 0.15, right - bw)
            fitted = fit(paras, bw, bh, r * 1.1 / PT, r * 0.5 / PT)
            over.append(text_box(fitted, paras, bx, (top + bottom - bh) / 2, bw, bh, GAP_INK, valign="middle", role="kloof"))
    for series in comp.personas:
        behind += _line(series, spots, level_y, k)
    if comp.desired is not None:
        behind += _line(comp.desired, spots, level_y, k)
    return behind, over


def _sample(style: LineStyle, k: float) -> Callable[[float, float, float], list[Item]]:
    def draw_sample(x: float, y: float, s: float) -> list[Item]:
        cy = y + s / 2
        return [Polyline(((x, cy), (x + 2.6 * s, cy)), stroke=style.color, stroke_width=style.width * k,
                         dash=tuple(d * k for d in style.dash)),
                marker(style, x + 1.3 * s, cy, s * 0.32, k)]
    return draw_sample


def legend_entries(comp: Comparison, k: float) -> list[tuple[Any, ...]]:
    """Legend entries (symbol, text, width in heights) for what ``draw`` draws; none when inactive."""
    if not comp.active:
        return []
    entries: list[tuple[Any, ...]] = [(_sample(MAIN, k), comp.main_label, 2.6)]
    entries += [(_sample(s.style, k), s.label, 2.6) for s in comp.personas]
    if comp.desired is not None:
        entries.append((_sample(DESIRED, k), comp.desired.label, 2.6))
        if comp.biggest_gap():
            entries.append((lambda x, y, s: [Rect(x + s * 0.3, y, s * 0.4, s, fill=AMBER_LIGHT, stroke=AMBER,
                                                  stroke_width=0.35 * k, radius=s * 0.1)], t("render.legend_gap")))
    return entries


def band(comp: Comparison, area: Area, gutter: Area, spots: Sequence[tuple[float, float]], numbers: Sequence[int],
         emotion_field: Field, k: float) -> list[Item]:
    """An emotion band over ``area`` with the level labels in ``gutter``: today's line through
    numbered dots in their emotion colours, with the desired line and the personas' lines."""
    pad = min(4 * k, area.h * 0.14)

    def level_y(value: float) -> float:
        return area.y + pad + (2 - value) / 4 * (area.h - 2 * pad)

    step = abs(level_y(1) - level_y(0))

    def label(value: int, y: float) -> Any:
        paras = (Para(emotion_field.option_label(str(value))),)
        h = min(step, 4 * k)
        fitted = fit(paras, gutter.w, h, 6.2 * k, 3.5 * k)
        return text_box(fitted, paras, gutter.x, y - h / 2, gutter.w, h, EMOTION_TEXT[value], valign="middle",
                        role="niveau")

    items: list[Item] = [Rect(area.x, area.y, area.w, area.h, fill=PANEL, radius=1.8 * k)]
    lines = ScaleLines(zero_color="#9AA5B1", zero_width=0.3 * k, width=0.18 * k, dash=(0.8 * k, 0.8 * k))
    items += emotion_scale(area.x, area.x + area.w, level_y, lines, label)
    spots = [(x, min(r, step * 0.45)) for x, r in spots]
    behind, over = draw(comp, spots, level_y, k, area.x + area.w)
    items += behind
    curve = tuple((x, level_y(v)) for (x, _), v in zip(spots, comp.main) if v is not None)
    if len(curve) >= 2:
        items.append(Polyline(curve, stroke=CURVE, stroke_width=MAIN.width * k))
    for (x, r), value, number in zip(spots, comp.main, numbers):
        if value is None:
            items.append(Circle(x, level_y(0), r * 0.6, fill=PAPER, stroke=NO_EMOTION, stroke_width=0.3 * k))
            continue
        color = EMOTION_COLORS[value]
        y = level_y(value)
        items.append(Circle(x, y, r, fill=color, stroke=None, stroke_width=0.45 * k))
        paras = (Para(str(number), weight="bold"),)
        side = r * 1.9
        fitted = fit(paras, side, side, r * 1.25 / PT, r * 0.6 / PT, align="center")
        items.append(text_box(fitted, paras, x - side / 2, y - side / 2, side, side, ink_on(color), align="center",
                              valign="middle", role="nummer"))
    return items + over


#: One legend band and the entries drawn in it.
Legend = tuple[Area, list[tuple[Any, ...]]]


def legends(base: list[tuple[Any, ...]], extra: list[tuple[Any, ...]], area: Area,
            k: float) -> tuple[list[Legend], Area]:
    """Where the layout's own legend (``base``) and this one's (``extra``) go, and the area left.
    Together on one row while that reads at nearly full size; else the lines get a row of their
    own above the layout's legend, which then sits exactly where it did without them."""
    together = [*base, *extra]
    band, rest = legend_space(together, area, k)
    if not extra or legend_width(together, k) * 0.8 <= band.w:
        return [(band, together)], rest
    band, rest = legend_space(base, area, k)
    h = 6.5 * k * PT * 1.25
    row = Area(rest.x, rest.y + rest.h - h, rest.w, h)
    return [(band, base), (row, extra)], Area(rest.x, rest.y, rest.w, rest.h - h - 2 * k)


def draw_legends(bands: list[Legend], k: float) -> list[Item]:
    return [item for band, entries in bands for item in legend(entries, band, k)]
