"""Arrow routing for the flow layout: pure geometry, new values in and out, nothing mutated.

``route`` works in normalised units (a column is 1 wide, a box 0.8 of it). It classifies every
edge, spreads the ports along each box side and gives every horizontal run a track in the lane
between two rows, and every run past other rows a track in the gutter beside the grid. Routes:
``straight`` (to the box beside it), ``B`` (same row, below), ``C`` (row below), ``D`` (rows
below, through the right gutter), ``E`` (row above), ``F`` (rows above, through the left gutter).

``place`` turns a routing into millimetres once the boxes and lanes have their places: the points
of each arrow's line and the triangle of its head.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["Edge", "Lane", "Outline", "Routing", "Spacing", "Tracks", "place", "route"]

Point = tuple[float, float]

# Normalised geometry for planning the tracks: a column is 1 wide, a box 0.8 of it.
_BETA = 0.8
_SEP = 0.25


@dataclass(frozen=True)
class Edge:
    """An arrow from step ``source`` to step ``target`` (indices), with what routing adds."""

    source: int
    target: int
    label: str
    route: str = ""
    src_side: str = ""
    dst_side: str = ""
    #: Where the arrow leaves and enters, as a fraction of the box width.
    src_port: float = 0.5
    dst_port: float = 0.5
    #: (lane, track) of the first and, for D and F, the second horizontal run.
    runs: tuple[tuple[int, int], ...] = ()
    #: The track in the gutter (D: right, F: left).
    gutter: int = 0
    points: tuple[Point, ...] = ()
    head: tuple[Point, ...] = ()


@dataclass(frozen=True)
class Lane:
    """The room above, between or below the rows of boxes: label zones and arrow tracks."""

    top_zone: bool = False
    bottom_zone: bool = False
    tracks: int = 0
    #: The lane's top in millimetres, once the plan has placed it.
    y: float = 0.0


@dataclass(frozen=True)
class Routing:
    edges: tuple[Edge, ...]
    lanes: tuple[Lane, ...]
    #: How many gutter tracks the left (F) and right (D) gutters need.
    left: int
    right: int


@dataclass(frozen=True)
class Spacing:
    """The flow layout's spacing in millimetres on a page of scale ``k``."""

    k: float

    @property
    def track(self) -> float:
        return 2.6 * self.k

    @property
    def pad(self) -> float:
        return 1.8 * self.k

    @property
    def zone(self) -> float:
        return 4.8 * self.k

    @property
    def badge(self) -> float:
        return 2.4 * self.k

    @property
    def gutter_pad(self) -> float:
        return 2.6 * self.k

    @property
    def arrow(self) -> float:
        return 2.0 * self.k


@dataclass(frozen=True)
class Tracks:
    """Lane spacing after squeezing: where a lane's label zone and tracks lie."""

    pad: float
    zone: float
    track: float

    def y(self, lane: Lane, track: int) -> float:
        return lane.y + self.pad + (self.zone if lane.top_zone else 0) + (track + 0.5) * self.track


class Outline(Protocol):
    """A step's box as routing sees it."""

    @property
    def x(self) -> float: ...

    @property
    def w(self) -> float: ...

    @property
    def cx(self) -> float: ...

    @property
    def cy(self) -> float: ...

    def boundary(self, dx: float, side: str) -> float: ...


# ------------------------------------------------------------------------- normalised routing


def _assign(intervals: list[tuple[float, float, Any]], sep: float,
            order: Callable[[tuple[float, float, Any]], Any] | None = None) -> dict[Any, int]:
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


def _staircase(interval: tuple[float, float, Any]) -> tuple[int, float]:
    """Track order for runs that join both rows: runs heading left take the upper tracks, the one
    furthest left first; then runs heading right, the one furthest right first. Parallel runs
    then step like stairs instead of crossing."""
    upper, lower = interval[2][2], interval[2][3]
    return (0, upper) if lower <= upper else (1, -upper)


def _classify(edges: Sequence[Edge], columns: int) -> list[tuple[str, str, str]]:
    """(route, source side, target side) per edge; only the first arrow to the box beside a
    step runs straight."""
    out = []
    straight_from: set[int] = set()
    for e in edges:
        rs, rt = e.source // columns, e.target // columns
        if rs == rt and e.target == e.source + 1 and e.source not in straight_from:
            out.append(("straight", "right", "left"))
            straight_from.add(e.source)
        elif rs == rt:
            out.append(("B", "bottom", "bottom"))
        elif rt == rs + 1:
            out.append(("C", "bottom", "top"))
        elif rt > rs:
            out.append(("D", "bottom", "top"))
        elif rt == rs - 1:
            out.append(("E", "top", "bottom"))
        else:
            out.append(("F", "top", "bottom"))
    return out


