"""The board layout: a grid of panels, each showing one or more fields, described in the TOML.

Used by Persona, Klantsegmenten and Klantrelaties. ``[layout]`` gives the grid (``cols`` and
``rows`` as counts or relative weights, optionally ``portrait_cols``/``portrait_rows``) and a list
of ``[[layout.panels]]``. Each panel has ``at = [col, row, colspan, rowspan]`` (and optionally
``portrait_at``) and a ``kind``:

* ``text``: a heading, optional badges (choice or flag fields) and the fields as paragraphs;
* ``cards``: one list field as a stack of cards;
* ``facts``: label/value rows (general information);
* ``profile``: a drawn avatar (colour, initials, hair, accessory) with a name and a motto;
* ``records``: a group field as one column per record, with a title, badges and aligned
  ``sections`` (coloured bands such as jobs/pains/gains or get/keep/grow).

Everything is fitted with ``klantcanvas.text.fit``: text shrinks between a maximum and a minimum
size and is cut with an ellipsis (flagged as overflow) only when even the minimum is too big.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

from klantcanvas.fill import Filled
from klantcanvas.layouts.frame import INK, LINE, MUTED, PANEL, PAPER, Area, frame
from klantcanvas.model import Field
from klantcanvas.paper import Page
from klantcanvas.scene import Circle, Item, Polygon, Polyline, Rect, Scene, TextBox, text_box
from klantcanvas.text import PT, Fitted, Para, fit, text_width

__all__ = ["build", "field_refs", "avatar_initials"]

#: Body text sizes in points on A4 (multiplied by the page scale k).
BODY_MAX = 10.0
BODY_MIN = 4.8
HEAD_SIZE = 10.5
#: Colours a user can pick for the drawn avatar (choice value -> colour).
AVATAR_COLOURS = {
    "blauw": "#23618A",
    "groen": "#3F7F5F",
    "oranje": "#D98A2B",
    "koraal": "#D0684F",
    "paars": "#6B5B9A",
    "grijs": "#5B6673",
}
HELMET = "#F2A541"


# ----------------------------------------------------------------------------- definition side


def _panel_refs(panel: Mapping[str, Any]) -> list[str]:
    if panel.get("kind") == "records":  # title, badges and sections name the group's own fields
        return [panel["field"]]
    refs = list(panel.get("fields", ()))
    for key in ("field", "name", "motto"):
        if key in panel:
            refs.append(panel[key])
    refs += list(panel.get("badges", ()))
    refs += list(panel.get("avatar", {}).values())
    return refs


def field_refs(options: Mapping[str, Any]) -> list[str]:
    refs: list[str] = []
    for panel in options["panels"]:
        for ref in _panel_refs(panel):
            if ref not in refs:
                refs.append(ref)
    return refs


# ----------------------------------------------------------------------------- small helpers


def _mix(colour: str, other: str, t: float) -> str:
    """``colour`` moved a fraction ``t`` towards ``other`` (both #RRGGBB)."""
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b))


def _label(field: Field) -> str:
    """The (shorter) label a layout prints; the form shows ``field.label``."""
    return str(field.style.get("short", field.label))


def _height(paras: Sequence[Para], width: float, size: float, cap: float | None = None) -> float:
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


def _fit(paras: Sequence[Para], width: float, height: float, hi: float, lo: float, align: str = "left") -> Fitted:
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
            size, ok = _largest(lambda s: _height(paras, width, s, height), lo, hi, height)
            if ok:
                return fit(paras, width, height, size, size, align)
        return fit(paras, width, height, lo, lo, align)
    fitted = fit(kept, width, height, lo, lo, align)
    return Fitted(fitted.lines, fitted.size, fitted.height, True)


def _largest(measure: Callable[[float], float], lo: float, hi: float, room: float) -> tuple[float, bool]:
    """The largest size in [lo, hi] with ``measure(size) <= room``; False when even ``lo`` is too big."""
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


