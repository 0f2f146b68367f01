"""Two versions of a canvas compared: field by field by label path, and the marked drawing."""

from __future__ import annotations

import copy
import json
from typing import Any
from xml.etree import ElementTree

import pytest

from klantcanvas.browser import handle
from klantcanvas.catalog import all_canvases, canvas_ids
from klantcanvas.compare import ADDED, CHANGED, REMOVED, changed_items, diff, leaves
from klantcanvas.fill import fill
from klantcanvas.i18n import use_locale
from klantcanvas.layouts import build_scene
from klantcanvas.paper import page
from klantcanvas.render.svg import MARK_COLOUR, as_svg

JOURNEY = "customer-journey-canvas"


def example(canvas_id: str) -> dict[str, Any]:
    canvas = all_canvases()[canvas_id]
    return fill(canvas, dict(canvas.example)).as_json_data()


def changes(canvas_id: str, old: Any, new: Any) -> list[tuple[str, str, str, str]]:
    canvas = all_canvases()[canvas_id]
    return [(c.kind, c.label, c.old, c.new) for c in diff(fill(canvas, old), fill(canvas, new))]


def test_a_change_deep_in_a_journey_is_named_by_its_label_path_and_shown_as_the_form_shows_it() -> None:
    old = example(JOURNEY)
    new = copy.deepcopy(old)
    new["fases"][1]["contactmomenten"][2]["emotie"] = 2
    new["doel"] = "Ander doel"
    del new["persona"]
    assert changes(JOURNEY, old, new) == [
        (CHANGED, "Doel", old["doel"], "Ander doel"),
        (REMOVED, "Persona", old["persona"], ""),
        (CHANGED, "Fase 2 › Touchpoint 3 › Emotie", "Negatief", "Heel positief"),
    ]


def test_the_labels_follow_the_language() -> None:
    old = example(JOURNEY)
    new = copy.deepcopy(old)
    new["fases"][1]["contactmomenten"][0]["cruciaal"] = False
    with use_locale("en"):
        assert changes(JOURNEY, old, new) == [(REMOVED, "Phase 2 › Touchpoint 1 › Crucial touchpoint", "Yes", "")]


def test_an_entry_inserted_at_the_top_is_one_addition_not_a_change_of_every_entry() -> None:
    old = example(JOURNEY)
    new = copy.deepcopy(old)
    new["fases"].insert(0, {"naam": "Eerst", "duur": "1 dag"})
    assert changes(JOURNEY, old, new) == [(ADDED, "Fase 1 › Naam van de fase", "", "Eerst"), (ADDED, "Fase 1 › Duur", "", "1 dag")]
    # and taken out again, numbered as it was
    assert changes(JOURNEY, new, old) == [(REMOVED, "Fase 1 › Naam van de fase", "Eerst", ""), (REMOVED, "Fase 1 › Duur", "1 dag", "")]


def test_an_entry_edited_in_place_is_a_change_and_one_removed_from_the_middle_a_removal() -> None:
    old = {"beslisser": ["Wethouder", "Directeur", "Inkoper"]}
    assert changes("klanttype-piramide", old, {"beslisser": ["Wethouder", "Raad", "Inkoper"]}) == [
        (CHANGED, "Beslisser 2", "Directeur", "Raad")]
    assert changes("klanttype-piramide", old, {"beslisser": ["Wethouder", "Inkoper"]}) == [
        (REMOVED, "Beslisser 2", "Directeur", "")]


def test_an_edited_record_stays_paired_when_another_is_inserted_before_it() -> None:
    old = example(JOURNEY)
    new = copy.deepcopy(old)
    new["fases"][0]["duur"] = "4 weken"
    new["fases"].insert(0, {"naam": "Nieuw"})
    assert changes(JOURNEY, old, new) == [(ADDED, "Fase 1 › Naam van de fase", "", "Nieuw"),
                                          (CHANGED, "Fase 2 › Duur", old["fases"][0]["duur"], "4 weken")]


@pytest.mark.parametrize("canvas_id", canvas_ids())
def test_nothing_differs_from_itself_and_everything_is_added_to_an_empty_canvas(canvas_id: str) -> None:
    canvas = all_canvases()[canvas_id]
    filled = fill(canvas, dict(canvas.example))
    assert diff(filled, filled) == ()
    added = diff(fill(canvas, {}), filled)
    assert {c.kind for c in added} == {ADDED} and all(c.new and not c.old for c in added)
    assert [c.ids for c in added] == [ids for ids, _ in leaves(canvas.fields, filled.values)]
    assert [(c.ids, c.old) for c in diff(filled, fill(canvas, {}))] == [(c.ids, c.new) for c in added]


