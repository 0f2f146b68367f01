"""Filled canvas -> an Excel workbook (.xlsx) with XlsxWriter: the canvas as data, to sort and filter.

One sheet, named after the canvas. At the top a two-column ``Veld | Waarde`` block holds every
field that is not a group; below it every group is an Excel table (bold header row, autofilter)
with one row per record. A nested group (phases -> touchpoints) becomes one row per inner record
that repeats the outer record's columns. Cells: choices show their option label, flags ``ja`` or
``nee``, lists one entry per line in one cell, and scales a number (so they sort and chart) with
the range in the column label: ``Emotie (1–5)``.

Everything a user typed is written with ``write_string`` and the workbook never turns strings
into formulas, numbers or links, so ``=1+1`` or ``@SUM(A1)`` stays text (no formula injection).
The output is the same bytes for the same canvas: fixed creation date, fixed zip timestamps.
XlsxWriter is imported only here, when an .xlsx is asked for, never on the preview path.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from klantcanvas.model import Filled
from klantcanvas.i18n import t
from klantcanvas.model import shown
from klantcanvas.render.plain import column_label, group_tables, scalar

__all__ = ["as_xlsx", "sheet_name"]

#: Fixed so that the same canvas gives the same bytes (as render/pdf.py does).
CREATED = datetime(2026, 1, 1, tzinfo=timezone.utc)
MIN_WIDTH = 10
MAX_WIDTH = 60
#: Freeze the rows above a table's header only while they fit on a laptop screen.
FREEZE_MAX_LINES = 14
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")

Cell = str | int | None


def sheet_name(title: str) -> str:
    """An allowed worksheet name: no ``[]:*?/\\``, at most 31 characters, no edge apostrophes."""
    name = _BAD_SHEET_CHARS.sub("", title).strip().strip("'")
    name = name[:31].strip().strip("'")
    if not name:
        return t("export.sheet")
    if name.casefold() == "history":  # Excel reserves "History"
        return f"{name} canvas"
    return name


@dataclass
class _Sheet:
    """The cells first, then the widths from their content, then the workbook is written."""

    cells: dict[tuple[int, int], tuple[Cell, str]] = field(default_factory=dict)
    #: (header row, last row, headers) of every Excel table
    tables: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    row: int = 0

    def put(self, col: int, value: Cell, style: str = "body") -> None:
        self.cells[(self.row, col)] = (value, style)

    def widths(self) -> dict[int, int]:
        longest: dict[int, float] = {}
        texts = [((c, v, s == "head")) for (_, c), (v, s) in self.cells.items() if s != "title"]
        texts += [(first_col, h, True) for _, _, headers in self.tables for first_col, h in enumerate(headers)]
        for col, value, bold in texts:
            text = "" if value is None else str(value)
            size = max((len(line) for line in text.split("\n")), default=0) * (1.1 if bold else 1.0)
            longest[col] = max(longest.get(col, 0), size)
        return {col: int(min(MAX_WIDTH, max(MIN_WIDTH, math.ceil(size) + 2))) for col, size in longest.items()}

    def lines(self, row: int, widths: dict[int, int]) -> int:
        """About how many text lines Excel shows in ``row`` once the text wraps."""
        count = 1
        for (r, col), (value, _) in self.cells.items():
            if r == row and value is not None:
                per_line = max(1, widths.get(col, MIN_WIDTH) - 1)
                count = max(count, sum(max(1, math.ceil(len(line) / per_line)) for line in str(value).split("\n")))
        return count


def _layout(filled: Filled) -> _Sheet:
    sheet = _Sheet()
    simple = [f for f in filled.canvas.fields
              if f.kind not in ("group", "photo") and shown(f.show_when, filled.values, filled.values)]
    if simple:
        sheet.put(0, t("export.field"), "head")
        sheet.put(1, t("export.value"), "head")
        for f in simple:
            sheet.row += 1
            sheet.put(0, column_label(f), "label")
            sheet.put(1, scalar(f, filled.values.get(f.id)))
        sheet.row += 2
    for group in (f for f in filled.canvas.fields if f.kind == "group"):
        for table in group_tables(group, filled.items(group.id), filled.values):
            sheet.put(0, table.title, "title")
            sheet.row += 1
            header = sheet.row
            # An Excel table needs a data row; an empty group gets one empty row to fill in.
            rows = table.rows or (tuple(None for _ in table.headers),)
            for values in rows:
                sheet.row += 1
                for col, value in enumerate(values):
                    sheet.put(col, value)
            sheet.tables.append((header, sheet.row, table.headers))
            sheet.row += 2
    return sheet


def _freeze_row(sheet: _Sheet, widths: dict[int, int]) -> int:
    """The first row that scrolls: below the first table's header, or below ``Veld | Waarde``."""
    if sheet.tables:
        header = sheet.tables[0][0]
        if sum(sheet.lines(r, widths) for r in range(header)) <= FREEZE_MAX_LINES:
            return header + 1
    return 1


def as_xlsx(filled: Filled) -> bytes:
    import xlsxwriter

    canvas = filled.canvas
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(buffer, options)
    # XlsxWriter has no document language property; the sheet's text is in the active language.
    workbook.set_properties({
        "title": canvas.title, "subject": canvas.summary, "author": "Klantcanvas",
        "comments": t("render.made_with"), "created": CREATED,
    })
    styles = {
        "body": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "label": workbook.add_format({"text_wrap": True, "valign": "top", "bold": True}),
        "head": workbook.add_format({"text_wrap": True, "valign": "top", "bold": True, "bottom": 1}),
        "title": workbook.add_format({"bold": True, "font_size": 13}),
    }
    sheet = _layout(filled)
    widths = sheet.widths()
    worksheet = workbook.add_worksheet(sheet_name(canvas.title))
    for col, width in sorted(widths.items()):
        worksheet.set_column(col, col, width)
    for (row, col), (value, style) in sorted(sheet.cells.items()):
        if isinstance(value, int):
            worksheet.write_number(row, col, value, styles[style])
        elif value:
            worksheet.write_string(row, col, value, styles[style])
        else:
            worksheet.write_blank(row, col, None, styles[style])
    for header, last, headers in sheet.tables:
        columns = [{"header": h, "header_format": styles["head"]} for h in headers]
        worksheet.add_table(header, 0, last, len(headers) - 1, {"columns": columns, "style": "Table Style Light 1"})
    worksheet.freeze_panes(_freeze_row(sheet, widths), 0)
    worksheet.set_landscape()
    worksheet.set_paper(9)  # A4
    worksheet.fit_to_pages(1, 0)
    workbook.close()
    return buffer.getvalue()
