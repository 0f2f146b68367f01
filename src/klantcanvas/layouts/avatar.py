"""The drawn persona avatar: a head-and-shoulders figure in a circle, with hair, a bicycle helmet
or glasses, and the initials on the chest. Used by the board layout's ``profile`` panel, which
draws the persona's photo instead when there is one (``photo_disc``).

A skin tone, when chosen, colours the face and gives it an outline, and the hair is then near
black: every tone keeps 3:1 against the hair, and the outline keeps the face apart from the light
disc behind it in greyscale too (tests/unit/test_avatar.py). Without a skin tone the figure is
drawn in the avatar colour alone, as before."""

from __future__ import annotations

import math

from klantcanvas.layouts.frame import PAPER
from klantcanvas.scene import Circle, Image, Item, Polygon, Polyline, Rect, text_box
from klantcanvas.text import PT, Para, fit

__all__ = ["AVATAR_COLOURS", "HAIR_WITH_SKIN", "SKIN_TONES", "avatar_initials", "draw_avatar", "mix", "photo_disc"]

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
#: Skin tones a user can pick (choice value -> colour), light to dark.
SKIN_TONES = {
    "licht": "#F3D3BD",
    "middel": "#D9A47E",
    "getint": "#B57D55",
    "donker": "#96623F",
}
#: The hair colour with a skin tone: near black, 3:1 or more against every tone.
HAIR_WITH_SKIN = "#231C19"


def mix(colour: str, other: str, t: float) -> str:
    """``colour`` moved a fraction ``t`` towards ``other`` (both #RRGGBB)."""
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b))


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


def photo_disc(cx: float, cy: float, r: float, data: str, role: str) -> list[Item]:
    """The persona's photo in the avatar's circle, on a light disc (seen while it loads)."""
    return [Circle(cx, cy, r, fill="#EEF1F4"), Image(cx - r, cy - r, 2 * r, 2 * r, data, role=role)]


def draw_avatar(cx: float, cy: float, r: float, colour: str, initials: str, hair: str, extra: str, k: float,
                skin: str = "") -> list[Item]:
    items: list[Item] = [Circle(cx, cy, r, fill=mix(colour, "#FFFFFF", 0.8))]
    face = SKIN_TONES.get(skin)
    dark = HAIR_WITH_SKIN if face else mix(colour, "#000000", 0.45)
    hx, hy, hr = cx, cy - 0.2 * r, 0.29 * r
    if hair == "lang":
        items.append(Rect(hx - 1.22 * hr, hy - 1.1 * hr, 2.44 * hr, 2.45 * hr, fill=dark, radius=1.1 * hr))
    elif hair == "knot":
        items.append(Circle(hx, hy - 1.2 * hr, 0.45 * hr, fill=dark))
    torso = _ellipse_in_circle(cx, cy, r, cx, cy + 0.8 * r, 0.64 * r, 0.54 * r)
    if torso:
        items.append(Polygon(torso.points, fill=colour))
    if face:
        items.append(Circle(hx, hy, hr, fill=face, stroke=mix(colour, "#000000", 0.45), stroke_width=0.06 * hr))
    else:
        items.append(Circle(hx, hy, hr, fill=colour))
    if extra == "fietshelm":
        dome = _arc(hx, hy - 0.05 * hr, 1.17 * hr, math.pi * 1.0, math.pi * 2.0, 24)
        strap = mix(HELMET, "#000000", 0.5)
        for side in (-1, 1):
            items.append(Polyline(((hx + side * 1.1 * hr, hy), (hx + side * 0.35 * hr, hy + 0.98 * hr)),
                                  stroke=strap, stroke_width=0.08 * hr))
        items.append(Polygon(tuple(dome), fill=HELMET))
        vent = mix(HELMET, "#000000", 0.35)
        for dx in (-0.5, 0.0, 0.5):
            items.append(Rect(hx + dx * hr - 0.09 * hr, hy - 0.95 * hr + abs(dx) * 0.3 * hr, 0.18 * hr, 0.55 * hr,
                              fill=vent, radius=0.09 * hr))
    elif hair in ("kort", "lang", "knot"):
        cap = _arc(hx, hy, 1.08 * hr, math.pi * 1.05, math.pi * 1.95) + _arc(hx, hy - 0.25 * hr, 0.9 * hr, math.pi * 1.9, math.pi * 1.1)
        items.append(Polygon(tuple(cap), fill=dark))
    elif hair == "krullen":
        for i in range(7):  # a crown of curls along the top of the head
            a = math.pi * (1.0 + i / 6)
            items.append(Circle(hx + 0.95 * hr * math.cos(a), hy - 0.1 * hr + 0.95 * hr * math.sin(a), 0.32 * hr, fill=dark))
    if extra == "bril":
        glass, frame = 0.27 * hr, HAIR_WITH_SKIN if face else PAPER
        for dx in (-0.42, 0.42):
            items.append(Circle(hx + dx * hr, hy + 0.05 * hr, glass, stroke=frame, stroke_width=0.09 * hr))
        items.append(Polyline(((hx - 0.42 * hr + glass, hy + 0.05 * hr), (hx + 0.42 * hr - glass, hy + 0.05 * hr)),
                              stroke=frame, stroke_width=0.09 * hr))
    if initials:
        paras = (Para(initials, weight="bold"),)
        box_w, box_h = 0.9 * r, 0.3 * r
        size = box_h / PT / 1.25
        fitted = fit(paras, box_w, box_h, size, size * 0.4, align="center")
        items.append(text_box(fitted, paras, cx - box_w / 2, cy + 0.43 * r, box_w, box_h, PAPER,
                              align="center", valign="middle", role="avatar-initials"))
    return items