def _value_paras(field: Field, value: Any, ink: str, *, labelled: bool, size_scale: float = 1.0) -> list[Para]:
    """A field's value as paragraphs, optionally under its label (bold, in the accent colour)."""
    body: list[Para] = []
    if field.kind == "list":
        entries = [e for e in value if isinstance(e, str)] if isinstance(value, tuple) else []
        body = [Para(e, bullet=True) for e in entries]
    elif field.kind == "choice":
        body = [Para(field.option_label(value))] if value else []
    elif field.kind == "flag":
        body = [Para("Ja" if value else "Nee")]
    elif field.kind == "scale":
        body = [Para(str(value))] if value is not None else []
    elif isinstance(value, str) and value:
        body = [Para(value)]
    if labelled:
        return [Para(_label(field), weight="bold", scale=0.92 * size_scale, color=ink), *body]
    return body


def _badge_texts(fields: Sequence[Field], values: Mapping[str, Any], prefix: bool = False) -> list[tuple[str, str, str]]:
    """(text, fill, ink) for every chosen option and every flag that is on."""
    out = []
    for f in fields:
        value = values.get(f.id)
        fill_c = str(f.style.get("fill", "#23618A"))
        ink = str(f.style.get("ink", PAPER))
        if f.kind == "choice" and value:
            text = f.option_label(value)
            out.append((f"{_label(f)}: {text}" if prefix or f.style.get("prefix") else text, fill_c, ink))
        elif f.kind == "flag" and value:
            out.append((str(f.style.get("badge", f.label)), fill_c, ink))
    return out


def _badge_height(size: float, k: float) -> float:
    return size * PT * 1.25 + 1.4 * k


def _badges(badges: Sequence[tuple[str, str, str]], x: float, y: float, w: float, size: float, k: float,
            max_rows: int, role: str) -> tuple[list[Item], float]:
    """Rounded labels flowing left to right; returns the items and the height used."""
    if not badges:
        return [], 0.0
    bh = _badge_height(size, k)
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
            items[-1] = TextBox(last.x, last.y, last.w, last.h, last.lines, last.paras, last.color,
                                last.align, True, last.role)
            row = max_rows - 1
            break
        by = y + row * (bh + gap)
        paras = (Para(text, weight="bold"),)
        fitted = fit(paras, bw - 2 * pad, bh, size, size)
        items.append(Rect(cx, by, bw, bh, fill=fill_c, radius=bh / 2))
        items.append(text_box(fitted, paras, cx + pad, by, bw - 2 * pad, bh, ink, valign="middle", role=role))
        cx += bw + gap
    return items, (row + 1) * bh + row * gap


def _weights(spec: Any) -> list[float]:
    if isinstance(spec, int):
        return [1.0] * spec
    return [float(v) for v in spec]


def _cells(area: Area, cols: list[float], rows: list[float], gap: float) -> Callable[[Sequence[int]], Area]:
    free_w = area.w - gap * (len(cols) - 1)
    free_h = area.h - gap * (len(rows) - 1)
    xs = [area.x]
    for wgt in cols:
        xs.append(xs[-1] + free_w * wgt / sum(cols) + gap)
    ys = [area.y]
    for wgt in rows:
        ys.append(ys[-1] + free_h * wgt / sum(rows) + gap)

    def cell(at: Sequence[int]) -> Area:
        c, r, cs, rs = (list(at) + [1, 1])[:4]
        return Area(xs[c], ys[r], xs[c + cs] - gap - xs[c], ys[r + rs] - gap - ys[r])

    return cell


def _heading(text: str, area: Area, k: float, ink: str, role: str) -> tuple[list[Item], float]:
    """A bold panel heading at the top of ``area``; returns items and the height used."""
    if not text:
        return [], 0.0
    paras = (Para(text, weight="bold"),)
    fitted = fit(paras, area.w, HEAD_SIZE * k * PT * 1.25 * 2.2, HEAD_SIZE * k, 7 * k)
    return [text_box(fitted, paras, area.x, area.y, area.w, fitted.height, ink, role=role)], fitted.height


