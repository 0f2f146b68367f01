"""Drawing parts the layouts share: colours (from ``colours``), marked text boxes, one-size fitting, card stacks,
legends and the emotion scale. A layout module composes these; layouts never import each other.

Sizes are in points and lengths in millimetres; ``k`` is the page's scale (1.0 on A4).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from klantcanvas.i18n import t
from klantcanvas.layouts.colours import (  # re-exported: layouts take every shared part from here
    AMBER, AMBER_DARK, AMBER_LIGHT, CURVE, EMOTION_COLORS, EMOTION_LEVELS, EMOTION_TEXT, HEADER, NO_EMOTION, contrast,
    ink_on, readable,
)
from klantcanvas.layouts.frame import INK, LINE, MUTED, PANEL, PAPER, Area
from klantcanvas.scene import Item, Polygon, Polyline, Rect, TextBox, text_box
from klantcanvas.text import PT, Fitted, Para, fit, text_width

__all__ = [
    "AMBER", "AMBER_DARK", "AMBER_LIGHT", "CURVE", "EMOTION_COLORS", "EMOTION_LEVELS", "EMOTION_TEXT", "HEADER",
    "NO_EMOTION", "contrast", "ink_on", "readable",
    "Card", "ScaleLines", "Symbol", "boxed_row", "boxed_text", "card_stack", "clamp", "common_fit", "dashed_rect",
    "emotion_scale", "fit_dropping", "footer_band", "largest_size", "legend", "legend_column", "legend_label",
    "legend_space", "legend_width", "marked", "more_note", "shrink_size", "stack_cards", "star", "text_height", "word_cap",
]

# ------------------------------------------------------------------------------- small shapes


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def marked(box: TextBox) -> TextBox:
    """``box`` flagged as overflow (something was left out), everything else kept."""
    return dataclasses.replace(box, overflow=True)


def star(cx: float, cy: float, r: float, fill: str, stroke: str | None = None, width: float = 0.2) -> Polygon:
    """A five-pointed star with outer radius ``r``."""
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return Polygon(tuple(points), fill=fill, stroke=stroke, stroke_width=width)


def dashed_rect(x: float, y: float, w: float, h: float, color: str, width: float, dash: float) -> Polyline:
    return Polyline(((x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)), stroke=color,
                    stroke_width=width, dash=(dash, dash * 0.7))


# ---------------------------------------------------------------------- fitting to one size


def shrink_size(measure: Callable[[float], float], room: float, hi: float, lo: float, factor: float) -> float:
    """Start at ``hi`` and shrink by ``factor`` (never below ``lo``) until ``measure(size) <= room``."""
    size = hi
    while measure(size) > room and size > lo:
        size = max(lo, size * factor)
    return size


def largest_size(measure: Callable[[float], float], lo: float, hi: float, room: float) -> tuple[float, bool]:
    """The largest size in [lo, hi] with ``measure(size) <= room`` (by bisection); False when even
    ``lo`` is too big."""
    if measure(hi) <= room:
        return hi, True
    if measure(lo) > room:
        return lo, False
    for _ in range(6):
        mid = (lo + hi) / 2
        if measure(mid) <= room:
            lo = mid
        else:
            hi = mid
    return lo, True


def text_height(paras: Sequence[Para], width: float, size: float, cap: float | None = None) -> float:
    """The height ``paras`` need at ``size``. With ``cap``, a cheap lower estimate is returned as
    soon as it already exceeds the cap: wrapping very long text is the slow part on Pyodide."""
    if not paras:
        return 0.0
    if cap is not None and width > 0:
        estimate = sum(text_width(p.text, size * p.scale, p.weight) / width * size * p.scale * PT * 1.25
                       for p in paras) * 0.85
        if estimate > cap:
            return estimate
    return fit(paras, width, 1e9, size, size).height + 1e-4


def fit_dropping(paras: Sequence[Para], width: float, height: float, hi: float, lo: float, align: str = "left") -> Fitted:
    """``fit``, but paragraphs that cannot show even at ``lo`` are dropped first (cheaply
    estimated), so a page of text in a small box stays fast. Dropping anything means overflow."""
    kept: list[Para] = []
    used = 0.0
    for p in paras:
        if used > height:
            break
        kept.append(p)
        used += text_width(p.text, lo * p.scale, p.weight) / max(width, 1e-6) * lo * p.scale * PT * 1.25 * 0.85
    if len(kept) == len(paras):
        if hi > lo:
            size, ok = largest_size(lambda s: text_height(paras, width, s, height), lo, hi, height)
            if ok:
                return fit(paras, width, height, size, size, align)
        return fit(paras, width, height, lo, lo, align)
    fitted = fit(kept, width, height, lo, lo, align)
    return Fitted(fitted.lines, fitted.size, fitted.height, True)


def word_cap(paras: Sequence[Para], width: float, max_size: float) -> float:
    """The largest size (up to ``max_size``) at which no word has to be broken inside a line."""
    cap = max_size
    for para in paras:
        for word in para.text.split():
            w = text_width(word, max_size * para.scale, para.weight)
            if w > width > 0:
                cap = min(cap, max_size * width / w * 0.995)
    return cap


def common_fit(entries: Sequence[tuple[tuple[Para, ...], float, float]], max_size: float, floor: float,
               min_size: float, align: str) -> list[Fitted]:
    """Fit several (paras, width, height) boxes at one shared size (not below ``floor``); a box
    that needs less shrinks alone. Sizes at which a word would break between letters are avoided
    while the box allows it."""
    caps = [max(min_size, word_cap(paras, w, max_size)) for paras, w, _ in entries]
    first = [fit(paras, w, h, cap, max(min_size, min(floor, cap)), align) for (paras, w, h), cap in zip(entries, caps)]
    if not first:
        return []
    common = max(floor, min(f.size for f in first))
    out = []
    for (paras, w, h), fitted, cap in zip(entries, first, caps):
        if abs(fitted.size - common) < 1e-9 and not fitted.overflow:
            out.append(fitted)
        else:
            out.append(fit(paras, w, h, max(min_size, min(common, cap)), min_size, align))
    return out


def boxed_text(
    label: str, body: Sequence[Para], area: Area, k: float, role: str, *,
    fill: str = PANEL, max_size: float = 9.0, min_size: float = 5.0, label_color: str = INK,
) -> list[Item]:
    """A panel with a bold label and fitted body text (label and body shrink together)."""
    pad = clamp(2.6 * k, 0.8, area.w * 0.08)
    items: list[Item] = [Rect(area.x, area.y, area.w, area.h, fill=fill, radius=1.8 * k)]
    paras = (Para(label, weight="bold", scale=0.9, color=label_color), *body)
    w, h = area.w - 2 * pad, area.h - 2 * pad
    fitted = fit(paras, w, h, max_size * k, min_size * k)
    items.append(text_box(fitted, paras, area.x + pad, area.y + pad, w, h, INK, role=role))
    return items


def boxed_row(
    boxes: Sequence[tuple[str, Sequence[Para], str]], area: Area, gap: float, k: float, *,
    fill: str = PANEL, max_size: float = 9.0, min_size: float = 5.0, label_color: str = INK,
) -> list[Item]:
    """Boxes side by side whose text shares one size, so the row reads as one piece."""
    w = (area.w - gap * (len(boxes) - 1)) / len(boxes)
    pad = clamp(2.6 * k, 0.8, w * 0.08)
    size = max_size * k
    for label, body, _ in boxes:
        paras = (Para(label, weight="bold", scale=0.9), *body)
        size = min(size, fit(paras, w - 2 * pad, area.h - 2 * pad, size, min_size * k).size)
    items: list[Item] = []
    for i, (label, body, role) in enumerate(boxes):
        box = Area(area.x + i * (w + gap), area.y, w, area.h)
        items += boxed_text(label, body, box, k, role, fill=fill, max_size=size / k, min_size=min_size,
                            label_color=label_color)
    return items


# ------------------------------------------------------------------------------ card stacks


def card_stack(
    heading: str, entries: list[str], area: Area, k: float, role: str, *,
    heading_color: str = INK, card_fill: str = PAPER, panel_fill: str = PANEL,
) -> list[Item]:
    """A panel with a heading and one card per entry; cards shrink together until they fit."""
    pad = 4 * k
    items: list[Item] = [Rect(area.x, area.y, area.w, area.h, fill=panel_fill, radius=3 * k)]
    head = (Para(heading, weight="bold"),)
    head_fit = fit(head, area.w - 2 * pad, 14 * k, 13 * k, 8 * k)
    items.append(text_box(head_fit, head, area.x + pad, area.y + pad, area.w - 2 * pad, head_fit.height, heading_color, role=f"{role}-heading"))
    top = area.y + pad + head_fit.height + 2.5 * k
    room = area.y + area.h - pad - top
    if not entries:
        return items
    gap = 2.2 * k
    inner_w = area.w - 2 * pad - 2 * 3 * k
    min_size = 6.5 * k

    def heights(size: float) -> list[float]:
        return [fit((Para(e),), inner_w, 1e6, size, size).height + 2 * 2.6 * k for e in entries]

    size = shrink_size(lambda s: sum(heights(s)) + gap * (len(entries) - 1), room, 13 * k, min_size, 0.93)
    y = top
    bottom = area.y + area.h - pad
    for index, (entry, h) in enumerate(zip(entries, heights(size))):
        if y + h > bottom:
            rest = (Para(t("render.more_short", count=len(entries) - index)),)
            more = fit(rest, inner_w, room, size, size)
            items.append(marked(text_box(more, rest, area.x + pad, bottom - more.height, inner_w, more.height, INK, role=role)))
            break
        paras = (Para(entry),)
        fitted = fit(paras, inner_w, h - 2 * 2.6 * k, size, min_size)
        items.append(Rect(area.x + pad, y, area.w - 2 * pad, h, fill=card_fill, stroke=LINE, stroke_width=0.25 * k, radius=1.8 * k))
        items.append(text_box(fitted, paras, area.x + pad + 3 * k, y + 2.6 * k, inner_w, h - 2 * 2.6 * k, INK, role=role))
        y += h + gap
    return items


@dataclass(frozen=True)
class Card:
    """One card in a column: fitted paragraphs plus a fixed height for drawn parts; ``stack_cards``
    returns copies with their ``height``."""

    paras: tuple[Para, ...]
    fixed: float  # millimetres of non-text height (padding, badges)
    data: Any = None
    height: float = 0.0


def stack_cards(
    columns: Sequence[Sequence[Card]], text_w: float, room: float, gap: float,
    max_size: float, min_size: float,
) -> tuple[float, list[list[Card]], list[int]]:
    """One common type size for every card so the fullest column fits ``room``.

    Returns (size, the cards shown per column with their heights, hidden count per column).
    When even the smallest size is too big, cards share the room (short ones keep their height,
    long ones are cut) and cards that cannot get one line are left out and counted.
    """

    def needs_at(size: float) -> list[list[float]]:
        return [[fit(c.paras, text_w, 1e6, size, size).height + c.fixed for c in col] for col in columns]

    def tallest(size: float) -> float:
        return max((sum(n) + gap * (len(n) - 1) for n in needs_at(size) if n), default=0.0)

    size = shrink_size(tallest, room + 1e-6, max_size, min_size, 0.92)
    needs = needs_at(size)
    shown: list[list[Card]] = []
    hidden: list[int] = []
    line = min_size * PT * 1.25
    for col, need in zip(columns, needs):
        cards = list(col)
        if not cards:
            shown.append([])
            hidden.append(0)
            continue
        least = max(c.fixed for c in cards) + line
        more = 0
        budget = room
        if len(cards) * (least + gap) - gap > room:
            # Too many to show: keep what fits above a one-line "+ N meer" note.
            budget = room - size * PT * 1.6 - gap
            keep = max(0, int((budget + gap) // (least + gap)))
            more = len(cards) - keep
            cards, need = cards[:keep], need[:keep]
        available = budget - gap * max(0, len(cards) - 1)
        order = sorted(range(len(cards)), key=lambda i: need[i])
        heights = [0.0] * len(cards)
        left = len(cards)
        for i in order:
            share = available / left if left else 0.0
            heights[i] = min(need[i], share)
            available -= heights[i]
            left -= 1
        shown.append([dataclasses.replace(card, height=h) for card, h in zip(cards, heights)])
        hidden.append(more)
    return size, shown, hidden


def more_note(count: int, x: float, y: float, w: float, h: float, size: float, role: str) -> TextBox:
    """"+ N meer": always flagged as overflow, so tests and the preview can tell."""
    paras = (Para(t("render.more", count=count), weight="bold"),)
    fitted = fit(paras, w, h, size, size * 0.6)
    return marked(text_box(fitted, paras, x, y, w, h, MUTED, align="center", role=role))


# ----------------------------------------------------------------------------------- legends

#: A legend column's symbol: draws itself from x, centred on cy, ``w`` wide and ``h`` high.
Symbol = Callable[[float, float, float, float], list[Item]]


def legend_label(text: str, x: float, y: float, w: float, h: float, size: float, min_size: float) -> TextBox:
    """A legend's text: muted, vertically centred in its row."""
    paras = (Para(text),)
    fitted = fit(paras, w, h, size, min_size)
    return text_box(fitted, paras, x, y, w, h, MUTED, valign="middle", role="legend")


