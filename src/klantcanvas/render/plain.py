"""What the table and text exports (xlsx, Markdown) share: a field's value as plain text, and a
group's records flattened into table rows.

Everything is driven by the Field kinds only, so a new definition needs no code here. Standard
library only: the Markdown export and the tests use it without any third-party package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from klantcanvas.i18n import t
from klantcanvas.model import ROOT, Field, shown

__all__ = ["Table", "column_label", "flat_text", "group_tables", "hidden_by_root", "scalar"]


def hidden_by_root(field: Field, root: Mapping[str, Any]) -> bool:
    """Whether ``field`` is hidden whatever its record holds: a condition on a top-level field
    (show_when "/id", or any condition of a top-level field itself) does not hold. Such a field
    gets no column or heading; one hidden only in some records keeps its column."""
    conditions = {k: v for k, v in field.show_when.items() if k.startswith(ROOT)}
    return bool(conditions) and not shown(conditions, {}, root)


def column_label(field: Field) -> str:
    """The label a column or row gets; a scale names its range: ``Emotie (1–5)``."""
    if field.kind == "scale":
        return t("export.scale_label", label=field.label, minimum=field.minimum, maximum=field.maximum)
    return field.label


def scalar(field: Field, value: Any) -> str | int | None:
    """A non-group value for one cell: text, an option's label, ja/nee, a whole number or None."""
    kind = field.kind
    if kind == "scale":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind == "flag":
        return t("export.yes") if value else t("export.no")
    if kind == "choice":
        return field.option_label(value) if value else ""
    if kind == "list":
        return "\n".join(v for v in value if isinstance(v, str)) if isinstance(value, tuple) else ""
    if kind == "group":
        raise ValueError(f"field {field.id!r} is a group; use group_tables()")
    if kind == "photo":
        return ""  # a picture is no cell; its caption is a field of its own
    return value if isinstance(value, str) else ""


def flat_text(field: Field, value: Any) -> str:
    """``scalar`` as text (an empty scale is an empty string)."""
    cell = scalar(field, value)
    return "" if cell is None else str(cell)


@dataclass(frozen=True)
class Table:
    """One group as a table: ``title`` above it, one header per column, rows of ``scalar`` values.

    The first column numbers the group's records (``Stap nr.``), so the order survives sorting
    and the rows of one record stay recognisable when a nested group repeats them.
    """

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str | int | None, ...], ...]


def _headers(columns: list[tuple[str, str]]) -> tuple[str, ...]:
    """Column labels (label, owner's entry label), unique without regard to case, as Excel
    tables require: a label used twice (an outer and an inner ``Naam``) is qualified with its
    group's entry label; anything still repeated gets a number."""
    counts: dict[str, int] = {}
    for label, _ in columns:
        counts[label.casefold()] = counts.get(label.casefold(), 0) + 1
    qualified = [f"{label} ({owner})" if counts[label.casefold()] > 1 else label for label, owner in columns]
    seen: set[str] = set()
    unique = []
    for label in qualified:
        candidate, n = label, 2
        while candidate.casefold() in seen:
            candidate, n = f"{label} {n}", n + 1
        seen.add(candidate.casefold())
        unique.append(candidate)
    return tuple(unique)


def _cells(fields: tuple[Field, ...], record: Mapping[str, Any] | None) -> tuple[str | int | None, ...]:
    if record is None:
        return tuple(None if f.kind == "scale" else "" for f in fields)
    return tuple(scalar(f, record.get(f.id)) for f in fields)


def group_tables(group: Field, records: tuple[Any, ...], root: Mapping[str, Any] | None = None) -> tuple[Table, ...]:
    """A group as tables: one row per record, or, when it holds groups, one row per inner record.

    A nested group (phases -> touchpoints) is flattened: each inner record becomes a row that
    repeats its outer record's number and own columns (Fase nr. | Fase | Duur | Contactmoment |
    Emotie ...); an outer record without inner records still gets one row. A group holding
    several inner groups gets one such table per inner group, so rows are never a cross product.
    With ``root`` (the canvas's top-level values), columns ``hidden_by_root`` are left out.
    """
    root = root or {}
    own = tuple(f for f in group.fields if f.kind != "group" and not hidden_by_root(f, root))
    inner = tuple(f for f in group.fields if f.kind == "group")
    records = tuple(r for r in records if isinstance(r, Mapping))
    number = (t("export.number_column", item=group.entry_label), group.entry_label)
    columns = [number] + [(column_label(f), group.entry_label) for f in own]
    if not inner:
        rows = tuple((n,) + _cells(own, r) for n, r in enumerate(records, 1))
        return (Table(group.label, _headers(columns), rows),)
    tables = []
    for sub in inner:
        leaf = tuple(f for f in sub.fields if f.kind != "group" and not hidden_by_root(f, root))
        sub_rows: list[tuple[str | int | None, ...]] = []
        for n, record in enumerate(records, 1):
            sub_records = tuple(r for r in record.get(sub.id, ()) if isinstance(r, Mapping))
            for sub_record in sub_records or (None,):
                sub_rows.append((n,) + _cells(own, record) + _cells(leaf, sub_record))
        title = group.label if len(inner) == 1 else f"{group.label}: {sub.label}"
        headers = _headers(columns + [(column_label(f), sub.entry_label) for f in leaf])
        tables.append(Table(title, headers, tuple(sub_rows)))
    return tuple(tables)
