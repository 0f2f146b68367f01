"""The only module that knows it runs in a browser: the Web Worker calls ``handle`` with JSON.

Request: {"method": ..., "canvas": id, "lang": "nl" | "en", ...}. Response: a (JSON text, bytes
or None) pair; the worker transfers the bytes to the page. Every answer carries ``ok``:
``{"ok": true, ...}`` with the method's own keys, or ``{"ok": false, "message": <text for the
user>}`` and no bytes. Messages, renders and file names are in the request's ``lang`` (Dutch when
it is missing or unknown, and for a request that cannot be read at all); what is saved (JSON, share
links, the workspace backup) holds ids and option values only, the same in every language.
No exception ever leaves ``handle``: whatever the page sends, it gets something it can show.
A request with ``"svg_as_bytes": true`` (the worker sends every request so) gets a drawing that
comes without bytes (the preview, a comparison) as its UTF-8 bytes instead, and ``svg_bytes: true``
in the JSON: 40 kB of SVG never goes through JSON's escaping, nor JavaScript's string conversion.
Nothing here touches js or pyodide, so it is tested on CPython like the rest of the engine.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from klantcanvas import jsontext
from klantcanvas.catalog import all_canvases, find_canvas
from klantcanvas.fill import ImportProblem, clean_text, fill, parse_saved_file
from klantcanvas.i18n import format_number, language_for, t, use_locale
from klantcanvas.layouts import build_scene
from klantcanvas.model import Canvas
from klantcanvas.paper import PAPERS, page
from klantcanvas.render.svg import as_svg

__all__ = ["handle"]

ORIENTATIONS = {"landscape": "landscape", "portrait": "portrait", "liggend": "landscape", "staand": "portrait"}


class BadRequest(ValueError):
    """The request itself cannot be used (unknown canvas, paper, format, ...); ``str`` is the message."""


def _shown(value: Any) -> str:
    """A value the user (or a damaged page) sent, safe and short enough to quote in a message."""
    text = clean_text(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str))
    return text if len(text) <= 60 else text[:59] + "…"


def _string(request: dict[str, Any], key: str, limit: int = 200) -> str:
    value = request.get(key)
    return clean_text(value)[:limit] if isinstance(value, str) else ""


def _canvas(request: dict[str, Any]) -> Canvas:
    canvas_id = request.get("canvas")
    canvas = find_canvas(canvas_id) if isinstance(canvas_id, str) else None
    if canvas is None:
        raise BadRequest(t("request.unknown_canvas", canvas=_shown(canvas_id)))
    return canvas


def _paper(request: dict[str, Any], canvas: Canvas) -> tuple[str, str]:
    """The paper and orientation asked for (any letter case), else the canvas's own."""
    paper = request.get("paper") or canvas.paper
    orientation = request.get("orientation") or canvas.orientation
    if not isinstance(paper, str) or paper.strip().upper() not in PAPERS:
        raise BadRequest(t("request.unknown_paper", paper=_shown(paper), papers=", ".join(PAPERS)))
    if not isinstance(orientation, str) or orientation.strip().lower() not in ORIENTATIONS:
        raise BadRequest(t("request.unknown_orientation", orientation=_shown(orientation)))
    return paper.strip().upper(), ORIENTATIONS[orientation.strip().lower()]


