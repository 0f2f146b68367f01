"""Filled canvas -> Markdown text for a wiki, a README or an issue (CommonMark / GitHub flavour).

``# Title``, then ``## Label`` per field: text as a paragraph (a textarea keeps its lines), a
list as bullets, a choice as its option label, a flag as ja/nee, a scale as its number with the
range in the heading. A group whose sub-fields are all short (text up to SHORT_TEXT characters,
choice, flag, scale) becomes a GitHub table; any other group becomes one ``### Fase 1: <first
text>`` section per record, with its sub-fields as a bullet list and a nested group one heading
level deeper.

Every text (what the user typed, and the labels) is escaped so that it renders literally: no
emphasis, links, headings, lists, tables or HTML come out of user text.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from klantcanvas.fill import Filled
from klantcanvas.i18n import t
from klantcanvas.model import Field
from klantcanvas.render.plain import column_label, flat_text

__all__ = ["as_markdown", "escape"]

#: A text sub-field no longer than this still fits a table cell.
SHORT_TEXT = 160
TABLE_KINDS = ("choice", "flag", "scale")
HEADING_TITLE_MAX = 80

# Backslash-escapable ASCII punctuation that means something anywhere in a line (CommonMark,
# GitHub tables, strikethrough and math). Escaping ``&`` keeps entities such as ``&lt;`` literal.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&$])")
# Markers that only mean something at the start of a line: bullets, setext underlines, ordered lists.
_LINE_START = re.compile(r"^([-+=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def escape(text: str) -> str:
    """``text`` as Markdown that renders exactly as ``text`` (each line; leading blanks dropped)."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE.sub(r"\\\1", line.lstrip(" \t"))
        line = _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", line))
        lines.append(line)
    return "\n".join(lines)


def _empty() -> str:
    return f"*{escape(t('ui.empty_entry'))}*"


def _paragraphs(text: str) -> list[list[str]]:
    """A textarea as paragraphs (split on blank lines) of escaped lines."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return [[escape(line) for line in block.split("\n") if line.strip()] for block in blocks]


def _joined(lines: list[str], indent: str = "") -> str:
    """Lines of one paragraph with hard line breaks (a trailing backslash) between them."""
    return ("\\\n" + indent).join(lines)


def _value_block(f: Field, value: Any) -> list[str]:
    """The Markdown lines under a top-level ``## Label``."""
    if f.kind == "list":
        items = [v for v in value if v] if isinstance(value, tuple) else []
        return [f"- {escape(v)}" for v in items] or [_empty()]
    if f.kind == "textarea":
        paragraphs = _paragraphs(value if isinstance(value, str) else "")
        out: list[str] = []
        for lines in paragraphs:
            out += [_joined(lines), ""]
        return out[:-1] or [_empty()]
    text = flat_text(f, value)
    return [escape(text)] if text else [_empty()]


def _is_table(group: Field) -> bool:
    return all(
        f.kind in TABLE_KINDS or (f.kind == "text" and f.max_length <= SHORT_TEXT) for f in group.fields
    )


def _table(group: Field, records: tuple[Any, ...]) -> list[str]:
    rows = [[column_label(f) for f in group.fields], ["---"] * len(group.fields)]
    rows[0] = [escape(h) for h in rows[0]]
    for record in records:
        rows.append([escape(flat_text(f, record.get(f.id))) for f in group.fields])
    return ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]


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


def _bold_label(f: Field) -> str:
    """``**Duur:**``; no colon after a label that ends in a question mark or colon."""
    label = column_label(f)
    return f"**{escape(label)}**" if label.endswith(("?", ":", "!")) else f"**{escape(label)}:**"


def _record_lines(group: Field, record: Mapping[str, Any], skip: Field | None, level: int) -> list[str]:
    bullets: list[str] = []
    sections: list[str] = []
    for f in group.fields:
        if f is skip:
            continue
        value = record.get(f.id)
        label = _bold_label(f)
        if f.kind == "group":
            if any(isinstance(r, Mapping) for r in value or ()):
                intro = [label, ""] if _is_table(f) else []
                sections += ["", *intro, *_group_lines(f, value, level + 1)]
        elif f.kind == "list":
            items = [v for v in value if v] if isinstance(value, tuple) else []
            if items:
                bullets += [f"- {label}", *(f"  - {escape(v)}" for v in items)]
        elif f.kind == "textarea":
            for n, lines in enumerate(_paragraphs(value if isinstance(value, str) else "")):
                bullets += [f"- {label} {_joined(lines, '  ')}"] if n == 0 else ["", f"  {_joined(lines, '  ')}"]
        else:
            text = flat_text(f, value)
            if text:
                bullets.append(f"- {label} {escape(text)}")
    return bullets + sections


def _group_lines(group: Field, records: tuple[Any, ...], level: int) -> list[str]:
    records = tuple(r for r in records if isinstance(r, Mapping))
    if not records:
        return [_empty()]
    if _is_table(group):
        return _table(group, records)
    marks = "#" * min(level, 6)
    out: list[str] = []
    for number, record in enumerate(records, 1):
        title, skip = _heading_title(group, record)
        if title:
            heading = t("export.entry_titled", item=group.entry_label, number=number, title=title)
        else:
            heading = t("ui.entry_name", item=group.entry_label, number=number)
        body = _record_lines(group, record, skip, level)
        out += [f"{marks} {escape(heading)}", "", *(body or [_empty()]), ""]
    return out[:-1]


def as_markdown(filled: Filled) -> str:
    canvas = filled.canvas
    out = [f"# {escape(canvas.title)}", ""]
    if canvas.summary:
        out += [escape(canvas.summary), ""]
    for f in canvas.fields:
        value = filled.values.get(f.id)
        out += [f"## {escape(column_label(f))}", ""]
        if f.kind == "group":
            out += _group_lines(f, value if isinstance(value, tuple) else (), 3)
        else:
            out += _value_block(f, value)
        out.append("")
    out.append(f"*{escape(t('render.made_with'))}*")
    return "\n".join(out) + "\n"
