"""Journeys compared (both journey canvases): the desired emotion next to today's, and personas 2-4
each with an emotion per touchpoint. Filling and hostile values, files saved before, the drawing
(second line, gap, legend), and every format carrying the values."""

from __future__ import annotations

import io
from typing import Any

import pytest

from klantcanvas import fill, get_canvas
from klantcanvas.embedded import extract_saved_json
from klantcanvas.export import export
from klantcanvas.fill import ImportProblem, parse_saved_file
from klantcanvas.layouts import build_scene
from klantcanvas.layouts.colours import contrast
from klantcanvas.layouts.journey_lines import DESIRED, MAIN, PERSONA_STYLES, short_name
from klantcanvas.layouts.frame import PAPER
from klantcanvas.paper import page
from klantcanvas.render.markdown import as_markdown
from klantcanvas.render.pptx_spec import as_pptx_spec, dash_type
from klantcanvas.scene import Polygon, Polyline, Rect, TextBox

CJC = "customer-journey-canvas"
KLANTREIS = "klantreis-in-kaart"
BOTH = (CJC, KLANTREIS)
SIZES = [("A4", "landscape"), ("A4", "portrait"), ("A3", "landscape"), ("A0", "landscape"), ("A0", "portrait")]


def _example(canvas_id: str):  # type: ignore[no-untyped-def]
    canvas = get_canvas(canvas_id)
    return fill(canvas, dict(canvas.example), strict=True)


def _touchpoints(filled) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return [dict(tp) for phase in filled.items("fases") for tp in phase["contactmomenten"]]


def _four_personas(canvas_id: str) -> dict[str, Any]:
    """The example with four personas, each touchpoint rated by all, and today far below desired."""
    canvas = get_canvas(canvas_id)
    data = fill(canvas, dict(canvas.example)).as_json_data()
    data.update(persona_2="Mark, adviseur", persona_3="Joost", persona_4="Noor, boekhouder")
    for phase in data["fases"]:
        for n, tp in enumerate(phase["contactmomenten"]):
            tp.update(emotie=-2, gewenst=2, emotie_2=n % 5 - 2, emotie_3=2 - n % 5, emotie_4=0)
    return data


def _lines(scene, color: str) -> list[Polyline]:  # type: ignore[no-untyped-def]
    return [i for i in scene.items if isinstance(i, Polyline) and i.stroke == color and len(i.points) > 2]


# --- the definitions and filling ---------------------------------------------------------------

@pytest.mark.parametrize("canvas_id", BOTH)
def test_both_definitions_have_a_desired_scale_and_persona_scales_shown_by_named_personas(canvas_id: str) -> None:
    canvas = get_canvas(canvas_id)
    tp = {f.id: f for f in canvas.field("fases").fields if f.id == "contactmomenten"}["contactmomenten"]
    sub = {f.id: f for f in tp.fields}
    assert sub["gewenst"].kind == "scale" and (sub["gewenst"].minimum, sub["gewenst"].maximum) == (-2, 2)
    assert not sub["gewenst"].show_when
    for n in (2, 3, 4):
        assert canvas.field(f"persona_{n}").suggest == "persona/persona_naam"
        assert dict(sub[f"emotie_{n}"].show_when) == {f"/persona_{n}": True}
        assert f"persona {n}" in sub[f"emotie_{n}"].label
    assert dict(canvas.field("persona_3").show_when) == {"persona_2": True}
    assert dict(canvas.field("persona_4").show_when) == {"persona_3": True}


def test_the_worked_examples_show_a_desired_line_and_cjc_a_second_persona() -> None:
    cjc, klantreis = _example(CJC), _example(KLANTREIS)
    assert cjc.text("persona_2") and all(tp["gewenst"] is not None for tp in _touchpoints(cjc))
    assert sum(tp["emotie_2"] is not None for tp in _touchpoints(cjc)) >= 4
    assert all(tp["gewenst"] is not None for tp in _touchpoints(klantreis))