def _preview(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    """The drawing for the page. With ``editable: true`` (the live preview, not a read-only
    version) each item that one field holds is a focusable group that names its field
    (``data-path``, ``data-kind``, reading order in ``data-order``; klantcanvas.editable), and
    round "+" buttons (``data-add``: the list's path) add an entry where the next would be drawn."""
    canvas = _canvas(request)
    filled = fill(canvas, request.get("data"))
    scene = build_scene(filled, page(*_paper(request, canvas)))
    session = _session(canvas, request)
    if session and session.get("votes"):
        from klantcanvas.vote_marks import with_votes

        scene = with_votes(filled, scene, session)
    if request.get("editable") is not True:
        return {"svg": as_svg(scene), "overflow": list(scene.overflow), "empty": filled.is_empty()}, None
    from klantcanvas.editable import add_marks, editable_items, path_text

    items = editable_items(filled, scene)
    groups: dict[int, list[tuple[tuple[int, int] | None, dict[str, str]]]] = {}

    def drawn(item: Any) -> str:  # the words the group shows, so its name holds all its visible text
        box = scene.items[item.index]
        lines = getattr(box, "lines", ())[slice(*item.lines) if item.lines else slice(None)]
        return " ".join(" ".join(ln.text.removeprefix("• ") for ln in lines).split()) or item.value

    for item in items:
        groups.setdefault(item.index, []).append((item.lines, {
            "class": "kc-item", "data-path": item.path, "data-kind": item.kind, "data-order": str(item.order),
            "data-label": item.label, "tabindex": "-1", "role": "button",
            "aria-label": t("canvas_edit.item", label=item.label, value=drawn(item))}))
    buttons = [(mark.cx, mark.cy, mark.r, {
        "class": "kc-add", "data-add": path_text(mark.point.ids), "data-order": str(mark.order), "tabindex": "-1",
        "role": "button", "aria-label": mark.point.label}) for mark in add_marks(filled, scene, items)]
    return {"svg": as_svg(scene, groups=groups, buttons=buttons), "overflow": list(scene.overflow),
            "empty": filled.is_empty()}, None


def _export(request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Any format of ``export.FORMATS``; ``finish`` tells the page how to finish the bytes, if at all."""
    from klantcanvas.export import FORMATS, export

    canvas = _canvas(request)
    fmt = request.get("format")
    if not isinstance(fmt, str) or fmt not in FORMATS:
        raise BadRequest(t("request.unknown_format", format=_shown(fmt), formats=", ".join(FORMATS)))
    paper, orientation = _paper(request, canvas)
    filled = fill(canvas, request.get("data"))
    session = _session(canvas, request)
    result = export(filled, fmt, paper, orientation, _string(request, "saved_at", 40), session)
    return {"filename": result.filename, "mime": result.mime, "finish": result.finish}, result.content


def _session(canvas: Canvas, request: dict[str, Any]) -> dict[str, Any] | None:
    """A running workshop's session, saved beside the canvas in its JSON file (klantcanvas.session)."""
    from klantcanvas.session import checked

    try:
        session = checked(canvas, request.get("session"))
    except ImportProblem:
        return None
    return {k: v for k, v in session.items() if k != "history"} if session else None


def _share(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    """A share link; a photo goes in only while the link stays within LINK_WARN, else the link
    leaves it out and ``photo_note`` says so and why."""
    from klantcanvas.share import LINK_WARN, fragment, without_photos

    filled = fill(_canvas(request), request.get("data"))
    page_url = request.get("page_url")
    base = (len(page_url) if isinstance(page_url, str) else 0) + 1
    value = fragment(filled)
    note = ""
    lighter = without_photos(filled)
    if lighter is not filled and base + len(value) > LINK_WARN:
        note = t("photo.left_out", length=format_number(base + len(value)))
        value = fragment(lighter)
    length = base + len(value)
    warning = t("share.too_long", length=length) if length > LINK_WARN else ""
    return {"fragment": value, "length": length, "warning": warning, "photo_note": note}, None


def _photo(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    """Check a photo the page made (``field``, ``value``: a JPEG data URI) before it goes into the
    form: the value as it will be stored (no metadata) and its size, or a message saying why not."""
    from klantcanvas.photo import DATA_PREFIX, PhotoProblem, clean_jpeg, jpeg_bytes

    canvas = _canvas(request)
    field_id, value = request.get("field"), request.get("value")
    f = next((f for f in canvas.fields if f.id == field_id and f.kind == "photo"), None)
    if f is None:
        raise BadRequest(t("request.unreadable"))
    try:
        if not isinstance(value, str):
            raise PhotoProblem("not_jpeg")
        cleaned, frame = clean_jpeg(jpeg_bytes(value, f.max_length), max_side=f.maximum, max_bytes=f.max_length)
    except PhotoProblem as problem:
        raise ImportProblem(t("photo.refused", problem=t(f"photo.{problem.key}", **problem.values))) from None
    stored = DATA_PREFIX + base64.b64encode(cleaned).decode("ascii")
    return {"value": stored, "bytes": len(cleaned), "width": frame.width, "height": frame.height}, None


def _open_link(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    from klantcanvas.share import read_fragment

    filled = read_fragment(_canvas(request), request.get("fragment"), all_canvases())
    return {"data": filled.as_json_data()}, None


def _export_all(request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    from klantcanvas.workspace import bundle

    canvases = request.get("canvases")
    if canvases is None:
        canvases = []
    if not isinstance(canvases, list):
        raise BadRequest(t("request.not_a_list"))
    text = bundle(canvases, _string(request, "saved_at", 40))
    return {"filename": f"{t('files.workspace')}.json", "mime": "application/json"}, text.encode("utf-8")


def _import_all(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    from klantcanvas.workspace import read_backup

    text = request.get("text")
    if not isinstance(text, str):
        raise ImportProblem(t("import.not_json"))
    backup = read_backup(text)
    return {"canvases": backup.canvases, "skipped": backup.skipped}, None


def _import(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    """Check a file the user opened: any Klantcanvas download, as ``base64`` (its bytes) or as
    ``text``; the page sends only its size when it is too large to read."""
    from klantcanvas.embedded import MAX_UPLOAD_BYTES, extract_saved_json

    canvas = _canvas(request)
    size = request.get("size")
    if isinstance(size, (int, float)) and not isinstance(size, bool) and size > MAX_UPLOAD_BYTES:
        raise ImportProblem(t("import.too_large", size=format_number(int(min(size, 1e15)) // 1000)))
    encoded, text = request.get("base64"), request.get("text")
    content: bytes | str
    if isinstance(encoded, str):
        if len(encoded) > MAX_UPLOAD_BYTES * 4 // 3 + 4:
            raise ImportProblem(t("import.too_large", size=format_number(len(encoded) * 3 // 4000)))
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise ImportProblem(t("import.damaged")) from None
    elif isinstance(text, str):
        content = text
    else:
        raise ImportProblem(t("import.not_json"))
    saved = extract_saved_json(content)
    data = parse_saved_file(canvas, saved, all_canvases()).as_json_data()
    session = _saved_session(canvas, saved)
    return {"data": data, **({"session": session} if session else {})}, None


def _saved_session(canvas: Canvas, saved: str) -> dict[str, Any] | None:
    """The workshop session a file carries beside its canvas (to go on with it), if a usable one."""
    from klantcanvas.jsontext import loads

    try:
        envelope = loads(saved)
    except ValueError:
        return None
    return _session(canvas, {"session": envelope.get("session")}) if isinstance(envelope, dict) else None


def _compare(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    """Two states of one canvas (``old``, ``new``: form data, any two versions or the current
    work): the changes field by field, and the newer one drawn (on its own paper) with every item
    outlined that the older drawing does not show."""
    from klantcanvas.compare import changed_items, diff

    canvas = _canvas(request)
    old, new = fill(canvas, request.get("old")), fill(canvas, request.get("new"))
    changes = diff(old, new)
    paper = page(*_paper(request, canvas))
    old_scene, new_scene = build_scene(old, paper), build_scene(new, paper)
    marks = changed_items(old_scene, new_scene)
    old_name = _string(request, "old_name", 120) or "?"
    new_name = _string(request, "new_name", 120) or "?"
    counts = {kind: sum(1 for c in changes if c.kind == kind) for kind in ("added", "changed", "removed")}
    svg = as_svg(new_scene, marks=marks, label=t("versions.image", new=new_name, old=old_name),
                 legend=t("versions.legend", old=old_name) if marks else t("versions.legend_none", old=old_name))
    return {"changes": [c.as_json() for c in changes], "counts": counts, "marked": len(marks), "svg": svg}, None


def _example(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    canvas = _canvas(request)
    return {"data": fill(canvas, dict(canvas.example)).as_json_data()}, None


def _rehearse(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    """Draw the worked example's editable preview twice (the second time after a keystroke) and
    throw both away. The page asks once, right after its first preview: until V8 has moved the
    interpreter from its baseline compiler to its optimising one, a preview takes several times
    longer, and this way those first slow runs happen before the visitor's next keystroke, not on it."""
    canvas = _canvas(request)
    example = fill(canvas, dict(canvas.example)).as_json_data()
    for data in (example, _typed_in(example) or example):
        _preview({**request, "data": data, "editable": True})
    return {"rehearsed": True}, None


def _typed_in(value: Any) -> Any:
    """``value`` with a letter typed after its first text, however deep (a copy; None: no text)."""
    if isinstance(value, str):
        return f"{value} x" if value else None
    items = list(value.items()) if isinstance(value, dict) else list(enumerate(value)) if isinstance(value, list) else []
    for key, inner in items:
        typed = _typed_in(inner)
        if typed is not None:
            copy = dict(value) if isinstance(value, dict) else list(value)
            copy[key] = typed
            return copy
    return None


def _warm(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    """Import the PDF machinery ahead of the first click, when the worker is idle."""
    from klantcanvas.render.pdf import warm

    canvas = _canvas(request)
    warm(build_scene(fill(canvas, {}), page("A4")))
    return {"warm": True}, None


def _text_version(request: dict[str, Any]) -> tuple[dict[str, Any], None]:
    """What is on the canvas as text blocks in reading order (the page's "Tekstversie")."""
    from klantcanvas.render.outline import as_json_blocks, outline

    return {"blocks": as_json_blocks(outline(fill(_canvas(request), request.get("data") or {})))}, None


def _workshop(request: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
    """Running a workshop (klantcanvas.workshop: the session, contributions, votes, report)."""
    from klantcanvas.workshop import answer

    return answer(_canvas(request), request)


METHODS = {
    "preview": _preview, "rehearse": _rehearse, "export": _export, "import": _import, "example": _example, "warm": _warm,
    "share": _share, "open_link": _open_link, "export_all": _export_all, "import_all": _import_all,
    "text_version": _text_version, "compare": _compare, "workshop": _workshop, "photo": _photo,
}


def _request(request_json: Any) -> dict[str, Any]:
    try:
        request = jsontext.loads(request_json)
    except (TypeError, ValueError, RecursionError):
        raise BadRequest(t("request.unreadable")) from None
    if not isinstance(request, dict):
        raise BadRequest(t("request.unreadable"))
    return request


def _answer(request: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
    name = request.get("method")
    method = METHODS.get(name) if isinstance(name, str) else None
    if method is None:
        raise BadRequest(t("request.unknown_method", method=_shown(request.get("method"))))
    meta, body = method(request)
    return {"ok": True, **meta}, body


def _dumps(meta: dict[str, Any]) -> str:
    text = json.dumps(meta, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate slipped through: escape it, JSON.parse reads that
        text = json.dumps(meta)
    return text


def handle(request_json: str) -> tuple[str, bytes | None]:
    """Answer one request from the worker; never raises (see the module docstring for the shape)."""
    try:
        request = _request(request_json)
    except BadRequest as problem:  # unreadable: no language to answer in but the default
        return _dumps({"ok": False, "message": str(problem)}), None
    with use_locale(language_for(request.get("lang"))):
        try:
            meta, body = _answer(request)
        except (ImportProblem, BadRequest) as problem:
            meta, body = {"ok": False, "message": str(problem)}, None
        except Exception as exc:  # noqa: BLE001 - the page must always get an answer it can show
            detail = clean_text(f"{type(exc).__name__}: {exc}")[:300]
            meta, body = {"ok": False, "message": t("request.failed"), "detail": detail}, None
        if request.get("svg_as_bytes") is True and body is None and isinstance(meta.get("svg"), str):
            body = meta.pop("svg").encode("utf-8", "replace")
            meta["svg_bytes"] = True
        return _dumps(meta), body
