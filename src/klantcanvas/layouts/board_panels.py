"""The board layout's panel kinds ``text``, ``cards``, ``facts`` and ``profile``, and the pieces
every panel kind uses (panel box, heading, badges, a field's value as paragraphs)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from klantcanvas.i18n import t
from klantcanvas.model import Filled
from klantcanvas.layouts.avatar import AVATAR_COLOURS, avatar_initials, draw_avatar, photo_disc
from klantcanvas.layouts.frame import INK, LINE, MUTED, PANEL, PAPER, Area
from klantcanvas.layouts.parts import fit_dropping, largest_size, marked, text_height
from klantcanvas.model import Canvas, Field
from klantcanvas.scene import Item, Polyline, Rect, TextBox, text_box
from klantcanvas.text import PT, Para, fit, text_width

__all__ = [
    "BODY_MAX", "BODY_MIN", "PanelContext", "badge_texts", "cards_panel", "draw_badges", "facts_panel",
    "profile_panel", "short_label", "text_panel", "value_paras",
]

#: Body text sizes in points on A4 (multiplied by the page scale k).
BODY_MAX = 10.0
BODY_MIN = 4.8
HEAD_SIZE = 10.5


def short_label(field: Field) -> str:
    """The (shorter) label a layout prints; the form shows ``field.label``."""
    return str(field.style.get("short", field.label))


def value_paras(field: Field, value: Any, ink: str, *, labelled: bool, size_scale: float = 1.0) -> list[Para]:
    """A field's value as paragraphs, optionally under its label (bold, in the accent colour)."""
    body: list[Para] = []
    if field.kind == "list":
        entries = [e for e in value if isinstance(e, str)] if isinstance(value, tuple) else []
        body = [Para(e, bullet=True) for e in entries]
    elif field.kind == "choice":
        body = [Para(field.option_label(value))] if value else []
    elif field.kind == "flag":
        body = [Para(t("render.yes") if value else t("render.no"))]
    elif field.kind == "scale":
        body = [Para(str(value))] if value is not None else []
    elif field.kind == "photo":
        body = []  # drawn as a picture by the profile panel, never as text
    elif isinstance(value, str) and value:
        body = [Para(value)]
    if labelled:
        return [Para(short_label(field), weight="bold", scale=0.92 * size_scale, color=ink), *body]
    return body


def badge_texts(fields: Sequence[Field], values: Mapping[str, Any], prefix: bool = False) -> list[tuple[str, str, str]]:
    """(text, fill, ink) for every chosen option and every flag that is on."""
    out = []
    for f in fields:
        value = values.get(f.id)
        fill_c = str(f.style.get("fill", "#23618A"))
        ink = str(f.style.get("ink", PAPER))
        if f.kind == "choice" and value:
            text = f.option_label(value)
            out.append((f"{short_label(f)}: {text}" if prefix or f.style.get("prefix") else text, fill_c, ink))
        elif f.kind == "flag" and value:
            out.append((str(f.style.get("badge", f.label)), fill_c, ink))
    return out


def badge_height(size: float, k: float) -> float:
    return size * PT * 1.25 + 1.4 * k


def draw_badges(badges: Sequence[tuple[str, str, str]], x: float, y: float, w: float, size: float, k: float,
            max_rows: int, role: str) -> tuple[list[Item], float]:
    """Rounded labels flowing left to right; returns the items and the height used."""
    if not badges:
        return [], 0.0
    bh = badge_height(size, k)
    gap = 1.2 * k
    pad = 1.6 * k
    items: list[Item] = []
    cx, row = x, 0
    for index, (text, fill_c, ink) in enumerate(badges):
        bw = min(w, text_width(text, size, "bold") + 2 * pad + 0.2)
        if cx > x and cx + bw > x + w:
            row += 1
            cx = x
        if row >= max_rows:
            # No room for the rest: mark the last drawn badge as cut.
            last = items[-1]
            assert isinstance(last, TextBox)
            items[-1] = marked(last)
            row = max_rows - 1
            break
        by = y + row * (bh + gap)
        paras = (Para(text, weight="bold"),)
        fitted = fit(paras, bw - 2 * pad, bh, size, size)
        items.append(Rect(cx, by, bw, bh, fill=fill_c, radius=bh / 2))
        items.append(text_box(fitted, paras, cx + pad, by, bw - 2 * pad, bh, ink, valign="middle", role=role))
        cx += bw + gap
    return items, (row + 1) * bh + row * gap


