"""Planning for the flow layout: the steps and arrows a user flow holds, and where they go.

Steps are numbered boxes in rows that wrap left to right: start and end are ovals (pills),
actions rectangles, decisions diamonds. ``plan`` chooses the number of columns, sizes the lanes
between the rows for the arrows (``flow_route``) and places boxes, arrows and the journey band.
Everything is a frozen value; ``flow.build`` only draws what the plan says.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from klantcanvas.model import Filled
from klantcanvas.layouts.flow_route import Edge, Lane, Routing, Spacing, Tracks, place, route
from klantcanvas.layouts.frame import Area, Frame, frame
from klantcanvas.paper import Page

__all__ = ["KINDS", "SUB_FIELDS", "Box", "FlowPlan", "Step", "content_areas", "plan"]

#: The sub-field ids a step record uses; a definition may rename them in [layout].
SUB_FIELDS = {
    "kind_field": "soort", "text_field": "tekst", "branches_field": "takken", "label_field": "label",
    "target_field": "naar", "thought_field": "gedachte", "feeling_field": "gevoel",
}
#: The kinds of step; anything else counts as an action.
KINDS = ("start", "einde", "actie", "beslissing")
SHAPE = {"start": "pill", "einde": "pill", "beslissing": "diamond"}


@dataclass(frozen=True)
class Step:
    index: int
    kind: str
    text: str
    thought: str
    feeling: int | None
    branches: tuple[tuple[str, int | None], ...]


@dataclass(frozen=True)
class Box:
    step: Step
    x: float
    y: float
    w: float
    h: float
    shape: str

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def pill_height(self) -> float:
        return min(self.h, self.w * 0.6)

    def boundary(self, dx: float, side: str) -> float:
        """The y where a vertical line at cx + dx meets the shape's top or bottom."""
        sign = -1 if side == "top" else 1
        if self.shape == "diamond":
            reach = (self.h / 2) * max(0.0, 1 - abs(dx) / (self.w / 2))
        elif self.shape == "pill":
            ph = self.pill_height()
            r = ph / 2
            flat = self.w / 2 - r
            over = abs(dx) - flat
            reach = r if over <= 0 else math.sqrt(max(0.0, r * r - over * over))
        else:
            reach = self.h / 2
        return self.cy + sign * reach


@dataclass(frozen=True)
class FlowPlan:
    """Everything ``build`` draws, in millimetres; tests inspect it."""

    area: Area
    columns: int
    rows: int
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    lanes: tuple[Lane, ...]
    journey: Area | None
    #: Width of a box and the gap between two boxes in a row.
    box_w: float = 0.0
    hgap: float = 0.0
    tracks: Tracks = Tracks(0.0, 0.0, 0.0)


def steps_of(filled: Filled) -> list[Step]:
    options = filled.canvas.layout.options
    sub = {key: options.get(key, default) for key, default in SUB_FIELDS.items()}
    steps = []
    for index, record in enumerate(filled.items(options["steps"])):
        kind = record.get(sub["kind_field"]) or "actie"
        branches = []
        for branch in record.get(sub["branches_field"]) or ():
            target = branch.get(sub["target_field"])
            branches.append(((branch.get(sub["label_field"]) or "").strip(), target if isinstance(target, int) else None))
        feeling = record.get(sub["feeling_field"])
        steps.append(Step(
            index=index,
            kind=kind if kind in KINDS else "actie",
            text=record.get(sub["text_field"]) or "",
            thought=record.get(sub["thought_field"]) or "",
            feeling=max(-2, min(2, feeling)) if isinstance(feeling, int) else None,
            branches=tuple(branches),
        ))
    return steps


def edges_of(steps: Sequence[Step]) -> list[Edge]:
    """Each step leads to the next, except an end; branches (by step number) replace that.

    A branch without a number, or to a number that is not a step (or is the step itself), goes
    to the next step; after the last step it leads nowhere and is left out.
    """
    n = len(steps)
    edges: list[Edge] = []
    for step in steps:
        if step.kind == "einde":
            continue
        outs: list[tuple[str, int]] = []
        for label, target in step.branches:
            valid = target is not None and 1 <= target <= n and target - 1 != step.index
            to = target - 1 if target is not None and valid else step.index + 1
            if to < n:
                outs.append((label, to))
        if not step.branches and step.index + 1 < n:
            outs.append(("", step.index + 1))
        edges.extend(Edge(step.index, to, label) for label, to in outs)
    return edges


# ------------------------------------------------------------------------------------ the grid


@dataclass(frozen=True)
class _Grid:
    """One candidate grid: the routing for its column count and the sizes that follow."""

    routing: Routing
    gl: float  # left gutter width
    hgap: float
    bw: float
    bh: float
    heights: tuple[float, ...]  # lane heights, top lane first
    squeeze: float
    rows: int


def _lane_heights(lanes: Sequence[Lane], s: Spacing, squeeze: float) -> list[float]:
    heights = []
    last = len(lanes) - 1
    for j, lane in enumerate(lanes):
        below_badge = s.badge + 1.2 * s.k
        if j == 0:
            heights.append(below_badge)
            continue
        inner = (s.zone if lane.top_zone else 0) + lane.tracks * s.track + (s.zone if lane.bottom_zone else 0)
        if j == last:
            heights.append((s.pad + inner + s.pad) * squeeze if inner else 0.0)
        else:
            heights.append(s.pad * squeeze + inner * squeeze + below_badge)
    return heights


