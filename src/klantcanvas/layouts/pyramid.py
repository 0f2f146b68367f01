"""The pyramid layout: an apex field on top, stacked layers below it, and a side panel of cards.

Used by the Klanttype-piramide: the segment in the apex, six customer types as layers (in the
order of the definition's ``layers``) and the types outside the organisation beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klantcanvas.model import Filled
from klantcanvas.layouts.frame import INK, Area, frame
from klantcanvas.layouts.parts import card_stack
from klantcanvas.model import Field
from klantcanvas.paper import Page
from klantcanvas.scene import Item, Polygon, Scene, text_box
from klantcanvas.text import Para, fit

__all__ = ["build", "field_refs"]


def field_refs(options: Mapping[str, Any]) -> list[str]:
    return [options["apex"], *options["layers"], options["side"]]


def _band_paras(field: Field, filled: Filled, ink: str) -> tuple[Para, ...]:
    if field.kind == "list":
        entries = [Para(e, bullet=len(filled.items(field.id)) > 1) for e in filled.items(field.id)]
    else:
        entries = [Para(filled.text(field.id))] if filled.text(field.id) else []
    return (Para(field.label, weight="bold", scale=1.1 if entries else 1.0, color=ink), *entries)


def build(filled: Filled, page: Page) -> Scene:
    canvas = filled.canvas
    options = canvas.layout.options
    fr = frame(canvas.title, canvas.summary, page)
    k, area = fr.unit, fr.content
    if page.landscape:
        pyr = Area(area.x, area.y, area.w * 0.64, area.h)
        side = Area(area.x + area.w * 0.67, area.y, area.w * 0.33, area.h)
    else:
        pyr = Area(area.x, area.y, area.w, area.h * 0.68)
        side = Area(area.x, area.y + area.h * 0.71, area.w, area.h * 0.29)
    bands = [canvas.field(options["apex"]), *(canvas.field(fid) for fid in options["layers"])]
    items: list[Item] = list(fr.items)
    base_half = min(pyr.w, pyr.h * 1.45) / 2
    top_half = base_half * float(options.get("top_ratio", 0.3))
    cx = pyr.x + pyr.w / 2
    gap = 1.1 * k
    band_h = (pyr.h - gap * (len(bands) - 1)) / len(bands)

    def half_width(y: float) -> float:
        return top_half + (base_half - top_half) * (y - pyr.y) / pyr.h

    for index, field in enumerate(bands):
        y0 = pyr.y + index * (band_h + gap)
        y1 = y0 + band_h
        fill = field.style.get("fill", "#DDE6EE")
        ink = field.style.get("ink", INK)
        items.append(Polygon(((cx - half_width(y0), y0), (cx + half_width(y0), y0),
                              (cx + half_width(y1), y1), (cx - half_width(y1), y1)), fill=fill))
        pad_x, pad_y = 3.2 * k + band_h * 0.15, 1.6 * k
        box_w = 2 * half_width(y0) - 2 * pad_x
        box_h = band_h - 2 * pad_y
        paras = _band_paras(field, filled, ink)
        fitted = fit(paras, box_w, box_h, 15 * k, 5 * k, align="center")
        items.append(text_box(fitted, paras, cx - box_w / 2, y0 + pad_y, box_w, box_h, ink,
                              align="center", valign="middle", role=field.id))
    side_field = canvas.field(options["side"])
    items += card_stack(side_field.label, list(filled.items(side_field.id)), side, k, side_field.id)
    return Scene(page.width, page.height, canvas.title, tuple(items))
