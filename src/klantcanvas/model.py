"""The typed shape of a canvas definition: frozen dataclasses that catalog.py fills from TOML.

A definition is data, not code: the form, the renderers, validation, the worked example and the
tests all read these objects, so adding a method means adding a TOML file and a guide page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

__all__ = [
    "FIELD_KINDS", "ROOT", "Canvas", "Field", "Filled", "Layout", "Option", "Step", "fields_along", "frozen_mapping", "has_content",
    "shown",
]

#: text: one line; textarea: several lines; list: ordered short texts; choice: one of options;
#: flag: yes/no; scale: a whole number between minimum and maximum; group: repeated records;
#: photo: a JPEG as a ``data:`` URI (klantcanvas.photo), at most ``maximum`` pixels a side and
#: ``max_length`` bytes, stored without metadata.
FIELD_KINDS = ("text", "textarea", "list", "choice", "flag", "scale", "group", "photo")


def frozen_mapping(value: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str
    hint: str = ""
    placeholder: str = ""
    #: The name of one entry of a list or group ("Beslisser", "Fase"); defaults to the label.
    item_label: str = ""
    max_length: int = 400
    max_items: int = 40
    options: tuple[Option, ...] = ()
    minimum: int = 0
    maximum: int = 5
    default: Any = None
    #: Sub-fields of a group; empty for every other kind.
    fields: tuple[Field, ...] = ()
    #: Offer what the user made in another canvas: "klantsegmenten/segmenten/naam" (canvas/field[/sub]).
    suggest: str = ""
    #: Show this field only when sibling fields have these values ({"soort": "beslissing"}); a key
    #: "/id" names a top-level field of the canvas instead (from inside a group), and the value
    #: true means "holds something", false "holds nothing" (see ``shown``).
    show_when: Mapping[str, Any] = field(default_factory=frozen_mapping)
    #: Presentation hints that only the layout reads (colour, column, ...).
    style: Mapping[str, Any] = field(default_factory=frozen_mapping)

    @property
    def entry_label(self) -> str:
        return self.item_label or self.label

    def option_label(self, value: str) -> str:
        return self._option_labels.get(value, value)

    @cached_property  # every preview names dozens of options (emotions, kinds): one look-up each
    def _option_labels(self) -> Mapping[str, str]:
        """Each option's label by its value (the first option's, should two share a value)."""
        return {o.value: o.label for o in reversed(self.options)}


@dataclass(frozen=True)
class Layout:
    """Which layout draws the canvas, and the data it needs (field ids, colours)."""

    kind: str
    options: Mapping[str, Any] = field(default_factory=frozen_mapping)


@dataclass(frozen=True)
class Step:
    """One time-boxed step of the method's workshop (``[[steps]]`` in the definition).

    ``fields`` are the field paths the step fills ("doel", "fases/contactmomenten/cruciaal"), the
    room screen highlights them; ``items`` is the path of what participants write or vote on: a
    list field, or a text field inside a group ("fases/contactmomenten/omschrijving"), each item
    then a new record. ``alone``: everyone writes alone first; ``vote``: the step ends in a dot vote.
    """

    id: str
    title: str
    minutes: int
    instruction: str
    fields: tuple[str, ...] = ()
    items: str = ""
    alone: bool = False
    vote: bool = False


@dataclass(frozen=True)
class Canvas:
    id: str
    title: str
    summary: str
    fields: tuple[Field, ...]
    layout: Layout
    example: Mapping[str, Any]
    version: int = 1
    #: The paper size and orientation a PDF gets when the user chooses nothing.
    paper: str = "A4"
    orientation: str = "landscape"
    #: The workshop's plan, in order (may be empty: then the method has no guided session).
    steps: tuple[Step, ...] = ()

    def field(self, field_id: str) -> Field:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(f"canvas {self.id!r} has no field {field_id!r}")

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(f"canvas {self.id!r} has no step {step_id!r}")

    def field_path(self, path: str) -> tuple[Field, ...]:
        """The fields along ``path`` ("fases/contactmomenten/omschrijving"), outermost first."""
        try:
            return fields_along(self.fields, path)
        except KeyError:
            raise KeyError(f"canvas {self.id!r} has no field {path!r}") from None


@dataclass(frozen=True)
class Filled:
    """A canvas with checked values (field id -> value), as ``klantcanvas.fill`` makes it."""

    canvas: Canvas
    values: Mapping[str, Any]

    def text(self, field_id: str) -> str:
        value = self.values.get(field_id, "")
        return value if isinstance(value, str) else ""

    def items(self, field_id: str) -> tuple[Any, ...]:
        value = self.values.get(field_id, ())
        return value if isinstance(value, tuple) else ()

    def is_empty(self) -> bool:
        return not any(has_content(v) for v in self.values.values())

    def as_json_data(self) -> dict[str, Any]:
        plain: dict[str, Any] = _plain(self.values)
        return plain


def fields_along(fields: tuple[Field, ...], path: str) -> tuple[Field, ...]:
    """The fields along a "/"-separated ``path`` of ids below ``fields``, outermost first;
    KeyError when a step of it names no field."""
    found: list[Field] = []
    for name in path.split("/"):
        f = next((g for g in fields if g.id == name), None)
        if f is None:
            raise KeyError(path)
        found.append(f)
        fields = f.fields
    return tuple(found)


def has_content(value: Any) -> bool:
    """Whether a value holds anything a user typed or chose."""
    if isinstance(value, str):  # the usual case first
        return bool(value.strip())
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return True
    if isinstance(value, tuple):
        return any(has_content(v) for v in value)
    if isinstance(value, Mapping):
        return any(has_content(v) for v in value.values())
    return False


#: A ``show_when`` key that starts with this names a top-level field of the canvas.
ROOT = "/"


def shown(show_when: Mapping[str, Any], record: Mapping[str, Any], root: Mapping[str, Any]) -> bool:
    """Whether a field with ``show_when`` is shown, given the checked values of its own record and
    of the canvas's top level. A wanted ``true``/``false`` asks whether the field holds something
    (for a flag that is the same as being on or off); any other value must be equal."""
    for key, wanted in show_when.items():
        value = root.get(key[len(ROOT):]) if key.startswith(ROOT) else record.get(key)
        if isinstance(wanted, bool):
            if has_content(value) != wanted:
                return False
        elif value != wanted:
            return False
    return True


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value