def panel_heading(text: str, area: Area, k: float, ink: str, role: str) -> tuple[list[Item], float]:
    """A bold panel heading at the top of ``area``; returns items and the height used."""
    if not text:
        return [], 0.0
    paras = (Para(text, weight="bold"),)
    fitted = fit(paras, area.w, HEAD_SIZE * k * PT * 1.25 * 2.2, HEAD_SIZE * k, 7 * k)
    return [text_box(fitted, paras, area.x, area.y, area.w, fitted.height, ink, role=role)], fitted.height


@dataclass(frozen=True)
class PanelContext:
    """What every panel reads: the filled canvas and the page scale ``k``."""

    filled: Filled
    k: float

    @property
    def canvas(self) -> Canvas:
        return self.filled.canvas

    @property
    def values(self) -> Mapping[str, Any]:
        return self.filled.values

    def field(self, fid: str) -> Field:
        return self.canvas.field(fid)


# ----------------------------------------------------------------------------- panels


def panel_box(panel: Mapping[str, Any], area: Area, k: float) -> tuple[list[Item], Area, str]:
    fill_c = str(panel.get("fill", PANEL))
    ink = str(panel.get("ink", INK))
    pad = 3.2 * k
    items: list[Item] = [Rect(area.x, area.y, area.w, area.h, fill=fill_c, radius=2.5 * k)]
    return items, Area(area.x + pad, area.y + pad, area.w - 2 * pad, area.h - 2 * pad), ink


def text_panel(ctx: PanelContext, panel: Mapping[str, Any], area: Area) -> list[Item]:
    k = ctx.k
    items, inner, ink = panel_box(panel, area, k)
    fields = [ctx.field(f) for f in panel.get("fields", ())]
    title = str(panel.get("title", short_label(fields[0]) if len(fields) == 1 else ""))
    role = str(panel.get("role", fields[0].id if fields else "panel"))
    head, used = panel_heading(title, inner, k, ink, f"{role}-heading")
    items += head
    y = inner.y + (used + 1.8 * k if used else 0)
    badge_fields = [ctx.field(f) for f in panel.get("badges", ())]
    badges = badge_texts(badge_fields, ctx.values, bool(panel.get("badge_prefix")))
    bsize = 8.5 * k
    # Badges go beside a one-line heading when they fit there, else on their own row.
    heading = head[0] if head and isinstance(head[0], TextBox) else None
    head_w = max((ln.width for ln in heading.lines), default=0.0) if heading else 0.0
    need = sum(text_width(b[0], bsize, "bold") + 3.2 * k + 0.2 + 1.2 * k for b in badges)
    if badges and heading and len(heading.lines) == 1 and head_w + 3 * k + need <= inner.w:
        by = inner.y + (used - badge_height(bsize, k)) / 2
        badge_items, _ = draw_badges(badges, inner.x + head_w + 3 * k, by, inner.w - head_w - 3 * k, bsize, k, 1,
                                 f"{role}-badge")
        items += badge_items
    else:
        badge_items, bh = draw_badges(badges, inner.x, y, inner.w, bsize, k, 2, f"{role}-badge")
        items += badge_items
        if bh:
            y += bh + 2 * k
    labelled = len(fields) > 1
    paras: list[Para] = []
    for f in fields:
        paras += value_paras(f, ctx.values.get(f.id), ink, labelled=labelled)
    room = inner.y + inner.h - y
    if paras and room > 0:
        fitted = fit_dropping(paras, inner.w, room, BODY_MAX * k, BODY_MIN * k)
        items.append(text_box(fitted, tuple(paras), inner.x, y, inner.w, room, INK, role=role))
    return items


