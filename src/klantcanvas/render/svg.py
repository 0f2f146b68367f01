"""Scene -> SVG text. Every user string is XML-escaped, so typed markup stays literal text.

``as_svg(scene)`` is the live preview (it relies on the page's Inter @font-face);
``as_svg(scene, embed_fonts=True)`` carries the fonts inside, for downloads and for PNG
rendering in the browser, where an SVG image cannot reach the page's fonts: only the WOFF2
pieces of Inter that its text uses, so a typical canvas SVG stays far below 150 kB.
``as_svg(scene, marks=..., legend=...)`` outlines some items (what changed between two versions,
see ``klantcanvas.compare``) and adds a band below the page that says what the outline means.
``as_svg(scene, groups=...)`` wraps items in a ``<g>`` with the given attributes (the preview's
editable items, see ``klantcanvas.editable``); the drawing then is a group of items, not one image.
Downloads pass no groups, so they stay exactly as they were.

Every element inside the ``<svg>`` is written on a line of its own (a group with all it holds,
its elements apart by a space, so the lines of a text read as words), and no line holds two:
the page compares a new preview with the last one line by line and parses only the lines that
changed (docs/assets/klantcanvas/drawing.js).
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Collection, Mapping, Sequence
from functools import cache, lru_cache

from klantcanvas.fonts import FAMILY, WebFace, web_faces
from klantcanvas.i18n import format_number, t
from klantcanvas.scene import Circle, Image, Item, Polygon, Polyline, Rect, Scene, TextBox, ink_boxes, line_band
from klantcanvas.text import PT, text_width

__all__ = ["as_svg", "FONT_STACK", "MARK_COLOUR"]

FONT_STACK = f"{FAMILY}, 'Helvetica Neue', Arial, sans-serif"
#: The outline of a marked item: 6.0:1 against white, drawn over a white halo so that it stands
#: out on every panel colour too.
MARK_COLOUR = "#B0105A"
#: The editable preview's "+" buttons: white on this blue is 6.8:1.
BUTTON_COLOUR = "#1F5F8B"

# fill() already cleans user text; this is the last guard, so the SVG is well-formed XML whatever
# reaches it: lone surrogates become U+FFFD, code points XML forbids are dropped.
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_chars(text: str) -> str:
    return _NOT_XML.sub("", _SURROGATE.sub("\ufffd", text))


# Written out rather than taken from xml.sax.saxutils: importing that pulls in urllib.request,
# http.client and email, which cost the browser about 0.7 s before its first preview.
def escape(text: str) -> str:
    """Text content, its line breaks as character references (the same text to a reader, and
    every element stays on one line of the SVG)."""
    return _xml_chars(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "&#10;").replace("\r", "&#13;")


@lru_cache(maxsize=8192)  # the editable preview names every item again on each keystroke
def quoteattr(text: str) -> str:
    """``text`` as a quoted XML attribute value (double quotes, unless only single ones avoid
    escaping), with line breaks kept as character references."""
    value = escape(text).replace("\t", "&#9;")
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


@lru_cache(maxsize=8192)
def _drawn(item: Item) -> tuple[str, ...]:
    """The SVG elements of a shape or a text box (a photo's clip id depends on its place, so it
    has its own). Cached: a keystroke changes one field, and the preview that follows draws every
    other item exactly as before."""
    if isinstance(item, Rect):
        radius = f' rx="{_n(item.radius)}"' if item.radius else ""
        return (f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" height="{_n(item.h)}"{radius}'
                f"{_paint(item.fill, item.stroke, item.stroke_width)}/>",)
    if isinstance(item, Polygon):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
        return (f'<polygon points="{points}"{_paint(item.fill, item.stroke, item.stroke_width)}/>',)
    if isinstance(item, Polyline):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
        dash = f' stroke-dasharray="{" ".join(_n(d) for d in item.dash)}"' if item.dash else ""
        return (f'<polyline points="{points}" fill="none" stroke="{item.stroke}" '
                f'stroke-width="{_n(item.stroke_width)}" stroke-linejoin="round" stroke-linecap="round"{dash}/>',)
    if isinstance(item, Circle):
        return (f'<circle cx="{_n(item.cx)}" cy="{_n(item.cy)}" r="{_n(item.r)}"'
                f"{_paint(item.fill, item.stroke, item.stroke_width)}/>",)
    if isinstance(item, TextBox):
        return tuple(_text(item))
    return ()


def _image(item: Image, index: int) -> list[str]:
    """The photo as a data URI (already a checked JPEG without metadata), clipped to its circle.
    The clip's id depends on what it clips, so two drawings inline in one page (the preview and a
    comparison) never borrow each other's clip."""
    clip = f"kc-clip-{index}-{zlib.crc32(f'{item.x:.2f},{item.y:.2f},{item.w:.2f},{item.data}'.encode()):08x}"
    box = f'x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" height="{_n(item.h)}"'
    return [
        f'<clipPath id="{clip}"><circle cx="{_n(item.x + item.w / 2)}" cy="{_n(item.y + item.h / 2)}" r="{_n(min(item.w, item.h) / 2)}"/></clipPath>',
        f'<image {box} preserveAspectRatio="xMidYMid slice" clip-path="url(#{clip})" href={quoteattr(item.data)}/>',
    ]