def footer_band(area: Area, k: float) -> Area:
    """The strip beside the frame's footer (left two thirds of the page), for a legend."""
    page_w = area.w + 2 * area.x  # the frame's margins are equal left and right
    return Area(area.x, area.y + area.h + 3 * k, max(0.0, area.w - page_w / 3 - 4 * k), 6.5 * k * PT * 1.25)


def legend_width(entries: Sequence[tuple[Any, ...]], k: float) -> float:
    """The width a legend row of ``entries`` takes at its full size."""
    return _row_width(tuple(e[1] for e in entries), _factors(entries), k)


def _factors(entries: Sequence[tuple[Any, ...]]) -> tuple[float, ...]:
    """How many heights wide each entry's symbol is."""
    return tuple(float(e[2]) if len(e) > 2 else 1.0 for e in entries)


# A legend's texts and sizes stay the same from one keystroke to the next: its measuring (every
# text at every size tried) is cached by texts and room, the symbols are drawn afresh.
@lru_cache(maxsize=256)
def _row_width(texts: tuple[str, ...], factors: tuple[float, ...], k: float) -> float:
    size = 6.5 * k
    s = size * PT * 1.1
    return sum(fit((Para(text),), 1e6, 1e6, size, size).lines[0].width + s * factor + 5.2 * k
               for text, factor in zip(texts, factors))


