"""Dot-vote results drawn on the canvas: beside each item that got dots, the dots and their count.

A workshop's votes (klantcanvas.voting) live in its session. Every drawn format (the preview, the
room screen, SVG, PNG, PDF and PowerPoint) shows them because they are added to the Scene after
the layout: a small white pill at the top right of the item's text, holding up to five violet dots
and the number, moved left past anything already drawn there (a star, a badge). Items are found by
their text, as the vote froze it, through the same pairing of field paths and drawn text that
makes the preview editable (klantcanvas.editable)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from klantcanvas.contributions import Target, normalised, target
from klantcanvas.editable import Ids, editable_items
from klantcanvas.fill import ImportProblem
from klantcanvas.model import Filled
from klantcanvas.scene import Circle, Image, Item, Polygon, Rect, Scene, TextBox, ink_boxes, text_box
from klantcanvas.text import PT, Para, fit

__all__ = ["VOTE", "with_votes"]

#: The dots' colour: a violet no canvas uses for anything else (white text on it reads at 7:1).
VOTE = "#5B2E91"
MAX_DOTS = 5


def with_votes(filled: Filled, scene: Scene, session: Mapping[str, Any] | None) -> Scene:
    """``scene`` with every vote of ``session`` drawn on the items it counted; unchanged without votes."""
    votes = session.get("votes") if isinstance(session, Mapping) else None
    if not isinstance(votes, Mapping) or not votes:
        return scene
    from klantcanvas.voting import tally

    data = filled.as_json_data()
    drawn = {item.ids: item for item in editable_items(filled, scene)}
    k = min(scene.width, scene.height) / 297  # 1 at A3, as the layouts scale
    marks: list[Item] = []
    taken = _ink(scene.items)  # measured once; each mark adds its own
    for step_id in votes:
        try:
            _, where = target(filled.canvas, step_id)
        except ImportProblem:
            continue
        for row in tally(session or {}, str(step_id)):
            if not isinstance(row.get("dots"), int) or row["dots"] <= 0:
                continue
            for ids in _places(where, data, str(row.get("text", "")), str(row.get("in", ""))):
                item = drawn.get(ids)
                if item is not None:
                    pill = _pill(scene, scene.items[item.index], item.lines, row["dots"], k, taken)
                    marks += pill
                    taken += _ink(pill)
    return dataclasses.replace(scene, items=scene.items + tuple(marks)) if marks else scene


def _places(where: Target, data: Mapping[str, Any], text: str, parent: str) -> Iterator[Ids]:
    """The field paths (as ids, entries counted from 1 as the page shows them) of the entries whose
    text is ``text`` (in the record named ``parent``)."""
    wanted = normalised(text)

    def entries(container: Any, prefix: Ids) -> Iterator[Ids]:
        for j, entry in enumerate(container if isinstance(container, list) else []):
            if where.record is None:
                if normalised(str(entry)) == wanted:
                    yield (*prefix, where.container.id, j + 1)
            elif isinstance(entry, Mapping) and normalised(str(entry.get(where.record.id, ""))) == wanted:
                yield (*prefix, where.container.id, j + 1, where.record.id)

    if where.parent is None or where.label is None:
        yield from entries(data.get(where.container.id), ())
        return
    for i, record in enumerate(data.get(where.parent.id) or []):
        if isinstance(record, Mapping) and normalised(str(record.get(where.label.id, ""))) == normalised(parent):
            yield from entries(record.get(where.container.id), (where.parent.id, i + 1))


def _ink(items: tuple[Item, ...] | list[Item]) -> list[tuple[float, float, float, float]]:
    """What a mark must not cover: every line of text, and the box of every shape smaller than a card."""
    taken = []
    for item in items:
        if isinstance(item, TextBox):
            taken += ink_boxes(item)
        elif isinstance(item, (Circle, Polygon, Image)) or (isinstance(item, Rect) and item.w * item.h < 150):
            boxes = ink_boxes(item)
            taken.append((min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)))
    return taken


def _pill(scene: Scene, box: Item, lines: tuple[int, int] | None, dots: int, k: float,
          taken: list[tuple[float, float, float, float]]) -> list[Item]:
    """The mark for ``dots`` dots at the top right of ``box`` (of the line ``lines`` starts at)."""
    assert isinstance(box, TextBox)
    r = 1.3 * k
    h = 3.2 * r
    pad = 0.6 * r
    label = str(dots)
    paras = (Para(label, weight="bold"),)
    size = h / PT * 0.6
    fitted = fit(paras, 10 * h, h, size, size * 0.7)
    text_w = max((ln.width for ln in fitted.lines), default=0.0)
    shown = min(dots, MAX_DOTS)
    w = pad + shown * 2.3 * r + 0.3 * r + text_w + pad * 1.4
    top = box.y
    if lines is not None and lines[0] < len(box.lines):
        line = box.lines[lines[0]]
        top = box.y + line.baseline - line.size * PT * 0.8
    x, y = _free_spot(scene, box, top, w, h, taken)
    marks: list[Item] = [Rect(x, y, w, h, fill="#FFFFFF", stroke=VOTE, stroke_width=0.08 * h, radius=h / 2)]
    cx = x + pad + r
    for _ in range(shown):
        marks.append(Circle(cx, y + h / 2, r, fill=VOTE))
        cx += 2.3 * r
    tx = cx - r + 0.3 * r
    marks.append(text_box(fitted, paras, tx, y, text_w + 0.01, h, VOTE, valign="middle", role="vote-count"))
    return marks


def _free_spot(scene: Scene, box: TextBox, top: float, w: float, h: float,
               taken: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """Where the pill covers nothing: just above the text, else straddling its top edge, as far
    right as the box allows; else the first of those places (a crowded card gets it anyway)."""
    right = min(box.x + box.w - w, scene.width - w)
    candidates = [(x, y) for y in (top - h * 1.05, top - h * 0.55) if y >= 0
                  for x in _steps(right, max(0.0, box.x), h * 0.5)]
    for x, y in candidates:
        if not any(_overlaps((x, y, x + w, y + h), b) for b in taken):
            return x, y
    return (candidates[0] if candidates else (max(0.0, right), max(0.0, top)))


def _steps(start: float, stop: float, step: float) -> Iterator[float]:
    x = start
    while x >= stop:
        yield x
        x -= step
    if start < stop:
        yield start


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