def _bounds(item: Item) -> tuple[float, float, float, float] | None:
    """x0, y0, x1, y1 of what an item shows (for text: its lines, not its whole box)."""
    boxes = ink_boxes(item)
    if not boxes:
        return None
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _mark(item: Item, unit: float) -> list[str]:
    """An outline around a marked item: white underneath, the mark colour on top."""
    bounds = _bounds(item)
    if bounds is None:
        return []
    pad = unit
    x, y = bounds[0] - pad, bounds[1] - pad
    w, h = bounds[2] - bounds[0] + 2 * pad, bounds[3] - bounds[1] + 2 * pad
    box = f'x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{_n(pad)}" fill="none"'
    return [f'<g class="kc-mark"><rect {box} stroke="#FFFFFF" stroke-width="{_n(unit * 1.6)}"/>'
            f'<rect {box} stroke="{MARK_COLOUR}" stroke-width="{_n(unit * 0.7)}"/></g>']


def _open_group(attrs: Mapping[str, str]) -> str:
    return _group_tag(tuple(attrs.items()))


@lru_cache(maxsize=4096)  # most editable items are named as before on the next keystroke
def _group_tag(attrs: tuple[tuple[str, str], ...]) -> str:
    return "<g" + "".join(f" {name}={quoteattr(value)}" for name, value in attrs) + ">"


@lru_cache(maxsize=4096)  # an item's box stays where it was on the next keystroke
def _hit(x: float, y: float, w: float, h: float) -> str:
    """What answers a click on an editable item: its whole box, not only the glyphs."""
    return f'<rect class="kc-hit" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="none" pointer-events="all"/>'


def _button(cx: float, cy: float, r: float, attrs: Mapping[str, str]) -> str:
    """A round "+" button (named by its aria-label: a <title> would be a second title in the drawing)."""
    return f"{_open_group(attrs)}{_plus(cx, cy, r)}</g>"


@lru_cache(maxsize=1024)  # the buttons stay where they were on most keystrokes
def _plus(cx: float, cy: float, r: float) -> str:
    a = r * 0.55
    return (f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="{BUTTON_COLOUR}" stroke="#FFFFFF" '
            f'stroke-width="{_n(r / 6)}"/><path d="M{_n(cx - a)} {_n(cy)}H{_n(cx + a)}M{_n(cx)} {_n(cy - a)}V{_n(cy + a)}" '
            f'stroke="#FFFFFF" stroke-width="{_n(r / 4)}" stroke-linecap="round"/>')


def _text_in_groups(box: TextBox, groups: Sequence[tuple[tuple[int, int], Mapping[str, str]]]) -> list[str]:
    """A text box whose line ranges (one list entry each) are wrapped in their own groups."""
    lines = _drawn(box)
    starts = {first: (end, attrs) for (first, end), attrs in groups}
    out: list[str] = []
    n = 0
    while n < len(lines):
        if n not in starts:
            out.append(lines[n])
            n += 1
            continue
        end, attrs = starts[n]
        top, bottom = line_band(box, n, end)
        out.append(" ".join((_open_group(attrs), _hit(box.x, top, box.w, bottom - top), *lines[n:end], "</g>")))
        n = max(end, n + 1)
    return out


