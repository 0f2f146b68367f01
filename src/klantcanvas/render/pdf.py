"""Scene -> PDF bytes with fpdf2: vector shapes, the Inter font embedded (subset), text selectable.

fpdf2 runs without Pillow, which Pyodide cannot load here; its import is the slowest step in the
browser (about two seconds), so this module is imported only when a PDF is asked for.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import datetime, timezone
from importlib.resources import as_file, files
from typing import Any

from klantcanvas.fonts import FAMILY, WEIGHTS
from klantcanvas.i18n import current_language, t
from klantcanvas.photo import jpeg_bytes, photo_key
from klantcanvas.scene import Circle, Image, Polygon, Polyline, Rect, Scene, TextBox

__all__ = ["as_pdf", "warm"]

#: A scene's photo was checked against its field's cap already; this only bounds the work here.
MAX_IMAGE_BYTES = 2_000_000
#: Fixed so that the same canvas gives the same bytes (golden files, caching).
CREATION_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def _new_document(scene: Scene, language: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fpdf2 warns once that Pillow is absent
        from fpdf import FPDF

    short, long = sorted((scene.width, scene.height))
    pdf = FPDF(orientation="L" if scene.width > scene.height else "P", unit="mm", format=(short, long))
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.set_title(scene.title)
    pdf.set_lang(language)
    pdf.set_creator("Klantcanvas")
    pdf.set_producer("Klantcanvas (fpdf2)")
    pdf.set_creation_date(CREATION_DATE)
    folder = files("klantcanvas.fonts")
    for weight, style in (("regular", ""), ("bold", "B")):
        with as_file(folder.joinpath(WEIGHTS[weight])) as path:
            pdf.add_font(FAMILY, style, str(path))
    pdf.add_page()
    return pdf


def _register_jpeg(pdf: Any, image: Image) -> str:
    """Put the photo into fpdf2's image cache ourselves and return the name to draw it by.

    fpdf2 2.8.9 opens every raster image with Pillow, even a JPEG it then copies as it is, and
    Pillow cannot be loaded in the browser. A JPEG needs no decoding to go into a PDF (its bytes
    become an image XObject with /Filter /DCTDecode), so we give fpdf2 the entry its own parser
    would have made (fpdf.image_parsing.get_img_info, the JPEG branch): with a name already in
    ``image_cache.images`` ``pdf.image()`` skips parsing. A ``data:`` name passes fpdf2's
    resource-access check without touching any file. The photo was checked by klantcanvas.photo
    (baseline or progressive, 8-bit, 1 or 3 components), so these fields hold."""
    from fpdf.image_datastructures import RasterImageInfo

    from klantcanvas.photo import clean_jpeg

    name = f"data:{photo_key(image.data)}"
    cache = pdf.image_cache.images
    if name not in cache:
        raw = jpeg_bytes(image.data, MAX_IMAGE_BYTES)
        data, frame = clean_jpeg(raw, max_side=0xFFFF, max_bytes=MAX_IMAGE_BYTES)
        colours, space = (3, "DeviceRGB") if frame.components == 3 else (1, "DeviceGray")
        info = RasterImageInfo({
            "data": data, "w": frame.width, "h": frame.height, "cs": space, "iccp": None, "dpn": colours,
            "bpc": 8, "f": "DCTDecode", "inverted": False, "dp": f"/Predictor 15 /Colors {colours} /Columns {frame.width}",
        })
        info.update({"i": len(cache) + 1, "usages": 0, "iccp_i": None})  # image() counts this use
        cache[name] = info
    return name


def _style(pdf: Any, fill: str | None, stroke: str | None, width: float) -> str:
    if fill:
        pdf.set_fill_color(*_rgb(fill))
    if stroke:
        pdf.set_draw_color(*_rgb(stroke))
        pdf.set_line_width(width)
    return ("F" if fill else "") + ("D" if stroke else "")


def as_pdf(scene: Scene, language: str | None = None, attachment: tuple[str, str] | None = None,
           more: Callable[[Any], None] | None = None) -> bytes:
    """The scene as a one-page PDF; ``language`` (default: the active one) is its document language.

    ``attachment`` (file name, saved-file JSON) is embedded as a file, so the PDF opens again as a
    canvas (see klantcanvas.embedded). ``more`` may add pages after the canvas (it gets the fpdf2
    document with the font family ``FAMILY`` set up; see klantcanvas.report)."""
    pdf = _new_document(scene, language or current_language())
    if attachment:
        name, saved = attachment
        pdf.embed_file(
            bytes=saved.encode("utf-8"), basename=name, mime_type="application/json", desc=t("render.attachment"),
            compress=True, creation_date=CREATION_DATE, modification_date=CREATION_DATE,
        )
    if scene.background.upper() != "#FFFFFF":
        pdf.set_fill_color(*_rgb(scene.background))
        pdf.rect(0, 0, scene.width, scene.height, style="F")
    for item in scene.items:
        if isinstance(item, Rect):
            style = _style(pdf, item.fill, item.stroke, item.stroke_width)
            if style:
                # fpdf2 flattens a radius of half the shorter side or more: cap just below it.
                radius = min(item.radius, 0.499 * min(item.w, item.h))
                pdf.rect(item.x, item.y, item.w, item.h, style=style, round_corners=radius > 0, corner_radius=radius)
        elif isinstance(item, Polygon):
            style = _style(pdf, item.fill, item.stroke, item.stroke_width)
            if style:
                pdf.polygon(list(item.points), style=style)
        elif isinstance(item, Polyline):
            _style(pdf, None, item.stroke, item.stroke_width)
            if item.dash:
                pdf.set_dash_pattern(dash=item.dash[0], gap=item.dash[-1])
            pdf.polyline(list(item.points), style="D")
            pdf.set_dash_pattern()
        elif isinstance(item, Circle):
            style = _style(pdf, item.fill, item.stroke, item.stroke_width)
            if style:
                pdf.circle(item.cx, item.cy, item.r, style=style)
        elif isinstance(item, Image):
            name = _register_jpeg(pdf, item)
            with pdf.elliptic_clip(item.x, item.y, item.w, item.h):
                pdf.image(name, item.x, item.y, item.w, item.h)
        elif isinstance(item, TextBox):
            for line in item.lines:
                pdf.set_text_color(*_rgb(line.color or item.color))
                pdf.set_font(FAMILY, "B" if line.weight == "bold" else "", line.size)
                pdf.text(item.x + line.dx, item.y + line.baseline, line.text)
    if more is not None:
        more(pdf)
    try:
        return bytes(pdf.output())
    finally:
        _close_fonts(pdf)


def _close_fonts(pdf: Any) -> None:
    """fpdf2 reads the TTFs lazily and keeps them open; close them rather than leave it to the GC."""
    for font in pdf.fonts.values():
        close = getattr(font, "close", None)
        if close:
            close()


def warm(scene: Scene) -> None:
    """Import and set up the PDF machinery (fpdf2, fontTools, the fonts) ahead of the first PDF."""
    _close_fonts(_new_document(scene, current_language()))
