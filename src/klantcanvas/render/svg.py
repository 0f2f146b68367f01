"""Scene -> SVG text. Every user string is XML-escaped, so typed markup stays literal text.

``as_svg(scene)`` is the live preview (it relies on the page's Inter @font-face);
``as_svg(scene, embed_fonts=True)`` carries the fonts inside, for downloads and for PNG
rendering in the browser, where an SVG image cannot reach the page's fonts: only the WOFF2
pieces of Inter that its text uses, so a typical canvas SVG stays far below 150 kB.
"""

from __future__ import annotations

import base64
import re
from functools import cache

from klantcanvas.fonts import FAMILY, WebFace, web_faces
from klantcanvas.i18n import format_number, t
from klantcanvas.scene import Circle, Polygon, Polyline, Rect, Scene, TextBox
from klantcanvas.text import PT

__all__ = ["as_svg", "FONT_STACK"]

FONT_STACK = f"{FAMILY}, 'Helvetica Neue', Arial, sans-serif"

# fill() already cleans user text; this is the last guard, so the SVG is well-formed XML whatever
# reaches it: lone surrogates become U+FFFD, code points XML forbids are dropped.
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_chars(text: str) -> str:
    return _NOT_XML.sub("", _SURROGATE.sub("\ufffd", text))


# Written out rather than taken from xml.sax.saxutils: importing that pulls in urllib.request,
# http.client and email, which cost the browser about 0.7 s before its first preview.
def escape(text: str) -> str:
    return _xml_chars(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """``text`` as a quoted XML attribute value (double quotes, unless only single ones avoid
    escaping), with line breaks kept as character references."""
    value = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _paint(fill: str | None, stroke: str | None, width: float) -> str:
    out = f' fill="{fill}"' if fill else ' fill="none"'
    if stroke:
        out += f' stroke="{stroke}" stroke-width="{_n(width)}"'
    return out


@cache
def _font_face(face: WebFace) -> str:
    data = base64.b64encode(face.data()).decode("ascii")
    return (
        f"@font-face{{font-family:'{FAMILY}';font-weight:{face.weight};unicode-range:{face.ranges};"
        f"src:url(data:font/woff2;base64,{data}) format('woff2');}}"
    )


def _font_faces(scene: Scene) -> str:
    """Only the pieces of Inter this scene's text uses (a typical canvas: Latin, two weights)."""
    shown: dict[int, list[str]] = {400: [], 700: []}
    for item in scene.items:
        if isinstance(item, TextBox):
            for line in item.lines:
                shown[700 if line.weight == "bold" else 400].append(_xml_chars(line.text))
    return "".join(_font_face(face) for face in web_faces({w: "".join(t) for w, t in shown.items()}))


def _text(box: TextBox) -> list[str]:
    out = []
    for line in box.lines:
        weight = ' font-weight="700"' if line.weight == "bold" else ""
        color = line.color or box.color
        out.append(
            f'<text x="{_n(box.x + line.dx)}" y="{_n(box.y + line.baseline)}" '
            f'font-size="{_n(line.size * PT)}"{weight} fill="{color}">{escape(line.text)}</text>'
        )
    return out


def as_svg(scene: Scene, *, embed_fonts: bool = False, label: str = "", metadata: str = "") -> str:
    """The scene as a standalone SVG document sized in millimetres; ``metadata`` is a ready
    ``<metadata>`` element (the canvas data of a download, from klantcanvas.embedded)."""
    w, h = _n(scene.width), _n(scene.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" viewBox="0 0 {w} {h}" '
        f'role="img" aria-label={quoteattr(label or scene.title)} font-family="{FONT_STACK}" '
        f'text-rendering="geometricPrecision">',
        f"<title>{escape(label or scene.title)}</title>",
        f"<desc>{escape(t('render.svg_description', title=scene.title, width=format_number(scene.width), height=format_number(scene.height)))}</desc>",
    ]
    if metadata:
        parts.append(metadata)
    if embed_fonts:
        parts.append(f"<style>{_font_faces(scene)}</style>")
    parts.append(f'<rect width="{w}" height="{h}" fill="{scene.background}"/>')
    for item in scene.items:
        if isinstance(item, Rect):
            radius = f' rx="{_n(item.radius)}"' if item.radius else ""
            parts.append(
                f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" height="{_n(item.h)}"{radius}'
                f"{_paint(item.fill, item.stroke, item.stroke_width)}/>"
            )
        elif isinstance(item, Polygon):
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
            parts.append(f'<polygon points="{points}"{_paint(item.fill, item.stroke, item.stroke_width)}/>')
        elif isinstance(item, Polyline):
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
            dash = f' stroke-dasharray="{" ".join(_n(d) for d in item.dash)}"' if item.dash else ""
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{item.stroke}" '
                f'stroke-width="{_n(item.stroke_width)}" stroke-linejoin="round" stroke-linecap="round"{dash}/>'
            )
        elif isinstance(item, Circle):
            parts.append(
                f'<circle cx="{_n(item.cx)}" cy="{_n(item.cy)}" r="{_n(item.r)}"'
                f"{_paint(item.fill, item.stroke, item.stroke_width)}/>"
            )
        elif isinstance(item, TextBox):
            parts.extend(_text(item))
    parts.append("</svg>")
    return "\n".join(parts)
