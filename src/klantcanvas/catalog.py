"""Loads the canvas definitions (definitions/*.toml) into model objects and checks them.

Definitions are read from the package folder, so they load the same from a source tree, an
installed wheel on CPython, or a wheel unpacked inside Pyodide. ``all_canvases()`` and
``get_canvas()`` answer in the active language (``i18n.use_locale``): the Dutch definition with
the texts of ``definitions/<language>/<id>.toml`` put in (see ``klantcanvas.translation``),
loaded once per language. A language without translations (Dutch, the pseudo-locale) gets the
Dutch texts.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from klantcanvas.fill import ImportProblem, fill
from klantcanvas.i18n import DEFAULT_LANGUAGE, current_language
from klantcanvas.layouts import layout_module
from klantcanvas.model import FIELD_KINDS, ROOT, Canvas, Field, Layout, Option, Step, fields_along, frozen_mapping
from klantcanvas.paper import PAPERS
from klantcanvas.translation import TranslationError, same_story, translated

__all__ = [
    "DefinitionError", "all_canvases", "canvas_ids", "find_canvas", "get_canvas", "load_definition", "translation_languages",
]

# Package data is read beside this file, not through importlib.resources: importing that costs
# the browser about 0.2 s before its first preview (the engine is always unpacked on a file system).
DEFINITIONS = Path(__file__).parent / "definitions"


class DefinitionError(ValueError):
    """A canvas definition is malformed; the message names the file and the problem."""


def _require(table: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in table:
        raise DefinitionError(f"{where}: missing key {key!r}")
    value = table[key]
    if not isinstance(value, kind):
        raise DefinitionError(f"{where}: {key!r} must be {kind.__name__}, not {type(value).__name__}")
    return value


FIELD_KEYS = {
    "id", "label", "kind", "hint", "placeholder", "item_label", "max_length", "max_items",
    "options", "minimum", "maximum", "default", "fields", "style", "show_when", "suggest",
}


#: A group may hold a group (phases -> touchpoints), but no deeper: forms stay usable.
MAX_GROUP_DEPTH = 2


def _field(table: Mapping[str, Any], where: str, *, depth: int = 0) -> Field:
    unknown = set(table) - FIELD_KEYS
    if unknown:
        raise DefinitionError(f"{where}: unknown keys {sorted(unknown)}")
    fid = _require(table, "id", str, where)
    where = f"{where} field {fid!r}"
    kind = _require(table, "kind", str, where)
    if kind not in FIELD_KINDS:
        raise DefinitionError(f"{where}: kind {kind!r} is not one of {FIELD_KINDS}")
    if kind == "group" and depth >= MAX_GROUP_DEPTH:
        raise DefinitionError(f"{where}: groups nest at most {MAX_GROUP_DEPTH} deep")
    options = tuple(
        Option(_require(o, "value", str, where), _require(o, "label", str, where))
        for o in table.get("options", ())
    )
    if kind == "photo" and depth:
        raise DefinitionError(f"{where}: a photo is a top-level field")
    if kind == "choice" and not options:
        raise DefinitionError(f"{where}: a choice needs options")
    sub = tuple(_field(s, where, depth=depth + 1) for s in table.get("fields", ()))
    if kind == "group" and not sub:
        raise DefinitionError(f"{where}: a group needs fields")
    _unique([f.id for f in sub], where)
    for sibling in sub:
        for ref in sibling.show_when:
            if not ref.startswith(ROOT) and ref not in {f.id for f in sub}:
                raise DefinitionError(f"{where}: show_when of {sibling.id!r} refers to unknown field {ref!r}")
    return Field(
        id=fid,
        label=_require(table, "label", str, where),
        kind=kind,
        hint=table.get("hint", ""),
        placeholder=table.get("placeholder", ""),
        item_label=table.get("item_label", ""),
        max_length=int(table.get("max_length", 400)),
        max_items=int(table.get("max_items", 40)),
        options=options,
        minimum=int(table.get("minimum", 0)),
        maximum=int(table.get("maximum", 5)),
        default=table.get("default"),
        fields=sub,
        show_when=frozen_mapping(table.get("show_when")),
        suggest=table.get("suggest", ""),
        style=frozen_mapping(table.get("style")),
    )


def _unique(ids: list[str], where: str) -> None:
    seen = set()
    for fid in ids:
        if fid in seen:
            raise DefinitionError(f"{where}: field id {fid!r} is used twice")
        seen.add(fid)


STEP_KEYS = {"id", "title", "minutes", "instruction", "fields", "items", "alone", "vote"}
#: A time box longer than this is a typo, not a workshop step.
MAX_STEP_MINUTES = 240


def _path_fields(fields: tuple[Field, ...], path: str, where: str) -> tuple[Field, ...]:
    try:
        return fields_along(fields, path)
    except KeyError:
        raise DefinitionError(f"{where}: no field {path!r}") from None


def item_container(fields: tuple[Field, ...]) -> bool:
    """Whether a field path (outermost first) ends where items can be written: a list field, or a
    text field inside a group (each item a new record), with only groups on the way."""
    *outer, last = fields
    if any(f.kind != "group" for f in outer):
        return False
    return last.kind == "list" or (last.kind == "text" and bool(outer))


def _steps(raw: Any, fields: tuple[Field, ...], name: str) -> tuple[Step, ...]:
    if not isinstance(raw, list):
        raise DefinitionError(f"{name}: steps must be an array of tables ([[steps]])")
    steps = []
    for number, table in enumerate(raw, 1):
        where = f"{name} step {number}"
        if not isinstance(table, dict):
            raise DefinitionError(f"{where}: must be a table")
        unknown = set(table) - STEP_KEYS
        if unknown:
            raise DefinitionError(f"{where}: unknown keys {sorted(unknown)}")
        minutes = _require(table, "minutes", int, where)
        if isinstance(minutes, bool) or not 1 <= minutes <= MAX_STEP_MINUTES:
            raise DefinitionError(f"{where}: minutes must be a whole number from 1 to {MAX_STEP_MINUTES}")
        paths = table.get("fields", [])
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise DefinitionError(f"{where}: fields must be a list of field paths")
        for path in paths:
            _path_fields(fields, path, where)
        items = table.get("items", "")
        if not isinstance(items, str):
            raise DefinitionError(f"{where}: items must be a field path")
        if items and not item_container(_path_fields(fields, items, where)):
            raise DefinitionError(f"{where}: items {items!r} must end at a list, or at a text field in a group")
        alone, vote = table.get("alone", False), table.get("vote", False)
        if not isinstance(alone, bool) or not isinstance(vote, bool):
            raise DefinitionError(f"{where}: alone and vote must be true or false")
        if (alone or vote) and not items:
            raise DefinitionError(f"{where}: a step with alone or vote needs items (what participants write or vote on)")
        steps.append(Step(
            id=_require(table, "id", str, where), title=_require(table, "title", str, where), minutes=minutes,
            instruction=_require(table, "instruction", str, where), fields=tuple(paths), items=items,
            alone=alone, vote=vote,
        ))
    seen: set[str] = set()
    for step in steps:
        if step.id in seen:
            raise DefinitionError(f"{name}: step id {step.id!r} is used twice")
        seen.add(step.id)
    return tuple(steps)


def _toml(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(f"{name}: not valid TOML: {exc}") from exc


def load_definition(text: str, name: str, translation: str | None = None, translation_name: str = "") -> Canvas:
    """Parse one TOML definition; ``name`` is used in error messages. With ``translation`` (the
    text of a translation file, named ``translation_name``) its words replace the Dutch ones."""
    raw = _toml(text, name)
    if translation is not None:
        dutch = _build(raw, name)
        where = translation_name or f"translation of {name}"
        try:
            raw = translated(raw, _toml(translation, where), where)
        except TranslationError as exc:
            raise DefinitionError(str(exc)) from None
        canvas = _build(raw, where)
        if not same_story(dutch, canvas):
            raise DefinitionError(f"{where}: the example must have the same ids, entries, choices and "
                                  "scores as the Dutch one, with only its words translated")
        return canvas
    return _build(raw, name)


def _build(raw: dict[str, Any], name: str) -> Canvas:
    fields = tuple(_field(f, name) for f in _require(raw, "fields", list, name))
    _unique([f.id for f in fields], name)
    for f in fields:
        for ref in f.show_when:
            if not ref.startswith(ROOT) and ref not in {g.id for g in fields}:
                raise DefinitionError(f"{name}: show_when of {f.id!r} refers to unknown field {ref!r}")
    _check_root_refs(fields, fields, name)
    layout_table = _require(raw, "layout", dict, name)
    layout = Layout(
        kind=_require(layout_table, "kind", str, f"{name} layout"),
        options=frozen_mapping({k: v for k, v in layout_table.items() if k != "kind"}),
    )
    paper = raw.get("paper", "A4")
    if paper not in PAPERS:
        raise DefinitionError(f"{name}: paper {paper!r} is not one of {', '.join(PAPERS)}")
    orientation = raw.get("orientation", "landscape")
    if orientation not in ("landscape", "portrait"):
        raise DefinitionError(f"{name}: orientation must be landscape or portrait")
    canvas = Canvas(
        id=_require(raw, "id", str, name),
        title=_require(raw, "title", str, name),
        summary=raw.get("summary", ""),
        fields=fields,
        layout=layout,
        example=frozen_mapping(raw.get("example", {})),
        version=int(raw.get("version", 1)),
        paper=paper,
        orientation=orientation,
        steps=_steps(raw.get("steps", []), fields, name),
    )
    _check_layout(canvas, name)
    _check_example(canvas, name)
    return canvas


def _check_root_refs(top: tuple[Field, ...], fields: tuple[Field, ...], name: str) -> None:
    """A show_when key "/id" must name a top-level field that is not a group (fill checks those
    first, so a group's records can depend on them)."""
    scalars = {f.id for f in top if f.kind != "group"}
    for f in fields:
        for ref in f.show_when:
            if ref.startswith(ROOT) and ref[len(ROOT):] not in scalars:
                raise DefinitionError(f"{name}: show_when of {f.id!r} refers to {ref!r}, which is not a "
                                      "top-level field outside a group")
        _check_root_refs(top, f.fields, name)


def _check_layout(canvas: Canvas, name: str) -> None:
    try:
        layout = layout_module(canvas.layout.kind)
    except ValueError as exc:
        raise DefinitionError(f"{name}: {exc}") from None
    ids = {f.id for f in canvas.fields}
    for ref in layout.field_refs(canvas.layout.options):
        if ref not in ids:
            raise DefinitionError(f"{name}: layout refers to unknown field {ref!r}")


def _check_example(canvas: Canvas, name: str) -> None:
    try:
        fill(canvas, dict(canvas.example), strict=True)
    except ImportProblem as exc:
        raise DefinitionError(f"{name}: example does not fit the fields: {exc}") from exc


@cache
def translation_languages() -> tuple[str, ...]:
    """The languages with definition translations (a folder ``definitions/<language>/``)."""
    return tuple(sorted(e.name for e in DEFINITIONS.iterdir() if e.is_dir() and not e.name.startswith(("_", "."))))


def _language(language: str | None) -> str:
    language = language or current_language()
    return language if language in translation_languages() else DEFAULT_LANGUAGE


def all_canvases(language: str | None = None) -> Mapping[str, Canvas]:
    """Every definition shipped with the package, by id, in file-name order, in ``language``
    (default: the active one; a language without translations gets the Dutch texts)."""
    return _canvases(_language(language))


def find_canvas(canvas_id: str, language: str | None = None) -> Canvas | None:
    """The definition ``canvas_id`` in ``language``, or None. Reads only that definition when the
    catalogue is not loaded yet: the browser's first preview needs one, not all of them (the checks
    across definitions, run by ``all_canvases``, hold for every build: the tests load them all)."""
    return _one(canvas_id, _language(language)) if canvas_id in _files() else None


@cache
def _files() -> tuple[str, ...]:
    """The ids of the definitions in the package, in file-name order."""
    return tuple(e.name.removesuffix(".toml") for e in sorted(DEFINITIONS.iterdir(), key=lambda e: e.name)
                 if e.name.endswith(".toml"))


@cache
def _one(name: str, language: str) -> Canvas:
    entry = DEFINITIONS / f"{name}.toml"
    other = DEFINITIONS / language / entry.name if language != DEFAULT_LANGUAGE else None
    if other is not None and other.is_file():
        canvas = load_definition(entry.read_text("utf-8"), entry.name, other.read_text("utf-8"), f"{language}/{entry.name}")
    else:
        canvas = load_definition(entry.read_text("utf-8"), entry.name)
    if canvas.id != name:
        raise DefinitionError(f"{entry.name}: file name must be {canvas.id}.toml")
    return canvas


@cache
def _canvases(language: str) -> Mapping[str, Canvas]:
    found = {name: _one(name, language) for name in _files()}
    if language != DEFAULT_LANGUAGE:
        for entry in (DEFINITIONS / language).iterdir():
            if entry.name.endswith(".toml") and entry.name.removesuffix(".toml") not in found:
                raise DefinitionError(f"{language}/{entry.name}: there is no definition {entry.name}")
    _check_suggestions(found)
    return frozen_mapping(found)


def suggestion_source(canvases: Mapping[str, Canvas], path: str) -> tuple[Canvas, Field]:
    """The canvas and text field that ``path`` ("canvas/field[/subfield]") points at."""
    canvas_id, *names = path.split("/")
    if canvas_id not in canvases or not 1 <= len(names) <= 2:
        raise DefinitionError(f"suggest {path!r}: expected an existing canvas/field[/subfield]")
    fields, field = canvases[canvas_id].fields, None
    for name in names:
        field = next((f for f in fields if f.id == name), None)
        if field is None:
            raise DefinitionError(f"suggest {path!r}: no field {name!r}")
        fields = field.fields
    if field is None or field.kind != "text":
        raise DefinitionError(f"suggest {path!r}: must end at a text field")
    return canvases[canvas_id], field


def _check_suggestions(canvases: Mapping[str, Canvas]) -> None:
    def walk(fields: tuple[Field, ...]) -> Iterator[Field]:
        for f in fields:
            yield f
            yield from walk(f.fields)

    for canvas in canvases.values():
        for f in walk(canvas.fields):
            if f.suggest:
                if f.kind != "text":
                    raise DefinitionError(f"{canvas.id}.toml: suggest on {f.id!r} needs a text field")
                suggestion_source(canvases, f.suggest)


def canvas_ids() -> tuple[str, ...]:
    return tuple(all_canvases())


def get_canvas(canvas_id: str) -> Canvas:
    try:
        return all_canvases()[canvas_id]
    except KeyError:
        raise KeyError(f"no canvas {canvas_id!r}; known: {', '.join(all_canvases())}") from None