def test_hidden_and_hostile_values_are_checked_first() -> None:
    assert changes("user-flow", {"stappen": "x"}, {"stappen": [{"soort": "actie", "takken": [{"label": "weg"}]}]}) == [
        (ADDED, "Stap 1 › Soort stap", "", "Actie")]
    assert changes(JOURNEY, None, ["x", {"doel": "\ud800"}]) == []
    assert changes(JOURNEY, {"fases": [{"contactmomenten": [{"emotie": 1e999}]}]}, {"doel": " a\x00 "}) == [
        (ADDED, "Doel", "", "a")]


def test_the_newer_drawing_marks_what_the_older_one_does_not_show() -> None:
    canvas = all_canvases()[JOURNEY]
    old = example(JOURNEY)
    new = copy.deepcopy(old)
    new["fases"][1]["contactmomenten"][2]["emotie"] = 2
    paper = page(canvas.paper, canvas.orientation)
    before, after = build_scene(fill(canvas, old), paper), build_scene(fill(canvas, new), paper)
    assert changed_items(before, before) == ()
    marked = [after.items[i] for i in changed_items(before, after)]
    assert marked and len(marked) <= 3  # the emotion's word, its dot: nothing else moved
    texts = [" ".join(line.text for line in item.lines) for item in marked if hasattr(item, "lines")]
    assert texts == ["Heel positief"]
    svg = as_svg(after, marks=changed_items(before, after), legend="Omlijnd: anders dan in ‘Workshop’")
    root = ElementTree.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert len(root.findall(".//s:g[@class='kc-mark']", ns)) == len(marked)
    assert root.find(".//s:g[@class='kc-legend']/s:text", ns).text == "Omlijnd: anders dan in ‘Workshop’"
    assert MARK_COLOUR in svg
    assert float(root.get("viewBox").split()[3]) > after.height  # the legend has its own band


def test_an_inserted_phase_marks_the_new_phase_not_the_ones_that_moved() -> None:
    canvas = all_canvases()[JOURNEY]
    old = example(JOURNEY)
    new = copy.deepcopy(old)
    new["fases"].append({"naam": "Nazorg", "duur": "2 dagen"})
    paper = page(canvas.paper, canvas.orientation)
    after = build_scene(fill(canvas, new), paper)
    marked = [after.items[i] for i in changed_items(build_scene(fill(canvas, old), paper), after)]
    texts = [" ".join(line.text for line in item.lines) for item in marked]
    assert texts and all("Nazorg" in text or "2 dagen" in text for text in texts), texts


def _compare(**request: Any) -> dict[str, Any]:
    meta, body = handle(json.dumps({"method": "compare", **request}))
    assert body is None
    return dict(json.loads(meta))


def test_the_facade_compares_any_two_states_in_the_page_language() -> None:
    old = example(JOURNEY)
    new = copy.deepcopy(old)
    new["fases"][0]["naam"] = "Rondkijken"
    answer = _compare(canvas=JOURNEY, old=old, new=new, old_name="Workshop", new_name="Na interviews", lang="en")
    assert answer["ok"] and answer["counts"] == {"added": 0, "changed": 1, "removed": 0}
    assert answer["changes"][0]["label"] == "Phase 1 › Name of the phase"
    assert answer["changes"][0]["path"] == ["Phase 1", "Name of the phase"]
    assert (answer["changes"][0]["old"], answer["changes"][0]["new"]) == (old["fases"][0]["naam"], "Rondkijken")
    root = ElementTree.fromstring(answer["svg"])
    assert root.get("aria-label") == "‘Na interviews’, with what differs from ‘Workshop’ outlined"
    assert answer["marked"] >= 1 and "Outlined: different from ‘Workshop’" in answer["svg"]

    same = _compare(canvas=JOURNEY, old=old, new=old, old_name="A", new_name="B")
    assert same["changes"] == [] and same["marked"] == 0 and "Op de tekening is niets anders dan in ‘A’" in same["svg"]


@pytest.mark.parametrize("request_", [
    {"canvas": "bestaat-niet"}, {"canvas": JOURNEY, "paper": "A9"}, {"canvas": JOURNEY, "old": "x" * 10, "new": [1]},
    {"canvas": JOURNEY, "old_name": ["<b>"], "new_name": "\ud800" * 500, "old": {"fases": [None] * 99}},
])
def test_the_facade_answers_hostile_compare_requests(request_: dict[str, Any]) -> None:
    answer = _compare(**request_)
    assert answer["ok"] in (True, False)
    if answer["ok"]:
        ElementTree.fromstring(answer["svg"])
    else:
        assert "niet veranderd" in answer["message"]
