"""Filled canvas -> Markdown text for a wiki, a README or an issue (CommonMark / GitHub flavour).

The content is the canvas's text version (``render.outline``: the same blocks the page shows
under "Tekstversie"), written as Markdown: ``# Title``, ``## Label`` per field, paragraphs with
hard line breaks, bullets (``- **Kanaal:** Website``), GitHub tables, and ``*(leeg)*`` where
nothing was filled in. Blocks are separated by one blank line.

Every text (what the user typed, and the labels) is escaped so that it renders literally: no
emphasis, links, headings, lists, tables or HTML come out of user text.
"""

from __future__ import annotations

import re

from klantcanvas.model import Filled
from klantcanvas.i18n import t
from klantcanvas.render.outline import Block, Bullet, Bullets, Empty, Heading, Label, Note, Paragraph, Table, outline

__all__ = ["as_markdown", "escape"]

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


def _joined(lines: tuple[str, ...], indent: str = "") -> str:
    """Lines of one paragraph with hard line breaks (a trailing backslash) between them."""
    return ("\\\n" + indent).join(escape(line) for line in lines)


def _bold_label(label: str) -> str:
    """``**Duur:**``; no colon after a label that ends in a question mark or colon."""
    return f"**{escape(label)}**" if label.endswith(("?", ":", "!")) else f"**{escape(label)}:**"


def _bullet(item: Bullet) -> list[str]:
    head = f"- {_bold_label(item.label)}" if item.label else "-"
    if not item.paragraphs:
        lines = [head]
    else:
        first, *rest = item.paragraphs
        lines = [f"{head} {_joined(first, '  ')}"]
        for paragraph in rest:
            lines += ["", f"  {_joined(paragraph, '  ')}"]
    return lines + [f"  - {escape(child)}" for child in item.children]


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * min(block.level, 6)} {escape(block.text)}"
    if isinstance(block, Paragraph):
        return _joined(block.lines)
    if isinstance(block, Bullets):
        return "\n".join(line for item in block.items for line in _bullet(item))
    if isinstance(block, Table):
        rows = [[escape(h) for h in block.headers], ["---"] * len(block.headers)]
        rows += [[escape(cell) for cell in row] for row in block.rows]
        return "\n".join("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    if isinstance(block, Label):
        return _bold_label(block.text)
    if isinstance(block, Note):
        return f"*{escape(block.text)}*"
    assert isinstance(block, Empty)
    return f"*{escape(t('ui.empty_entry'))}*"


def as_markdown(filled: Filled) -> str:
    return "\n\n".join(_block(block) for block in outline(filled)) + "\n"
