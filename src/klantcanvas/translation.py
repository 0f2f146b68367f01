"""Definition translations: the texts of a canvas in another language, as data keyed by ids.

The Dutch definition (``definitions/<id>.toml``) is the one structural definition: ids, kinds,
limits, layout. A translation (``definitions/<language>/<id>.toml``) holds only words::

    title = "Persona"
    summary = "..."
    [fields.klanttype]            # a field by id; nested ones as fields.<group>.fields.<id>
    label = "Customer type"
    hint = "..."                  # also placeholder, item_label and the style texts short, badge
    options = { beslisser = "Decision maker" }   # option labels by option value
    [layout]                      # the layout's own words (headings, legends)
    scope_heading = "Scope"
    [layout.panels.facts]         # a board panel by its role, field or kind
    title = "General information"
    [steps.<id>]                  # a workshop step by id: its title and instruction
    title = "Set the goal"
    [example]                     # the worked example: same ids, same story, other words

``translated(raw, translation, name)`` returns the Dutch raw definition with those texts put in.
A translation cannot add, drop or reorder anything: a text the Dutch definition does not have is
refused (``DefinitionError``), a missing one stays Dutch (and tests/unit/test_translations.py
fails), and the example must have the Dutch example's shape (``same_story``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

from klantcanvas.model import Canvas, Field

__all__ = ["TranslationError", "definition_texts", "example_shape", "translated", "translation_texts"]

#: The words of a field; ``short`` and ``badge`` live in its ``style`` table.
FIELD_TEXTS = ("label", "hint", "placeholder", "item_label")
STYLE_TEXTS = ("short", "badge")
#: The words of a workshop step (``[[steps]]``).
STEP_TEXTS = ("title", "instruction")
#: Layout options (and board panel options) that are words when their value is not a field id.
LAYOUT_TEXTS = ("title", "scope_heading", "rows", "outside_label", "in_label", "out_label", "overlap_label",
                "overlap_short", "overlap_heading", "legend", "journey_heading")

Path = tuple[str, ...]


class TranslationError(ValueError):
    """A translation names a text the definition does not have, or has the wrong kind of value."""


def _field_ids(fields: list[Mapping[str, Any]]) -> set[str]:
    ids: set[str] = set()
    for table in fields:
        ids.add(str(table.get("id")))
        ids |= _field_ids(list(table.get("fields", ())))
    return ids


def _is_words(value: Any, ids: set[str]) -> bool:
    if isinstance(value, str):
        return value not in ids
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v not in ids for v in value)


def panel_id(panel: Mapping[str, Any]) -> str:
    """How a translation names a board panel: its role, else its field, else its kind."""
    return str(panel.get("role") or panel.get("field") or panel.get("kind", "text"))


def _field_texts(table: Mapping[str, Any], prefix: Path) -> Iterator[tuple[Path, Any]]:
    path = prefix + (str(table["id"]),)
    for key in FIELD_TEXTS:
        if table.get(key):
            yield path + (key,), table[key]
    style = table.get("style") or {}
    for key in STYLE_TEXTS:
        if isinstance(style.get(key), str):
            yield path + (key,), style[key]
    for option in table.get("options", ()):
        yield path + ("options", str(option["value"])), option["label"]
    for sub in table.get("fields", ()):
        yield from _field_texts(sub, path + ("fields",))


def definition_texts(raw: Mapping[str, Any]) -> dict[Path, Any]:
    """Every translatable text of a raw (Dutch) definition by its path, example excluded."""
    out: dict[Path, Any] = {}
    for key in ("title", "summary"):
        if raw.get(key):
            out[(key,)] = raw[key]
    for table in raw.get("fields", ()):
        out.update(_field_texts(table, ("fields",)))
    for step in raw.get("steps", ()):
        for key in STEP_TEXTS:
            if isinstance(step, Mapping) and step.get(key):
                out[("steps", str(step.get("id")), key)] = step[key]
    ids = _field_ids(list(raw.get("fields", ())))
    layout = raw.get("layout", {})
    for key, value in layout.items():
        if key in LAYOUT_TEXTS and _is_words(value, ids):
            out[("layout", key)] = value
    for panel in layout.get("panels", ()):
        for key, value in panel.items():
            if key in LAYOUT_TEXTS and _is_words(value, ids):
                path = ("layout", "panels", panel_id(panel), key)
                if path in out:
                    raise TranslationError(f"two panels with words are both called {panel_id(panel)!r}: give one a role")
                out[path] = value
    return out


def translation_texts(translation: Mapping[str, Any]) -> dict[Path, Any]:
    """The texts of a translation file by path (the same paths as ``definition_texts``)."""
    out: dict[Path, Any] = {}

    def walk(prefix: Path, node: Mapping[str, Any]) -> None:
        for key, value in node.items():
            if isinstance(value, Mapping):
                walk(prefix + (str(key),), value)
            else:
                out[prefix + (str(key),)] = value

    walk((), {k: v for k, v in translation.items() if k != "example"})
    return out


def _find(tables: list[dict[str, Any]], key: str, wanted: str, where: str) -> dict[str, Any]:
    """The table among ``tables`` whose ``key`` is ``wanted`` (key "panel": whose ``panel_id`` is)."""
    for table in tables:
        if (panel_id(table) if key == "panel" else str(table.get(key))) == wanted:
            return table
    raise TranslationError(f"{where}: no {wanted!r}")  # pragma: no cover - paths are checked first


def _put(raw: dict[str, Any], path: Path, value: Any) -> None:
    where = ".".join(path)
    if path[0] in ("title", "summary"):
        raw[path[0]] = value
        return
    if path[0] == "steps":
        _find(raw["steps"], "id", path[1], where)[path[2]] = value
        return
    if path[0] == "layout":
        node = raw["layout"]
        if path[1] == "panels":
            node = _find(node["panels"], "panel", path[2], where)
        node[path[-1]] = value
        return
    tables, rest = raw["fields"], path[1:]
    table = _find(tables, "id", rest[0], where)
    while len(rest) > 2 and rest[1] == "fields":
        rest = rest[2:]
        table = _find(table["fields"], "id", rest[0], where)
    if rest[1] == "options":
        _find(table["options"], "value", rest[2], where)["label"] = value
    elif rest[1] in STYLE_TEXTS:
        table["style"] = {**table["style"], rest[1]: value}
    else:
        table[rest[1]] = value


def translated(raw: Mapping[str, Any], translation: Mapping[str, Any], name: str) -> dict[str, Any]:
    """A copy of the raw definition ``raw`` with the texts of ``translation`` put in."""
    unknown = set(translation) - {"title", "summary", "fields", "layout", "steps", "example"}
    if unknown:
        raise TranslationError(f"{name}: unknown keys {sorted(unknown)}")
    texts = definition_texts(raw)
    out = copy.deepcopy(dict(raw))
    for path, value in translation_texts(translation).items():
        where = f"{name}: {'.'.join(path)}"
        if path not in texts:
            raise TranslationError(f"{where}: the definition has no such text (unknown id or key)")
        original = texts[path]
        if isinstance(original, str) and not isinstance(value, str):
            raise TranslationError(f"{where}: must be a text")
        if isinstance(original, list) and not (
            isinstance(value, list) and len(value) == len(original) and all(isinstance(v, str) for v in value)
        ):
            raise TranslationError(f"{where}: must be a list of {len(original)} texts")
        _put(out, path, value)
    if "example" in translation:
        if not isinstance(translation["example"], Mapping):
            raise TranslationError(f"{name}: example must be a table")
        _known_ids(list(raw.get("fields", ())), translation["example"], f"{name}: example")
        out["example"] = dict(translation["example"])
    return out


def _known_ids(fields: list[Mapping[str, Any]], values: Mapping[str, Any], where: str) -> None:
    """Every key of an example (and of its group records) is a field id of the definition."""
    tables = {str(table.get("id")): table for table in fields}
    for key, value in values.items():
        if key not in tables:
            raise TranslationError(f"{where}.{key}: the definition has no such field")
        for record in value if isinstance(value, list) else ():
            if isinstance(record, Mapping):
                _known_ids(list(tables[key].get("fields", ())), record, f"{where}.{key}")


def example_shape(fields: tuple[Field, ...], values: Mapping[str, Any]) -> dict[str, Any]:
    """The example without its words: which texts are filled, list and group lengths, and every
    choice, flag and scale as it is. Two languages' examples tell the same story when equal."""
    out: dict[str, Any] = {}
    for f in fields:
        value = values.get(f.id)
        if f.kind in ("text", "textarea"):
            out[f.id] = bool(value)
        elif f.kind == "list":
            out[f.id] = len(value or ())
        elif f.kind == "group":
            out[f.id] = [example_shape(f.fields, record) for record in value or ()]
        else:
            out[f.id] = value
    return out


def same_story(dutch: Canvas, other: Canvas) -> bool:
    from klantcanvas.fill import fill

    return example_shape(dutch.fields, fill(dutch, dict(dutch.example)).values) == example_shape(
        other.fields, fill(other, dict(other.example)).values)