class _Ctx:
    def __init__(self, filled: Filled, k: float) -> None:
        self.filled = filled
        self.canvas = filled.canvas
        self.values = filled.values
        self.k = k

    def field(self, fid: str) -> Field:
        return self.canvas.field(fid)


# ----------------------------------------------------------------------------- panels


def _panel_box(panel: Mapping[str, Any], area: Area, k: float) -> tuple[list[Item], Area, str]:
    fill_c = str(panel.get("fill", PANEL))
    ink = str(panel.get("ink", INK))
    pad = 3.2 * k
    items: list[Item] = [Rect(area.x, area.y, area.w, area.h, fill=fill_c, radius=2.5 * k)]
    return items, Area(area.x + pad, area.y + pad, area.w - 2 * pad, area.h - 2 * pad), ink


def _text_panel(ctx: _Ctx, panel: Mapping[str, Any], area: Area) -> list[Item]:
    k = ctx.k
    items, inner, ink = _panel_box(panel, area, k)
    fields = [ctx.field(f) for f in panel.get("fields", ())]
    title = str(panel.get("title", _label(fields[0]) if len(fields) == 1 else ""))
    role = str(panel.get("role", fields[0].id if fields else "panel"))
    head, used = _heading(title, inner, k, ink, f"{role}-heading")
    items += head
    y = inner.y + (used + 1.8 * k if used else 0)
    badge_fields = [ctx.field(f) for f in panel.get("badges", ())]
    badges = _badge_texts(badge_fields, ctx.values, bool(panel.get("badge_prefix")))
    bsize = 8.5 * k
    # Badges go beside a one-line heading when they fit there, else on their own row.
    head_w = max((ln.width for ln in head[0].lines), default=0.0) if head else 0.0
    need = sum(text_width(b[0], bsize, "bold") + 3.2 * k + 0.2 + 1.2 * k for b in badges)
    if badges and head and len(head[0].lines) == 1 and head_w + 3 * k + need <= inner.w:
        by = inner.y + (used - _badge_height(bsize, k)) / 2
        badge_items, _ = _badges(badges, inner.x + head_w + 3 * k, by, inner.w - head_w - 3 * k, bsize, k, 1,
                                 f"{role}-badge")
        items += badge_items
    else:
        badge_items, bh = _badges(badges, inner.x, y, inner.w, bsize, k, 2, f"{role}-badge")
        items += badge_items
        if bh:
            y += bh + 2 * k
    labelled = len(fields) > 1
    paras: list[Para] = []
    for f in fields:
        paras += _value_paras(f, ctx.values.get(f.id), ink, labelled=labelled)
    room = inner.y + inner.h - y
    if paras and room > 0:
        fitted = _fit(paras, inner.w, room, BODY_MAX * k, BODY_MIN * k)
        items.append(text_box(fitted, tuple(paras), inner.x, y, inner.w, room, INK, role=role))
    return items


def _cards_panel(ctx: _Ctx, panel: Mapping[str, Any], area: Area) -> list[Item]:
    k = ctx.k
    items, inner, ink = _panel_box(panel, area, k)
    f = ctx.field(panel["field"])
    head, used = _heading(str(panel.get("title", _label(f))), inner, k, ink, f"{f.id}-heading")
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
            used += _height(p, text_w, size, room) + 2 * cpad
            if used > room:
                break
        return used

    size, ok = _largest(total, BODY_MIN * k, BODY_MAX * k, room)
    line = size * PT * 1.25
    more_h = line + cpad
    y = top
    for index, paras in enumerate(paras_list):
        h = _height(paras, text_w, size) + 2 * cpad
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
                more = (Para(f"+ {rest} meer", weight="bold"),)
                fitted = fit(more, inner.w, more_h, size, size)
                box = text_box(fitted, more, inner.x, bottom - fitted.height, inner.w, fitted.height, MUTED, role=f.id)
                items.append(TextBox(box.x, box.y, box.w, box.h, box.lines, box.paras, box.color, box.align, True, f.id))
            break
    return items