@pytest.mark.parametrize("canvas_id", BOTH)
def test_persona_emotions_are_blank_until_the_persona_is_named(canvas_id: str) -> None:
    data = _four_personas(canvas_id)
    data["persona_3"] = " "  # blank: persona 3 is not named, so persona 4 is hidden too
    tps = _touchpoints(fill(get_canvas(canvas_id), data))
    assert {tp["emotie_3"] for tp in tps} == {None} and {tp["emotie_4"] for tp in tps} == {None}
    assert {tp["emotie_2"] for tp in tps} != {None} and {tp["gewenst"] for tp in tps} == {2}
    assert fill(get_canvas(canvas_id), data).text("persona_4") == ""


@pytest.mark.parametrize("canvas_id", BOTH)
@pytest.mark.parametrize("hostile", ["3", 7, -9, 1.5, True, "twee", [1], {"a": 1}, "1e999"])
def test_hostile_desired_and_persona_values_are_clipped_or_refused_by_label(canvas_id: str, hostile: Any) -> None:
    canvas = get_canvas(canvas_id)
    data = _four_personas(canvas_id)
    data["fases"][0]["contactmomenten"][0].update(gewenst=hostile, emotie_2=hostile)
    first = _touchpoints(fill(canvas, data))[0]
    assert first["gewenst"] in (None, -2, -1, 0, 1, 2) and first["emotie_2"] in (None, -2, -1, 0, 1, 2)
    with pytest.raises(ImportProblem) as problem:
        fill(canvas, data, strict=True)
    sub = {f.id: f for f in canvas.field("fases").fields[-2 if canvas_id == CJC else -1].fields}
    assert sub["gewenst"].label in str(problem.value)


@pytest.mark.host_only  # reads tests/unit/golden, which tests/pyodide does not copy
@pytest.mark.parametrize("canvas_id", BOTH)
def test_a_file_saved_before_opens_with_no_desired_or_persona_values(canvas_id: str) -> None:
    from pathlib import Path

    saved = (Path(__file__).parent / "golden" / "legacy" / f"{canvas_id}.json").read_text(encoding="utf-8")
    filled = parse_saved_file(get_canvas(canvas_id), saved)
    assert filled.text("persona_2") == ""
    assert all(tp["gewenst"] is None and tp["emotie_2"] is None for tp in _touchpoints(filled))
    assert get_canvas(canvas_id).version == 1  # new optional fields: no migration needed


# --- the drawing ---------------------------------------------------------------------------------

def test_line_styles_differ_in_colour_dash_and_marker_and_read_on_white() -> None:
    styles = (MAIN, DESIRED, *PERSONA_STYLES)
    assert len({s.color for s in styles}) == len({(s.dash, s.marker) for s in styles}) == len(styles)
    assert len({s.marker for s in styles}) == len(styles)
    assert all(contrast(s.color, PAPER) >= 4.5 for s in styles)
    assert short_name("Sanne, officemanager bij een adviesbureau") == "Sanne"
    assert short_name("x" * 60).endswith("…") and len(short_name("x" * 60)) == 28


@pytest.mark.parametrize("canvas_id", BOTH)
def test_the_example_draws_a_dashed_desired_line_gap_bars_and_a_legend(canvas_id: str) -> None:
    filled = _example(canvas_id)
    scene = build_scene(filled, page("A3", "landscape"))
    desired = _lines(scene, DESIRED.color)
    assert len(desired) == 1 and desired[0].dash and len(desired[0].points) == len(_touchpoints(filled))
    diamonds = [i for i in scene.items if isinstance(i, Polygon) and i.stroke == DESIRED.color]
    assert len(diamonds) == len(_touchpoints(filled)) + 1  # one per touchpoint, one in the legend
    gaps = [tp["gewenst"] - tp["emotie"] for tp in _touchpoints(filled) if tp["gewenst"] != tp["emotie"]]
    labels = [i for i in scene.items if isinstance(i, TextBox) and i.role == "kloof"]
    assert [b.lines[0].text for b in labels] == [f"+{max(gaps)}"] * gaps.count(max(gaps))
    legend = " ".join(ln.text for i in scene.items if isinstance(i, TextBox) and i.role == "legend" for ln in i.lines)
    label = "Gewenste emotie" if canvas_id == CJC else "Gewenste beleving"
    assert label in legend and "grootste kloof" in legend
    if canvas_id == CJC:
        assert "Sanne" in legend and "Mark" in legend and len(_lines(scene, PERSONA_STYLES[0].color)) == 1
    else:
        assert "nu" in legend.split()


