"""The flow layout: a user flow as a flowchart, and the same steps as a user journey underneath.

Used by "User flow en user journey". Steps are numbered boxes in rows that wrap left to right:
start and end are ovals (pills), actions rectangles, decisions diamonds. The next step follows
with a straight arrow when it sits beside a step; every other arrow (a row wrap, a branch that
skips or jumps back) leaves the box from the top or bottom, runs along its own track in the lane
between two rows and, to reach a row that is not adjacent, along a gutter beside the grid, so
no arrow crosses a box. Branch labels sit on the arrows. When any step has a thought or a
feeling, a band under the flowchart shows each step's thought and a feeling line.

``plan(filled, page)`` computes the geometry (tests read it); ``build`` draws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

from klantcanvas.fill import Filled
from klantcanvas.layouts.frame import INK, LINE, MUTED, PANEL, PAPER, Area, frame
from klantcanvas.paper import Page
from klantcanvas.scene import Circle, Item, Polygon, Polyline, Rect, Scene, TextBox, text_box
from klantcanvas.text import PT, Para, fit, text_width

__all__ = ["EMOTION_COLORS", "FlowPlan", "build", "field_refs", "plan"]

#: The sub-field ids a step record uses; a definition may rename them in [layout].
SUB_FIELDS = {
    "kind_field": "soort", "text_field": "tekst", "branches_field": "takken", "label_field": "label",
    "target_field": "naar", "thought_field": "gedachte", "feeling_field": "gevoel",
}
SHAPE = {"start": "pill", "einde": "pill", "beslissing": "diamond"}
FILLS = {"start": "#F2A541", "einde": "#F2A541", "actie": "#B5D8EC", "beslissing": "#23618A"}
INKS = {"start": INK, "einde": INK, "actie": "#0F2536", "beslissing": "#FFFFFF"}
ARROW = "#4A5663"
#: Feeling score -> dot colour, from coral (-2) through grey to green (+2).
EMOTION_COLORS = {-2: "#C8553D", -1: "#E39A6B", 0: "#9AA5B1", 1: "#7DB58C", 2: "#3C8D5A"}
FEELING_LINE = "#23618A"
LEVEL_LABELS = {2: "+2", 1: "+1", 0: "0", -1: "−1", -2: "−2"}

# Normalised geometry for planning the tracks: a column is 1 wide, a box 0.8 of it.
_BETA = 0.8
_SEP = 0.25
#: A pill's corner radius as a share of its height: just under a half, because fpdf2 shrinks a
#: radius of half the height or more to almost nothing (the PDF would show a plain rectangle).
_PILL = 0.495


def field_refs(options: Mapping[str, Any]) -> list[str]:
    return [options["user"], options["goal"], options["steps"]]


# --------------------------------------------------------------------------------------- model


@dataclass
class Step:
    index: int
    kind: str
    text: str
    thought: str
    feeling: int | None
    branches: list[tuple[str, int | None]]


@dataclass
class Edge:
    source: int
    target: int
    label: str
    route: str = ""  # straight, B (same row), C (row below), D (rows below), E (row above), F (rows above)
    src_side: str = ""
    dst_side: str = ""
    src_port: float = 0.5  # fraction of the box width
    dst_port: float = 0.5
    #: (lane, track) of the first and, for D and F, the second horizontal run; gutter track.
    runs: list[tuple[int, int]] = field(default_factory=list)
    gutter: int = 0
    points: tuple[tuple[float, float], ...] = ()
    head: tuple[tuple[float, float], ...] = ()


@dataclass
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


@dataclass
class Lane:
    top_zone: bool = False
    bottom_zone: bool = False
    tracks: int = 0
    y: float = 0.0
    height: float = 0.0


@dataclass
class FlowPlan:
    """Everything ``build`` draws, in millimetres; tests inspect it."""

    area: Area
    columns: int
    rows: int
    boxes: list[Box]
    edges: list[Edge]
    lanes: list[Lane]
    journey: Area | None
    #: (x, y, feeling) of each emotion dot, in step order.
    dots: list[tuple[float, float, int]]
    dims: dict[str, float]


def _steps(filled: Filled) -> list[Step]:
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
            kind=kind if kind in FILLS else "actie",
            text=record.get(sub["text_field"]) or "",
            thought=record.get(sub["thought_field"]) or "",
            feeling=max(-2, min(2, feeling)) if isinstance(feeling, int) else None,
            branches=branches,
        ))
    return steps


def _edges(steps: list[Step]) -> list[Edge]:
    """Each step leads to the next, except an end; branches (by step number) replace that.

    A branch without a number, or to a number that is not a step (or is the step itself), goes
    to the next step; after the last step it leads nowhere and is left out.
    """
    n = len(steps)
    edges = []
    for step in steps:
        if step.kind == "einde":
            continue
        outs = []
        for label, target in step.branches:
            valid = target is not None and 1 <= target <= n and target - 1 != step.index
            to = target - 1 if valid else step.index + 1
            if to < n:
                outs.append((label, to))
        if not step.branches and step.index + 1 < n:
            outs.append(("", step.index + 1))
        edges.extend(Edge(step.index, to, label) for label, to in outs)
    return edges


# ------------------------------------------------------------------------------------- routing


def _assign(intervals: list[tuple[float, float, Any]], sep: float, order: Any = None) -> dict[Any, int]:
    """First-fit tracks for intervals; by default short ones first, so nested runs sit closer to
    the boxes. ``order`` (interval -> sort key) overrides that."""
    tracks: list[list[tuple[float, float]]] = []
    out = {}
    for lo, hi, key in sorted(intervals, key=order or (lambda i: (i[1] - i[0], i[0]))):
        for number, taken in enumerate(tracks):
            if all(hi + sep < a or lo > b + sep for a, b in taken):
                taken.append((lo, hi))
                out[key] = number
                break
        else:
            tracks.append([(lo, hi)])
            out[key] = len(tracks) - 1
    return out


def _route(edges: list[Edge], n: int, columns: int) -> tuple[list[Lane], int, int]:
    """Classify every edge, spread ports, and give each horizontal run a track (normalised units)."""
    rows = max(1, math.ceil(n / columns))
    lanes = [Lane() for _ in range(rows + 1)]
    straight_from: set[int] = set()
    for e in edges:
        rs, rt = divmod(e.source, columns)[0], divmod(e.target, columns)[0]
        e.runs, e.gutter = [], 0
        if rs == rt and e.target == e.source + 1 and e.source not in straight_from:
            e.route, e.src_side, e.dst_side = "straight", "right", "left"
            straight_from.add(e.source)
        elif rs == rt:
            e.route, e.src_side, e.dst_side = "B", "bottom", "bottom"
        elif rt == rs + 1:
            e.route, e.src_side, e.dst_side = "C", "bottom", "top"
        elif rt > rs:
            e.route, e.src_side, e.dst_side = "D", "bottom", "top"
        elif rt == rs - 1:
            e.route, e.src_side, e.dst_side = "E", "top", "bottom"
        else:
            e.route, e.src_side, e.dst_side = "F", "top", "bottom"

    def centre(i: int) -> float:
        return i % columns + _BETA / 2

    # Which tracks a run may use: group 0 touches only the row above the lane, group 1 both rows,
    # group 2 only the row below. Group 0 lies nearest the row above, group 2 nearest the row below.
    src_group = {"B": 0, "C": 1, "D": 0, "E": 1, "F": 2}
    dst_group = {"B": 0, "C": 1, "D": 2, "E": 1, "F": 0}

    # Ports: per box side, the runs that stay near the box in the middle (sorted by where they
    # head), deeper runs at the end away from where the near ones come from, so they cross less.
    sides: dict[tuple[int, str], list[tuple[float, int, Edge, str, int]]] = {}
    far = {"D": columns + 1.0, "F": -1.0}
    for order, e in enumerate(edges):
        if e.route == "straight":
            continue
        sides.setdefault((e.source, e.src_side), []).append(
            (far.get(e.route, centre(e.target)), order, e, "src", src_group[e.route]))
        sides.setdefault((e.target, e.dst_side), []).append(
            (far.get(e.route, centre(e.source)), order, e, "dst", dst_group[e.route]))
    for (box, side), entries in sides.items():
        near_group = 0 if side == "bottom" else 2
        near = sorted((en for en in entries if en[4] == near_group), key=lambda en: (en[0], en[1]))
        deep = sorted((en for en in entries if en[4] != near_group), key=lambda en: (en[0], en[1]))
        lean = sum(en[0] - centre(box) for en in near)
        ordered = near + deep if lean < 0 else deep + near
        m = len(ordered)
        step = min(0.18, 0.5 / (m - 1)) if m > 1 else 0.0
        for i, (_, _, e, end, _) in enumerate(ordered):
            fraction = 0.5 + (i - (m - 1) / 2) * step
            if end == "src":
                e.src_port = fraction
            else:
                e.dst_port = fraction

    def px(i: int, fraction: float) -> float:
        return i % columns + fraction * _BETA

    runs: dict[tuple[int, int], list[tuple[float, float, Any]]] = {}
    left_gutter: list[tuple[float, float, Any]] = []
    right_gutter: list[tuple[float, float, Any]] = []
    for order, e in enumerate(edges):
        rs, rt = e.source // columns, e.target // columns
        a, b = px(e.source, e.src_port), px(e.target, e.dst_port)
        if e.route == "B":
            runs.setdefault((rs + 1, 0), []).append((min(a, b), max(a, b), (order, 0)))
        elif e.route in ("C", "E"):
            # Runs between both rows; ``upper`` is the end on the row above, for ordering.
            upper, lower = (a, b) if e.route == "C" else (b, a)
            lane_index = rs + 1 if e.route == "C" else rs
            runs.setdefault((lane_index, 1), []).append((min(a, b), max(a, b), (order, 0, upper, lower)))
        elif e.route == "D":
            runs.setdefault((rs + 1, 0), []).append((a, columns + 0.5, (order, 0)))
            runs.setdefault((rt, 2), []).append((b, columns + 0.5, (order, 1)))
            right_gutter.append((rs + 1, rt, order))
        elif e.route == "F":
            runs.setdefault((rs, 2), []).append((-0.5, a, (order, 0)))
            runs.setdefault((rt + 1, 0), []).append((-0.5, b, (order, 1)))
            left_gutter.append((rt + 1, rs, order))
        if e.label and e.route in ("B", "C", "D"):
            lanes[rs + 1].top_zone = True
        if e.label and e.route in ("E", "F"):
            lanes[rs].bottom_zone = True
    for lane_index, lane in enumerate(lanes):
        counts = []
        assigned = []
        for group in (0, 1, 2):
            got = _assign(runs.get((lane_index, group), []), _SEP, _staircase if group == 1 else None)
            counts.append(max(got.values()) + 1 if got else 0)
            assigned.append(got)
        lane.tracks = sum(counts)
        for group, got in enumerate(assigned):
            for (order, which, *_), track in got.items():
                number = sum(counts[:group]) + (counts[2] - 1 - track if group == 2 else track)
                e = edges[order]
                while len(e.runs) <= which:
                    e.runs.append((0, 0))
                e.runs[which] = (lane_index, number)
    gutters = []
    for intervals in (left_gutter, right_gutter):
        assigned = _assign([(a - 0.01, b + 0.01, order) for a, b, order in intervals], 0.1)
        for order, track in assigned.items():
            edges[order].gutter = track
        gutters.append(max(assigned.values()) + 1 if assigned else 0)
    return lanes, gutters[0], gutters[1]


def _staircase(interval: tuple[float, float, Any]) -> tuple[int, float]:
    """Track order for runs that join both rows: runs heading left take the upper tracks, the one
    furthest left first; then runs heading right, the one furthest right first. Parallel runs
    then step like stairs instead of crossing."""
    upper, lower = interval[2][2], interval[2][3]
    return (0, upper) if lower <= upper else (1, -upper)


# ------------------------------------------------------------------------------------ geometry


@dataclass
class _Sizes:
    k: float

    def __post_init__(self) -> None:
        k = self.k
        self.track = 2.6 * k
        self.pad = 1.8 * k
        self.zone = 4.8 * k
        self.badge = 2.4 * k
        self.gutter_pad = 2.6 * k
        self.arrow = 2.0 * k


def _lane_heights(lanes: list[Lane], s: _Sizes, squeeze: float) -> list[float]:
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


def _grid(area: Area, n: int, columns: int, edges: list[Edge], s: _Sizes) -> dict[str, Any]:
    lanes, left, right = _route(edges, n, columns)
    rows = len(lanes) - 1
    gl = s.gutter_pad + left * s.track if left else 0.0
    gr = s.gutter_pad + right * s.track if right else 0.0
    grid_w = area.w - gl - gr
    hgap = min(9 * s.k, grid_w / columns * 0.24)
    bw = (grid_w - (columns - 1) * hgap) / columns
    squeeze = 1.0
    heights = _lane_heights(lanes, s, squeeze)
    if sum(heights) > area.h * 0.45:
        fixed = _lane_heights(lanes, s, 0.0)
        squeeze = max(0.05, (area.h * 0.45 - sum(fixed)) / max(1e-6, sum(heights) - sum(fixed)))
        heights = _lane_heights(lanes, s, squeeze)
    bh = (area.h - sum(heights)) / rows
    return dict(lanes=lanes, left=left, right=right, gl=gl, gr=gr, hgap=hgap, bw=bw, bh=bh,
                heights=heights, squeeze=squeeze, rows=rows)


def _choose(area: Area, n: int, edges: list[Edge], s: _Sizes, prefer_single_row: bool) -> tuple[int, dict[str, Any]]:
    best, best_score, best_grid = 1, -1.0, None
    # For each number of rows only the fewest columns matter: more columns would be narrower.
    for columns in sorted({math.ceil(n / rows) for rows in range(1, n + 1)}, reverse=True):
        grid = _grid(area, n, columns, edges, s)
        # Wider than about 70 mm (on A4) only wastes room; with equal scores fewer rows win.
        score = min(grid["bw"], 70 * s.k, 1.45 * grid["bh"])
        if prefer_single_row and columns == n:
            score *= 1.25
        if score > best_score * 1.02:
            best, best_score, best_grid = columns, score, grid
    return best, best_grid  # type: ignore[return-value]


def plan(filled: Filled, page: Page, area: Area | None = None) -> FlowPlan:
    """Place the steps, route the arrows and size the journey band inside the content area."""
    k = page.scale
    s = _Sizes(k)
    if area is None:
        area = _content_areas(filled, page)[2]
    steps = _steps(filled)
    n = len(steps)
    journey = any(st.thought or st.feeling is not None for st in steps)
    gap = 5 * k
    band_h = min(area.h * 0.4, max(area.h * 0.3, 62 * k)) if journey else 0.0
    flow = Area(area.x, area.y, area.w, area.h - band_h - (gap if journey else 0))
    edges = _edges(steps)
    if not n:
        band = Area(area.x, area.y + area.h - band_h, area.w, band_h) if journey else None
        return FlowPlan(flow, 0, 0, [], [], [], band, [], {})
    columns, _ = _choose(flow, n, edges, s, journey)
    grid = _grid(flow, n, columns, edges, s)  # routing again: _choose left the last candidate's
    bw, hgap, rows = grid["bw"], grid["hgap"], grid["rows"]
    bh = max(1.0, min(grid["bh"], bw * 0.6, 40 * k))
    natural = sum(grid["heights"]) + bh * rows
    spare = max(0.0, flow.h - natural)
    if journey:
        grow = min(spare * 0.6, max(0.0, area.h * 0.5 - band_h))
        band_h += grow
        spare -= grow
    top = flow.y + spare / 2
    lanes: list[Lane] = grid["lanes"]
    y = top
    row_y = []
    for j, lane in enumerate(lanes):
        lane.y, lane.height = y, grid["heights"][j]
        y += lane.height
        if j < rows:
            row_y.append(y)
            y += bh
    grid_x = flow.x + grid["gl"]
    boxes = []
    for st in steps:
        row, col = divmod(st.index, columns)
        boxes.append(Box(st, grid_x + col * (bw + hgap), row_y[row], bw, bh, SHAPE.get(st.kind, "rect")))
    sq = grid["squeeze"]
    dims = dict(track=s.track * sq, pad=s.pad * sq, zone=s.zone * sq, hgap=hgap, bw=bw, bh=bh,
                grid_x=grid_x, grid_right=grid_x + columns * bw + (columns - 1) * hgap, k=k)
    _place_edges(edges, boxes, lanes, dims, s)
    band = None
    dots: list[tuple[float, float, int]] = []
    if journey:
        band = Area(area.x, area.y + area.h - band_h, area.w, band_h)
    return FlowPlan(flow, columns, rows, boxes, edges, lanes, band, dots, dims)


def _track_y(lane: Lane, track: int, dims: dict[str, float]) -> float:
    return lane.y + dims["pad"] + (dims["zone"] if lane.top_zone else 0) + (track + 0.5) * dims["track"]


def _port_x(box: Box, fraction: float) -> float:
    return box.x + box.w * fraction


def _place_edges(edges: list[Edge], boxes: list[Box], lanes: list[Lane], dims: dict[str, float], s: _Sizes) -> None:
    al = s.arrow
    # An exit below a box and an entry into the box under it must not share one vertical line.
    exit_x = {}
    for e in edges:
        if e.src_side == "bottom":
            exit_x.setdefault(e.runs[0][0], []).append(_port_x(boxes[e.source], e.src_port))
    for e in edges:
        src, dst = boxes[e.source], boxes[e.target]
        if e.route == "straight":
            tip = (dst.x, dst.cy)
            e.points = ((src.x + src.w, src.cy), (tip[0] - al, tip[1]))
            e.head = _head(tip, (1, 0), s)
            continue
        xs = _port_x(src, e.src_port)
        xt = _port_x(dst, e.dst_port)
        if e.dst_side == "top":
            lane_index = e.runs[-1][0]
            if any(abs(xt - x) < 1.2 * s.k for x in exit_x.get(lane_index, ())) and abs(xt - xs) > 1e-6:
                xt += 2.0 * s.k
        ys = src.boundary(xs - src.cx, e.src_side)
        yt = dst.boundary(xt - dst.cx, e.dst_side)
        direction = -1 if e.dst_side == "bottom" else 1
        end = (xt, yt - direction * al)
        first = _track_y(lanes[e.runs[0][0]], e.runs[0][1], dims)
        if e.route in ("B", "C", "E"):
            pts = [(xs, ys), (xs, first), (xt, first), end]
        else:
            second = _track_y(lanes[e.runs[1][0]], e.runs[1][1], dims)
            if e.route == "D":
                gx = dims["grid_right"] + s.gutter_pad * 0.6 + e.gutter * s.track
            else:
                gx = dims["grid_x"] - s.gutter_pad * 0.6 - e.gutter * s.track
            pts = [(xs, ys), (xs, first), (gx, first), (gx, second), (xt, second), end]
        e.points = _clean(pts)
        e.head = _head((xt, yt), (0, direction), s)


def _clean(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    out: list[tuple[float, float]] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-6 and abs(out[-1][1] - p[1]) < 1e-6:
            continue
        out.append(p)
    # Drop middle points on a straight line.
    keep = [out[0]]
    for i in range(1, len(out) - 1):
        a, b, c = keep[-1], out[i], out[i + 1]
        if abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) > 1e-9:
            keep.append(b)
    keep.append(out[-1])
    return tuple(keep)


def _head(tip: tuple[float, float], direction: tuple[int, int], s: _Sizes) -> tuple[tuple[float, float], ...]:
    dx, dy = direction
    bx, by = tip[0] - dx * s.arrow, tip[1] - dy * s.arrow
    hw = s.arrow * 0.5
    return (tip, (bx - dy * hw, by + dx * hw), (bx + dy * hw, by - dx * hw))


# --------------------------------------------------------------------------------------- build


def _content_areas(filled: Filled, page: Page) -> tuple[Any, Area, Area]:
    canvas = filled.canvas
    fr = frame(canvas.title, canvas.summary, page)
    k, area = fr.unit, fr.content
    strip_h = 14 * k
    strip = Area(area.x, area.y, area.w, strip_h)
    rest = Area(area.x, area.y + strip_h + 5 * k, area.w, area.h - strip_h - 5 * k)
    return fr, strip, rest


def _word_cap(paras: tuple[Para, ...], width: float, max_size: float) -> float:
    """The largest size (up to ``max_size``) at which no word has to be broken inside a line."""
    cap = max_size
    for para in paras:
        for word in para.text.split():
            w = text_width(word, max_size * para.scale, para.weight)
            if w > width > 0:
                cap = min(cap, max_size * width / w * 0.995)
    return cap


def _fit_common(entries: list[tuple[tuple[Para, ...], float, float]], max_size: float, floor: float, min_size: float, align: str):  # type: ignore[no-untyped-def]
    """Fit several boxes at one shared size (not below ``floor``); a box that needs less shrinks alone.

    Sizes at which a word would break between letters are avoided while the box allows it.
    """
    caps = [max(min_size, _word_cap(paras, w, max_size)) for paras, w, _ in entries]
    first = [fit(paras, w, h, cap, max(min_size, min(floor, cap)), align) for (paras, w, h), cap in zip(entries, caps)]
    if not first:
        return []
    common = max(floor, min(f.size for f in first))
    out = []
    for (paras, w, h), fitted, cap in zip(entries, first, caps):
        if abs(fitted.size - common) < 1e-9 and not fitted.overflow:
            out.append(fitted)
        else:
            out.append(fit(paras, w, h, max(min_size, min(common, cap)), min_size, align))
    return out


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
    items += _legend(list(options.get("legend", ("start of einde", "actie", "beslissing"))),
                     Area(strip.x + strip.w - legend_w, strip.y, legend_w, strip.h), k)
    return items


def _legend(labels: list[str], area: Area, k: float) -> list[Item]:
    items: list[Item] = []
    kinds = ("start", "actie", "beslissing")
    row_h = area.h / 3
    icon_w, icon_h = min(7 * k, area.w * 0.25), min(3.6 * k, row_h * 0.8)
    for i, (kind, label) in enumerate(zip(kinds, labels)):
        cy = area.y + row_h * (i + 0.5)
        x = area.x + 1 * k
        if kind == "beslissing":
            items.append(Polygon(((x, cy), (x + icon_w / 2, cy - icon_h / 2), (x + icon_w, cy), (x + icon_w / 2, cy + icon_h / 2)), fill=FILLS[kind]))
        else:
            items.append(Rect(x, cy - icon_h / 2, icon_w, icon_h, fill=FILLS[kind], radius=_PILL * icon_h if kind == "start" else 0.4 * k))
        tx = x + icon_w + 2 * k
        paras = (Para(label),)
        fitted = fit(paras, area.x + area.w - tx, row_h, 7.5 * k, 5 * k)
        items.append(text_box(fitted, paras, tx, cy - row_h / 2, area.x + area.w - tx, row_h, MUTED, valign="middle", role="legend"))
    return items


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


def _steps_items(fp: FlowPlan, filled: Filled, k: float, s: _Sizes) -> tuple[list[Item], list[Item]]:
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
    fitted = _fit_common(entries, 11 * k, 7.5 * k, 4.5 * k, "center")
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


def _edge_items(fp: FlowPlan, k: float, s: _Sizes) -> tuple[list[Item], list[Item], list[Item]]:
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
            size = max(4.5 * k, _word_cap(paras, x1 - x0, 7.5 * k))
            fitted = fit(paras, x1 - x0, bottom - top, size, 4.5 * k, "center")
            labels.append(text_box(fitted, paras, x0, bottom - fitted.height, x1 - x0, fitted.height, INK, align="center", role="branch"))
            continue
        px = e.points[0][0]
        side = sorted(ports[(e.source, e.src_side)])
        i = side.index((px, True))
        half_gap = fp.dims["hgap"] / 2 - 0.4 * k

        def room(j: int) -> float:
            x, chip = side[j]
            return abs(px - x) / 2 - 0.3 * k if chip else abs(px - x) - 0.5 * k

        left = room(i - 1) if i else px - (src.x - half_gap)
        right = room(i + 1) if i + 1 < len(side) else (src.x + src.w + half_gap) - px
        half = max(0.3 * k, min(left, right))
        lane = fp.lanes[e.runs[0][0]]
        zone = fp.dims["zone"]
        if e.src_side == "bottom":
            zy = lane.y + fp.dims["pad"]
        else:
            zy = lane.y + fp.dims["pad"] + (zone if lane.top_zone else 0) + lane.tracks * fp.dims["track"]
        paras = (Para(e.label, weight="bold"),)
        pad = 1.0 * k
        cy = zy + zone / 2
        room = 2 * half - 2 * pad
        if room < text_width("…", 4.5 * k, "bold") + 0.05:
            # No room for even an ellipsis: nothing drawn, but the overflow is reported.
            labels.append(TextBox(px, cy, 0.0, 0.0, (), paras, INK, "center", True, "branch"))
            continue
        size = max(4.5 * k, _word_cap(paras, room, 7.5 * k))
        fitted = fit(paras, room, zone - 0.8 * k, size, 4.5 * k, "center")
        if fitted.overflow:
            fw = room
        else:
            # Shrink the chip to the text, and lay the text out again in that width.
            fw = min(room, max(ln.width for ln in fitted.lines) + 0.02)
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
    head = (Para(str(options.get("journey_heading", "User journey")), weight="bold"),)
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
        pitch = fp.dims["bw"] + fp.dims["hgap"]
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
    fitted = _fit_common(entries, 9.5 * k, 6.5 * k, 4.5 * k, "center")
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
    for v in (2, 1, 0, -1, -2):
        y = level_y(v)
        items.append(Polyline(((line_left, y), (inner_right, y)), stroke=LINE if v else "#AEB8C2",
                              stroke_width=(0.3 if v else 0.4) * k, dash=() if v == 0 else (1.2 * k, 1.2 * k)))
        if v in shown:
            paras = (Para(LEVEL_LABELS[v], weight="bold"),)
            lf = fit(paras, label_w, line_h, label_size, label_size * 0.7, "right")
            items.append(text_box(lf, paras, inner_left, y - line_h / 2, label_w, line_h, MUTED, align="right", valign="middle", role="level"))
    points = [(cx, level_y(st.feeling), st.feeling) for st, cx in zip(steps, centres) if st.feeling is not None]
    fp.dots[:] = points
    if len(points) > 1:
        items.append(Polyline(tuple((x, y) for x, y, _ in points), stroke=FEELING_LINE, stroke_width=0.6 * k))
    for x, y, v in points:
        items.append(Circle(x, y, r, fill=EMOTION_COLORS[v], stroke=PAPER, stroke_width=0.4 * k))
    return items


def build(filled: Filled, page: Page) -> Scene:
    canvas = filled.canvas
    fr, strip, rest = _content_areas(filled, page)
    k = fr.unit
    s = _Sizes(k)
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
