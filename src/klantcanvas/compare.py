"""Two states of one canvas side by side: what was added, changed and removed, field by field.

``diff(old, new)`` walks the definition, so every change is named by its label path in the active
language ("Fase 2 › Touchpoint 3 › Emotie") and shown as the form shows it (a choice's label, a
scale's word, yes for a flag). Entries of lists and groups are aligned first (an entry inserted at
the top is one addition, not a change of every entry below it). Both sides pass through
``fill`` first, so whatever a damaged page or file sends gives a valid answer.

``changed_items(old_scene, new_scene)`` says which items of the newer drawing have no identical
counterpart in the older one, so ``render.svg`` can outline them without touching any layout.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from klantcanvas.fill import BLANK
from klantcanvas.i18n import format_number, t
from klantcanvas.model import Field, Filled, has_content
from klantcanvas.photo import photo_key
from klantcanvas.scene import Circle, Image, Item, Scene, TextBox

__all__ = ["ADDED", "CHANGED", "REMOVED", "Change", "changed_items", "diff", "leaves"]

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
#: Between the labels of a path, as the page shows it.
SEPARATOR = " › "


@dataclass(frozen=True)
class Change:
    """One field that differs. ``path`` holds labels; ``ids`` the field ids and 1-based entry
    numbers (for tests and for the page); ``old`` and ``new`` are the values as shown ("" when
    there is none)."""

    kind: str
    path: tuple[str, ...]
    ids: tuple[str | int, ...]
    old: str
    new: str

    @property
    def label(self) -> str:
        return SEPARATOR.join(self.path)

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "path": list(self.path), "ids": list(self.ids),
                "old": self.old, "new": self.new}


def _shown(f: Field, value: Any) -> str:
    """A value as the form shows it."""
    if f.kind == "flag":
        return t("render.yes") if value else t("render.no")
    if f.kind == "choice":
        return f.option_label(value)
    if f.kind == "scale":
        return "" if value is None else f.option_label(str(value))
    if f.kind == "photo":  # named by its size and a short fingerprint, never by its bytes
        return t("photo.compared", size=format_number(len(value) * 3 // 4000), fingerprint=photo_key(value)[7:15]) if value else ""
    return value if isinstance(value, str) else ""


def _entry(f: Field, number: int) -> str:
    return t("ui.entry_name", item=f.entry_label, number=number)


Step = tuple[int | None, int | None]


def _align(old: Sequence[Any], new: Sequence[Any], cost: Callable[[Any, Any], float]) -> list[Step]:
    """Pairs (i, j) of entries that correspond, (i, None) removed, (None, j) added, in order.

    An edit-distance alignment: leaving an entry out costs 1, pairing two costs how unlike they are
    (0 when equal, at most 1), so entries stay paired unless an insertion or removal explains more.
    Equal ends are taken first; the rest is at most ``max_items`` (40) on each side."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    a, b = old[start:len(old) - end], new[start:len(new) - end]
    rows, cols = len(a), len(b)
    table = [[float(i + j) if not i or not j else 0.0 for j in range(cols + 1)] for i in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            table[i][j] = min(table[i - 1][j - 1] + cost(a[i - 1], b[j - 1]), table[i - 1][j] + 1, table[i][j - 1] + 1)
    steps: list[Step] = []
    i, j = rows, cols
    while i or j:
        if i and j and table[i][j] == table[i - 1][j - 1] + cost(a[i - 1], b[j - 1]):
            steps.append((start + i - 1, start + j - 1))
            i, j = i - 1, j - 1
        elif i and (not j or table[i][j] == table[i - 1][j] + 1):
            steps.append((start + i - 1, None))
            i -= 1
        else:
            steps.append((None, start + j - 1))
            j -= 1
    head = [(k, k) for k in range(start)]
    tail = [(len(old) - end + k, len(new) - end + k) for k in range(end)]
    return head + steps[::-1] + tail


def leaves(fields: Sequence[Field], record: Mapping[str, Any], ids: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """(ids, value) of every field in ``record`` that holds content, at any depth."""
    for f in fields:
        value = record.get(f.id, BLANK[f.kind])
        if f.kind in ("list", "group"):
            for number, entry in enumerate(value if isinstance(value, tuple) else (), start=1):
                if f.kind == "list":
                    yield (*ids, f.id, number), entry
                else:
                    yield from leaves(f.fields, entry, (*ids, f.id, number))
        elif has_content(value):
            yield (*ids, f.id), value


def _unlike(f: Field) -> Callable[[Any, Any], float]:
    """How unlike two entries of ``f`` are: 0 when equal, 1 for two different texts, and for
    records the share of their filled fields that differ."""
    def cost(a: Any, b: Any) -> float:
        if a == b:
            return 0.0
        if f.kind == "list":
            return 1.0
        left, right = set(leaves(f.fields, a)), set(leaves(f.fields, b))
        return 1.0 - len(left & right) / max(1, len(left | right))
    return cost


class _Walk:
    def __init__(self) -> None:
        self.changes: list[Change] = []

    def fields(self, fields: Sequence[Field], old: Mapping[str, Any], new: Mapping[str, Any],
               path: tuple[str, ...], ids: tuple[str | int, ...]) -> None:
        for f in fields:
            before, after = old.get(f.id, BLANK[f.kind]), new.get(f.id, BLANK[f.kind])
            if f.kind in ("list", "group"):
                self.entries(f, before if isinstance(before, tuple) else (), after if isinstance(after, tuple) else (), path, ids)
            else:
                self.leaf(f, before, after, (*path, f.label), (*ids, f.id))

    def leaf(self, f: Field, before: Any, after: Any, path: tuple[str, ...], ids: tuple[str | int, ...]) -> None:
        if before == after:
            return
        had, has = has_content(before), has_content(after)
        kind = CHANGED if had and has else ADDED if has else REMOVED if had else ""
        if kind:
            self.changes.append(Change(kind, path, ids, _shown(f, before) if had else "", _shown(f, after) if has else ""))

    def entries(self, f: Field, old: Sequence[Any], new: Sequence[Any], path: tuple[str, ...], ids: tuple[str | int, ...]) -> None:
        for i, j in _align(old, new, _unlike(f)):
            if i is not None and j is not None and old[i] == new[j]:
                continue
            number = (j if j is not None else i or 0) + 1
            before = old[i] if i is not None else None
            after = new[j] if j is not None else None
            where, at = (*path, _entry(f, number)), (*ids, f.id, number)
            if f.kind == "list":
                self.leaf(f, before or "", after or "", where, at)
            else:
                self.fields(f.fields, before or {}, after or {}, where, at)


def diff(old: Filled, new: Filled) -> tuple[Change, ...]:
    """Every field that differs from ``old`` to ``new`` (the same canvas), in the form's order."""
    walk = _Walk()
    walk.fields(new.canvas.fields, old.values, new.values, (), ())
    return tuple(walk.changes)


def _key(item: Item) -> Hashable | None:
    """What an item shows, not where: a text by its role and words (wrapping does not count), a
    dot by its size and colours. None for the shapes that are never marked (panels, lines)."""
    if isinstance(item, TextBox):
        words = " ".join(" ".join(line.text for line in item.lines).split())
        return (item.role, words) if words else None
    if isinstance(item, Circle):
        return (item.r, item.fill, item.stroke)
    if isinstance(item, Image):
        return (item.role, photo_key(item.data))
    return None


def _place(item: Item) -> tuple[float, float]:
    if isinstance(item, Circle):
        return round(item.cx, 1), round(item.cy, 1)
    return round(getattr(item, "x", 0.0), 1), round(getattr(item, "y", 0.0), 1)


def changed_items(old: Scene, new: Scene) -> tuple[int, ...]:
    """Indexes of the items of ``new`` to mark: texts and dots with no counterpart in ``old``.

    Items that show the same thing are paired, nearest first (the same place before anywhere
    else: a phase inserted moves the others, it does not change them). What is left unpaired in
    ``new`` is new or changed, and gets a mark."""
    before: dict[Hashable, list[tuple[float, float]]] = {}
    for item in old.items:
        if (key := _key(item)) is not None:
            before.setdefault(key, []).append(_place(item))
    after: dict[Hashable, list[tuple[int, tuple[float, float]]]] = {}
    for index, item in enumerate(new.items):
        if (key := _key(item)) is not None:
            after.setdefault(key, []).append((index, _place(item)))
    out: list[int] = []
    for key, items in after.items():
        places = before.get(key, [])
        if len(places) >= len(items):
            continue  # every one of them has a counterpart
        pairs = sorted((abs(x - ox) + abs(y - oy), n, o) for n, (_, (x, y)) in enumerate(items)
                       for o, (ox, oy) in enumerate(places))
        paired_new: set[int] = set()
        paired_old: set[int] = set()
        for _, n, o in pairs:
            if n not in paired_new and o not in paired_old:
                paired_new.add(n)
                paired_old.add(o)
        out.extend(index for n, (index, _) in enumerate(items) if n not in paired_new)
    return tuple(sorted(out))