@pytest.mark.parametrize("canvas_id", BOTH)
def test_without_the_new_values_nothing_of_it_is_drawn(canvas_id: str) -> None:
    canvas = get_canvas(canvas_id)
    data = fill(canvas, dict(canvas.example)).as_json_data()
    data.pop("persona_2", None)
    for phase in data["fases"]:
        for tp in phase["contactmomenten"]:
            tp.pop("gewenst")
    scene = build_scene(fill(canvas, data), page("A3", "landscape"))
    colours = {DESIRED.color, *(s.color for s in PERSONA_STYLES)}
    assert not [i for i in scene.items if getattr(i, "stroke", None) in colours or getattr(i, "fill", None) in colours]


@pytest.mark.parametrize("canvas_id", BOTH)
@pytest.mark.parametrize(("paper", "orientation"), SIZES)
def test_four_personas_and_a_desired_line_stay_readable_on_every_paper(canvas_id: str, paper: str, orientation: str) -> None:
    scene = build_scene(fill(get_canvas(canvas_id), _four_personas(canvas_id)), page(paper, orientation))
    assert scene.overflow == () and scene.outside_page() == [] and scene.text_outside_boxes() == []
    for style in PERSONA_STYLES:
        assert len(_lines(scene, style.color)) == 1
    legend = [i for i in scene.items if isinstance(i, TextBox) and i.role == "legend"]
    assert {"Mark", "Joost", "Noor"} <= {ln.text for b in legend for ln in b.lines}
    assert min(b.size for b in legend) >= 3.5 * page(paper, orientation).width / 297 * 0.7 or paper == "A4"


@pytest.mark.parametrize("canvas_id", BOTH)
def test_the_examples_fit_every_paper(canvas_id: str) -> None:
    for paper, orientation in SIZES:
        scene = build_scene(_example(canvas_id), page(paper, orientation))
        assert scene.overflow == () and scene.outside_page() == [], (paper, orientation)


# --- every format carries the values ------------------------------------------------------------

def test_pptx_spec_names_a_dash_type_per_line_style() -> None:
    assert dash_type(()) == "solid" and dash_type((0.8, 0.8)) == "dash"
    assert dash_type(DESIRED.dash) == "lgDash" and dash_type(PERSONA_STYLES[0].dash) == "dash"
    assert dash_type(PERSONA_STYLES[1].dash) == "sysDot"
    spec = as_pptx_spec(build_scene(fill(get_canvas(CJC), _four_personas(CJC)), page("A3", "landscape")))
    lines = {(i["line"], i["dash"]) for i in spec["items"] if i["type"] == "poly" and not i["closed"]}
    assert (DESIRED.color.lstrip("#"), "lgDash") in lines and (PERSONA_STYLES[1].color.lstrip("#"), "sysDot") in lines


@pytest.mark.parametrize("canvas_id", BOTH)
def test_excel_has_a_desired_column_and_one_per_named_persona(canvas_id: str) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    canvas = get_canvas(canvas_id)
    data = _four_personas(canvas_id)
    data["persona_4"] = ""
    book = openpyxl.load_workbook(io.BytesIO(export(fill(canvas, data), "xlsx").content))
    rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    header = next(r for r in rows if r[0] and str(r[0]).endswith("nr."))
    desired = next(h for h in header if h and h.startswith("Gewenste"))
    persona_columns = [h for h in header if h and "persona" in h]
    assert len(persona_columns) == 2 and not any("persona 4" in h for h in persona_columns)
    first = rows[rows.index(header) + 1]
    assert first[header.index(desired)] == 2 and first[header.index(persona_columns[0])] == -2
    assert ["Persona 2", "Mark, adviseur"] in [r[:2] for r in rows] and ["Persona 4", None] in [r[:2] for r in rows]
    data["persona_3"] = ""  # persona 4 is hidden now: no row for it at all
    book = openpyxl.load_workbook(io.BytesIO(export(fill(canvas, data), "xlsx").content))
    assert not any(row[0].value == "Persona 4" for row in book.worksheets[0].iter_rows())


