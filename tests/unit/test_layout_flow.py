"""The user-flow canvas: a flowchart of numbered steps with routed arrows, plus a journey band."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from importlib.resources import files

from klantcanvas import fill
from klantcanvas.catalog import load_definition
from klantcanvas.layouts import build_scene, flow
from klantcanvas.layouts.parts import EMOTION_COLORS
from klantcanvas.paper import page
from klantcanvas.render.svg import as_svg
from klantcanvas.scene import Circle, Polygon, Polyline, TextBox
from klantcanvas.text import PT

SIZES = [("A4", "landscape"), ("A4", "portrait"), ("A3", "landscape"), ("A2", "landscape"),
         ("A1", "landscape"), ("A0", "landscape")]
SVG_TEXT = "{http://www.w3.org/2000/svg}text"
LONG = ("Lange tekst met woorden en een extreem-lang-samengesteld-woord-zonder-spaties " * 5)[:300]


@pytest.fixture(scope="module")
def canvas():  # type: ignore[no-untyped-def]
    # Loaded on its own, so that a definition being edited elsewhere cannot break these tests.
    text = files("klantcanvas").joinpath("definitions", "user-flow.toml").read_text("utf-8")
    return load_definition(text, "user-flow.toml")


@pytest.fixture
def example(canvas):  # type: ignore[no-untyped-def]
    return fill(canvas, dict(canvas.example), strict=True)


def _data(canvas) -> dict:  # type: ignore[no-untyped-def]
    return fill(canvas, dict(canvas.example), strict=True).as_json_data()


def _stress(count: int = 25) -> dict:
    kinds = ["start", "actie", "beslissing", "actie", "einde"]
    steps = []
    for i in range(count):
        step = {"soort": kinds[i % 5], "tekst": LONG if i % 3 == 0 else f"Stap {i + 1}",
                "gedachte": LONG if i % 4 == 0 else "Hmm", "gevoel": i % 5 - 2}
        if step["soort"] == "beslissing":
            step["takken"] = [
                {"label": LONG, "naar": max(1, i - 6)},  # back to an earlier row
                {"label": "Nee", "naar": min(40, i + 9)},  # on to a later row (or past the end)
                {"label": "Misschien", "naar": 39},  # no such step: goes to the next
                {"label": "Zichzelf", "naar": i + 1},  # itself: goes to the next
            ]
        steps.append(step)
    return {"gebruiker": LONG, "doel": LONG, "stappen": steps}



def _line_rects(scene):  # type: ignore[no-untyped-def]
    """The inked rectangle of every drawn text line, with the index of its text box."""
    out = []
    boxes = [i for i in scene.items if isinstance(i, TextBox)]
    for n, box in enumerate(boxes):
        for line in box.lines:
            top = box.y + line.baseline - line.size * PT * 0.75
            out.append((n, box.x + line.dx, top, box.x + line.dx + line.width, top + line.size * PT * 0.95))
    return out


def _overlap(a, b, eps: float = 0.05) -> bool:  # type: ignore[no-untyped-def]
    return a[1] < b[3] - eps and b[1] < a[3] - eps and a[2] < b[4] - eps and b[2] < a[4] - eps


def _strictly_in_shape(box: flow.Box, x: float, y: float, margin: float) -> bool:
    dx, dy = abs(x - box.cx), abs(y - box.cy)
    if box.shape == "diamond":
        return dx / (box.w / 2) + dy / (box.h / 2) < 1 - margin / min(box.w, box.h) * 2
    h = box.pill_height() if box.shape == "pill" else box.h
    return dx < box.w / 2 - margin and dy < h / 2 - margin


def test_the_definition_loads_with_steps_branches_and_feelings(canvas) -> None:  # type: ignore[no-untyped-def]
    assert canvas.layout.kind == "flow"
    assert (canvas.paper, canvas.orientation) == ("A3", "landscape")
    assert [f.id for f in canvas.fields] == ["gebruiker", "doel", "stappen"]
    steps = canvas.field("stappen")
    assert [f.id for f in steps.fields] == ["soort", "tekst", "takken", "gedachte", "gevoel"]
    assert [o.value for o in steps.fields[0].options] == ["start", "actie", "beslissing", "einde"]
    branches = steps.fields[2]
    assert branches.kind == "group" and [f.id for f in branches.fields] == ["label", "naar"]
    assert (branches.fields[1].minimum, branches.fields[1].maximum) == (1, 40)
    feeling = steps.fields[4]
    assert (feeling.kind, feeling.minimum, feeling.maximum) == ("scale", -2, 2)
    assert {o.value for o in feeling.options} == {"-2", "-1", "0", "1", "2"}


def test_the_example_fills_strictly_and_is_the_guides_train_ticket(example) -> None:  # type: ignore[no-untyped-def]
    steps = example.items("stappen")
    assert len(steps) == 9
    assert steps[0]["soort"] == "start" and steps[-1]["soort"] == "einde"
    decision = steps[5]
    assert decision["soort"] == "beslissing" and "ingelogd" in decision["tekst"]
    assert [(b["label"], b["naar"]) for b in decision["takken"]] == [("Ja", 8), ("Nee", 7)]


@pytest.mark.parametrize(("paper", "orientation"), SIZES)
def test_the_example_fits_every_size_without_overflow_or_overlap(example, paper: str, orientation: str) -> None:  # type: ignore[no-untyped-def]
    scene = build_scene(example, page(paper, orientation))
    assert scene.overflow == ()
    assert scene.outside_page() == []
    rects = _line_rects(scene)
    clashes = [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if a[0] != b[0] and _overlap(a, b)]
    assert clashes == []


def test_the_svg_is_well_formed_and_shows_every_step_text(example) -> None:  # type: ignore[no-untyped-def]
    svg = as_svg(build_scene(example, page("A3", "landscape")), embed_fonts=True)
    drawn = " ".join(el.text or "" for el in ET.fromstring(svg).iter(SVG_TEXT))
    words = drawn.split()
    for step in example.items("stappen"):
        for word in step["tekst"].split():
            assert any(word in w for w in words), word
    assert "Ja" in words and "Nee" in words
    for number in range(1, 10):
        assert str(number) in words


def test_a_diamond_per_decision_and_an_arrow_per_edge(example) -> None:  # type: ignore[no-untyped-def]
    p = page("A3", "landscape")
    plan = flow.plan(example, p)
    scene = build_scene(example, p)
    decisions = [b for b in plan.boxes if b.shape == "diamond"]
    assert len(decisions) == 1
    diamonds = [i for i in scene.items if isinstance(i, Polygon) and len(i.points) == 4]
    for box in decisions:
        assert ((box.x, box.cy), (box.cx, box.y), (box.x + box.w, box.cy), (box.cx, box.y + box.h)) in [d.points for d in diamonds]
    # 1→2 … 5→6, the decision's Ja→8 and Nee→7, then 7→8 and 8→9; the end step leads nowhere.
    pairs = sorted((e.source + 1, e.target + 1) for e in plan.edges)
    assert pairs == [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (6, 8), (7, 8), (8, 9)]
    heads = [i for i in scene.items if isinstance(i, Polygon) and len(i.points) == 3]
    assert len(heads) == len(plan.edges)
    lines = [i.points for i in scene.items if isinstance(i, Polyline)]
    for edge in plan.edges:
        assert edge.points in lines
    shapes = {b.shape for b in plan.boxes}
    assert shapes == {"pill", "rect", "diamond"}


def test_the_journey_band_shows_only_with_thoughts_or_feelings(canvas) -> None:  # type: ignore[no-untyped-def]
    data = _data(canvas)
    p = page("A3", "landscape")
    with_journey = build_scene(fill(canvas, data), p)
    felt = [s for s in data["stappen"] if s.get("gevoel") is not None]
    dots = [i for i in with_journey.items if isinstance(i, Circle) and i.fill in EMOTION_COLORS.values()]
    assert len(dots) == len(felt) == 8
    assert [d.fill for d in dots] == [EMOTION_COLORS[s["gevoel"]] for s in felt]
    assert any(isinstance(i, TextBox) and i.role == "journey-heading" for i in with_journey.items)
    band = flow.plan(fill(canvas, data), p).journey
    assert band is not None and all(band.y < d.cy < band.y + band.h for d in dots)
    feeling_line = [i for i in with_journey.items if isinstance(i, Polyline) and len(i.points) == len(felt)]
    assert feeling_line and [pt for pt in feeling_line[0].points] == [(d.cx, d.cy) for d in dots]
    # The feeling line goes up with the score: the frustrated login (−2) is lowest.
    assert max(dots, key=lambda d: d.cy).fill == EMOTION_COLORS[-2]

    for step in data["stappen"]:
        step.pop("gedachte", None)
        step.pop("gevoel", None)
    plain = build_scene(fill(canvas, data), p)
    assert not any(isinstance(i, TextBox) and i.role in ("journey-heading", "thought") for i in plain.items)
    assert not any(isinstance(i, Circle) and i.fill in EMOTION_COLORS.values() for i in plain.items)
    assert flow.plan(fill(canvas, data), p).journey is None

    data["stappen"][2]["gedachte"] = "Alleen een gedachte"
    only_thought = build_scene(fill(canvas, data), p)
    assert "“Alleen" in " ".join(only_thought.texts())
    assert not any(isinstance(i, Circle) and i.fill in EMOTION_COLORS.values() for i in only_thought.items)


def test_branches_to_missing_steps_or_to_itself_go_to_the_next_step(canvas) -> None:  # type: ignore[no-untyped-def]
    data = {"stappen": [
        {"soort": "start", "tekst": "Begin"},
        {"soort": "beslissing", "tekst": "Keuze?", "takken": [
            {"label": "Ja", "naar": 40}, {"label": "Nee", "naar": 2}, {"label": "Terug", "naar": 1}]},
        {"soort": "einde", "tekst": "Klaar", "takken": [{"label": "Genegeerd", "naar": 1}]},
    ]}
    plan = flow.plan(fill(canvas, data), page("A4", "landscape"))
    assert sorted((e.source, e.target, e.label) for e in plan.edges) == [
        (0, 1, ""), (1, 0, "Terug"), (1, 2, "Ja"), (1, 2, "Nee")]
    # One of the two arrows to the next step is straight, the other runs below the row.
    assert sorted(e.route for e in plan.edges if e.source == 1 and e.target == 2) == ["B", "straight"]


@pytest.mark.parametrize(("paper", "orientation"), [("A4", "portrait"), ("A4", "landscape"), ("A3", "landscape"), ("A0", "landscape")])
def test_stress_stays_on_the_page_without_overlaps(canvas, paper: str, orientation: str) -> None:  # type: ignore[no-untyped-def]
    filled = fill(canvas, _stress())
    p = page(paper, orientation)
    scene = build_scene(filled, p)
    plan = flow.plan(filled, p)
    assert len(plan.boxes) == 25
    assert scene.outside_page() == []
    assert scene.text_outside_boxes() == []
    rects = _line_rects(scene)
    clashes = [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if a[0] != b[0] and _overlap(a, b)]
    assert clashes == []
    # Step boxes never overlap, and no arrow runs through a box.
    for i, a in enumerate(plan.boxes):
        for b in plan.boxes[i + 1:]:
            assert a.x + a.w <= b.x + 1e-6 or b.x + b.w <= a.x + 1e-6 or a.y + a.h <= b.y + 1e-6 or b.y + b.h <= a.y + 1e-6
    margin = 0.2
    for edge in plan.edges:
        for (x0, y0), (x1, y1) in zip(edge.points, edge.points[1:]):
            for t in range(21):
                x, y = x0 + (x1 - x0) * t / 20, y0 + (y1 - y0) * t / 20
                assert not any(_strictly_in_shape(b, x, y, margin) for b in plan.boxes), (edge, x, y)


def test_stress_on_every_size_does_not_crash_and_routes_back_and_forward(canvas) -> None:  # type: ignore[no-untyped-def]
    filled = fill(canvas, _stress())
    for paper, orientation in SIZES:
        plan = flow.plan(filled, page(paper, orientation))
        assert plan.rows >= 1 and plan.columns * plan.rows >= 25
    routes = {e.route for e in flow.plan(filled, page("A4", "portrait")).edges}
    assert {"straight", "B"} <= routes and routes & {"E", "F"} and routes & {"C", "D"}


@pytest.mark.parametrize(("steps", "shown"), [
    ([], []),
    ([{"tekst": "Alleen"}], ["Alleen"]),
    ([{"soort": "einde"}], ["Einde"]),  # an empty step shows its kind
])
def test_empty_and_tiny_flows_draw(canvas, steps: list, shown: list[str]) -> None:  # type: ignore[no-untyped-def]
    filled = fill(canvas, {"stappen": steps})
    p = page("A4", "portrait")
    scene = build_scene(filled, p)
    assert scene.overflow == ()
    assert scene.outside_page() == []
    drawn = [el.text for el in ET.fromstring(as_svg(scene)).iter(SVG_TEXT)]
    for text in shown:
        assert text in drawn
    numbers = [b for b in scene.items if isinstance(b, TextBox) and b.role == "number"]
    assert [ln.text for b in numbers for ln in b.lines] == [str(i + 1) for i in range(len(steps))]
    assert len(flow.plan(filled, p).boxes) == len(steps) and flow.plan(filled, p).edges == ()


def test_user_text_stays_literal_in_the_svg(canvas) -> None:  # type: ignore[no-untyped-def]
    data = {"stappen": [{"soort": "start", "tekst": "<script>alert(1)</script> & co",
                         "takken": [{"label": "<b>Ja</b>"}]}, {"tekst": "Twee"}]}
    svg = as_svg(build_scene(fill(canvas, data), page("A4", "landscape")))
    ET.fromstring(svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