def cards_panel(ctx: PanelContext, panel: Mapping[str, Any], area: Area) -> list[Item]:
    k = ctx.k
    items, inner, ink = panel_box(panel, area, k)
    f = ctx.field(panel["field"])
    head, used = panel_heading(str(panel.get("title", short_label(f))), inner, k, ink, f"{f.id}-heading")
    items += head
    accent = str(panel.get("accent", ink))
    entries = [e for e in ctx.values.get(f.id, ()) if isinstance(e, str)]
    top = inner.y + used + 2.2 * k
    bottom = inner.y + inner.h
    room = bottom - top
    if not entries or room <= 0:
        return items
    gap, cpad, bar = 1.6 * k, 1.9 * k, 1.1 * k
    text_w = inner.w - 2 * cpad - bar
    paras_list = [(Para(e),) for e in entries]

    def total(size: float) -> float:
        used = gap * (len(entries) - 1)
        for p in paras_list:
            used += text_height(p, text_w, size, room) + 2 * cpad
            if used > room:
                break
        return used

    size, ok = largest_size(total, BODY_MIN * k, BODY_MAX * k, room)
    line = size * PT * 1.25
    more_h = line + cpad
    y = top
    for index, paras in enumerate(paras_list):
        h = text_height(paras, text_w, size) + 2 * cpad
        after = len(entries) - index - 1
        limit = bottom - (more_h + gap if (not ok and after) else 0.0)
        drawn = index + 1
        if y + h > limit + 1e-6:
            if limit - y >= line + 2 * cpad:
                h = limit - y
            else:
                drawn = index
        if drawn > index:
            items.append(Rect(inner.x, y, inner.w, h, fill=PAPER, stroke=LINE, stroke_width=0.2 * k, radius=1.4 * k))
            items.append(Rect(inner.x, y, bar, h, fill=accent, radius=0.5 * k))
            fitted = fit(paras, text_w, h - 2 * cpad, size, size)
            items.append(text_box(fitted, paras, inner.x + bar + cpad, y + cpad, text_w, h - 2 * cpad, INK, role=f.id))
            y += h + gap
        if drawn == index or y - gap > limit - 1e-6 or (not ok and y > limit):
            rest = len(entries) - drawn
            if rest:
                more = (Para(t("render.more", count=rest), weight="bold"),)
                fitted = fit(more, inner.w, more_h, size, size)
                box = text_box(fitted, more, inner.x, bottom - fitted.height, inner.w, fitted.height, MUTED, role=f.id)
                items.append(marked(box))
            break
    return items


def facts_panel(ctx: PanelContext, panel: Mapping[str, Any], area: Area) -> list[Item]:
    k = ctx.k
    items, inner, ink = panel_box(panel, area, k)
    fields = [ctx.field(f) for f in panel["fields"]]
    head, used = panel_heading(str(panel.get("title", "")), inner, k, ink, "facts-heading")
    items += head
    top = inner.y + (used + 1.8 * k if used else 0)
    room = inner.y + inner.h - top
    if room <= 0:
        return items
    gap = 2.2 * k
    label_w = min(inner.w * 0.34, max(text_width(short_label(f), BODY_MAX * k, "bold") for f in fields) + 0.5)
    value_w = inner.w - label_w - gap
    rows = [((Para(short_label(f), weight="bold", color=ink),),
             tuple(value_paras(f, ctx.values.get(f.id), ink, labelled=False)), f) for f in fields]
    rpad = 1.1 * k

    def row_heights(size: float) -> list[float]:
        line = size * PT * 1.25
        return [max(line, text_height(lab, label_w, size), text_height(val, value_w, size)) + 2 * rpad for lab, val, _ in rows]

    size, ok = largest_size(lambda s: sum(row_heights(s)), BODY_MIN * k, BODY_MAX * k, room)
    heights = row_heights(size)
    if ok:
        extra = (room - sum(heights)) / len(heights)
        heights = [h + min(extra, h) for h in heights]
    else:
        heights = [h * room / sum(heights) for h in heights]
    y = top
    for index, ((lab, val, f), h) in enumerate(zip(rows, heights)):
        if index:
            items.append(Polyline(((inner.x, y), (inner.x + inner.w, y)), stroke=LINE, stroke_width=0.25 * k))
        lab_fit = fit(lab, label_w, h - 2 * rpad, size, BODY_MIN * k)
        items.append(text_box(lab_fit, lab, inner.x, y + rpad, label_w, h - 2 * rpad, ink, role=f"{f.id}-label"))
        if val:
            val_fit = fit(val, value_w, h - 2 * rpad, size, BODY_MIN * k)
            items.append(text_box(val_fit, val, inner.x + label_w + gap, y + rpad, value_w, h - 2 * rpad, INK, role=f.id))
        y += h
    return items


