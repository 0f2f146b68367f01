"""Filled canvas -> its text version: headings, paragraphs, bullets and tables in reading order.

One walk over the definition's fields gives what is on the canvas as structured text. The
Markdown export writes these blocks as Markdown; the page shows them as HTML under the preview
("Tekstversie"), so both say the same. Texts here are raw: each writer escapes for its format.

Reading order is the definition's field order: a text field as a paragraph (a textarea keeps its
lines, split into paragraphs on blank lines), a list as bullets, a choice as its option label, a
flag as ja/nee, a scale as its number with the range in the heading. A group whose sub-fields are
all short becomes a table; any other group becomes one ``Fase 1: <first text>`` heading per
record, its sub-fields as labelled bullets and a nested group one heading level deeper.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Union

from klantcanvas.model import Filled
from klantcanvas.i18n import t
from klantcanvas.model import Field, shown
from klantcanvas.render.plain import column_label, flat_text, hidden_by_root

__all__ = ["Block", "Bullets", "Empty", "Heading", "Label", "Note", "Paragraph", "Table", "as_json_blocks", "outline"]

#: A text sub-field no longer than this still fits a table cell.
SHORT_TEXT = 160
TABLE_KINDS = ("choice", "flag", "scale")
HEADING_TITLE_MAX = 80


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """Lines of one paragraph, with hard line breaks between them."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Empty:
    """Nothing filled in here: shown as ``(leeg)``."""