def route(edges: Sequence[Edge], n: int, columns: int) -> Routing:
    """Classify every edge, spread ports, and give each horizontal run a track (normalised units)."""
    rows = max(1, math.ceil(n / columns))
    kinds = _classify(edges, columns)

    def centre(i: int) -> float:
        return i % columns + _BETA / 2

    # Which tracks a run may use: group 0 touches only the row above the lane, group 1 both rows,
    # group 2 only the row below. Group 0 lies nearest the row above, group 2 nearest the row below.
    src_group = {"B": 0, "C": 1, "D": 0, "E": 1, "F": 2}
    dst_group = {"B": 0, "C": 1, "D": 2, "E": 1, "F": 0}

    # Ports: per box side, the runs that stay near the box in the middle (sorted by where they
    # head), deeper runs at the end away from where the near ones come from, so they cross less.
    sides: dict[tuple[int, str], list[tuple[float, int, str, int]]] = {}
    far = {"D": columns + 1.0, "F": -1.0}
    for order, (e, (kind, src_side, dst_side)) in enumerate(zip(edges, kinds)):
        if kind == "straight":
            continue
        sides.setdefault((e.source, src_side), []).append(
            (far.get(kind, centre(e.target)), order, "src", src_group[kind]))
        sides.setdefault((e.target, dst_side), []).append(
            (far.get(kind, centre(e.source)), order, "dst", dst_group[kind]))
    ports: dict[tuple[int, str], float] = {}
    for (box, side), entries in sides.items():
        near_group = 0 if side == "bottom" else 2
        near = sorted((en for en in entries if en[3] == near_group), key=lambda en: (en[0], en[1]))
        deep = sorted((en for en in entries if en[3] != near_group), key=lambda en: (en[0], en[1]))
        lean = sum(en[0] - centre(box) for en in near)
        ordered = near + deep if lean < 0 else deep + near
        m = len(ordered)
        step = min(0.18, 0.5 / (m - 1)) if m > 1 else 0.0
        for i, (_, order, end, _) in enumerate(ordered):
            ports[(order, end)] = 0.5 + (i - (m - 1) / 2) * step

    def px(i: int, fraction: float) -> float:
        return i % columns + fraction * _BETA

    top_zone = [False] * (rows + 1)
    bottom_zone = [False] * (rows + 1)
    runs: dict[tuple[int, int], list[tuple[float, float, Any]]] = {}
    left_gutter: list[tuple[float, float, Any]] = []
    right_gutter: list[tuple[float, float, Any]] = []
    for order, (e, (kind, _, _)) in enumerate(zip(edges, kinds)):
        rs, rt = e.source // columns, e.target // columns
        a, b = px(e.source, ports.get((order, "src"), e.src_port)), px(e.target, ports.get((order, "dst"), e.dst_port))
        if kind == "B":
            runs.setdefault((rs + 1, 0), []).append((min(a, b), max(a, b), (order, 0)))
        elif kind in ("C", "E"):
            # Runs between both rows; ``upper`` is the end on the row above, for ordering.
            upper, lower = (a, b) if kind == "C" else (b, a)
            lane_index = rs + 1 if kind == "C" else rs
            runs.setdefault((lane_index, 1), []).append((min(a, b), max(a, b), (order, 0, upper, lower)))
        elif kind == "D":
            runs.setdefault((rs + 1, 0), []).append((a, columns + 0.5, (order, 0)))
            runs.setdefault((rt, 2), []).append((b, columns + 0.5, (order, 1)))
            right_gutter.append((rs + 1, rt, order))
        elif kind == "F":
            runs.setdefault((rs, 2), []).append((-0.5, a, (order, 0)))
            runs.setdefault((rt + 1, 0), []).append((-0.5, b, (order, 1)))
            left_gutter.append((rt + 1, rs, order))
        if e.label and kind in ("B", "C", "D"):
            top_zone[rs + 1] = True
        if e.label and kind in ("E", "F"):
            bottom_zone[rs] = True
    edge_runs: dict[int, list[tuple[int, int]]] = {}
    lanes = []
    for lane_index in range(rows + 1):
        counts = []
        assigned = []
        for group in (0, 1, 2):
            got = _assign(runs.get((lane_index, group), []), _SEP, _staircase if group == 1 else None)
            counts.append(max(got.values()) + 1 if got else 0)
            assigned.append(got)
        lanes.append(Lane(top_zone[lane_index], bottom_zone[lane_index], sum(counts)))
        for group, got in enumerate(assigned):
            for (order, which, *_), track in got.items():
                number = sum(counts[:group]) + (counts[2] - 1 - track if group == 2 else track)
                found = edge_runs.setdefault(order, [])
                while len(found) <= which:
                    found.append((0, 0))
                found[which] = (lane_index, number)
    gutter_of: dict[int, int] = {}
    gutters = []
    for intervals in (left_gutter, right_gutter):
        assigned_gutter = _assign([(a - 0.01, b + 0.01, order) for a, b, order in intervals], 0.1)
        gutter_of.update(assigned_gutter)
        gutters.append(max(assigned_gutter.values()) + 1 if assigned_gutter else 0)
    routed = tuple(
        dataclasses.replace(
            e, route=kind, src_side=src_side, dst_side=dst_side,
            src_port=ports.get((order, "src"), e.src_port), dst_port=ports.get((order, "dst"), e.dst_port),
            runs=tuple(edge_runs.get(order, ())), gutter=gutter_of.get(order, 0),
        )
        for order, (e, (kind, src_side, dst_side)) in enumerate(zip(edges, kinds))
    )
    return Routing(routed, tuple(lanes), gutters[0], gutters[1])


