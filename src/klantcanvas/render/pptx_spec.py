"""Scene -> a plain JSON description of native PowerPoint shapes and editable text boxes.

python-pptx needs lxml, which Pyodide cannot load, so the .pptx itself is written by pptxgenjs
(pinned in package.json) in docs/assets/klantcanvas/pptx.js, which only maps this description
onto its API. All geometry is in inches; text keeps its paragraphs so PowerPoint re-wraps it.
"""

from __future__ import annotations

from typing import Any

from klantcanvas.fonts import FAMILY
from klantcanvas.i18n import locale_tag
from klantcanvas.photo import DATA_PREFIX
from klantcanvas.scene import Circle, Image, Polygon, Polyline, Rect, Scene, TextBox
from klantcanvas.text import PT

__all__ = ["as_pptx_spec"]

INCH = 25.4


def _in(mm: float) -> float:
    return round(mm / INCH, 4)


def _color(value: str | None) -> str | None:
    return value.lstrip("#").upper() if value else None


def _points(points: tuple[tuple[float, float], ...]) -> dict[str, Any]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, y0 = min(xs), min(ys)
    return {
        "x": _in(x0), "y": _in(y0), "w": max(_in(max(xs) - x0), 0.01), "h": max(_in(max(ys) - y0), 0.01),
        "points": [{"x": _in(x - x0), "y": _in(y - y0)} for x, y in points],
    }


def dash_type(dash: tuple[float, ...]) -> str:
    """The PowerPoint dash type (pptxgenjs ``dashType``) closest to a scene's dash pattern: solid,
    round dots (a dash much shorter than its gap), long dashes (much longer) or dashes."""
    if not dash:
        return "solid"
    on, off = dash[0], dash[-1]
    if on <= off * 0.4:
        return "sysDot"
    if on >= off * 1.8:
        return "lgDash"
    return "dash"


def _text(box: TextBox) -> dict[str, Any]:
    base = box.size or (box.lines[0].size if box.lines else 10)
    paragraphs = [
        {"text": p.text, "bold": p.weight == "bold", "size": round(base * p.scale * 0.96, 1),
         "color": _color(p.color or box.color), "bullet": p.bullet}
        for p in box.paras if p.text.strip()
    ]
    # Start the box where the fitted text starts, so vertically centred text stays centred.
    top = box.y + (box.lines[0].baseline - box.lines[0].size * PT * 0.93 if box.lines else 0.0)
    return {"type": "text", "x": _in(box.x), "y": _in(top), "w": _in(box.w), "h": _in(box.y + box.h - top),
            "align": box.align, "paragraphs": paragraphs, "role": box.role}


def as_pptx_spec(scene: Scene) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for item in scene.items:
        if isinstance(item, Rect):
            items.append({"type": "rect", "x": _in(item.x), "y": _in(item.y), "w": _in(item.w), "h": _in(item.h),
                          "fill": _color(item.fill), "line": _color(item.stroke), "lineWidth": round(item.stroke_width * 72 / INCH, 2),
                          "radius": _in(item.radius)})
        elif isinstance(item, Polygon):
            items.append({"type": "poly", **_points(item.points + item.points[:1]), "fill": _color(item.fill),
                          "line": _color(item.stroke), "lineWidth": round(item.stroke_width * 72 / INCH, 2), "closed": True})
        elif isinstance(item, Polyline):
            items.append({"type": "poly", **_points(item.points), "fill": None, "line": _color(item.stroke),
                          "lineWidth": round(item.stroke_width * 72 / INCH, 2), "closed": False, "dash": dash_type(item.dash)})
        elif isinstance(item, Circle):
            items.append({"type": "ellipse", "x": _in(item.cx - item.r), "y": _in(item.cy - item.r), "w": _in(2 * item.r), "h": _in(2 * item.r),
                          "fill": _color(item.fill), "line": _color(item.stroke), "lineWidth": round(item.stroke_width * 72 / INCH, 2)})
        elif isinstance(item, Image):
            # pptxgenjs takes "image/jpeg;base64,..." (a data URI without "data:"); rounding
            # crops the picture to the circle it fills, as the other formats clip it.
            items.append({"type": "image", "x": _in(item.x), "y": _in(item.y), "w": _in(item.w), "h": _in(item.h),
                          "data": item.data[len("data:"):] if item.data.startswith(DATA_PREFIX) else "",
                          "rounding": True, "role": item.role})
        elif isinstance(item, TextBox) and item.paras:
            items.append(_text(item))
    return {"width": _in(scene.width), "height": _in(scene.height), "title": scene.title, "lang": locale_tag(), "font": FAMILY,
            "background": _color(scene.background), "items": items}
