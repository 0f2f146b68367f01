"""Collects the bench's figures and prints them as one table: measure, value, reference, ratio.

Never a pass or fail: the table only says how things compare on this machine today.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass
class Row:
    measure: str
    value: float | None  # None: could not be measured (the note says why)
    unit: str  # "ms", "kB", "n" (a count) or "yes/no"
    reference: str = ""  # what the ratio compares with
    ref_value: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.ref_value:
            return None
        return self.value / self.ref_value


ROWS: list[Row] = []


def add(measure: str, value: float | None, unit: str, reference: str = "", ref_value: float | None = None, note: str = "") -> Row:
    r = Row(measure, value, unit, reference, ref_value, note)
    ROWS.append(r)
    ref = f"  vs {reference} {fmt(ref_value, unit)}" if reference else ""
    print(f"  {measure}: {fmt(value, unit)}{ref}  {note}".rstrip(), flush=True)
    return r


def row(name: str, seconds: float, note: str = "") -> None:
    """An engine timing in seconds (the signature the CPython timings in run.py use)."""
    add(name, seconds * 1000, "ms", note=note)


def median(values: list[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return statistics.median(got) if got else None


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "kB":
        return f"{value / 1000:,.1f} kB"
    if unit == "ms":
        return f"{value:,.0f} ms" if value >= 100 else f"{value:,.1f} ms"
    if unit == "yes/no":
        return "yes" if value else "no"
    return f"{value:,.0f}"


def table(rows: list[Row] | None = None) -> str:
    rows = ROWS if rows is None else rows
    lines = ["| measure | value | reference | ratio | note |", "|---|---:|---|---:|---|"]
    for r in rows:
        ref = f"{r.reference} ({fmt(r.ref_value, r.unit)})" if r.reference else ""
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else ""
        lines.append(f"| {r.measure} | {fmt(r.value, r.unit)} | {ref} | {ratio} | {r.note} |")
    return "\n".join(lines)
