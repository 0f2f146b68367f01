"""The flow layout: a user flow as a flowchart, and the same steps as a user journey underneath.

Used by "User flow en user journey". ``flow_plan`` places the numbered step boxes in rows and
``flow_route`` routes the arrows: the next step follows with a straight arrow when it sits beside
a step; every other arrow leaves the box from the top or bottom, runs along its own track in the
lane between two rows and, to reach a row that is not adjacent, along a gutter beside the grid,
so no arrow crosses a box. This module draws the plan: the strip with user, goal and a legend of
the three shapes, the boxes, the arrows with their branch labels on chips, and, when any step has
a thought or a feeling, a band under the flowchart with each step's thought and a feeling line.

``plan(filled, page)`` computes the geometry (tests read it); ``build`` draws it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klantcanvas.i18n import t
from klantcanvas.model import Filled
from klantcanvas.layouts.flow_plan import SUB_FIELDS, Box, FlowPlan, content_areas, plan
from klantcanvas.layouts.flow_route import Spacing
from klantcanvas.layouts.frame import INK, MUTED, PANEL, PAPER, Area
from klantcanvas.layouts.parts import (
    CURVE, EMOTION_COLORS, ScaleLines, Symbol, common_fit, emotion_scale, legend_column, word_cap,
)
from klantcanvas.paper import Page
from klantcanvas.scene import Circle, Item, Polygon, Polyline, Rect, Scene, TextBox, text_box
from klantcanvas.text import PT, Para, fit, text_width

__all__ = ["Box", "FlowPlan", "build", "field_refs", "plan"]

FILLS = {"start": "#F2A541", "einde": "#F2A541", "actie": "#B5D8EC", "beslissing": "#23618A"}
INKS = {"start": INK, "einde": INK, "actie": "#0F2536", "beslissing": "#FFFFFF"}
ARROW = "#4A5663"
FEELING_LINE = CURVE
LEVEL_LABELS = {2: "+2", 1: "+1", 0: "0", -1: "−1", -2: "−2"}
#: A pill's corner radius as a share of its height: just under a half, because fpdf2 shrinks a
#: radius of half the height or more to almost nothing (the PDF would show a plain rectangle).
_PILL = 0.495


def field_refs(options: Mapping[str, Any]) -> list[str]:
    return [options["user"], options["goal"], options["steps"]]


def _strip(filled: Filled, strip: Area, k: float) -> list[Item]:
    options = filled.canvas.layout.options
    canvas = filled.canvas
    items: list[Item] = []
    legend_w = min(34 * k, strip.w * 0.3)
    gap = 3 * k
    cards_w = strip.w - legend_w - gap
    user_w = cards_w * 0.4
    cells = [(options["user"], strip.x, user_w), (options["goal"], strip.x + user_w + gap, cards_w - user_w - gap)]
    pad = 2.2 * k
    for fid, x, w in cells:
        f = canvas.field(fid)
        items.append(Rect(x, strip.y, w, strip.h, fill=PANEL, radius=2 * k))
        head = (Para(f.label, weight="bold"),)
        head_fit = fit(head, w - 2 * pad, strip.h, 7 * k, 5 * k)
        items.append(text_box(head_fit, head, x + pad, strip.y + pad * 0.8, w - 2 * pad, head_fit.height, MUTED, role=f"{fid}-label"))
        value = filled.text(fid)
        if value:
            top = strip.y + pad * 0.8 + head_fit.height + 0.6 * k
            h = strip.y + strip.h - pad * 0.6 - top
            paras = (Para(value),)
            fitted = fit(paras, w - 2 * pad, h, 10 * k, 5.5 * k)
            items.append(text_box(fitted, paras, x + pad, top, w - 2 * pad, h, INK, valign="middle", role=fid))
    items += _legend(list(options.get("legend") or (t("render.flow_terminal"), t("render.flow_action"), t("render.flow_decision"))),
                     Area(strip.x + strip.w - legend_w, strip.y, legend_w, strip.h), k)
    return items


def _legend(labels: list[str], area: Area, k: float) -> list[Item]:
    """The three shapes of the guide (oval, rectangle, diamond) with their names, one per row."""

    def symbol(kind: str) -> Symbol:
        def draw(x: float, cy: float, w: float, h: float) -> list[Item]:
            if kind == "beslissing":
                return [Polygon(((x, cy), (x + w / 2, cy - h / 2), (x + w, cy), (x + w / 2, cy + h / 2)), fill=FILLS[kind])]
            return [Rect(x, cy - h / 2, w, h, fill=FILLS[kind], radius=_PILL * h if kind == "start" else 0.4 * k)]
        return draw

    kinds = ("start", "actie", "beslissing")
    return legend_column([(symbol(kind), label) for kind, label in zip(kinds, labels)], area, k, rows=3)


def _shape(box: Box, fill_color: str, k: float) -> Item:
    if box.shape == "diamond":
        return Polygon(((box.x, box.cy), (box.cx, box.y), (box.x + box.w, box.cy), (box.cx, box.y + box.h)), fill=fill_color)
    if box.shape == "pill":
        ph = box.pill_height()
        return Rect(box.x, box.cy - ph / 2, box.w, ph, fill=fill_color, radius=_PILL * ph)
    return Rect(box.x, box.y, box.w, box.h, fill=fill_color, radius=1.2 * k)


def _text_area(box: Box, k: float, badge: float) -> tuple[float, float, float, float]:
    if box.shape == "diamond":
        w, h = box.w * 0.56, box.h * 0.44
        return box.cx - w / 2, box.cy - h / 2, w, h
    if box.shape == "pill":
        ph = box.pill_height()
        r = ph / 2
        w = box.w - 0.62 * r - 2 * k
        h = ph * 0.72
        return box.cx - w / 2, box.cy - h / 2, w, h
    top = box.y + badge + 0.8 * k
    inset = min(3 * k, box.w * 0.08)
    return box.x + inset, top, box.w - 2 * inset, box.y + box.h - 1.6 * k - top


def _steps_items(fp: FlowPlan, filled: Filled, k: float, s: Spacing) -> tuple[list[Item], list[Item]]:
    style = _kind_style(filled)
    shapes: list[Item] = []
    texts: list[Item] = []
    entries = []
    areas = []
    for box in fp.boxes:
        shapes.append(_shape(box, style[box.step.kind][0], k))
        label = box.step.text or _kind_label(filled, box.step.kind)
        areas.append(_text_area(box, k, s.badge))
        x, y, w, h = areas[-1]
        entries.append(((Para(label),), w, h))
    fitted = common_fit(entries, 11 * k, 7.5 * k, 4.5 * k, "center")
    for box, (x, y, w, h), f, (paras, _, _) in zip(fp.boxes, areas, fitted, entries):
        ink = style[box.step.kind][1]
        texts.append(text_box(f, paras, x, y, w, h, ink if box.step.text else _muted(ink), align="center", valign="middle", role="step"))
        # Number badge on the top-left corner.
        bx, by = box.x + s.badge + 0.8 * k, box.y + 0.2 * k
        shapes.append(Circle(bx, by, s.badge, fill=INK, stroke=PAPER, stroke_width=0.35 * k))
        number = (Para(str(box.step.index + 1), weight="bold"),)
        nf = fit(number, s.badge * 2, s.badge * 2, 7.5 * k, 4.5 * k, "center")
        texts.append(text_box(nf, number, bx - s.badge, by - s.badge, s.badge * 2, s.badge * 2, "#FFFFFF", align="center", valign="middle", role="number"))
    return shapes, texts


def _muted(ink: str) -> str:
    return "#D5DEE6" if ink.upper() == "#FFFFFF" else MUTED


def _kind_style(filled: Filled) -> dict[str, tuple[str, str]]:
    options = filled.canvas.layout.options
    steps_field = filled.canvas.field(options["steps"])
    kind_id = options.get("kind_field", SUB_FIELDS["kind_field"])
    style: Mapping[str, Any] = {}
    for sub in steps_field.fields:
        if sub.id == kind_id:
            style = sub.style
    return {kind: (style.get(kind, FILLS[kind]), style.get(f"{kind}_ink", INKS[kind])) for kind in FILLS}


def _kind_label(filled: Filled, kind: str) -> str:
    options = filled.canvas.layout.options
    kind_id = options.get("kind_field", SUB_FIELDS["kind_field"])
    for sub in filled.canvas.field(options["steps"]).fields:
        if sub.id == kind_id:
            return sub.option_label(kind)
    return kind


def _edge_items(fp: FlowPlan, k: float, s: Spacing) -> tuple[list[Item], list[Item], list[Item]]:
    lines: list[Item] = []
    heads: list[Item] = []
    labels: list[Item] = []
    width = 0.35 * k
    # Every port x on each box side, to keep label chips between their neighbours.
    # A neighbour line must stay clear of a chip; a neighbouring chip gets half the distance.
    ports: dict[tuple[int, str], list[tuple[float, bool]]] = {}
    for e in fp.edges:
        if e.route != "straight":
            ports.setdefault((e.source, e.src_side), []).append((e.points[0][0], bool(e.label)))
            ports.setdefault((e.target, e.dst_side), []).append((e.points[-1][0], False))
    for e in fp.edges:
        lines.append(Polyline(e.points, stroke=ARROW, stroke_width=width))
        heads.append(Polygon(e.head, fill=ARROW))
        if not e.label:
            continue
        src = fp.boxes[e.source]
        if e.route == "straight":
            dst = fp.boxes[e.target]
            x0, x1 = src.x + src.w + 0.4 * k, dst.x - 0.4 * k
            top, bottom = src.y + s.badge + 0.4 * k, src.cy - 0.7 * k
            paras = (Para(e.label, weight="bold"),)
            if x1 - x0 < text_width("…", 4.5 * k, "bold") + 0.05 or bottom <= top:
                labels.append(TextBox(x0, src.cy, 0.0, 0.0, (), paras, INK, "center", True, "branch"))
                continue
            size = max(4.5 * k, word_cap(paras, x1 - x0, 7.5 * k))
            fitted = fit(paras, x1 - x0, bottom - top, size, 4.5 * k, "center")
            labels.append(text_box(fitted, paras, x0, bottom - fitted.height, x1 - x0, fitted.height, INK, align="center", role="branch"))
            continue
        px = e.points[0][0]
        side = sorted(ports[(e.source, e.src_side)])
        i = side.index((px, True))
        half_gap = fp.hgap / 2 - 0.4 * k

        def room(j: int) -> float:
            x, chip = side[j]
            return abs(px - x) / 2 - 0.3 * k if chip else abs(px - x) - 0.5 * k

        left = room(i - 1) if i else px - (src.x - half_gap)
        right = room(i + 1) if i + 1 < len(side) else (src.x + src.w + half_gap) - px
        half = max(0.3 * k, min(left, right))
        lane = fp.lanes[e.runs[0][0]]
        zone = fp.tracks.zone
        if e.src_side == "bottom":
            zy = lane.y + fp.tracks.pad
        else:
            zy = lane.y + fp.tracks.pad + (zone if lane.top_zone else 0) + lane.tracks * fp.tracks.track
        paras = (Para(e.label, weight="bold"),)
        pad = 1.0 * k
        cy = zy + zone / 2
        chip_room = 2 * half - 2 * pad
        if chip_room < text_width("…", 4.5 * k, "bold") + 0.05:
            # No chip_room for even an ellipsis: nothing drawn, but the overflow is reported.
            labels.append(TextBox(px, cy, 0.0, 0.0, (), paras, INK, "center", True, "branch"))
            continue
        size = max(4.5 * k, word_cap(paras, chip_room, 7.5 * k))
        fitted = fit(paras, chip_room, zone - 0.8 * k, size, 4.5 * k, "center")
        if fitted.overflow:
            fw = chip_room
        else:
            # Shrink the chip to the text, and lay the text out again in that width.
            fw = min(chip_room, max(ln.width for ln in fitted.lines) + 0.02)
            fitted = fit(paras, fw, zone - 0.8 * k, fitted.size, fitted.size, "center")
        cw = fw + 2 * pad
        ch = min(zone - 0.4 * k, fitted.height + 1.0 * k)
        labels.append(Rect(px - cw / 2, cy - ch / 2, cw, ch, fill=PAPER, stroke=ARROW, stroke_width=0.25 * k, radius=min(_PILL * ch, 1.5 * k)))
        labels.append(text_box(fitted, paras, px - fw / 2, cy - ch / 2, fw, ch, INK, align="center", valign="middle", role="branch"))
    return lines, heads, labels


def _journey_items(fp: FlowPlan, filled: Filled, k: float) -> list[Item]:
    band = fp.journey
    assert band is not None
    options = filled.canvas.layout.options
    items: list[Item] = [Rect(band.x, band.y, band.w, band.h, fill=PANEL, radius=3 * k)]
    pad = 3.5 * k
    head = (Para(str(options.get("journey_heading") or t("render.journey_heading")), weight="bold"),)
    head_fit = fit(head, band.w - 2 * pad, 12 * k, 10.5 * k, 6.5 * k)
    items.append(text_box(head_fit, head, band.x + pad, band.y + pad * 0.8, band.w - 2 * pad, head_fit.height, INK, role="journey-heading"))
    steps = [b.step for b in fp.boxes]
    n = len(steps)
    if not n:
        return items
    label_size = 6.5 * k
    label_w = text_width("+2", label_size, "bold") + 1.5 * k
    inner_left = band.x + pad
    inner_right = band.x + band.w - pad
    if fp.rows == 1:
        centres = [b.cx for b in fp.boxes]
        pitch = fp.box_w + fp.hgap
    else:
        x0 = inner_left + label_w + 2 * k
        pitch = (inner_right - x0) / n
        centres = [x0 + pitch * (i + 0.5) for i in range(n)]
    top = band.y + pad * 0.8 + head_fit.height + 1.5 * k
    bottom = band.y + band.h - pad * 0.8
    avail = bottom - top
    number_h = 4 * k
    thought_h = (avail - number_h) * 0.45
    # Step numbers and thoughts per column.
    entries = []
    boxes = []
    for st, cx in zip(steps, centres):
        half = max(0.5 * k, min(pitch / 2 - 1.0 * k, cx - inner_left, inner_right - cx))
        number = (Para(str(st.index + 1), weight="bold"),)
        nf = fit(number, 2 * half, number_h, 7 * k, 4.5 * k, "center")
        items.append(text_box(nf, number, cx - half, top, 2 * half, number_h, MUTED, align="center", role="journey-number"))
        if st.thought:
            entries.append(((Para(f"“{st.thought}”"),), 2 * half, thought_h))
            boxes.append((cx - half, top + number_h, 2 * half, thought_h))
    fitted = common_fit(entries, 9.5 * k, 6.5 * k, 4.5 * k, "center")
    if fitted:
        thought_h = min(thought_h, max(f.height for f in fitted) + 1.0 * k)
    for (paras, w, _), (x, y, _, _), f in zip(entries, boxes, fitted):
        items.append(text_box(f, paras, x, y, w, thought_h, INK, align="center", role="thought"))
    chart_top = top + number_h + thought_h + 2.5 * k
    # Feeling chart: five levels, a line through the scored steps.
    r = 1.6 * k
    y_hi, y_lo = chart_top + r + 0.8 * k, bottom - r - 0.8 * k
    if y_lo <= y_hi:
        y_lo = y_hi = (chart_top + bottom) / 2

    def level_y(v: int) -> float:
        return y_hi + (2 - v) / 4 * (y_lo - y_hi)

    line_h = label_size * PT * 1.3
    step_h = (y_lo - y_hi) / 4
    shown = (2, 1, 0, -1, -2) if step_h >= line_h else ((2, 0, -2) if step_h * 2 >= line_h else (0,))
    line_left = inner_left + label_w + 0.5 * k

    def label(v: int, y: float) -> TextBox | None:
        if v not in shown:
            return None
        paras = (Para(LEVEL_LABELS[v], weight="bold"),)
        lf = fit(paras, label_w, line_h, label_size, label_size * 0.7, "right")
        return text_box(lf, paras, inner_left, y - line_h / 2, label_w, line_h, MUTED, align="right", valign="middle",
                        role="level")

    lines = ScaleLines(zero_color="#AEB8C2", zero_width=0.4 * k, width=0.3 * k, dash=(1.2 * k, 1.2 * k))
    items += emotion_scale(line_left, inner_right, level_y, lines, label)
    points = [(cx, level_y(st.feeling), st.feeling) for st, cx in zip(steps, centres) if st.feeling is not None]
    if len(points) > 1:
        items.append(Polyline(tuple((x, y) for x, y, _ in points), stroke=FEELING_LINE, stroke_width=0.6 * k))
    for x, y, v in points:
        items.append(Circle(x, y, r, fill=EMOTION_COLORS[v], stroke=PAPER, stroke_width=0.4 * k))
    return items


def build(filled: Filled, page: Page) -> Scene:
    canvas = filled.canvas
    fr, strip, rest = content_areas(filled, page)
    k = fr.unit
    s = Spacing(k)
    fp = plan(filled, page, rest)
    items: list[Item] = list(fr.items)
    items += _strip(filled, strip, k)
    shapes, texts = _steps_items(fp, filled, k, s)
    lines, heads, labels = _edge_items(fp, k, s)
    items += lines
    items += shapes
    items += heads
    items += texts
    items += labels
    if fp.journey is not None:
        items += _journey_items(fp, filled, k)
    return Scene(page.width, page.height, canvas.title, tuple(items))