def _grid(area: Area, n: int, columns: int, edges: Sequence[Edge], s: Spacing) -> _Grid:
    routing = route(edges, n, columns)
    rows = len(routing.lanes) - 1
    gl = s.gutter_pad + routing.left * s.track if routing.left else 0.0
    gr = s.gutter_pad + routing.right * s.track if routing.right else 0.0
    grid_w = area.w - gl - gr
    hgap = min(9 * s.k, grid_w / columns * 0.24)
    bw = (grid_w - (columns - 1) * hgap) / columns
    squeeze = 1.0
    heights = _lane_heights(routing.lanes, s, squeeze)
    if sum(heights) > area.h * 0.45:
        fixed = _lane_heights(routing.lanes, s, 0.0)
        squeeze = max(0.05, (area.h * 0.45 - sum(fixed)) / max(1e-6, sum(heights) - sum(fixed)))
        heights = _lane_heights(routing.lanes, s, squeeze)
    bh = (area.h - sum(heights)) / rows
    return _Grid(routing, gl, hgap, bw, bh, tuple(heights), squeeze, rows)


def _choose(area: Area, n: int, edges: Sequence[Edge], s: Spacing, prefer_single_row: bool) -> tuple[int, _Grid]:
    best, best_score, best_grid = 1, -1.0, None
    # For each number of rows only the fewest columns matter: more columns would be narrower.
    for columns in sorted({math.ceil(n / rows) for rows in range(1, n + 1)}, reverse=True):
        grid = _grid(area, n, columns, edges, s)
        # Wider than about 70 mm (on A4) only wastes room; with equal scores fewer rows win.
        score = min(grid.bw, 70 * s.k, 1.45 * grid.bh)
        if prefer_single_row and columns == n:
            score *= 1.25
        if score > best_score * 1.02:
            best, best_score, best_grid = columns, score, grid
    return best, best_grid or _grid(area, n, best, edges, s)


# ------------------------------------------------------------------------------------ the plan


def content_areas(filled: Filled, page: Page) -> tuple[Frame, Area, Area]:
    """The page frame, the strip for user, goal and legend, and the rest for the flow."""
    canvas = filled.canvas
    fr = frame(canvas.title, canvas.summary, page)
    k, area = fr.unit, fr.content
    strip_h = 14 * k
    strip = Area(area.x, area.y, area.w, strip_h)
    rest = Area(area.x, area.y + strip_h + 5 * k, area.w, area.h - strip_h - 5 * k)
    return fr, strip, rest


def plan(filled: Filled, page: Page, area: Area | None = None) -> FlowPlan:
    """Place the steps, route the arrows and size the journey band inside the content area."""
    k = page.scale
    s = Spacing(k)
    if area is None:
        area = content_areas(filled, page)[2]
    steps = steps_of(filled)
    n = len(steps)
    journey = any(st.thought or st.feeling is not None for st in steps)
    gap = 5 * k
    band_h = min(area.h * 0.4, max(area.h * 0.3, 62 * k)) if journey else 0.0
    flow = Area(area.x, area.y, area.w, area.h - band_h - (gap if journey else 0))
    edges = edges_of(steps)
    if not n:
        band = Area(area.x, area.y + area.h - band_h, area.w, band_h) if journey else None
        return FlowPlan(flow, 0, 0, (), (), (), band)
    columns, grid = _choose(flow, n, edges, s, journey)
    bw, hgap, rows = grid.bw, grid.hgap, grid.rows
    bh = max(1.0, min(grid.bh, bw * 0.6, 40 * k))
    natural = sum(grid.heights) + bh * rows
    spare = max(0.0, flow.h - natural)
    if journey:
        grow = min(spare * 0.6, max(0.0, area.h * 0.5 - band_h))
        band_h += grow
        spare -= grow
    y = flow.y + spare / 2
    lanes = []
    row_y = []
    for j, lane in enumerate(grid.routing.lanes):
        lanes.append(replace(lane, y=y))
        y += grid.heights[j]
        if j < rows:
            row_y.append(y)
            y += bh
    grid_x = flow.x + grid.gl
    boxes = []
    for st in steps:
        row, col = divmod(st.index, columns)
        boxes.append(Box(st, grid_x + col * (bw + hgap), row_y[row], bw, bh, SHAPE.get(st.kind, "rect")))
    sq = grid.squeeze
    tracks = Tracks(pad=s.pad * sq, zone=s.zone * sq, track=s.track * sq)
    grid_right = grid_x + columns * bw + (columns - 1) * hgap
    placed = place(grid.routing.edges, boxes, lanes, tracks, grid_x, grid_right, s)
    band = Area(area.x, area.y + area.h - band_h, area.w, band_h) if journey else None
    return FlowPlan(flow, columns, rows, tuple(boxes), placed, tuple(lanes), band, bw, hgap, tracks)
