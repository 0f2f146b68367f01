"""The board layout's ``records`` panel: a group field as one column per record, with a title,
badges and aligned ``sections`` (coloured bands such as jobs/pains/gains or get/keep/grow)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from klantcanvas.layouts.board_panels import (
    BODY_MAX, BODY_MIN, PanelContext, badge_texts, draw_badges, value_paras,
)
from klantcanvas.layouts.frame import INK, PANEL, PAPER, Area
from klantcanvas.layouts.parts import fit_dropping, largest_size, text_height
from klantcanvas.model import Field
from klantcanvas.scene import Item, Rect, text_box
from klantcanvas.text import PT, Para, fit

__all__ = ["records_panel"]


# ----------------------------------------------------------------------------- records (groups)


def records_panel(ctx: PanelContext, panel: Mapping[str, Any], area: Area) -> list[Item]:
    k = ctx.k
    group = ctx.field(panel["field"])
    records = [r for r in ctx.values.get(group.id, ()) if isinstance(r, Mapping)] or [{}]
    subs = {f.id: f for f in group.fields}
    title_f = subs[panel["title"]]
    badge_fs = [subs[b] for b in panel.get("badges", ())]
    sections = [
        (s, [subs[fid] for fid in s["fields"]]) for s in panel["sections"]
    ]
    n = len(records)
    gap = 3 * k
    max_per_row = max(1, int((area.w + gap) // (float(panel.get("min_width", 62)) * k + gap)))
    grid_rows = math.ceil(n / max_per_row)
    per_row = math.ceil(n / grid_rows)
    col_w = (area.w - gap * (per_row - 1)) / per_row
    cell_h = (area.h - gap * (grid_rows - 1)) / grid_rows
    pad = 2.6 * k
    inner_w = col_w - 2 * pad
    spad = 2.0 * k
    bar = 1.0 * k
    text_w = inner_w - 2 * spad - bar
    sgap = 1.8 * k

    # Header: the record's title and its badges, as tall as the tallest header.
    title_size = 11.5 * k
    badge_size = 7.8 * k if grid_rows == 1 else 6.6 * k
    headers = []
    for index, rec in enumerate(records):
        name = rec.get(title_f.id) or f"{group.entry_label} {index + 1}"
        paras = (Para(str(name), weight="bold"),)
        fitted = fit(paras, inner_w, title_size * PT * 1.25 * 2 + 0.1, title_size, 7 * k)
        headers.append((paras, fitted, badge_texts(badge_fs, rec)))
    title_h = max(f.height for _, f, _ in headers)
    max_badge_rows = 3 if grid_rows == 1 else 2
    badge_h = 0.0
    for _, _, badges in headers:
        if badges:
            _, h = draw_badges(badges, 0, 0, inner_w, badge_size, k, max_badge_rows, "")
            badge_h = max(badge_h, h)
    head_h = title_h + (badge_h + 1.6 * k if badge_h else 0)
    room = cell_h - 2 * pad - head_h - 2.4 * k - sgap * (len(sections) - 1)

    cell_paras = [
        [_section_paras(s, fs, rec) for s, fs in sections] for rec in records
    ]

    memo: dict[float, list[float]] = {}

    def needs(size: float) -> list[float]:
        if size not in memo:
            memo[size] = [max(text_height(cp[i], text_w, size, room) for cp in cell_paras) + 2 * spad
                          for i in range(len(sections))]
        return memo[size]

    size, ok = largest_size(lambda s: sum(needs(s)), BODY_MIN * k, BODY_MAX * 0.92 * k, room)
    heights = needs(size)
    if ok:
        extra = max(0.0, room - sum(heights))
        weights = [float(s.get("grow", 1)) for s, _ in sections]
        heights = [h + extra * w / sum(weights) for h, w in zip(heights, weights)]
    else:
        # Every band keeps a fair share; the rest goes to the bands that need most.
        floor = [min(h, room / (2 * len(heights))) for h in heights]
        rest = room - sum(floor)
        more = [h - f for h, f in zip(heights, floor)]
        heights = [f + rest * m / (sum(more) or 1) for f, m in zip(floor, more)]

    # A choice whose value names a section (get/keep/grow) outlines that section.
    emphasis = panel.get("emphasis")
    items: list[Item] = []
    for index, rec in enumerate(records):
        gr, gc = divmod(index, per_row)
        x = area.x + gc * (col_w + gap)
        y = area.y + gr * (cell_h + gap)
        items.append(Rect(x, y, col_w, cell_h, fill=str(panel.get("fill", PANEL)), radius=2.5 * k))
        paras, fitted, badges = headers[index]
        ix, iy = x + pad, y + pad
        items.append(text_box(fitted, paras, ix, iy, inner_w, title_h, INK, role=f"{group.id}-{title_f.id}"))
        b_items, _ = draw_badges(badges, ix, iy + title_h + 1.6 * k, inner_w, badge_size, k, max_badge_rows,
                             f"{group.id}-badge")
        items += b_items
        sy = iy + head_h + 2.4 * k
        for (section, fs), h, sparas in zip(sections, heights, cell_paras[index]):
            fill_c = str(section.get("fill", PAPER))
            stressed = emphasis is not None and rec.get(emphasis) == fs[0].id and section.get("accent")
            items.append(Rect(ix, sy, inner_w, h, fill=fill_c, radius=1.6 * k,
                              stroke=str(section["accent"]) if stressed else None, stroke_width=0.7 * k))
            if section.get("accent"):
                items.append(Rect(ix, sy, bar, h, fill=str(section["accent"]), radius=0.5 * k))
            if sparas:
                cell = fit_dropping(sparas, text_w, h - 2 * spad, size, size)
                items.append(text_box(cell, tuple(sparas), ix + spad + bar, sy + spad, text_w, h - 2 * spad, INK,
                                      role=f"{group.id}-{fs[0].id}"))
            sy += h + sgap
    return items


def _section_paras(section: Mapping[str, Any], fields: list[Field], rec: Mapping[str, Any]) -> list[Para]:
    ink = str(section.get("ink", INK))
    paras: list[Para] = []
    title = section.get("title")
    if title:
        paras.append(Para(str(title), weight="bold", scale=1.05, color=ink))
    for f in fields:
        paras += value_paras(f, rec.get(f.id), ink, labelled=True,
                              size_scale=1.0 if not title else 0.95)
    if len(fields) == 1 and not title:
        paras[0] = Para(paras[0].text, weight="bold", scale=1.05, color=ink)
    return paras