@lru_cache(maxsize=256)
def _row_size(texts: tuple[str, ...], factors: tuple[float, ...], room: float, height: float,
              k: float) -> tuple[float, float, tuple[float, ...]]:
    """The text size of a legend row (shrunk until the row fits ``room`` wide, or to its least),
    the height of its symbols and the width of each text."""
    size = 6.5 * k
    while True:
        s = min(height, size * PT * 1.1)
        widths = tuple(fit((Para(text),), 1e6, 1e6, size, size).lines[0].width for text in texts)
        total = sum(widths) + sum(s * f + 1.2 * k for f in factors) + (len(texts) - 1) * 4 * k
        if total <= room or size <= 3.5 * k:
            return size, s, widths
        size *= 0.92


def legend_space(entries: Sequence[tuple[Any, ...]], area: Area, k: float) -> tuple[Area, Area]:
    """Where a legend row goes: beside the footer when it fits there at a readable size, else on a
    row of its own at the bottom of ``area`` (which is returned shortened)."""
    band = footer_band(area, k)
    need = legend_width(entries, k)
    if need * 0.8 <= band.w:
        return band, area
    h = 6.5 * k * PT * 1.25
    row = Area(area.x, area.y + area.h - h, area.w, h)
    return row, Area(area.x, area.y, area.w, area.h - h - 2 * k)