def _facts_panel(ctx: _Ctx, panel: Mapping[str, Any], area: Area) -> list[Item]:
    k = ctx.k
    items, inner, ink = _panel_box(panel, area, k)
    fields = [ctx.field(f) for f in panel["fields"]]
    head, used = _heading(str(panel.get("title", "")), inner, k, ink, "facts-heading")
    items += head
    top = inner.y + (used + 1.8 * k if used else 0)
    room = inner.y + inner.h - top
    if room <= 0:
        return items
    gap = 2.2 * k
    label_w = min(inner.w * 0.34, max(text_width(_label(f), BODY_MAX * k, "bold") for f in fields) + 0.5)
    value_w = inner.w - label_w - gap
    rows = [((Para(_label(f), weight="bold", color=ink),),
             tuple(_value_paras(f, ctx.values.get(f.id), ink, labelled=False)), f) for f in fields]
    rpad = 1.1 * k

    def row_heights(size: float) -> list[float]:
        line = size * PT * 1.25
        return [max(line, _height(lab, label_w, size), _height(val, value_w, size)) + 2 * rpad for lab, val, _ in rows]

    size, ok = _largest(lambda s: sum(row_heights(s)), BODY_MIN * k, BODY_MAX * k, room)
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


# ----------------------------------------------------------------------------- the avatar


def avatar_initials(given: str, name: str) -> str:
    """The initials shown on the avatar: as typed, or the first and last initial of the name."""
    given = "".join(given.split())[:3]
    if given:
        return given.upper()
    words = [w for w in name.split() if w[:1].isalpha()]
    if not words:
        return ""
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def _ellipse_in_circle(cx: float, cy: float, r: float, ex: float, ey: float, rx: float, ry: float) -> Polygon | None:
    """The part of the ellipse's upper half that lies inside the circle, closed along the circle."""
    inside = []
    for i in range(33):
        t = math.pi + math.pi * i / 32
        x, y = ex + rx * math.cos(t), ey + ry * math.sin(t)
        if (x - cx) ** 2 + (y - cy) ** 2 <= (r * 0.995) ** 2:
            inside.append((x, y))
    if len(inside) < 2:
        return None
    a1 = math.atan2(inside[-1][1] - cy, inside[-1][0] - cx)
    a0 = math.atan2(inside[0][1] - cy, inside[0][0] - cx)
    if a0 < a1:
        a0 += 2 * math.pi
    arc = [(cx + r * 0.995 * math.cos(a1 + (a0 - a1) * i / 24), cy + r * 0.995 * math.sin(a1 + (a0 - a1) * i / 24))
           for i in range(1, 24)]
    return Polygon(tuple(inside + arc))


def _arc(cx: float, cy: float, r: float, start: float, end: float, n: int = 20) -> list[tuple[float, float]]:
    return [(cx + r * math.cos(start + (end - start) * i / n), cy + r * math.sin(start + (end - start) * i / n))
            for i in range(n + 1)]


