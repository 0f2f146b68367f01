"""What every canvas page shares: a title block, a footer, the content area and the palette."""

from __future__ import annotations

from dataclasses import dataclass

from klantcanvas.i18n import t
from klantcanvas.paper import Page
from klantcanvas.scene import Item, Rect, TextBox, text_box
from klantcanvas.text import PT, Para, fit

__all__ = ["INK", "MUTED", "PAPER", "LINE", "Area", "Frame", "card_stack", "frame"]

INK = "#1D2733"
MUTED = "#5B6673"
PAPER = "#FFFFFF"
LINE = "#C9D1D9"
PANEL = "#F3F1EC"


@dataclass(frozen=True)
class Area:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Frame:
    items: tuple[Item, ...]
    content: Area
    #: Scale for spacing (mm) and type (pt) on this paper: 1.0 on A4 (see Page.scale).
    unit: float


def frame(title: str, subtitle: str, page: Page) -> Frame:
    """Title top left, subtitle under it, a small footer; returns the free content area."""
    k = page.scale
    margin = 11 * k
    title_paras = (Para(title, weight="bold", scale=1.0),)
    title_fit = fit(title_paras, page.width - 2 * margin, 12 * k, 20 * k, 12 * k)
    items: list[Item] = [text_box(title_fit, title_paras, margin, margin, page.width - 2 * margin, title_fit.height, INK, role="title")]
    y = margin + title_fit.height + 1.5 * k
    if subtitle:
        sub_paras = (Para(subtitle),)
        sub_fit = fit(sub_paras, page.width - 2 * margin, 10 * k, 9.5 * k, 6 * k)
        items.append(text_box(sub_fit, sub_paras, margin, y, page.width - 2 * margin, sub_fit.height, MUTED, role="subtitle"))
        y += sub_fit.height
    footer_size = 6.5 * k
    foot_paras = (Para(t("render.made_with")),)
    foot_fit = fit(foot_paras, page.width / 3, footer_size * PT * 2, footer_size, footer_size * 0.8, align="right")
    fy = page.height - margin * 0.55 - foot_fit.height
    items.append(text_box(foot_fit, foot_paras, page.width - margin - page.width / 3, fy, page.width / 3, foot_fit.height, MUTED, align="right", role="footer"))
    top = y + 5 * k
    content = Area(margin, top, page.width - 2 * margin, fy - 3 * k - top)
    return Frame(tuple(items), content, unit=k)


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
    size = 13 * k
    min_size = 6.5 * k
    while True:
        fits = [fit((Para(e),), inner_w, 1e6, size, size) for e in entries]
        heights = [f.height + 2 * 2.6 * k for f in fits]
        total = sum(heights) + gap * (len(entries) - 1)
        if total <= room or size <= min_size:
            break
        size = max(min_size, size * 0.93)
    y = top
    bottom = area.y + area.h - pad
    for index, (entry, h) in enumerate(zip(entries, heights)):
        if y + h > bottom:
            rest = (Para(f"+ {len(entries) - index}"),)
            more = fit(rest, inner_w, room, size, size)
            box = text_box(more, rest, area.x + pad, bottom - more.height, inner_w, more.height, INK, role=role)
            items.append(TextBox(box.x, box.y, box.w, box.h, box.lines, box.paras, box.color, box.align, True, role))
            break
        paras = (Para(entry),)
        fitted = fit(paras, inner_w, h - 2 * 2.6 * k, size, min_size)
        items.append(Rect(area.x + pad, y, area.w - 2 * pad, h, fill=card_fill, stroke=LINE, stroke_width=0.25 * k, radius=1.8 * k))
        items.append(text_box(fitted, paras, area.x + pad + 3 * k, y + 2.6 * k, inner_w, h - 2 * 2.6 * k, INK, role=role))
        y += h + gap
    return items
