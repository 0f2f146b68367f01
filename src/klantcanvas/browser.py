"""The only module that knows it runs in a browser: the Web Worker calls ``handle`` with JSON.

Request: {"method": ..., "canvas": id, ...}. Response: a (JSON text, bytes or None) pair; the
worker transfers the bytes to the page. Nothing here touches js or pyodide, so it is tested on
CPython like the rest of the engine.
"""

from __future__ import annotations

import json
from typing import Any

from klantcanvas.catalog import get_canvas
from klantcanvas.fill import MAX_FILE_BYTES, ImportProblem, fill, parse_saved_file
from klantcanvas.i18n import t
from klantcanvas.layouts import build_scene
from klantcanvas.paper import page
from klantcanvas.render.svg import as_svg

__all__ = ["handle"]


def _preview(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    canvas = get_canvas(request["canvas"])
    filled = fill(canvas, request.get("data") or {})
    scene = build_scene(filled, page(request.get("paper") or canvas.paper, request.get("orientation") or canvas.orientation))
    return {"svg": as_svg(scene), "overflow": list(scene.overflow), "empty": filled.is_empty()}, None


def _export(request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    from klantcanvas.export import export

    canvas = get_canvas(request["canvas"])
    filled = fill(canvas, request.get("data") or {})
    result = export(filled, request["format"], request.get("paper"), request.get("orientation"), request.get("saved_at", ""))
    return {"filename": result.filename, "mime": result.mime, "finish": "png" if result.rasterize else None}, result.content


def _pptx(request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """The shape description that pptx.js turns into an editable .pptx with pptxgenjs."""
    from klantcanvas.export import filename
    from klantcanvas.render.pptx_spec import as_pptx_spec

    canvas = get_canvas(request["canvas"])
    filled = fill(canvas, request.get("data") or {})
    paper, orientation = request.get("paper") or canvas.paper, request.get("orientation") or canvas.orientation
    spec = as_pptx_spec(build_scene(filled, page(paper, orientation)))
    name = filename(filled, "pdf", paper, orientation).removesuffix(".pdf") + ".pptx"
    meta = {"filename": name, "mime": "application/vnd.openxmlformats-officedocument.presentationml.presentation", "finish": "pptx"}
    return meta, json.dumps(spec, ensure_ascii=False).encode("utf-8")


def _share(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    from klantcanvas.share import LINK_WARN, fragment

    canvas = get_canvas(request["canvas"])
    value = fragment(fill(canvas, request.get("data") or {}))
    length = len(request.get("page_url", "")) + 1 + len(value)
    warning = t("share.too_long", length=length) if length > LINK_WARN else ""
    return {"fragment": value, "length": length, "warning": warning}, None


def _open_link(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    from klantcanvas.share import read_fragment

    try:
        filled = read_fragment(get_canvas(request["canvas"]), request["fragment"])
    except ImportProblem as problem:
        return {"ok": False, "message": str(problem)}, None
    return {"ok": True, "data": filled.as_json_data()}, None


def _export_all(request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    from klantcanvas.workspace import bundle

    text = bundle(request.get("canvases") or [], request.get("saved_at", ""))
    return {"filename": "klantcanvas-mijn-canvassen.json", "mime": "application/json"}, text.encode("utf-8")


def _import_all(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    from klantcanvas.workspace import read_bundle

    try:
        return {"ok": True, "canvases": read_bundle(request["text"])}, None
    except ImportProblem as problem:
        return {"ok": False, "message": str(problem)}, None


def _import(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    """Check a file the user opened; the page sends only its size when it is too large to read."""
    canvas = get_canvas(request["canvas"])
    try:
        if request.get("size", 0) > MAX_FILE_BYTES:
            raise ImportProblem(t("import.too_large", size=request["size"] // 1000))
        filled = parse_saved_file(canvas, request["text"])
    except ImportProblem as problem:
        return {"ok": False, "message": str(problem)}, None
    return {"ok": True, "data": filled.as_json_data()}, None


def _example(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    canvas = get_canvas(request["canvas"])
    return {"data": fill(canvas, dict(canvas.example)).as_json_data()}, None


def _warm(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    """Import the PDF machinery ahead of the first click, when the worker is idle."""
    from klantcanvas.render.pdf import _new_document

    canvas = get_canvas(request["canvas"])
    _new_document(build_scene(fill(canvas, {}), page("A4")), "nl")
    return {"warm": True}, None


METHODS = {
    "preview": _preview, "export": _export, "pptx": _pptx, "import": _import, "example": _example, "warm": _warm,
    "share": _share, "open_link": _open_link, "export_all": _export_all, "import_all": _import_all,
}


def handle(request_json: str) -> tuple[str, bytes | None]:
    request = json.loads(request_json)
    meta, body = METHODS[request["method"]](request)
    return json.dumps(meta, ensure_ascii=False), body