def _avatar(cx: float, cy: float, r: float, colour: str, initials: str, hair: str, extra: str, k: float) -> list[Item]:
    items: list[Item] = [Circle(cx, cy, r, fill=_mix(colour, "#FFFFFF", 0.8))]
    dark = _mix(colour, "#000000", 0.45)
    hx, hy, hr = cx, cy - 0.2 * r, 0.29 * r
    if hair == "lang":
        items.append(Rect(hx - 1.22 * hr, hy - 1.1 * hr, 2.44 * hr, 2.45 * hr, fill=dark, radius=1.1 * hr))
    torso = _ellipse_in_circle(cx, cy, r, cx, cy + 0.8 * r, 0.64 * r, 0.54 * r)
    if torso:
        items.append(Polygon(torso.points, fill=colour))
    items.append(Circle(hx, hy, hr, fill=colour))
    if extra == "fietshelm":
        dome = _arc(hx, hy - 0.05 * hr, 1.17 * hr, math.pi * 1.0, math.pi * 2.0, 24)
        strap = _mix(HELMET, "#000000", 0.5)
        for side in (-1, 1):
            items.append(Polyline(((hx + side * 1.1 * hr, hy), (hx + side * 0.35 * hr, hy + 0.98 * hr)),
                                  stroke=strap, stroke_width=0.08 * hr))
        items.append(Polygon(tuple(dome), fill=HELMET))
        vent = _mix(HELMET, "#000000", 0.35)
        for dx in (-0.5, 0.0, 0.5):
            items.append(Rect(hx + dx * hr - 0.09 * hr, hy - 0.95 * hr + abs(dx) * 0.3 * hr, 0.18 * hr, 0.55 * hr,
                              fill=vent, radius=0.09 * hr))
    elif hair in ("kort", "lang"):
        cap = _arc(hx, hy, 1.08 * hr, math.pi * 1.05, math.pi * 1.95) + _arc(hx, hy - 0.25 * hr, 0.9 * hr, math.pi * 1.9, math.pi * 1.1)
        items.append(Polygon(tuple(cap), fill=dark))
    if extra == "bril":
        glass = 0.27 * hr
        for dx in (-0.42, 0.42):
            items.append(Circle(hx + dx * hr, hy + 0.05 * hr, glass, stroke=PAPER, stroke_width=0.09 * hr))
        items.append(Polyline(((hx - 0.42 * hr + glass, hy + 0.05 * hr), (hx + 0.42 * hr - glass, hy + 0.05 * hr)),
                              stroke=PAPER, stroke_width=0.09 * hr))
    if initials:
        paras = (Para(initials, weight="bold"),)
        box_w, box_h = 0.9 * r, 0.3 * r
        size = box_h / PT / 1.25
        fitted = fit(paras, box_w, box_h, size, size * 0.4, align="center")
        items.append(text_box(fitted, paras, cx - box_w / 2, cy + 0.43 * r, box_w, box_h, PAPER,
                              align="center", valign="middle", role="avatar-initials"))
    return items


def _profile_panel(ctx: _Ctx, panel: Mapping[str, Any], area: Area) -> list[Item]:
    k = ctx.k
    items, inner, ink = _panel_box(panel, area, k)
    av = panel.get("avatar", {})
    text = ctx.filled.text

    def opt(key: str, default: str = "") -> str:
        return text(av[key]) if key in av else default

    colour = AVATAR_COLOURS.get(opt("kleur"), AVATAR_COLOURS["blauw"])
    initials = avatar_initials(opt("initialen"), opt("naam") or text(panel["name"]))
    side = inner.w > inner.h * 1.35
    if side:
        d = min(inner.h, inner.w * 0.4)
        tx, tw, th = inner.x + d + 4 * k, inner.w - d - 4 * k, inner.h
    else:
        d = min(inner.w * 0.8, inner.h * 0.52)
        tx, tw, th = inner.x, inner.w, inner.h - d - 4 * k
    align = "left" if side else "center"
    name_f = ctx.field(panel["name"])
    name = text(name_f.id)
    name_paras = (Para(name or _label(name_f), weight="bold", color=None if name else MUTED),)
    name_fit = fit(name_paras, tw, min(th * 0.4, 20 * k * PT * 1.25 * 2), 18 * k, 8 * k, align=align)
    motto_f = ctx.field(panel["motto"])
    motto = text(motto_f.id)
    paras = [Para(_label(motto_f), weight="bold", scale=0.75, color=ink)]
    if motto:
        paras.append(Para(motto if motto[:1] in "\"'“„‘" else f"“{motto}”"))
    room = th - name_fit.height - 3 * k
    motto_fit = fit(paras, tw, room, 13 * k, BODY_MIN * k, align=align) if room > 0 else None
    block = name_fit.height + (3 * k + motto_fit.height if motto_fit else 0)
    if side:
        items += _avatar(inner.x + d / 2, inner.y + inner.h / 2, d / 2, colour, initials, opt("haar"), opt("accessoire"), k)
        ty = inner.y + max(0.0, (inner.h - block) / 2)
    else:
        top = inner.y + max(0.0, (inner.h - d - 4 * k - block) * 0.4)
        items += _avatar(inner.x + inner.w / 2, top + d / 2, d / 2, colour, initials, opt("haar"), opt("accessoire"), k)
        ty = top + d + 4 * k
    items.append(text_box(name_fit, name_paras, tx, ty, tw, name_fit.height, ink, align=align, role=name_f.id))
    if motto_fit:
        my = ty + name_fit.height + 3 * k
        items.append(text_box(motto_fit, tuple(paras), tx, my, tw, min(room, inner.y + inner.h - my), INK,
                              align=align, role=motto_f.id))
    return items