@pytest.mark.parametrize("canvas_id", BOTH)
def test_markdown_and_text_version_carry_the_desired_and_persona_values(canvas_id: str) -> None:
    filled = _example(canvas_id)
    md = as_markdown(filled)
    assert "Gewenste" in md and "Persona 2" in md and "Persona 4" not in md
    if canvas_id == CJC:
        assert "Mark, adviseur die elke dag koffie drinkt" in md and "**Emotie van persona 2 (-2 tot 2):** \\-2" in md


@pytest.mark.parametrize("fmt", ["pdf", "svg", "pptx", "xlsx", "md", "json"])
def test_every_download_reopens_with_the_desired_and_persona_values(fmt: str) -> None:
    canvas = get_canvas(CJC)
    filled = fill(canvas, _four_personas(CJC))
    content = export(filled, fmt, "A4", "landscape").content
    if fmt == "pptx":
        from klantcanvas.embedded import office_package_parts

        assert office_package_parts  # the page adds the part to the pptxgenjs file; the spec carries the data
        return
    again = parse_saved_file(canvas, extract_saved_json(content))
    assert again.values == filled.values
    assert _touchpoints(again)[0]["emotie_4"] == 0 and again.text("persona_4") == "Noor, boekhouder"


def test_rect_gap_bars_sit_between_today_and_desired() -> None:
    scene = build_scene(fill(get_canvas(KLANTREIS), _four_personas(KLANTREIS)), page("A4", "landscape"))
    bars = [i for i in scene.items if isinstance(i, Rect) and i.stroke == "#F2A541" and i.h > i.w]
    # One per touchpoint (all four levels apart) and the legend's sample.
    assert len(bars) == len(_touchpoints(fill(get_canvas(KLANTREIS), _four_personas(KLANTREIS)))) + 1


@pytest.mark.parametrize(("canvas_id", "main_field"), [(CJC, "persona"), (KLANTREIS, "doelgroep")])
def test_the_legend_names_todays_line_by_the_first_persona_or_its_label(canvas_id: str, main_field: str) -> None:
    canvas = get_canvas(canvas_id)
    data = _four_personas(canvas_id)

    def legend_texts(values: dict[str, Any]) -> set[str]:
        scene = build_scene(fill(canvas, values), page("A3", "landscape"))
        return {ln.text for i in scene.items if isinstance(i, TextBox) and i.role == "legend" for ln in i.lines}

    named = legend_texts({**data, main_field: "Sanne, officemanager"})
    assert "Sanne" in named
    assert canvas.field(main_field).label in legend_texts({**data, main_field: ""})
    alone = {k: v for k, v in data.items() if not k.startswith("persona_")}
    assert "nu" in legend_texts(alone)


@pytest.mark.host_only  # pypdf
def test_the_pdf_draws_each_line_style_with_its_own_dash_pattern() -> None:
    import pypdf

    from klantcanvas.render.pdf import as_pdf

    scene = build_scene(fill(get_canvas(CJC), _four_personas(CJC)), page("A4", "landscape"))
    content = pypdf.PdfReader(io.BytesIO(as_pdf(scene))).pages[0].get_contents().get_data().decode("latin-1")
    k = page("A4", "landscape").width / 297  # the layouts' scale on this paper (1.0 on A4)
    for style in (DESIRED, *PERSONA_STYLES[:2]):
        dash = f"[{style.dash[0] * k * 72 / 25.4:.3f} {style.dash[1] * k * 72 / 25.4:.3f}]"
        assert dash in content, (style.color, dash)