def _elements(item: Item, index: int) -> Sequence[str]:
    """The SVG elements of one scene item, as ``_drawn`` or ``_image`` give them."""
    return _image(item, index) if isinstance(item, Image) else _drawn(item)


def _grouped(item: Item, index: int, wrapped: Sequence[tuple[tuple[int, int] | None, Mapping[str, str]]]) -> Sequence[str]:
    """An item in the ``<g>`` of its editable item, or a text box with its line ranges in theirs."""
    group = next((attrs for lines, attrs in wrapped if lines is None), None)
    if isinstance(item, TextBox) and not group:
        return _text_in_groups(item, [(lines, attrs) for lines, attrs in wrapped if lines is not None])
    if group:  # one line, as every element at the top: the page redraws a changed line alone
        hit = _hit(item.x, item.y, item.w, item.h) if isinstance(item, TextBox) else ""  # the whole box answers a click
        return [" ".join((_open_group(group), hit, *_elements(item, index), "</g>"))]  # spaced: its lines read as words
    return _elements(item, index)


def _legend(scene: Scene, legend: str, band: float, unit: float) -> list[str]:
    """The band below the page: a sample outline and what it means, shrunk to fit the width."""
    size = band * 0.42
    room = scene.width - band * 2.2
    width = text_width(legend, size / PT)
    if width > room:
        size *= room / width
    y = scene.height
    sample = f'x="{_n(band * 0.4)}" y="{_n(y + band * 0.25)}" width="{_n(band * 1.2)}" height="{_n(band * 0.5)}" rx="{_n(unit)}"'
    return [
        f'<g class="kc-legend"><rect x="0" y="{_n(y)}" width="{_n(scene.width)}" height="{_n(band)}" fill="#FFFFFF"/>'
        f'<rect {sample} fill="none" stroke="{MARK_COLOUR}" stroke-width="{_n(unit * 0.7)}"/>'
        f'<text x="{_n(band * 1.9)}" y="{_n(y + band * 0.5 + size * 0.35)}" font-size="{_n(size)}" fill="#1A1A1A">{escape(legend)}</text></g>',
    ]


def as_svg(scene: Scene, *, embed_fonts: bool = False, label: str = "", metadata: str = "",
           marks: Collection[int] = (), legend: str = "",
           groups: Mapping[int, Sequence[tuple[tuple[int, int] | None, Mapping[str, str]]]] | None = None,
           buttons: Sequence[tuple[float, float, float, Mapping[str, str]]] = ()) -> str:
    """The scene as a standalone SVG document sized in millimetres; ``metadata`` is a ready
    ``<metadata>`` element (the canvas data of a download, from klantcanvas.embedded). The items
    whose indexes are in ``marks`` get an outline; ``legend`` adds a band below saying why.
    ``groups`` maps item indexes to ``<g>`` elements around them: (None, attributes) wraps the
    whole item, ((first, end), attributes) only those lines of a text box. ``buttons`` are round
    "+" buttons drawn on top: centre, radius and the attributes of their ``<g>``."""
    marked = set(marks)
    unit = max(scene.width, scene.height) / 400  # about 1 mm on A3, so marks look alike on every paper
    band = 12 * unit if legend else 0.0
    w, h = _n(scene.width), _n(scene.height + band)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" viewBox="0 0 {w} {h}" '
        f'role="{"group" if groups else "img"}" aria-label={quoteattr(label or scene.title)} font-family="{FONT_STACK}" '
        f'text-rendering="geometricPrecision">',
        f"<title>{escape(label or scene.title)}</title>",
        f"<desc>{escape(t('render.svg_description', title=scene.title, width=format_number(scene.width), height=format_number(scene.height)))}</desc>",
    ]
    if metadata:
        parts.append(metadata)
    if embed_fonts:
        parts.append(f"<style>{_font_faces(scene)}</style>")
    parts.append(f'<rect width="{w}" height="{h}" fill="{scene.background}"/>')
    for index, item in enumerate(scene.items):
        wrapped = groups.get(index) if groups else None
        parts.extend(_grouped(item, index, wrapped) if wrapped else _elements(item, index))
        if index in marked:
            parts.extend(_mark(item, unit))
    if legend:
        parts.extend(_legend(scene, legend, band, unit))
    parts.extend(_button(cx, cy, r, attrs) for cx, cy, r, attrs in buttons)
    parts.append("</svg>")
    return "\n".join(parts)