# ----------------------------------------------------------------------------- records (groups)


def _records_panel(ctx: _Ctx, panel: Mapping[str, Any], area: Area) -> list[Item]:
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
        headers.append((paras, fitted, _badge_texts(badge_fs, rec)))
    title_h = max(f.height for _, f, _ in headers)
    max_badge_rows = 3 if grid_rows == 1 else 2
    badge_h = 0.0
    for _, _, badges in headers:
        if badges:
            _, h = _badges(badges, 0, 0, inner_w, badge_size, k, max_badge_rows, "")
            badge_h = max(badge_h, h)
    head_h = title_h + (badge_h + 1.6 * k if badge_h else 0)
    room = cell_h - 2 * pad - head_h - 2.4 * k - sgap * (len(sections) - 1)

    cell_paras = [
        [_section_paras(s, fs, rec) for s, fs in sections] for rec in records
    ]

    memo: dict[float, list[float]] = {}

    def needs(size: float) -> list[float]:
        if size not in memo:
            memo[size] = [max(_height(cp[i], text_w, size, room) for cp in cell_paras) + 2 * spad
                          for i in range(len(sections))]
        return memo[size]

    size, ok = _largest(lambda s: sum(needs(s)), BODY_MIN * k, BODY_MAX * 0.92 * k, room)
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
        b_items, _ = _badges(badges, ix, iy + title_h + 1.6 * k, inner_w, badge_size, k, max_badge_rows,
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
                cell = _fit(sparas, text_w, h - 2 * spad, size, size)
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
        paras += _value_paras(f, rec.get(f.id), ink, labelled=True,
                              size_scale=1.0 if not title else 0.95)
    if len(fields) == 1 and not title:
        paras[0] = Para(paras[0].text, weight="bold", scale=1.05, color=ink)
    return paras


PANELS = {
    "text": _text_panel,
    "cards": _cards_panel,
    "facts": _facts_panel,
    "profile": _profile_panel,
    "records": _records_panel,
}


def build(filled: Filled, page: Page) -> Scene:
    canvas = filled.canvas
    options = canvas.layout.options
    fr = frame(canvas.title, canvas.summary, page)
    k, area = fr.unit, fr.content
    portrait = not page.landscape
    cols = _weights(options.get("portrait_cols", options["cols"]) if portrait else options["cols"])
    rows = _weights(options.get("portrait_rows", options["rows"]) if portrait else options["rows"])
    cell = _cells(area, cols, rows, 3.5 * k)
    ctx = _Ctx(filled, k)
    items: list[Item] = list(fr.items)
    for panel in options["panels"]:
        at = panel.get("portrait_at", panel["at"]) if portrait else panel["at"]
        items += PANELS[panel.get("kind", "text")](ctx, panel, cell(at))
    return Scene(page.width, page.height, canvas.title, tuple(items))
