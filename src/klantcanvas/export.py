"""One entry point for every file the engine makes: format id -> filename, MIME type and bytes.

The browser facade and the command line both call ``export``. JSON, xlsx and Markdown hold the
canvas as data (no paper size); PDF, SVG, PNG and PowerPoint draw it on a page. Two formats are
finished in the browser, and each says how (``Format.finish``): PNG is the font-embedded SVG that
the browser rasterises, PowerPoint a shape description that pptxgenjs (docs/assets/klantcanvas/
pptx.js) writes as a .pptx. The page only follows what the answer says; it knows no format.
Every file carries the JSON download's exact text, so that it opens again (klantcanvas.embedded).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from klantcanvas.embedded import markdown_comment, office_package_parts, svg_metadata, zip_with_data
from klantcanvas.fill import saved_file
from klantcanvas.model import Filled
from klantcanvas.i18n import t
from klantcanvas.layouts import build_scene
from klantcanvas.paper import page

__all__ = ["FINISHED_IN_PYTHON", "FORMATS", "PAPERLESS", "Export", "Format", "export", "filename"]


@dataclass(frozen=True)
class Format:
    mime: str
    extension: str
    #: How the browser turns what ``export`` returns into the file: None (it is the file already),
    #: "rasterize" (draw the SVG into a PNG) or "pptxgenjs" (write the shape description as .pptx).
    finish: str | None = None


#: Every format the engine makes, by id.
FORMATS = {
    "pdf": Format("application/pdf", "pdf"),
    "svg": Format("image/svg+xml", "svg"),
    "png": Format("image/png", "png", finish="rasterize"),
    "pptx": Format("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", finish="pptxgenjs"),
    "json": Format("application/json", "json"),
    "xlsx": Format("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "md": Format("text/markdown", "md"),
}

#: The formats whose file ``export`` makes complete, without a browser (the command line's choice).
FINISHED_IN_PYTHON = tuple(fmt for fmt, spec in FORMATS.items() if spec.finish is None)

#: Formats that hold the canvas as data, not as a drawn page: no paper size in their file name.
PAPERLESS = ("json", "xlsx", "md")


@dataclass(frozen=True)
class Export:
    filename: str
    mime: str
    content: bytes
    #: How the browser still has to finish ``content`` (``Format.finish``); None when it is the file.
    finish: str | None = None


def filename(filled: Filled, fmt: str, paper: str, orientation: str) -> str:
    if fmt in PAPERLESS:
        return f"{filled.canvas.id}.{FORMATS[fmt].extension}"
    return f"{filled.canvas.id}-{paper.lower()}-{t('files.' + orientation)}.{FORMATS[fmt].extension}"


def export(filled: Filled, fmt: str, paper: str | None = None, orientation: str | None = None, saved_at: str = "",
           session: Mapping[str, Any] | None = None) -> Export:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    paper = paper or filled.canvas.paper
    orientation = orientation or filled.canvas.orientation
    name = filename(filled, fmt, paper, orientation)
    mime, finish = FORMATS[fmt].mime, FORMATS[fmt].finish
    saved = saved_file(filled, saved_at, session)
    if fmt == "json":
        return Export(name, mime, saved.encode("utf-8"))
    if fmt == "xlsx":
        from klantcanvas.render.xlsx import as_xlsx

        return Export(name, mime, zip_with_data(as_xlsx(filled), saved))
    if fmt == "md":
        from klantcanvas.render.markdown import as_markdown

        return Export(name, mime, (as_markdown(filled) + "\n" + markdown_comment(saved)).encode("utf-8"))
    scene = build_scene(filled, page(paper, orientation))
    if session:
        from klantcanvas.vote_marks import with_votes

        scene = with_votes(filled, scene, session)
    if fmt == "pdf":
        from klantcanvas.render.pdf import as_pdf

        return Export(name, mime, as_pdf(scene, attachment=(filename(filled, "json", paper, orientation), saved)))
    if fmt == "pptx":
        from klantcanvas.render.pptx_spec import as_pptx_spec

        spec = as_pptx_spec(scene)
        spec["package"] = office_package_parts(saved)
        return Export(name, mime, json.dumps(spec, ensure_ascii=False).encode("utf-8"), finish)
    from klantcanvas.render.svg import as_svg

    metadata = svg_metadata(saved, png=fmt == "png")
    svg = as_svg(scene, embed_fonts=True, metadata=metadata).encode("utf-8")
    return Export(name, mime, svg, finish)
