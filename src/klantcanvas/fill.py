"""Turns what a user typed (or a saved file) into a checked ``Filled`` canvas.

Two modes: lenient for live form data (clip, drop blanks, never fail) and strict for files a
user opens, where anything malformed raises ``ImportProblem`` with a message in the active
language saying what is wrong and that the current work was not touched. ``content_rule`` says as
plain data what this module keeps as content, for the page script, which must know it before
Python is ready.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from klantcanvas import jsontext
from klantcanvas.i18n import format_number, t
from klantcanvas.model import Canvas, Field, Filled, frozen_mapping, has_content, shown
from klantcanvas.photo import PhotoProblem, clean_value

__all__ = [
    "BLANK", "FILE_FORMAT", "FILE_VERSION", "MAX_FILE_BYTES", "Filled", "ImportProblem", "blank_characters",
    "clean_text", "content_rule", "fill", "parse_saved_file", "photo_problem", "saved_file",
]

FILE_FORMAT = "klantcanvas"
FILE_VERSION = 1
MAX_FILE_BYTES = 2_000_000

# Control characters other than tab and newline never belong in a canvas, and neither do the
# code points XML forbids (U+FFFE, U+FFFF): without them every output is valid UTF-8 and XML.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """``value`` without control characters or XML-illegal code points; a lone surrogate (what
    JavaScript leaves of a broken emoji) becomes U+FFFD and a split surrogate pair is joined."""
    if _SURROGATE.search(value):
        value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _CONTROL.sub("", value)


class ImportProblem(ValueError):
    """A file or value cannot be used; ``str(exc)`` is a message for the user, in the active language."""


def _fail(f: Field, problem: str, **values: Any) -> ImportProblem:
    return ImportProblem(t("import.bad_field", label=f.label, problem=t(f"problem.{problem}", **values)))


def _text(f: Field, value: Any, strict: bool, *, multiline: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not strict:
        value = str(value)
    if not isinstance(value, str):
        if strict:
            raise _fail(f, "not_text")
        return ""
    text = _normalised(value, multiline)
    if len(text) > f.max_length:
        if strict:
            raise _fail(f, "too_long", maximum=f.max_length)
        # Cut, then strip again: a text cut after a space must read back exactly the same.
        text = text[: f.max_length].rstrip()
    return text


@lru_cache(maxsize=4096)  # a preview's texts are the same on every keystroke but one
def _normalised(value: str, multiline: bool) -> str:
    """``value`` cleaned (``clean_text``), its line breaks as ``\n``, spaced and stripped."""
    value = clean_text(value.replace("\r\n", "\n").replace("\r", "\n"))
    if not multiline:
        value = " ".join(value.split())
    return str(value.strip())


def photo_problem(f: Field, problem: PhotoProblem) -> ImportProblem:
    """A refused photo of field ``f`` as the message of a damaged file."""
    return ImportProblem(t("import.bad_field", label=f.label, problem=t(f"photo.{problem.key}", **problem.values)))


def _photo(f: Field, value: Any, strict: bool) -> str:
    """A photo value without metadata; in lenient mode anything unusable is left out (the page
    checks a new photo with the facade's ``photo`` first, so that it can say why)."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        if strict:
            raise _fail(f, "not_text")
        return ""
    try:
        return clean_value(value, max_side=f.maximum, max_bytes=f.max_length)
    except PhotoProblem as problem:
        if strict:
            raise photo_problem(f, problem) from None
        return ""


def _value(f: Field, value: Any, strict: bool, root: Mapping[str, Any]) -> Any:
    kind = f.kind
    if kind == "photo":
        return _photo(f, value, strict)
    if kind in ("text", "textarea"):
        return _text(f, value, strict, multiline=kind == "textarea")
    if kind == "choice":
        text = _text(f, value, strict, multiline=False)
        if text and text not in {o.value for o in f.options}:
            if strict:
                raise _fail(f, "unknown_option", value=text)
            return ""
        return text
    if kind == "flag":
        if value is None or isinstance(value, bool):
            return bool(value)
        if strict:
            raise _fail(f, "not_flag")
        return value in ("true", "on", "1", 1)
    if kind == "scale":
        if value in (None, ""):
            return None
        try:
            number = int(value)
            if number != value and not (isinstance(value, str) and not strict):
                raise ValueError
        except (TypeError, ValueError, OverflowError):  # OverflowError: 1e999 and Infinity
            if strict:
                raise _fail(f, "not_number", minimum=f.minimum, maximum=f.maximum) from None
            return None
        if not f.minimum <= number <= f.maximum or isinstance(value, bool):
            if strict:
                raise _fail(f, "not_number", minimum=f.minimum, maximum=f.maximum)
            return min(max(number, f.minimum), f.maximum)
        return number
    if value is None:
        return ()
    if not isinstance(value, list):
        if strict:
            raise _fail(f, "not_list" if kind == "list" else "not_group")
        return ()
    if len(value) > f.max_items:
        if strict:
            raise _fail(f, "too_many", maximum=f.max_items)
        value = value[: f.max_items]
    if kind == "list":
        entries = (_text(f, v, strict, multiline=False) for v in value)
        return tuple(e for e in entries if e)
    records = []
    for item in value:
        if not isinstance(item, Mapping):
            if strict:
                raise _fail(f, "not_group")
            continue
        record = _record(f.fields, item, strict, root)
        if has_content(record):
            records.append(record)
    return tuple(records)


#: What a field of each kind holds when nothing is entered (or when its ``show_when`` does not hold).
BLANK: Mapping[str, Any] = frozen_mapping(
    {"text": "", "textarea": "", "choice": "", "flag": False, "scale": None, "list": (), "group": (), "photo": ""}
)


def _record(fields: tuple[Field, ...], data: Mapping[str, Any], strict: bool,
            root: Mapping[str, Any], checked: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    """Checked values of ``fields``. A field whose ``show_when`` does not hold is hidden in the
    form, so it is blank here (and not checked): no renderer or export ever sees its old value.
    ``root`` holds the checked top-level values that a ``show_when`` inside a group may name;
    ``checked`` values of some of ``fields`` that are already checked (not checked again)."""
    known = checked or {}

    def value(f: Field) -> Any:
        return known[f.id] if f.id in known else _value(f, data.get(f.id), strict, root)

    values = {f.id: value(f) for f in fields if not f.show_when}
    for f in fields:
        if f.show_when:
            values[f.id] = value(f) if shown(f.show_when, values, root) else BLANK[f.kind]
    return frozen_mapping({f.id: values[f.id] for f in fields})


def fill(canvas: Canvas, data: Any, *, strict: bool = False) -> Filled:
    """Check ``data`` (field id -> value) against the definition; unknown keys are ignored."""
    if not isinstance(data, Mapping):
        if strict:
            raise ImportProblem(t("import.bad_field", label=canvas.title, problem=t("problem.not_object")))
        data = {}
    # Groups may show fields by top-level values (show_when "/id"), which the catalogue allows
    # only for top-level fields that are not groups: those are checked first.
    top = tuple(f for f in canvas.fields if f.kind != "group")
    root = _record(top, data, strict, {}) if len(top) < len(canvas.fields) else {}
    return Filled(canvas, _record(canvas.fields, data, strict, root, root))


def saved_file(filled: Filled, saved_at: str = "", session: Mapping[str, Any] | None = None) -> str:
    """The JSON text of ``Download JSON``: an envelope that says which canvas and version it holds.
    A running workshop's ``session`` (klantcanvas.session) goes beside the data; readers that do
    not know it ignore it."""
    envelope: dict[str, Any] = {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "canvas": filled.canvas.id,
        "title": filled.canvas.title,
        "saved_at": saved_at,
        "data": filled.as_json_data(),
    }
    if session:
        envelope["session"] = dict(session)
    return json.dumps(envelope, ensure_ascii=False, indent=2) + "\n"


def parse_saved_file(canvas: Canvas, content: str | bytes, canvases: Mapping[str, Canvas] | None = None) -> Filled:
    """Read a file made by ``saved_file`` for ``canvas``; raise ImportProblem for anything else.

    ``canvases`` (the catalogue) names the canvas a file of another kind belongs to."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportProblem(t("import.too_large", size=format_number(len(content) // 1000)))
    try:
        if isinstance(content, bytes):
            content = content.decode("utf-8-sig")
        envelope = jsontext.loads(content)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ImportProblem(t("import.not_json")) from None
    if not isinstance(envelope, dict) or envelope.get("format") != FILE_FORMAT or "data" not in envelope:
        raise ImportProblem(t("import.not_klantcanvas"))
    version = envelope.get("version")
    if not isinstance(version, int) or version > FILE_VERSION:
        raise ImportProblem(t("import.newer_version", version=version if isinstance(version, int) else "?"))
    other = envelope.get("canvas")
    if other != canvas.id:
        known = (canvases or {}).get(other) if isinstance(other, str) else None
        other_title = known.title if known else clean_text(str(envelope.get("title") or other))[:80]
        raise ImportProblem(t("import.other_canvas", other=other_title, this=canvas.title))
    return fill(canvas, envelope["data"], strict=True)


@cache
def blank_characters() -> tuple[tuple[int, int], ...]:
    """The code points a text may hold and still count as empty, as (first, last) ranges: what
    ``clean_text`` drops and what is trimmed as white space. None lies beyond U+FFFF."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if not has_content(clean_text(chr(code))):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return tuple(ranges)


def _content_spec(f: Field) -> dict[str, Any]:
    spec: dict[str, Any] = {"id": f.id, "kind": f.kind}
    if f.show_when:
        spec["show_when"] = dict(f.show_when)
    if f.kind == "list":
        spec["entries"] = {"kind": "text"}
    elif f.kind == "group":
        spec["entries"] = {"fields": [_content_spec(sub) for sub in f.fields]}
    return spec


def content_rule(canvas: Canvas) -> dict[str, Any]:
    """What counts as content in form data of ``canvas``, as JSON data for the page script (its
    ``hasContent``), so that it agrees with ``fill(canvas, data).is_empty()`` without Python.

    ``fields``: each field's id and kind, its ``show_when`` (a field that is not shown holds its
    blank) and for a list or group the shape of its ``entries`` (a list or group holds content
    when one of its entries does); ``blank``: what a field of each kind holds when nothing is
    entered; ``blank_characters``: the ranges of code points that a text may hold and still be
    empty, once they are left out.
    """
    return {
        "fields": [_content_spec(f) for f in canvas.fields],
        "blank": {kind: list(value) if isinstance(value, tuple) else value for kind, value in BLANK.items()},
        "blank_characters": [list(r) for r in blank_characters()],
    }
