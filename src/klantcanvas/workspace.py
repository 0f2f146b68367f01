"""The workspace file: every canvas a user keeps in this browser, in one JSON file for backup or
moving to another computer. Reading it checks every canvas as strictly as a single saved file.
"""

from __future__ import annotations

import json
from typing import Any

from klantcanvas import jsontext
from klantcanvas.catalog import all_canvases
from klantcanvas.fill import MAX_FILE_BYTES, ImportProblem, clean_text, fill
from klantcanvas.i18n import t

__all__ = ["WORKSPACE_FORMAT", "bundle", "read_bundle"]

WORKSPACE_FORMAT = "klantcanvas-werkruimte"
MAX_WORKSPACE_BYTES = 20 * MAX_FILE_BYTES
MAX_NAME = 120


def _entry(raw: Any, strict: bool) -> dict[str, Any]:
    if not isinstance(raw, dict) or not isinstance(raw.get("canvas"), str):
        raise ImportProblem(t("workspace.bad_entry"))
    canvas = all_canvases().get(raw["canvas"])
    if canvas is None:
        raise ImportProblem(t("workspace.unknown_canvas", canvas=clean_text(raw["canvas"])[:80]))
    # Names and dates are cleaned and cut like any text, so a backup reads back exactly as written.
    name = " ".join(clean_text(raw["name"]).split())[:MAX_NAME].rstrip() if isinstance(raw.get("name"), str) else ""
    changed = clean_text(raw["changed"]).strip()[:40].rstrip() if isinstance(raw.get("changed"), str) else ""
    filled = fill(canvas, raw.get("data"), strict=strict)
    return {"canvas": canvas.id, "name": name or canvas.title, "changed": changed, "data": filled.as_json_data()}


def bundle(entries: list[dict[str, Any]], saved_at: str = "") -> str:
    """The workspace file for ``entries`` ({canvas, name, changed, data}); bad entries are cleaned."""
    canvases = [_entry(e, strict=False) for e in entries if isinstance(e, dict) and e.get("canvas") in all_canvases()]
    return json.dumps({"format": WORKSPACE_FORMAT, "version": 1, "saved_at": saved_at, "canvases": canvases},
                      ensure_ascii=False, indent=2) + "\n"


def read_bundle(content: str | bytes) -> list[dict[str, Any]]:
    if len(content) > MAX_WORKSPACE_BYTES:
        raise ImportProblem(t("import.too_large", size=len(content) // 1000))
    try:
        raw = jsontext.loads(content.decode("utf-8-sig") if isinstance(content, bytes) else content)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ImportProblem(t("import.not_json")) from None
    if not isinstance(raw, dict) or raw.get("format") != WORKSPACE_FORMAT or not isinstance(raw.get("canvases"), list):
        raise ImportProblem(t("workspace.not_workspace"))
    if not isinstance(raw.get("version"), int) or raw["version"] > 1:
        version = raw.get("version")
        raise ImportProblem(t("import.newer_version", version=version if isinstance(version, int) else "?"))
    return [_entry(e, strict=True) for e in raw["canvases"]]
