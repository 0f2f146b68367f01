"""What every canvas page shares: a title block, a footer, the content area and the palette."""

from __future__ import annotations

from dataclasses import dataclass

from klantcanvas.i18n import t
from klantcanvas.paper import Page
from klantcanvas.scene import Item, text_box
from klantcanvas.text import PT, Para, fit

__all__ = ["INK", "LINE", "MUTED", "PANEL", "PAPER", "Area", "Frame", "frame"]

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
