"""Measures, wraps and shrinks text so it fits a box: the reason nothing overflows or overlaps.

Layouts describe text as paragraphs; ``fit`` returns positioned lines at the largest font size
(between a maximum and a minimum) at which everything fits. If even the minimum is too large, the
last line ends in an ellipsis and ``overflow`` is set, so callers and tests can tell.

Paragraphs and lines are named tuples, not dataclasses: every preview hashes and compares them
hundreds of times (as keys of ``fit``'s cache, inside the text boxes that key the SVG renderer's),
and a tuple does that in C, where a frozen dataclass runs a Python method for each.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple

from klantcanvas.fonts import metrics

__all__ = ["PT", "Fitted", "Line", "Para", "fit", "text_width", "wrap"]

#: One typographic point in millimetres: scene coordinates are millimetres, font sizes points.
PT = 25.4 / 72
LEADING = 1.25
ELLIPSIS = "…"
BULLET = "• "


class Para(NamedTuple):
    text: str
    weight: str = "regular"
    #: Relative size: a heading is 1.15 times the body size, a note 0.85.
    scale: float = 1.0
    bullet: bool = False
    color: str | None = None


class Line(NamedTuple):
    """One line of text; ``dx``/``baseline`` are millimetres from the box's top-left corner."""

    text: str
    dx: float
    baseline: float
    size: float  # points
    weight: str
    color: str | None
    width: float  # millimetres


@dataclass(frozen=True)
class Fitted:
    lines: tuple[Line, ...]
    size: float
    height: float
    overflow: bool


@lru_cache(maxsize=128)
def _running_totals(word: str, weight: str) -> tuple[int, ...]:
    """0 and the advance width in font units of each prefix of ``word``; cached per word, because
    ``fit`` breaks the same long word again at every size it tries."""
    font = metrics(weight)
    return tuple(accumulate(map(font.widths.get, map(ord, word), repeat(font.default_width, len(word))), initial=0))


@lru_cache(maxsize=4096)
def _units(text: str, weight: str) -> int:
    """Advance width in font units; cached, because ``fit`` measures the same words at each size."""
    font = metrics(weight)
    return sum(map(font.widths.get, map(ord, text), repeat(font.default_width, len(text))))


def text_width(text: str, size: float, weight: str = "regular") -> float:
    """Width in millimetres of ``text`` at ``size`` points (the arithmetic of ``FontMetrics.width``)."""
    return _units(text, weight) * size / metrics(weight).units_per_em * PT


def _split_word(word: str, width: float, size: float, weight: str) -> list[str]:
    """``word`` in pieces that each fit ``width`` (at least one character each).

    Linear time: every character is measured once, and each break is found by bisecting the
    running total of advances, with the same arithmetic as ``text_width``, so the breaks fall
    exactly where measuring every prefix would put them.
    """
    per_em = metrics(weight).units_per_em

    def too_wide(units: int) -> bool:
        return units * size / per_em * PT > width

    # The largest whole number of font units that still fits (the test is monotonic in units).
    fits = max(0, int(width * per_em / (size * PT)) if size > 0 else len(word))
    while fits > 0 and too_wide(fits):
        fits -= 1
    while not too_wide(fits + 1) and fits < 1 << 62:
        fits += 1
    totals = _running_totals(word, weight)
    pieces, start = [], 0
    while start < len(word):
        end = max(start + 1, bisect_right(totals, totals[start] + fits) - 1)
        pieces.append(word[start:end])
        start = end
    return pieces


def wrap(text: str, width: float, size: float, weight: str = "regular", first_width: float | None = None) -> list[str]:
    """Greedy word wrap; words longer than a line are broken between characters.

    Widths are added up word by word (a line is never measured twice), so wrapping stays linear
    in the length of the text: it runs on every keystroke in the browser.
    """
    space = text_width(" ", size, weight)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, current_w = "", 0.0
        for word in paragraph.split():
            limit = first_width if (first_width is not None and not lines) else width
            word_w = text_width(word, size, weight)
            if current and current_w + space + word_w <= limit:
                current, current_w = f"{current} {word}", current_w + space + word_w
                continue
            if not current and word_w <= limit:
                current, current_w = word, word_w
                continue
            if current:
                lines.append(current)
                limit = width
            if word_w <= limit:
                current, current_w = word, word_w
            else:
                *full, current = _split_word(word, limit, size, weight)
                lines.extend(full)
                current_w = text_width(current, size, weight)
        lines.append(current)
    return lines


def _lay_out(paras: Sequence[Para], width: float, size: float, align: str) -> tuple[list[Line], float]:
    lines: list[Line] = []
    y = 0.0
    for index, para in enumerate(paras):
        psize = size * para.scale
        step = psize * PT * LEADING
        if index:
            y += step * 0.3
        indent = text_width(BULLET, psize, para.weight) if para.bullet else 0.0
        wrapped = wrap(para.text, width - indent, psize, para.weight)
        for n, raw in enumerate(wrapped):
            shown = (BULLET + raw) if (para.bullet and n == 0) else raw
            w = text_width(shown, psize, para.weight)
            if align == "center":
                dx = (width - w) / 2
            elif align == "right":
                dx = width - w
            else:
                dx = 0.0 if (n == 0 or not para.bullet) else indent
            ascent = psize * PT * 0.93
            lines.append(Line(shown, dx, y + ascent, psize, para.weight, para.color, w))
            y += step
    return lines, y


def _truncate(lines: list[Line], height: float, width: float, align: str) -> list[Line]:
    kept = [ln for ln in lines if ln.baseline <= height - ln.size * PT * 0.2]
    if not kept:
        return []
    last = kept[-1]
    text = last.text
    indent = last.dx if align == "left" else 0.0
    while text and text_width(text + ELLIPSIS, last.size, last.weight) > width - indent:
        text = text[:-1]
    shown = text.rstrip() + ELLIPSIS
    shown_w = text_width(shown, last.size, last.weight)
    dx = {"center": (width - shown_w) / 2, "right": width - shown_w}.get(align, indent)
    kept[-1] = Line(shown, dx, last.baseline, last.size, last.weight, last.color, shown_w)
    return kept


def fit(
    paras: Sequence[Para],
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    align: str = "left",
) -> Fitted:
    """The largest size in [min_size, max_size] (points) at which ``paras`` fit width x height (mm).

    Cached: a keystroke changes one field, and the preview that follows lays out every other box
    exactly as before (the answer is immutable, so sharing it is safe)."""
    return _fit(tuple(paras), width, height, max_size, min_size, align)


@lru_cache(maxsize=4096)
def _fit(paras: tuple[Para, ...], width: float, height: float, max_size: float, min_size: float, align: str) -> Fitted:
    paras = tuple(p for p in paras if p.text.strip())
    if not paras or width <= 0 or height <= 0:
        return Fitted((), max_size, 0.0, overflow=bool(paras))
    size = max_size
    while True:
        lines, used = _lay_out(paras, width, size, align)
        widest = max(line.width + line.dx for line in lines)
        if used <= height and widest <= width + 1e-6:
            return Fitted(tuple(lines), size, used, overflow=False)
        if size <= min_size:
            kept = _truncate(lines, height, width, align)
            used = kept[-1].baseline + kept[-1].size * PT * 0.3 if kept else 0.0
            return Fitted(tuple(kept), size, used, overflow=True)
        size = max(min_size, size * 0.93)
