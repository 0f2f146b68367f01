"""The journey layout (Customer Journey Canvas): example fits, curve, crucial and outside marks, stress."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from klantcanvas import fill, get_canvas
from klantcanvas.layouts import build_scene
from klantcanvas.layouts.journey import plan
from klantcanvas.layouts.parts import AMBER
from klantcanvas.paper import page
from klantcanvas.render.svg import as_svg
from klantcanvas.scene import Circle, Polygon, Polyline, TextBox

CANVAS = "customer-journey-canvas"
SIZES = [("A4", "landscape"), ("A4", "portrait"), ("A3", None), ("A2", None), ("A1", None), ("A0", None)]
SVG = "{http://www.w3.org/2000/svg}"
LONG = ("Een heel lange invoer met gewone woorden en een extreem-lang-samengesteld-woord-zonder-spaties "
        "die zo doorgaat dat hij echt niet meer op één regel past ") * 4


def _example():  # type: ignore[no-untyped-def]
    canvas = get_canvas(CANVAS)
    return fill(canvas, dict(canvas.example), strict=True)


def _touchpoints(filled) -> list:  # type: ignore[no-untyped-def]
    return [tp for phase in filled.items("fases") for tp in phase["contactmomenten"]]





def test_definition_loads_and_the_example_fills_strictly() -> None:
    canvas = get_canvas(CANVAS)
    assert canvas.layout.kind == "journey"
    assert (canvas.paper, canvas.orientation) == ("A3", "landscape")
    filled = _example()
    assert len(filled.items("fases")) == 4 and len(_touchpoints(filled)) == 13
    stack = list(canvas.fields)
    while stack:
        field = stack.pop()
        assert field.hint, field.id
        stack.extend(field.fields)
    emotion = canvas.field("fases").fields[2].fields[1]
    assert (emotion.minimum, emotion.maximum) == (-2, 2)
    assert emotion.option_label("-2") == "Heel negatief"


@pytest.mark.parametrize(("paper", "orientation"), SIZES)
def test_example_has_no_overflow_and_stays_on_the_page(paper: str, orientation: str | None) -> None:
    scene = build_scene(_example(), page(paper, orientation or "landscape"))
    assert scene.overflow == ()
    assert scene.outside_page() == []


def test_svg_is_well_formed_and_shows_the_example_texts() -> None:
    filled = _example()
    root = ET.fromstring(as_svg(build_scene(filled, page("A3", "landscape")), embed_fonts=True))
    drawn = " ".join(el.text or "" for el in root.iter(f"{SVG}text"))
    for phase in filled.items("fases"):
        assert phase["naam"] in drawn and phase["duur"] in drawn
        for tp in phase["contactmomenten"]:
            assert tp["omschrijving"].split()[0] in drawn
    for fid in ("persona", "doel", "verrast", "concurrenten"):
        assert filled.text(fid).split()[0] in drawn
    assert "Klanttype: beslisser" in drawn and "Heel negatief" in drawn


def test_emotion_curve_has_one_point_per_touchpoint_in_order() -> None:
    filled = _example()
    scene = build_scene(filled, page("A3", "landscape"))
    journey = plan(filled, page("A3", "landscape"))
    assert len(journey.points) == len(_touchpoints(filled))
    assert [p.number for p in journey.points] == list(range(1, 14))
    xs = [x for x, _ in journey.curve]
    assert xs == sorted(xs)
    curves = [i for i in scene.items if isinstance(i, Polyline) and i.points == journey.curve]
    assert len(curves) == 1 and len(curves[0].points) == 13
    centres = {(round(i.cx, 3), round(i.cy, 3)) for i in scene.items if isinstance(i, Circle)}
    assert all((round(x, 3), round(y, 3)) in centres for x, y in journey.curve)
    # Higher emotion is drawn higher on the page.
    by_emotion = {p.emotion: p.y for p in journey.points}
    assert by_emotion[2] < by_emotion[1] < by_emotion[0] < by_emotion[-1] < by_emotion[-2]


def test_crucial_and_outside_touchpoints_are_marked() -> None:
    filled = _example()
    scene = build_scene(filled, page("A3", "landscape"))
    touchpoints = _touchpoints(filled)
    crucial = sum(tp["cruciaal"] for tp in touchpoints)
    outside = sum(tp["buiten"] for tp in touchpoints)
    stars = [i for i in scene.items if isinstance(i, Polygon) and len(i.points) == 10]
    assert len(stars) == crucial + 1  # one star per crucial card, one in the legend
    rings = [i for i in scene.items if isinstance(i, Circle) and i.stroke == AMBER]
    assert len(rings) == crucial
    labels = [i for i in scene.items if isinstance(i, TextBox) and i.role == "buiten"]
    assert len(labels) == outside
    dashed = [i for i in scene.items if isinstance(i, Polyline) and i.dash and len(i.points) == 5]
    assert len(dashed) == outside + 1  # plus the legend sample


@pytest.mark.parametrize("paper", ["A4", "A0"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_long_text_and_many_touchpoints_stay_inside_the_page(paper: str, orientation: str, stress_data) -> None:  # type: ignore[no-untyped-def]
    canvas = get_canvas(CANVAS)
    data = stress_data(canvas, LONG, records=(8, 6))
    scene = build_scene(fill(canvas, data), page(paper, orientation))
    assert scene.outside_page() == []
    assert scene.text_outside_boxes() == []
    drawn = " ".join(scene.texts())
    assert scene.overflow and ("…" in drawn or " meer" in drawn)


def test_empty_canvas_draws_blank_columns_without_overflow() -> None:
    scene = build_scene(fill(get_canvas(CANVAS), {}), page("A3", "landscape"))
    assert scene.overflow == ()
    assert sum(1 for i in scene.items if isinstance(i, TextBox) and i.role == "phase") == 5
