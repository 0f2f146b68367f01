"""One entry point for every file the engine makes: format id -> filename, MIME type and bytes.

The browser facade and the command line both call ``export``. JSON, xlsx and Markdown hold the
canvas as data (no paper size); PDF, SVG and PNG draw it on a page. PNG is the one format finished
outside Python (the browser rasterises the font-embedded SVG that ``export`` returns for it).
Every file carries the JSON download's exact text, so that it opens again (klantcanvas.embedded).
"""

from __future__ import annotations

from dataclasses import dataclass

from klantcanvas.embedded import markdown_comment, svg_metadata, zip_with_data
from klantcanvas.fill import saved_file
from klantcanvas.model import Filled
from klantcanvas.i18n import t
from klantcanvas.layouts import build_scene
from klantcanvas.paper import page

__all__ = ["FORMATS", "PAPERLESS", "Export", "export", "filename"]

#: format id -> (MIME type, file extension)
FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "svg": ("image/svg+xml", "svg"),
    "png": ("image/png", "png"),
    "json": ("application/json", "json"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "md": ("text/markdown", "md"),
}

#: Formats that hold the canvas as data, not as a drawn page: no paper size in their file name.
PAPERLESS = ("json", "xlsx", "md")


@dataclass(frozen=True)
class Export:
    filename: str
    mime: str
    content: bytes
    #: True when the browser still has to turn ``content`` (an SVG) into the final format.
    rasterize: bool = False


def filename(filled: Filled, fmt: str, paper: str, orientation: str) -> str:
    if fmt in PAPERLESS:
        return f"{filled.canvas.id}.{FORMATS[fmt][1]}"
    return f"{filled.canvas.id}-{paper.lower()}-{t('files.' + orientation)}.{FORMATS[fmt][1]}"


def export(filled: Filled, fmt: str, paper: str | None = None, orientation: str | None = None, saved_at: str = "") -> Export:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    paper = paper or filled.canvas.paper
    orientation = orientation or filled.canvas.orientation
    name = filename(filled, fmt, paper, orientation)
    mime = FORMATS[fmt][0]
    saved = saved_file(filled, saved_at)
    if fmt == "json":
        return Export(name, mime, saved.encode("utf-8"))
    if fmt == "xlsx":
        from klantcanvas.render.xlsx import as_xlsx

        return Export(name, mime, zip_with_data(as_xlsx(filled), saved))
    if fmt == "md":
        from klantcanvas.render.markdown import as_markdown

        return Export(name, mime, (as_markdown(filled) + "\n" + markdown_comment(saved)).encode("utf-8"))
    scene = build_scene(filled, page(paper, orientation))
    if fmt == "pdf":
        from klantcanvas.render.pdf import as_pdf

        return Export(name, mime, as_pdf(scene, attachment=(filename(filled, "json", paper, orientation), saved)))
    from klantcanvas.render.svg import as_svg

    metadata = svg_metadata(saved, png=fmt == "png")
    svg = as_svg(scene, embed_fonts=True, metadata=metadata).encode("utf-8")
    return Export(name, mime, svg, rasterize=fmt == "png")