# ------------------------------------------------------------------------------- millimetres


def place(edges: Sequence[Edge], boxes: Sequence[Outline], lanes: Sequence[Lane], tracks: Tracks,
          grid_x: float, grid_right: float, s: Spacing) -> tuple[Edge, ...]:
    """The routed ``edges`` with their points and arrow heads, for boxes and lanes in place."""
    al = s.arrow
    # An exit below a box and an entry into the box under it must not share one vertical line.
    exit_x: dict[int, list[float]] = {}
    for e in edges:
        if e.src_side == "bottom":
            exit_x.setdefault(e.runs[0][0], []).append(_port_x(boxes[e.source], e.src_port))
    out = []
    for e in edges:
        src, dst = boxes[e.source], boxes[e.target]
        if e.route == "straight":
            tip = (dst.x, dst.cy)
            out.append(dataclasses.replace(e, points=((src.x + src.w, src.cy), (tip[0] - al, tip[1])),
                                           head=_head(tip, (1, 0), s)))
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
        first = tracks.y(lanes[e.runs[0][0]], e.runs[0][1])
        if e.route in ("B", "C", "E"):
            pts = [(xs, ys), (xs, first), (xt, first), end]
        else:
            second = tracks.y(lanes[e.runs[1][0]], e.runs[1][1])
            if e.route == "D":
                gx = grid_right + s.gutter_pad * 0.6 + e.gutter * s.track
            else:
                gx = grid_x - s.gutter_pad * 0.6 - e.gutter * s.track
            pts = [(xs, ys), (xs, first), (gx, first), (gx, second), (xt, second), end]
        out.append(dataclasses.replace(e, points=_clean(pts), head=_head((xt, yt), (0, direction), s)))
    return tuple(out)


def _port_x(box: Outline, fraction: float) -> float:
    return box.x + box.w * fraction


def _clean(points: list[Point]) -> tuple[Point, ...]:
    """Without repeated points and without middle points on a straight line."""
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-6 and abs(out[-1][1] - p[1]) < 1e-6:
            continue
        out.append(p)
    keep = [out[0]]
    for i in range(1, len(out) - 1):
        a, b, c = keep[-1], out[i], out[i + 1]
        if abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) > 1e-9:
            keep.append(b)
    keep.append(out[-1])
    return tuple(keep)


def _head(tip: Point, direction: tuple[int, int], s: Spacing) -> tuple[Point, ...]:
    dx, dy = direction
    bx, by = tip[0] - dx * s.arrow, tip[1] - dy * s.arrow
    hw = s.arrow * 0.5
    return (tip, (bx - dy * hw, by + dx * hw), (bx + dy * hw, by - dx * hw))
