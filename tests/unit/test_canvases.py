"""Every shipped canvas in every language, driven by its definition: the worked example fits every
paper size, and stress input stays on the page. Adding a definition adds it to these tests."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from klantcanvas import fill
from klantcanvas.catalog import all_canvases
from klantcanvas.layouts import build_scene
from klantcanvas.paper import page
from klantcanvas.render.svg import as_svg

CANVASES = sorted(all_canvases())
SIZES = [("A4", "landscape"), ("A4", "portrait"), ("A3", None), ("A2", None), ("A1", None), ("A0", None)]


def _strings(fields, values) -> list[str]:  # type: ignore[no-untyped-def]
    """The typed texts of ``values`` (a choice is an id, and a layout may draw it as a shape)."""
    out: list[str] = []
    for f in fields:
        value = values.get(f.id)
        if f.kind == "group":
            out += [s for record in value for s in _strings(f.fields, record)]
        elif f.kind == "list":
            out += [v for v in value if v.strip()]
        elif f.kind in ("text", "textarea") and value.strip():
            out.append(value)
    return out


@pytest.mark.parametrize("canvas_id", CANVASES)
@pytest.mark.parametrize(("paper", "orientation"), SIZES)
def test_the_worked_example_fits_without_overflow(canvas_id: str, paper: str, orientation: str | None, language: str) -> None:
    canvas = all_canvases()[canvas_id]
    filled = fill(canvas, dict(canvas.example), strict=True)
    scene = build_scene(filled, page(paper, orientation or canvas.orientation))
    assert scene.overflow == (), scene.overflow


@pytest.mark.parametrize("canvas_id", CANVASES)
def test_the_example_has_content_and_its_first_words_are_drawn(canvas_id: str, language: str) -> None:
    canvas = all_canvases()[canvas_id]
    filled = fill(canvas, dict(canvas.example), strict=True)
    assert not filled.is_empty()
    svg = as_svg(build_scene(filled, page(canvas.paper, canvas.orientation)))
    drawn = " ".join(el.text or "" for el in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text"))
    for text in _strings(canvas.fields, filled.values)[:12]:
        assert text.split()[0] in drawn, text




@pytest.mark.parametrize("canvas_id", CANVASES)
@pytest.mark.parametrize("paper", ["A4", "A0"])
def test_stress_input_stays_on_the_page(canvas_id: str, paper: str, stress_data, language: str) -> None:  # type: ignore[no-untyped-def]
    canvas = all_canvases()[canvas_id]
    data = stress_data(canvas, "Lange tekst met woorden en een extreem-lang-samengesteld-woord-zonder-spaties " * 6)
    scene = build_scene(fill(canvas, data), page(paper, canvas.orientation))
    outside = scene.outside_page()
    assert outside == []
    assert scene.text_outside_boxes() == []
