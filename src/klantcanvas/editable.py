"""Which drawn item shows which field: the paths that make the preview editable on the canvas.

``editable_items(filled, scene)`` pairs every text the drawing shows with the field it comes
from: a path of field ids and 1-based entry numbers ("fases/2/contactmomenten/1/omschrijving"),
the field's kind (the page's editor offers a text field, a choice or a scale from that alone),
the label path and value a screen reader announces, and the reading order (the form's order,
which the text version follows). Layouts stay as they are: a text box is paired with the field
whose value it shows (the source paragraphs a box keeps, not its wrapped lines), the closest
match first, and equal values in the order they are drawn. Headings, legends, numbers and scale
labels are never paired, since no single field holds them.

``add_points(filled)`` says where "+" adds an entry: every list and group, by path, with the
entry's name and whether it is full. ``add_marks(filled, scene, items)`` places a round "+" for
each of them on the drawing, so the page draws it with the preview and measures nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from math import hypot
from typing import Any, NamedTuple

from klantcanvas.fill import BLANK
from klantcanvas.i18n import current_language, t
from klantcanvas.model import Field, Filled, has_content
from klantcanvas.scene import Scene, TextBox, line_band
from klantcanvas.text import BULLET

__all__ = ["AddMark", "AddPoint", "EditableItem", "add_marks", "add_points", "editable_items", "item_box", "path_text"]

#: Between the labels of a path, as the page shows it (the same as klantcanvas.compare).
SEPARATOR = " › "
#: Kinds the canvas editor can change in place (flags are drawn as marks, not as text).
EDITABLE_KINDS = ("text", "textarea", "list", "choice", "scale")
#: Roles of texts that belong to the drawing, not to one field.
_FIXED_ROLES = {"title", "subtitle", "footer", "legend", "nummer", "number", "niveau", "level", "kloof",
                "journey-number", "row", "avatar-initials", "buiten", "overlap"}
_FIXED_SUFFIXES = ("-label", "-heading")

Ids = tuple[str | int, ...]


@dataclass(frozen=True)
class EditableItem:
    """One drawn text that one field holds. ``index`` is the scene item; ``order`` the reading order."""

    index: int
    ids: Ids
    kind: str
    label: str
    value: str
    order: int
    #: The lines of the box it covers (first, end), when the box shows more than this item.
    lines: tuple[int, int] | None = None

    @property
    def path(self) -> str:
        return path_text(self.ids)

    def as_json(self) -> dict[str, Any]:
        return {"index": self.index, "path": self.path, "kind": self.kind, "label": self.label,
                "value": self.value, "order": self.order}


@dataclass(frozen=True)
class AddPoint:
    """A list or group that takes another entry: ``path`` of the list, ``label`` for its button."""

    ids: Ids
    label: str
    full: bool

    def as_json(self) -> dict[str, Any]:
        return {"path": path_text(self.ids), "label": self.label, "full": self.full}


@dataclass(frozen=True)
class AddMark:
    """A "+" on the drawing: its list, the centre and radius in millimetres, and the reading
    order (just after the list's last drawn entry)."""

    point: AddPoint
    cx: float
    cy: float
    r: float
    order: float


@lru_cache(maxsize=4096)  # every item and "+" of the preview is named by its path on each keystroke
def path_text(ids: Ids) -> str:
    """A path as the page's data attribute holds it: ids and entry numbers joined by "/"."""
    return "/".join(str(i) for i in ids)


def _shown(f: Field, value: Any) -> str:
    if f.kind == "choice":
        return f.option_label(value) if value else ""
    if f.kind == "scale":
        return "" if value is None else f.option_label(str(value))
    return value if isinstance(value, str) else ""


class _Leaf(NamedTuple):
    ids: Ids
    kind: str
    label: str
    value: str


def _leaves(fields: Sequence[Field], record: Mapping[str, Any], ids: Ids, labels: tuple[str, ...]) -> list[_Leaf]:
    """Every field with content that the editor can change, in the form's order."""
    out: list[_Leaf] = []
    _walk(fields, record, ids, labels, out, current_language())
    return out


def _walk(fields: Sequence[Field], record: Mapping[str, Any], ids: Ids, labels: tuple[str, ...], out: list[_Leaf],
          lang: str) -> None:
    for f in fields:
        kind = f.kind
        value = record.get(f.id, BLANK[kind])
        if kind == "list" or kind == "group":
            for number, entry in enumerate(value if isinstance(value, tuple) else (), start=1):
                where = (*labels, _entry_name(lang, f.entry_label, number))
                if kind == "group":
                    _walk(f.fields, entry, (*ids, f.id, number), where, out, lang)
                elif has_content(entry):
                    out.append(_Leaf((*ids, f.id, number), "list", _joined(where if labels else (f.label, where[-1])), entry))
        elif kind in EDITABLE_KINDS and has_content(value):
            out.append(_Leaf((*ids, f.id), kind, _joined((*labels, f.label)), _shown(f, value)))


@lru_cache(maxsize=4096)  # the same names come back with every keystroke's preview
def _entry_name(lang: str, item: str, number: int) -> str:
    return t("ui.entry_name", lang, item=item, number=number)


@lru_cache(maxsize=4096)
def _joined(labels: tuple[str, ...]) -> str:
    return SEPARATOR.join(labels)


@lru_cache(maxsize=8192)  # the same texts come back with every keystroke's preview
def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _fixed(role: str) -> bool:
    return role in _FIXED_ROLES or role.endswith(_FIXED_SUFFIXES)


@lru_cache(maxsize=8192)
def _field_id(ids: Ids) -> str:
    """The id of the field at ``ids`` (its last name, past any entry number)."""
    return next((i for i in reversed(ids) if isinstance(i, str)), "")


def _names(role: str, ids: Ids) -> bool:
    """Whether a text box's role names the field at ``ids`` (``omschrijving`` or ``group-omschrijving``)."""
    field = _field_id(ids)
    return role == field or role.endswith("-" + field)


def _para_lines(box: TextBox) -> list[tuple[str, tuple[int, int]]]:
    """Each shown paragraph of a box with the range of its lines (a paragraph wraps into several;
    lines come in paragraph order, so their words add up to each paragraph's words in turn)."""
    out: list[tuple[str, tuple[int, int]]] = []
    line = 0
    for para in box.paras:
        words = para.text.split()
        if not words:
            continue
        first, count = line, 0
        while line < len(box.lines) and count < len(words):
            count += len(box.lines[line].text.removeprefix(BULLET).split())
            line += 1
        if line > first:
            out.append((_norm(para.text), (first, line)))
    return out


# The texts of a box, by its lines: ``text.fit`` hands out the very same tuple of lines again for
# the same paragraphs, and a keystroke leaves most boxes so. Each entry keeps its tuple alive, so
# an id is never reused while it is here.
_Texts = tuple[str, list[tuple[str, tuple[int, int]]]]
_TEXTS: dict[int, tuple[tuple[Any, ...], tuple[Any, ...], _Texts]] = {}


def _texts(box: TextBox) -> _Texts:
    """The box's words (normalised) and its paragraphs with their lines (``_para_lines``)."""
    kept = _TEXTS.get(id(box.lines)) if box.lines else None
    if kept is not None and kept[0] is box.lines and (kept[1] is box.paras or kept[1] == box.paras):
        return kept[2]
    found = _norm(" ".join(p.text for p in box.paras)), _para_lines(box)
    if box.lines:
        if len(_TEXTS) >= 4096:
            _TEXTS.clear()
        _TEXTS[id(box.lines)] = (box.lines, box.paras, found)
    return found


class _Pairing:
    """Leaves of the form, each paired with at most one drawn text."""

    def __init__(self, leaves: list[_Leaf]) -> None:
        self.leaves = leaves
        self.shown = [_norm(leaf.value) for leaf in leaves]
        self.taken: set[int] = set()
        self.equal: dict[str, list[int]] = {}  # shown text -> leaves, in form order
        self.named: dict[str, list[int]] = {}  # field id -> leaves of that field, in form order
        for n, value in enumerate(self.shown):
            self.equal.setdefault(value, []).append(n)
            self.named.setdefault(_field_id(leaves[n].ids), []).append(n)

    def _named_by(self, role: str) -> list[int]:
        """The leaves whose field ``role`` names (``_names``): the role itself, or what follows
        any of its hyphens."""
        found = list(self.named.get(role, ()))
        at = role.find("-")
        while at >= 0:
            found += self.named.get(role[at + 1:], ())
            at = role.find("-", at + 1)
        return found

    def best(self, role: str, words: str, *, whole: bool = False) -> int | None:
        """The leaf a text shows: the field the role names first, then the whole text, then the
        text that comes first, then the longest, then the earliest in the form. With ``whole``
        only a leaf that shows exactly these words will do."""
        exact = None  # the earliest free leaf that shows exactly these words: the best score of all
        for n in self.equal.get(words, ()) if words else ():
            if n not in self.taken:
                if _names(role, self.leaves[n].ids):  # the usual case: found at once
                    return n
                exact = n if exact is None else exact
        if whole:  # every free leaf with exactly these words was just looked at: none is named
            return exact
        # A leaf the role names beats every other; only when none is shown are all looked at.
        named = self._closest(self._named_by(role), words)
        if named is not None:
            return named
        return exact if exact is not None else self._closest(range(len(self.shown)), words)

    def _closest(self, candidates: Iterable[int], words: str) -> int | None:
        """The free leaf among ``candidates`` whose words ``words`` holds with the best score."""
        shown, taken = self.shown, self.taken
        scores = [(value != words, words.find(value), -len(value), n) for n in candidates
                  if (value := shown[n]) and value in words and n not in taken]
        return min(scores)[3] if scores else None


def editable_items(filled: Filled, scene: Scene) -> tuple[EditableItem, ...]:
    """The drawn texts of ``scene`` that one field of ``filled`` holds, in scene order. A box that
    shows several entries of a list, one paragraph each, gives an item per entry (``lines``)."""
    pairing = _Pairing(_leaves(filled.canvas.fields, filled.values, (), ()))
    out: list[EditableItem] = []

    def add(index: int, n: int, lines: tuple[int, int] | None) -> None:
        pairing.taken.add(n)
        leaf = pairing.leaves[n]
        out.append(EditableItem(index, leaf.ids, leaf.kind, leaf.label, leaf.value, n, lines))

    for index, item in enumerate(scene.items):
        if not isinstance(item, TextBox) or _fixed(item.role):
            continue
        words, paras = _texts(item)
        if not words:
            continue
        if len(paras) > 1:  # one item per paragraph that is exactly one entry, when two or more are
            entries: list[tuple[int, tuple[int, int]]] = []
            for text, lines in paras:
                found = pairing.best(item.role, text, whole=True)
                if found is not None and pairing.leaves[found].kind == "list":
                    entries.append((found, lines))
                    pairing.taken.add(found)  # equal entries pair with the next one
            pairing.taken.difference_update(n for n, _ in entries)
            if len({pairing.leaves[n].ids[:-1] for n, _ in entries}) == 1 and len(entries) > 1:
                for entry, lines in entries:
                    add(index, entry, lines)
                continue
        whole = pairing.best(item.role, words)
        if whole is not None:
            add(index, whole, None)
    return tuple(out)


def add_points(filled: Filled) -> tuple[AddPoint, ...]:
    """Every list and group of ``filled`` (inner groups per outer entry), in the form's order."""
    def walk(fields: Sequence[Field], record: Mapping[str, Any], ids: Ids) -> Iterator[AddPoint]:
        for f in fields:
            if f.kind not in ("list", "group"):
                continue
            value = record.get(f.id, ())
            entries = value if isinstance(value, tuple) else ()
            label = f.entry_label
            yield AddPoint((*ids, f.id), t("ui.add", item=label, item_lower=label[:1].lower() + label[1:]),
                           len(entries) >= f.max_items)
            if f.kind == "group":
                for number, entry in enumerate(entries, start=1):
                    yield from walk(f.fields, entry, (*ids, f.id, number))
    return tuple(walk(filled.canvas.fields, filled.values, ()))


def item_box(scene: Scene, item: EditableItem) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of what answers a click on ``item`` in the preview (klantcanvas.render.svg):
    its whole text box, or the band of its own lines when the box shows several entries."""
    box = scene.items[item.index]
    assert isinstance(box, TextBox)
    if item.lines is None:
        return box.x, box.y, box.x + box.w, box.y + box.h
    top, bottom = line_band(box, *item.lines)
    return box.x, top, box.x + box.w, bottom


def add_marks(filled: Filled, scene: Scene, items: Sequence[EditableItem]) -> tuple[AddMark, ...]:
    """A "+" for every list and group that takes another entry, just below its last drawn entry
    (at its right end, clear of its text), and never over another "+". A list with nothing drawn
    yet gets none: the form's own add button stays the way to its first entry."""
    r = max(scene.width, scene.height) / 110
    # The drawn entries of every list, by the list's path: an item is an entry of each list whose
    # path its own path continues with an entry number.
    entries: dict[Ids, list[tuple[EditableItem, tuple[float, float, float, float]]]] = {}
    for item in items:
        box = item_box(scene, item)
        for depth, step in enumerate(item.ids):
            if isinstance(step, int):
                entries.setdefault(item.ids[:depth], []).append((item, box))
    placed: list[tuple[float, float]] = []
    out: list[AddMark] = []
    for point in add_points(filled):
        drawn = entries.get(point.ids)
        if point.full or not drawn:
            continue
        depth = len(point.ids)
        last = max(int(item.ids[depth]) for item, _ in drawn)
        ends = [box for item, box in drawn if item.ids[depth] == last]
        cx = min(scene.width - r, max(b[2] for b in ends) - r)
        cy = min(scene.height - r, max(b[3] for b in ends) + r * 1.15)  # below the entry: never over its text
        while any(hypot(x - cx, y - cy) < 2.4 * r for x, y in placed):
            cx -= 2.6 * r
        placed.append((cx, cy))
        out.append(AddMark(point, cx, cy, r, max(item.order for item, _ in drawn) + 0.5))
    return tuple(out)
