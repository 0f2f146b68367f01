"""The workspace file: every canvas a user keeps in this browser, with its saved versions, in one
JSON file for backup or moving to another computer. Reading it checks every canvas and every
version as strictly as a single saved file.

Format version 2 adds per canvas its paper ``options`` and its ``versions`` (each {name, saved,
data, options}); files of version 1 (no versions) are still read. A damaged canvas refuses the
whole file (nothing is changed); a damaged version is skipped with a message that says which and
why, so one bad version never costs the rest of the backup. Options are presentation only: an
unknown paper or orientation is left out, never a reason to refuse.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from klantcanvas import jsontext
from klantcanvas.catalog import all_canvases
from klantcanvas.fill import MAX_FILE_BYTES, ImportProblem, clean_text, fill
from klantcanvas.i18n import t
from klantcanvas.model import Canvas
from klantcanvas.paper import ORIENTATIONS, PAPERS

__all__ = ["MAX_VERSIONS", "WORKSPACE_FORMAT", "WORKSPACE_VERSION", "Backup", "bundle", "read_backup", "read_bundle"]

WORKSPACE_FORMAT = "klantcanvas-werkruimte"
WORKSPACE_VERSION = 2
MAX_WORKSPACE_BYTES = 20 * MAX_FILE_BYTES
MAX_NAME = 120
#: Versions kept per canvas (the page says so when the limit is reached); a backup with more
#: keeps the newest ones.
MAX_VERSIONS = 20


@dataclass(frozen=True)
class Backup:
    """What a backup file holds: the checked canvases, and a message per version left out."""

    canvases: list[dict[str, Any]]
    skipped: list[str] = field(default_factory=list)


def _name(raw: Any, limit: int = MAX_NAME) -> str:
    # Names and dates are cleaned and cut like any text, so a backup reads back exactly as written.
    return " ".join(clean_text(raw).split())[:limit].rstrip() if isinstance(raw, str) else ""


def _stamp(raw: Any) -> str:
    return clean_text(raw).strip()[:40].rstrip() if isinstance(raw, str) else ""


def _options(raw: Any) -> dict[str, str] | None:
    """The paper and orientation, when they are ones the page offers; anything else is left out."""
    if not isinstance(raw, dict):
        return None
    out = {}
    if isinstance(raw.get("paper"), str) and raw["paper"] in PAPERS:
        out["paper"] = raw["paper"]
    if isinstance(raw.get("orientation"), str) and raw["orientation"] in ORIENTATIONS:
        out["orientation"] = raw["orientation"]
    return out or None


def _version(canvas: Canvas, raw: Any, strict: bool) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ImportProblem(t("workspace.bad_version_entry"))
    filled = fill(canvas, raw.get("data"), strict=strict)
    return {"name": _name(raw.get("name")) or "?", "saved": _stamp(raw.get("saved")), "data": filled.as_json_data(),
            "options": _options(raw.get("options"))}


def _versions(canvas: Canvas, name: str, raw: Any, strict: bool, skipped: list[str]) -> list[dict[str, Any]]:
    """The versions of one canvas, newest last; a bad one is left out (and said, when reading)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        skipped.append(t("workspace.bad_versions", name=name))
        return []
    out = []
    for number, entry in enumerate(raw, start=1):
        try:
            out.append(_version(canvas, entry, strict))
        except ImportProblem as problem:
            if strict:
                label = _name(entry.get("name"), 80) if isinstance(entry, dict) else ""
                skipped.append(t("workspace.skipped_version", version=label or str(number), name=name, problem=str(problem)))
    if len(out) > MAX_VERSIONS:
        if strict:
            skipped.append(t("workspace.too_many_versions", name=name, maximum=MAX_VERSIONS, count=len(out) - MAX_VERSIONS))
        out = out[-MAX_VERSIONS:]
    return out


def _entry(raw: Any, strict: bool, file_version: int, skipped: list[str]) -> dict[str, Any]:
    if not isinstance(raw, dict) or not isinstance(raw.get("canvas"), str):
        raise ImportProblem(t("workspace.bad_entry"))
    canvas = all_canvases().get(raw["canvas"])
    if canvas is None:
        raise ImportProblem(t("workspace.unknown_canvas", canvas=clean_text(raw["canvas"])[:80]))
    name = _name(raw.get("name")) or canvas.title
    filled = fill(canvas, raw.get("data"), strict=strict)
    entry: dict[str, Any] = {"canvas": canvas.id, "name": name, "changed": _stamp(raw.get("changed")), "data": filled.as_json_data()}
    if file_version >= 2:
        entry["options"] = _options(raw.get("options"))
        entry["versions"] = _versions(canvas, name, raw.get("versions"), strict, skipped)
    else:
        entry.update(options=None, versions=[])
    return entry


def bundle(entries: list[dict[str, Any]], saved_at: str = "") -> str:
    """The workspace file for ``entries`` ({canvas, name, changed, data, options, versions}); bad
    entries are cleaned, unknown canvases and versions that are not objects left out."""
    canvases = [_entry(e, False, WORKSPACE_VERSION, []) for e in entries
                if isinstance(e, dict) and e.get("canvas") in all_canvases()]
    return json.dumps({"format": WORKSPACE_FORMAT, "version": WORKSPACE_VERSION, "saved_at": saved_at, "canvases": canvases},
                      ensure_ascii=False, indent=2) + "\n"


def read_backup(content: str | bytes) -> Backup:
    """Read a workspace file of any version up to ours; raise ImportProblem for anything else."""
    if len(content) > MAX_WORKSPACE_BYTES:
        raise ImportProblem(t("import.too_large", size=len(content) // 1000))
    try:
        raw = jsontext.loads(content.decode("utf-8-sig") if isinstance(content, bytes) else content)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ImportProblem(t("import.not_json")) from None
    if not isinstance(raw, dict) or raw.get("format") != WORKSPACE_FORMAT or not isinstance(raw.get("canvases"), list):
        raise ImportProblem(t("workspace.not_workspace"))
    version = raw.get("version")
    if not isinstance(version, int) or version > WORKSPACE_VERSION:
        raise ImportProblem(t("import.newer_version", version=version if isinstance(version, int) else "?"))
    skipped: list[str] = []
    canvases = [_entry(e, True, version, skipped) for e in raw["canvases"]]
    return Backup(canvases, skipped)


def read_bundle(content: str | bytes) -> list[dict[str, Any]]:
    """The checked canvases of a workspace file (see ``read_backup`` for what was left out)."""
    return read_backup(content).canvases
