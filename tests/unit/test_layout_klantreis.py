"""The klantreis layout (De klantreis in kaart): example fits, both flags show, the overlap stands out."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from klantcanvas import fill, get_canvas
from klantcanvas.layouts import build_scene
from klantcanvas.layouts.klantreis import IN_COLOR, OUT_COLOR, plan
from klantcanvas.paper import page
from klantcanvas.render.svg import as_svg
from klantcanvas.scene import Rect, TextBox

CANVAS = "klantreis-in-kaart"
SIZES = [("A4", "landscape"), ("A4", "portrait"), ("A3", None), ("A2", None), ("A1", None), ("A0", None)]
SVG = "{http://www.w3.org/2000/svg}"
LONG = ("Een heel lange invoer met gewone woorden en een extreem-lang-samengesteld-woord-zonder-spaties "
        "die zo doorgaat dat hij echt niet meer op één regel past ") * 4


def _example():  # type: ignore[no-untyped-def]
    canvas = get_canvas(CANVAS)
    return fill(canvas, dict(canvas.example), strict=True)





def _boxes(scene, role: str) -> list[TextBox]:  # type: ignore[no-untyped-def]
    return [i for i in scene.items if isinstance(i, TextBox) and i.role == role]


def test_definition_loads_and_the_example_fills_strictly() -> None:
    canvas = get_canvas(CANVAS)
    assert canvas.layout.kind == "klantreis"
    assert (canvas.paper, canvas.orientation) == ("A3", "landscape")
    filled = _example()
    assert len(filled.items("fases")) == 5 and len(plan(filled)) == 6
    stack = list(canvas.fields)
    while stack:
        field = stack.pop()
        assert field.hint, field.id
        stack.extend(field.fields)
    tp = {f.id: f for f in canvas.field("fases").fields[2].fields}
    assert (tp["intensiteit"].minimum, tp["intensiteit"].maximum) == (1, 5)
    assert tp["emotie"].option_label("2") == "Heel positief"
    assert tp["moment_in"].kind == tp["moment_uit"].kind == "flag"


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
        assert phase["naam"] in drawn
        for tp in phase["contactmomenten"]:
            for key in ("tekst", "kanaal", "middel", "verwachting", "prestatie"):
                assert tp[key].split()[-1].rstrip(".") in drawn, tp[key]
            assert tp["gevoel"] in drawn
    for fid in ("doelgroep", "doel", "inzichten"):
        assert filled.text(fid).split()[0] in drawn


def test_both_flags_are_visible_on_every_card() -> None:
    filled = _example()
    scene = build_scene(filled, page("A3", "landscape"))
    touchpoints = plan(filled)
    pills = [i for i in scene.items if isinstance(i, Rect) and i.radius and abs(i.radius * 2 - i.h) < 1e-6]
    legend_pills = 2
    assert len(pills) == 2 * len(touchpoints) + legend_pills
    assert sum(p.fill == IN_COLOR for p in pills) == sum(tp.moment_in for tp in touchpoints) + 1
    assert sum(p.fill == OUT_COLOR for p in pills) == sum(tp.moment_out for tp in touchpoints) + 1


def test_the_overlap_is_highlighted_exactly_where_both_flags_are_set() -> None:
    filled = _example()
    touchpoints = plan(filled)
    overlap = [tp for tp in touchpoints if tp.overlap]
    assert [tp.number for tp in overlap] == [3, 4]
    for paper in ("A4", "A3", "A0"):
        scene = build_scene(filled, page(paper, "landscape"))
        assert len(_boxes(scene, "overlap")) == len(overlap)
    scene = build_scene(filled, page("A3", "landscape"))
    ribbons = _boxes(scene, "overlap")
    numbers = {int(b.lines[0].text) for b in _boxes(scene, "nummer")
               if any(abs(b.y - (r.y + r.h)) < 10 and abs(b.x - r.x) < 10 for r in ribbons)}
    assert numbers == {3, 4}
    summary = " ".join(line.text for b in _boxes(scene, "verschil") for line in b.lines)
    assert "Ik probeer het pakket" in summary and "btw-aangifte" in summary and "factuur voor" not in summary


def test_the_overlap_follows_the_flags() -> None:
    canvas = get_canvas(CANVAS)
    data = {k: v for k, v in canvas.example.items()}
    data["fases"] = [dict(p) for p in canvas.example["fases"]]
    for phase in data["fases"]:
        phase["contactmomenten"] = [dict(tp, moment_in=False, moment_uit=False) for tp in phase["contactmomenten"]]
    data["fases"][1]["contactmomenten"][0].update(moment_in=True, moment_uit=True)
    scene = build_scene(fill(canvas, data, strict=True), page("A3", "landscape"))
    assert len(_boxes(scene, "overlap")) == 1


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
    assert len(_boxes(scene, "fase")) == 5