def profile_panel(ctx: PanelContext, panel: Mapping[str, Any], area: Area) -> list[Item]:
    k = ctx.k
    items, inner, ink = panel_box(panel, area, k)
    av = panel.get("avatar", {})
    text = ctx.filled.text

    def opt(key: str, default: str = "") -> str:
        return text(av[key]) if key in av else default

    colour = AVATAR_COLOURS.get(opt("kleur"), AVATAR_COLOURS["blauw"])
    initials = avatar_initials(opt("initialen"), opt("naam") or text(panel["name"]))
    photo = opt("foto")
    # The photo's source or licence, printed small under it (only with a photo).
    caption = opt("bron") if photo else ""
    cap_size = 6.5 * k
    cap_h = cap_size * PT * 1.3 + 1.2 * k if caption else 0.0
    side = inner.w > inner.h * 1.35
    if side:
        d = min(inner.h - cap_h, inner.w * 0.4)
        tx, tw, th = inner.x + d + 4 * k, inner.w - d - 4 * k, inner.h
    else:
        d = min(inner.w * 0.8, inner.h * 0.52 - cap_h)
        tx, tw, th = inner.x, inner.w, inner.h - d - cap_h - 4 * k
    align = "left" if side else "center"
    name_f = ctx.field(panel["name"])
    name = text(name_f.id)
    name_paras = (Para(name or short_label(name_f), weight="bold", color=None if name else MUTED),)
    name_fit = fit(name_paras, tw, min(th * 0.4, 20 * k * PT * 1.25 * 2), 18 * k, 8 * k, align=align)
    motto_f = ctx.field(panel["motto"])
    motto = text(motto_f.id)
    paras = [Para(short_label(motto_f), weight="bold", scale=0.75, color=ink)]
    if motto:
        paras.append(Para(motto if motto[:1] in "\"'“„‘" else f"“{motto}”"))
    room = th - name_fit.height - 3 * k
    motto_fit = fit(paras, tw, room, 13 * k, BODY_MIN * k, align=align) if room > 0 else None
    block = name_fit.height + (3 * k + motto_fit.height if motto_fit else 0)
    def face(cx: float, top: float) -> list[Item]:
        if photo:
            out = photo_disc(cx, top + d / 2, d / 2, photo, av["foto"])
            if caption:
                paras = (Para(caption),)
                w = max(d, min(inner.w, d * 1.6)) if not side else d
                fitted = fit(paras, w, cap_h, cap_size, cap_size * 0.7, align="center")
                out.append(text_box(fitted, paras, cx - w / 2, top + d + 1.2 * k, w, cap_h - 1.2 * k, MUTED,
                                    align="center", role=av["bron"]))
            return out
        return draw_avatar(cx, top + d / 2, d / 2, colour, initials, opt("haar"), opt("accessoire"), k, opt("huid"))

    if side:
        items += face(inner.x + d / 2, inner.y + (inner.h - d - cap_h) / 2)
        ty = inner.y + max(0.0, (inner.h - block) / 2)
    else:
        top = inner.y + max(0.0, (inner.h - d - cap_h - 4 * k - block) * 0.4)
        items += face(inner.x + inner.w / 2, top)
        ty = top + d + cap_h + 4 * k
    items.append(text_box(name_fit, name_paras, tx, ty, tw, name_fit.height, ink, align=align, role=name_f.id))
    if motto_fit:
        my = ty + name_fit.height + 3 * k
        items.append(text_box(motto_fit, tuple(paras), tx, my, tw, min(room, inner.y + inner.h - my), INK,
                              align=align, role=motto_f.id))
    return items