@dataclass(frozen=True)
class Bullet:
    """One bullet: an optional label (``Kanaal:``), paragraphs of text and sub-bullets."""

    label: str = ""
    paragraphs: tuple[tuple[str, ...], ...] = ()
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: tuple[Bullet, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Label:
    """The label that introduces a nested group's table."""

    text: str


@dataclass(frozen=True)
class Note:
    """A closing remark (``Gemaakt met Klantcanvas``)."""

    text: str


Block = Union[Heading, Paragraph, Empty, Bullets, Table, Label, Note]


def paragraphs(text: str) -> tuple[tuple[str, ...], ...]:
    """A textarea as paragraphs (split on blank lines) of non-blank lines, leading blanks dropped."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return tuple(tuple(line.lstrip(" \t") for line in block.split("\n") if line.strip()) for block in blocks)


def is_table(group: Field) -> bool:
    return all(f.kind in TABLE_KINDS or (f.kind == "text" and f.max_length <= SHORT_TEXT) for f in group.fields)


def _items(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if v) if isinstance(value, tuple) else ()


def _value_blocks(f: Field, value: Any) -> list[Block]:
    if f.kind == "list":
        items = _items(value)
        return [Bullets(tuple(Bullet(paragraphs=((v,),)) for v in items))] if items else [Empty()]
    if f.kind == "textarea":
        return [Paragraph(p) for p in paragraphs(value if isinstance(value, str) else "")] or [Empty()]
    text = flat_text(f, value)
    return [Paragraph(tuple(text.split("\n")))] if text else [Empty()]


def _table(group: Field, records: tuple[Mapping[str, Any], ...], root: Mapping[str, Any]) -> Table:
    fields = tuple(f for f in group.fields if not hidden_by_root(f, root))
    headers = tuple(column_label(f) for f in fields)
    return Table(headers, tuple(tuple(flat_text(f, r.get(f.id)) for f in fields) for r in records))


def _heading_title(group: Field, record: Mapping[str, Any]) -> tuple[str, Field | None]:
    """The text after ``Fase 1:``: the first filled text sub-field (then left out of the body)
    or else the first line of the first filled textarea (kept in the body)."""
    for f in group.fields:
        if f.kind == "text" and record.get(f.id):
            return record[f.id], f
    for f in group.fields:
        if f.kind == "textarea" and record.get(f.id):
            first = record[f.id].strip().split("\n")[0]
            return (first if len(first) <= HEADING_TITLE_MAX else first[: HEADING_TITLE_MAX - 1].rstrip() + "…"), None
    return "", None


def _record_blocks(group: Field, record: Mapping[str, Any], skip: Field | None, level: int,
                   root: Mapping[str, Any]) -> list[Block]:
    bullets: list[Bullet] = []
    sections: list[Block] = []
    for f in group.fields:
        if f is skip:
            continue
        value = record.get(f.id)
        label = column_label(f)
        if f.kind == "group":
            if any(isinstance(r, Mapping) for r in value or ()):
                heading: list[Block] = [Label(label)] if is_table(f) else []
                sections += heading + _group_blocks(f, tuple(value or ()), level + 1, root)
        elif f.kind == "list":
            if items := _items(value):
                bullets.append(Bullet(label, (), items))
        elif f.kind == "textarea":
            if found := paragraphs(value if isinstance(value, str) else ""):
                bullets.append(Bullet(label, found))
        elif text := flat_text(f, value):
            bullets.append(Bullet(label, (tuple(text.split("\n")),)))
    return ([Bullets(tuple(bullets))] if bullets else []) + sections


def _group_blocks(group: Field, records: tuple[Any, ...], level: int, root: Mapping[str, Any]) -> list[Block]:
    records = tuple(r for r in records if isinstance(r, Mapping))
    if not records:
        return [Empty()]
    if is_table(group):
        return [_table(group, records, root)]
    out: list[Block] = []
    for number, record in enumerate(records, 1):
        title, skip = _heading_title(group, record)
        if title:
            heading = t("export.entry_titled", item=group.entry_label, number=number, title=title)
        else:
            heading = t("ui.entry_name", item=group.entry_label, number=number)
        out += [Heading(level, heading), *(_record_blocks(group, record, skip, level, root) or [Empty()])]
    return out


def _photo_block(filled: Filled, value: Any) -> Block:
    """Text has no picture: a photo is named by its caption (the profile panel's ``bron`` field,
    which prints it under the photo), never by its bytes."""
    if not value:
        return Empty()
    captions = [p.get("avatar", {}).get("bron") for p in filled.canvas.layout.options.get("panels", ())]
    caption = next((filled.text(c) for c in captions if isinstance(c, str) and filled.text(c)), "")
    return Paragraph((caption or t("photo.no_caption"),))


def outline(filled: Filled) -> tuple[Block, ...]:
    """Everything on the canvas as blocks in reading order; headings start at level 1 (the title)."""
    canvas = filled.canvas
    out: list[Block] = [Heading(1, canvas.title)]
    if canvas.summary:
        out.append(Paragraph((canvas.summary,)))
    for f in canvas.fields:
        if not shown(f.show_when, filled.values, filled.values):
            continue  # hidden in the form (Persona 3 before Persona 2 is named): not on the canvas either
        value = filled.values.get(f.id)
        out.append(Heading(2, column_label(f)))
        if f.kind == "group":
            out += _group_blocks(f, value if isinstance(value, tuple) else (), 3, filled.values)
        elif f.kind == "photo":
            out.append(_photo_block(filled, value))
        else:
            out += _value_blocks(f, value)
    out.append(Note(t("render.made_with")))
    return tuple(out)


def as_json_blocks(blocks: tuple[Block, ...]) -> list[dict[str, Any]]:
    """Blocks as plain JSON for the page: ``{"type": "heading", "level": 2, "text": ...}``, ..."""
    def one(block: Block) -> dict[str, Any]:
        data: dict[str, Any] = {"type": type(block).__name__.lower()}
        if isinstance(block, Bullets):
            data["items"] = [{"label": b.label, "paragraphs": [list(p) for p in b.paragraphs], "children": list(b.children)}
                             for b in block.items]
        elif isinstance(block, Table):
            data.update(headers=list(block.headers), rows=[list(r) for r in block.rows])
        elif isinstance(block, Paragraph):
            data["lines"] = list(block.lines)
        elif not isinstance(block, Empty):
            data.update({k: v for k, v in vars(block).items()})
        if isinstance(block, Empty):
            data["text"] = t("ui.empty_entry")
        return data

    return [one(b) for b in blocks]

