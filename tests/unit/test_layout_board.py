"""The board layout (Persona, Klantsegmenten, Klantrelaties): examples fit, stress stays on the page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from klantcanvas import fill, get_canvas
from klantcanvas.layouts import build_scene
from klantcanvas.layouts.avatar import avatar_initials
from klantcanvas.layouts.board_panels import short_label
from klantcanvas.paper import page
from klantcanvas.render.svg import as_svg
from klantcanvas.scene import Circle, Rect, TextBox

BOARDS = ["persona", "klantsegmenten", "klantrelaties"]
SIZES = [("A4", "landscape"), ("A4", "portrait"), ("A3", None), ("A2", None), ("A1", None), ("A0", None)]
SVG = "{http://www.w3.org/2000/svg}"
LONG = ("Een heel lange invoer met gewone woorden en een extreem-lang-samengesteld-woord-zonder-spaties "
        "die zo doorgaat dat hij echt niet meer op één regel past ") * 4


def _example(canvas_id: str):  # type: ignore[no-untyped-def]
    canvas = get_canvas(canvas_id)
    return fill(canvas, dict(canvas.example), strict=True)


def _drawn(scene) -> str:  # type: ignore[no-untyped-def]
    root = ET.fromstring(as_svg(scene))
    return " ".join(el.text or "" for el in root.iter(f"{SVG}text"))


def _strings(value) -> list[str]:  # type: ignore[no-untyped-def]
    if isinstance(value, str):
        return [value] if value.strip() else []
    if hasattr(value, "values"):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []




@pytest.mark.parametrize("canvas_id", BOARDS)
def test_definition_loads_as_a_board_and_the_example_fills_strictly(canvas_id: str) -> None:
    canvas = get_canvas(canvas_id)
    assert canvas.layout.kind == "board"
    filled = _example(canvas_id)
    assert not filled.is_empty()
    for field in canvas.fields:
        assert field.hint, field.id
        for sub in field.fields:
            assert sub.hint, sub.id


@pytest.mark.parametrize("canvas_id", BOARDS)
@pytest.mark.parametrize(("paper", "orientation"), SIZES)
def test_example_has_no_overflow(canvas_id: str, paper: str, orientation: str | None) -> None:
    filled = _example(canvas_id)
    scene = build_scene(filled, page(paper, orientation or filled.canvas.orientation))
    assert scene.overflow == ()
    assert scene.outside_page() == []


@pytest.mark.parametrize("canvas_id", BOARDS)
def test_svg_is_well_formed_and_shows_the_example_texts(canvas_id: str) -> None:
    filled = _example(canvas_id)
    drawn = _drawn(build_scene(filled, page(filled.canvas.paper, filled.canvas.orientation)))
    for text in _strings(filled.values):
        if filled.canvas.id == "persona" and text in ("groen", "lang", "fietshelm", "beslisser"):
            continue  # avatar choices are drawn, the klanttype by its label
        if text in ("get",):
            continue  # choice values are drawn by their labels (checked below)
        assert text.split()[0] in drawn, text
        assert text in drawn or len(text) > 60, text


@pytest.mark.parametrize("canvas_id", BOARDS)
@pytest.mark.parametrize("paper", ["A4", "A0"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_stress_input_stays_on_the_page(canvas_id: str, paper: str, orientation: str, stress_data) -> None:  # type: ignore[no-untyped-def]
    canvas = get_canvas(canvas_id)
    data = stress_data(canvas, LONG, records=(6, 6))
    scene = build_scene(fill(canvas, data), page(paper, orientation))
    outside = scene.outside_page()
    assert outside == []
    assert scene.text_outside_boxes() == []
    # Too much text is cut with an ellipsis or a "+ N meer" line and flagged, never drawn off the box.
    drawn = _drawn(scene)
    assert scene.overflow and ("…" in drawn or " meer" in drawn)


def test_text_boxes_do_not_overlap_under_stress(stress_data) -> None:  # type: ignore[no-untyped-def]
    for canvas_id in BOARDS:
        canvas = get_canvas(canvas_id)
        scene = build_scene(fill(canvas, stress_data(canvas, LONG, records=(6, 6))), page("A4"))
        boxes = [b for b in scene.items if isinstance(b, TextBox) and b.lines]
        spans = []
        for b in boxes:
            top = b.y + min(ln.baseline - ln.size * 0.353 for ln in b.lines)
            bottom = b.y + max(ln.baseline for ln in b.lines)
            left = b.x + min(ln.dx for ln in b.lines)
            right = b.x + max(ln.dx + ln.width for ln in b.lines)
            spans.append((left, top, right, bottom, b.role))
        for i, a in enumerate(spans):
            for c in spans[i + 1:]:
                overlap = a[0] < c[2] - 0.05 and c[0] < a[2] - 0.05 and a[1] < c[3] - 0.05 and c[1] < a[3] - 0.05
                assert not overlap, (canvas_id, a[4], c[4])


def test_chosen_relationship_types_appear_as_badges() -> None:
    filled = _example("klantrelaties")
    scene = build_scene(filled, page("A3"))
    badges = [ln.text for b in scene.items if isinstance(b, TextBox) and b.role == "relaties-badge" for ln in b.lines]
    assert "Zelfbediening" in badges and "Geautomatiseerde diensten" in badges
    assert "Co-creatie" in badges and "Toegewezen assistentie" in badges
    assert "Gemeenschappen" not in badges and "Persoonlijke assistentie" not in badges
    # Each badge sits on a filled, rounded rectangle.
    pills = [r for r in scene.items if isinstance(r, Rect) and r.fill == "#23618A" and r.radius]
    assert len(pills) == 4


def test_segment_type_badges_show_the_option_labels() -> None:
    scene = build_scene(_example("klantsegmenten"), page("A3"))
    badges = [ln.text for b in scene.items if isinstance(b, TextBox) and b.role == "segmenten-badge" for ln in b.lines]
    assert badges == ["Nichemarkt", "Gesegmenteerd"]


def test_persona_avatar_shows_the_initials() -> None:
    filled = _example("persona")
    scene = build_scene(filled, page("A3"))
    initials = [ln.text for b in scene.items if isinstance(b, TextBox) and b.role == "avatar-initials" for ln in b.lines]
    assert initials == ["FV"]
    assert any(isinstance(i, Circle) for i in scene.items)
    # Without typed initials the avatar takes them from the name.
    data = dict(filled.canvas.example, avatar_initialen="")
    scene = build_scene(fill(filled.canvas, data), page("A4"))
    assert [ln.text for b in scene.items if b.__class__ is TextBox and b.role == "avatar-initials" for ln in b.lines] == ["FV"]
    assert "Klanttype: Beslisser" in _drawn(scene)


def test_avatar_initials() -> None:
    assert avatar_initials("", "Femke de Vries") == "FV"
    assert avatar_initials("ab", "Femke") == "AB"
    assert avatar_initials("", "Ruud") == "R"
    assert avatar_initials("", "") == ""


def _panel_headings(canvas) -> list[str]:  # type: ignore[no-untyped-def]
    """What an empty board must still show per panel: its heading, row labels, name or first record."""
    out = []
    for panel in canvas.layout.options["panels"]:
        kind = panel.get("kind", "text")
        if kind == "records":
            out.append(f"{canvas.field(panel['field']).entry_label} 1")
        elif kind == "profile":
            out.append(short_label(canvas.field(panel["name"])))
        elif kind == "facts":
            out += [short_label(canvas.field(fid)) for fid in panel["fields"]]
        elif kind == "cards":
            out.append(str(panel.get("title", short_label(canvas.field(panel["field"])))))
        elif "title" in panel or len(panel["fields"]) == 1:
            out.append(str(panel.get("title", short_label(canvas.field(panel["fields"][0])))))
    return out


@pytest.mark.parametrize("canvas_id", BOARDS)
def test_empty_boards_render_every_panel_heading(canvas_id: str) -> None:
    canvas = get_canvas(canvas_id)
    scene = build_scene(fill(canvas, {}), page(canvas.paper, canvas.orientation))
    assert scene.overflow == ()
    drawn = " ".join(scene.texts())
    headings = _panel_headings(canvas)
    assert len(headings) >= len(canvas.layout.options["panels"]) - 1
    missing = [h for h in headings if h not in drawn]
    assert missing == []


def test_user_markup_stays_literal() -> None:
    canvas = get_canvas("persona")
    scene = build_scene(fill(canvas, {"persona_naam": "<b>Femke</b> & co"}), page("A4"))
    svg = as_svg(scene)
    assert "<b>" not in svg and "&lt;b&gt;Femke&lt;/b&gt; &amp; co" in svg