def legend(entries: Sequence[tuple[Any, ...]], band: Area, k: float) -> list[Item]:
    """A row of (symbol, text[, symbol width in heights]); the symbol callback draws at (x, y) in an
    s-high box that is ``s * factor`` wide (called as ``draw(x, y, s)``)."""
    items: list[Item] = []
    if band.h <= 0 or not entries:
        return items
    factors = _factors(entries)
    size, s, widths = _row_size(tuple(e[1] for e in entries), factors, band.w, band.h, k)
    x = band.x
    for entry, width, factor in zip(entries, widths, factors):
        draw, text = entry[0], entry[1]
        if x + s * factor > band.x + band.w:
            break
        items += draw(x, band.y + (band.h - s) / 2, s)
        x += s * factor + 1.2 * k
        w = min(width + 0.5, band.x + band.w - x)
        if w <= 0:
            break
        items.append(legend_label(text, x, band.y, w, band.h, size, size * 0.7))
        x += width + 4 * k
    return items


def legend_column(entries: Sequence[tuple[Symbol, str]], area: Area, k: float, rows: int) -> list[Item]:
    """(symbol, text) entries one per row, ``rows`` rows filling ``area`` from the top."""
    items: list[Item] = []
    row_h = area.h / rows
    icon_w, icon_h = min(7 * k, area.w * 0.25), min(3.6 * k, row_h * 0.8)
    for i, (draw, text) in enumerate(entries):
        cy = area.y + row_h * (i + 0.5)
        x = area.x + 1 * k
        items += draw(x, cy, icon_w, icon_h)
        tx = x + icon_w + 2 * k
        items.append(legend_label(text, tx, cy - row_h / 2, area.x + area.w - tx, row_h, 7.5 * k, 5 * k))
    return items


# ---------------------------------------------------------------------------- emotion scale


@dataclass(frozen=True)
class ScaleLines:
    """How an emotion scale draws its level lines: the neutral line solid, the others dashed."""

    zero_color: str
    zero_width: float
    width: float
    dash: tuple[float, float]


def emotion_scale(left: float, right: float, level_y: Callable[[int], float], lines: ScaleLines,
                  label: Callable[[int, float], TextBox | None]) -> list[Item]:
    """Five level lines from +2 (top) to -2, each followed by its label (``label(level, y)``, or
    None for no label)."""
    items: list[Item] = []
    for v in EMOTION_LEVELS:
        y = level_y(v)
        items.append(Polyline(((left, y), (right, y)), stroke=lines.zero_color if v == 0 else LINE,
                              stroke_width=lines.zero_width if v == 0 else lines.width,
                              dash=() if v == 0 else lines.dash))
        box = label(v, y)
        if box is not None:
            items.append(box)
    return items
