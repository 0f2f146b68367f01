"""The drawn avatar's skin tones and hair shapes read in greyscale: hair against face, face
outline against the disc behind it, and the tones apart from each other."""

from __future__ import annotations

import pytest

from klantcanvas import fill, get_canvas
from klantcanvas.layouts import build_scene
from klantcanvas.layouts.avatar import AVATAR_COLOURS, HAIR_WITH_SKIN, SKIN_TONES, draw_avatar, mix
from klantcanvas.layouts.parts import contrast
from klantcanvas.paper import page
from klantcanvas.scene import Circle


@pytest.mark.parametrize("tone", sorted(SKIN_TONES))
def test_hair_stands_out_against_every_skin_tone(tone: str) -> None:
    assert contrast(SKIN_TONES[tone], HAIR_WITH_SKIN) >= 3.0


@pytest.mark.parametrize("colour", sorted(AVATAR_COLOURS))
def test_the_face_outline_stands_out_against_the_disc(colour: str) -> None:
    items = draw_avatar(50, 50, 20, AVATAR_COLOURS[colour], "", "kort", "", 1.0, "licht")
    disc, head = items[0], next(i for i in items if isinstance(i, Circle) and i.fill == SKIN_TONES["licht"])
    assert isinstance(disc, Circle) and head.stroke and contrast(head.stroke, disc.fill or "") >= 3.0


def test_the_skin_tones_are_apart_in_greyscale() -> None:
    tones = [SKIN_TONES[t] for t in ("licht", "middel", "getint", "donker")]
    assert all(contrast(a, b) >= 1.3 for a, b in zip(tones, tones[1:]))


@pytest.mark.parametrize("hair", ["kort", "lang", "krullen", "knot", "geen"])
def test_every_hair_shape_stays_inside_the_avatar(hair: str) -> None:
    canvas = get_canvas("persona")
    scene = build_scene(fill(canvas, {**canvas.example, "avatar_haar": hair, "avatar_huid": "donker"}), page("A4"))
    assert not scene.outside_page()
    r, cx, cy = 20.0, 50.0, 50.0
    for item in draw_avatar(cx, cy, r, AVATAR_COLOURS["blauw"], "AB", hair, "bril", 1.0, "middel")[1:]:
        if isinstance(item, Circle):
            assert ((item.cx - cx) ** 2 + (item.cy - cy) ** 2) ** 0.5 + item.r <= r * 1.001


def test_without_a_skin_tone_the_figure_is_drawn_as_before() -> None:
    items = draw_avatar(50, 50, 20, AVATAR_COLOURS["groen"], "FV", "lang", "fietshelm", 1.0)
    assert not any(getattr(i, "fill", None) in SKIN_TONES.values() for i in items)
    assert mix("#000000", "#FFFFFF", 0.5) == "#808080"
