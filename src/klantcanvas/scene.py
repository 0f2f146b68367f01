"""A drawn canvas as plain shapes and fitted text, in millimetres on one page.

Layouts produce a Scene; every renderer (SVG, PDF, and the layout JSON that feeds PowerPoint)
draws the same Scene, so what the preview shows is what the PDF prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Union

from klantcanvas.text import PT, Fitted, Line, Para

__all__ = ["Circle", "Image", "Item", "Polygon", "Polyline", "Rect", "Scene", "TextBox", "ink_boxes", "text_box"]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.3
    radius: float = 0.0


@dataclass(frozen=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.3


@dataclass(frozen=True)
class Polyline:
    points: tuple[tuple[float, float], ...]
    stroke: str = "#000000"
    stroke_width: float = 0.3
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.3


@dataclass(frozen=True)
class TextBox:
    """Fitted text in the box x, y, w, h; ``paras`` keeps the source for editable exports."""

    x: float
    y: float
    w: float
    h: float
    lines: tuple[Line, ...]
    paras: tuple[Para, ...]
    color: str
    align: str
    overflow: bool
    #: What the text is (a field id, "title", ...), for tests and for export grouping.
    role: str = ""
    #: The fitted body size in points (a paragraph's size is this times its scale).
    size: float = 0.0


@dataclass(frozen=True)
class Image:
    """A JPEG (``data:image/jpeg;base64,`` URI, checked by klantcanvas.photo) filling the square
    x, y, w, h, clipped to the circle inside it: the persona's photo in place of the avatar."""

    x: float
    y: float
    w: float
    h: float
    data: str
    role: str = ""


Item = Union[Rect, Polygon, Polyline, Circle, TextBox, Image]


def text_box(
    fitted: Fitted, paras: tuple[Para, ...], x: float, y: float, w: float, h: float,
    color: str, align: str = "left", valign: str = "top", role: str = "",
) -> TextBox:
    """Place fitted lines in a box; ``valign='middle'`` centres them vertically."""
    offset = (h - fitted.height) / 2 if valign == "middle" and fitted.height < h else 0.0
    lines = _shifted(fitted.lines, offset) if offset else fitted.lines
    return TextBox(x, y, w, h, lines, paras, color, align, fitted.overflow, role, fitted.size)


@lru_cache(maxsize=4096)
def _shifted(lines: tuple[Line, ...], offset: float) -> tuple[Line, ...]:
    """``lines`` moved down by ``offset``. Cached, so a centred box that a keystroke leaves alone
    keeps the very same lines, as a top-aligned one keeps ``fit``'s (the editable preview and the
    SVG renderer know such lines again at once)."""
    return tuple(Line(ln.text, ln.dx, ln.baseline + offset, ln.size, ln.weight, ln.color, ln.width) for ln in lines)


def line_band(box: TextBox, first: int, end: int) -> tuple[float, float]:
    """Top and bottom (mm) of lines ``first`` to ``end`` of a text box: what answers a click on
    one entry of a box that shows several (the editable preview's hit area and its "+")."""
    shown = box.lines[first:end]
    return (min(box.y + ln.baseline - 0.8 * ln.size * PT for ln in shown),
            max(box.y + ln.baseline + 0.3 * ln.size * PT for ln in shown))


def ink_boxes(item: Item) -> list[tuple[float, float, float, float]]:
    """x0, y0, x1, y1 of what an item shows: one box per line of text with something on it (not
    the whole text box), the shape's box otherwise, a point per corner of a polygon or polyline."""
    if isinstance(item, TextBox):
        return [(item.x + ln.dx, item.y + ln.baseline - 0.8 * ln.size * PT, item.x + ln.dx + ln.width,
                 item.y + ln.baseline + 0.25 * ln.size * PT) for ln in item.lines if ln.text.strip()]
    if isinstance(item, Circle):
        return [(item.cx - item.r, item.cy - item.r, item.cx + item.r, item.cy + item.r)]
    if isinstance(item, (Rect, Image)):
        return [(item.x, item.y, item.x + item.w, item.y + item.h)]
    return [(x, y, x, y) for x, y in item.points]


@dataclass(frozen=True)
class Scene:
    width: float
    height: float
    title: str
    items: tuple[Item, ...]
    background: str = "#FFFFFF"

    @property
    def overflow(self) -> tuple[str, ...]:
        """Roles of text boxes whose text did not fit even at the smallest size."""
        return tuple(i.role for i in self.items if isinstance(i, TextBox) and i.overflow)

    def outside_page(self, tolerance: float = 0.01) -> list[Item]:
        """Items that reach beyond the page; a layout must always return an empty list."""
        return [item for item in self.items if not _inside(item, self.width, self.height, tolerance)]

    def text_outside_boxes(self, tolerance: float = 0.01) -> list[str]:
        """Roles of text boxes with a line wider or lower than the box; always empty for a layout."""
        return [
            box.role for box in self.items if isinstance(box, TextBox)
            for line in box.lines
            if line.dx + line.width > box.w + tolerance or line.baseline > box.h + tolerance
        ]

    def texts(self) -> list[str]:
        return [ln.text for i in self.items if isinstance(i, TextBox) for ln in i.lines]


def _inside(item: Item, width: float, height: float, eps: float) -> bool:
    if isinstance(item, (Rect, TextBox, Image)):
        return -eps <= item.x and item.x + item.w <= width + eps and -eps <= item.y and item.y + item.h <= height + eps
    if isinstance(item, (Polygon, Polyline)):
        return all(-eps <= x <= width + eps and -eps <= y <= height + eps for x, y in item.points)
    return item.r - eps <= item.cx <= width - item.r + eps and item.r - eps <= item.cy <= height - item.r + eps
