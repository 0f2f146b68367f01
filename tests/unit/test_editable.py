"""klantcanvas.editable: which drawn item shows which field, for editing on the canvas."""

from __future__ import annotations

import json
import re

import pytest

from klantcanvas.browser import handle
from klantcanvas.catalog import all_canvases
from klantcanvas.editable import add_marks, add_points, editable_items, item_box, path_text
from klantcanvas.fill import fill
from klantcanvas.layouts import build_scene
from klantcanvas.model import Canvas, Field
from klantcanvas.paper import page
from klantcanvas.scene import TextBox

CANVASES = sorted(all_canvases())


def _example(canvas_id: str):  # type: ignore[no-untyped-def]
    canvas = all_canvases()[canvas_id]
    filled = fill(canvas, dict(canvas.example))
    return canvas, filled, build_scene(filled, page(canvas.paper, canvas.orientation))


def _value_at(data: object, ids: tuple[str | int, ...]) -> object:
    for part in ids:
        data = data[part - 1] if isinstance(part, int) else data[part]  # type: ignore[index]
    return data


def _field_at(canvas: Canvas, ids: tuple[str | int, ...]) -> Field:
    fields, found = canvas.fields, None
    for part in ids:
        if isinstance(part, str):
            found = next(f for f in fields if f.id == part)
            fields = found.fields
    assert found is not None
    return found


@pytest.mark.parametrize("canvas_id", CANVASES)
def test_every_paired_item_shows_the_value_of_its_field(canvas_id: str) -> None:
    canvas, filled, scene = _example(canvas_id)
    items = editable_items(filled, scene)
    assert len(items) >= 7, "the example's main texts are editable on the canvas"
    data = filled.as_json_data()
    for item in items:
        box = scene.items[item.index]
        assert isinstance(box, TextBox)
        field = _field_at(canvas, item.ids)
        value = _value_at(data, item.ids)
        shown = field.option_label(str(value)) if field.kind in ("choice", "scale") else value
        assert isinstance(shown, str) and " ".join(shown.split()) in " ".join(" ".join(p.text for p in box.paras).split())
        if item.lines:  # an entry of a list drawn as one box: its own lines show it
            drawn = " ".join(ln.text for ln in box.lines[item.lines[0]:item.lines[1]]).replace("•", " ")
            assert " ".join(drawn.split()) == " ".join(shown.split())
        assert item.kind == ("list" if isinstance(item.ids[-1], int) else field.kind)
        assert item.label.endswith(field.label) or isinstance(item.ids[-1], int)
    assert len({i.ids for i in items}) == len(items) and len({(i.index, i.lines) for i in items}) == len(items)


def test_equal_values_are_paired_in_drawing_order_and_roles_name_their_field() -> None:
    _, filled, scene = _example("customer-journey-canvas")
    by_path = {i.path: i for i in editable_items(filled, scene)}
    emotions = [i for i in by_path.values() if i.ids[-1] == "emotie"]
    assert [i.ids[:4] for i in emotions] == sorted(i.ids[:4] for i in emotions)  # type: ignore[type-var]
    assert all(isinstance(scene.items[i.index], TextBox) and scene.items[i.index].role == "emotie" for i in emotions)  # type: ignore[union-attr]
    assert by_path["fases/2/contactmomenten/1/omschrijving"].label == "Fase 2 › Touchpoint 1 › Touchpoint"
    assert "fases/3/naam" in by_path and "fases/3/duur" not in by_path  # the phase head opens with its name


def test_reading_order_follows_the_form() -> None:
    _, filled, scene = _example("persona")
    items = sorted(editable_items(filled, scene), key=lambda i: i.order)
    assert [i.path for i in items][:3] == ["persona_naam", "naam", "leeftijd"]


def test_headings_and_numbers_are_never_paired() -> None:
    canvas, filled, scene = _example("user-flow")
    for item in editable_items(filled, scene):
        role = scene.items[item.index].role  # type: ignore[union-attr]
        assert not role.endswith(("-label", "-heading")) and role not in ("title", "number", "journey-number")


def test_add_points_name_every_list_and_group_and_say_when_full() -> None:
    canvas = all_canvases()["customer-journey-canvas"]
    filled = fill(canvas, dict(canvas.example))
    points = {path_text(p.ids): p for p in add_points(filled)}
    assert "fases" in points and "fases/1/contactmomenten" in points
    assert points["fases/1/contactmomenten"].label == "Touchpoint toevoegen"
    assert not any(p.full for p in points.values())
    empty = {path_text(p.ids) for p in add_points(fill(canvas, {}))}
    assert empty == {"fases"}


@pytest.mark.parametrize("canvas_id", CANVASES)
def test_every_plus_sits_just_after_its_lists_last_drawn_entry_on_the_page_and_apart(canvas_id: str) -> None:
    _, filled, scene = _example(canvas_id)
    items = editable_items(filled, scene)
    marks = add_marks(filled, scene, items)
    assert marks, "every worked example has a list that takes another entry"
    for mark in marks:
        depth = len(mark.point.ids)
        drawn = [i for i in items if i.ids[:depth] == mark.point.ids and len(i.ids) > depth]
        assert drawn and not mark.point.full
        last = max(int(i.ids[depth]) for i in drawn)
        bottom = max(item_box(scene, i)[3] for i in drawn if i.ids[depth] == last)
        assert mark.r <= mark.cx <= scene.width - mark.r and mark.r <= mark.cy <= scene.height - mark.r
        assert mark.cy == pytest.approx(min(scene.height - mark.r, bottom + 1.15 * mark.r))
        assert max(i.order for i in drawn) < mark.order < max(i.order for i in drawn) + 1  # read right after it
    for n, a in enumerate(marks):
        for b in marks[n + 1:]:
            assert (a.cx - b.cx) ** 2 + (a.cy - b.cy) ** 2 >= (2.4 * a.r) ** 2 * 0.999, "one '+' over another"


def test_no_plus_for_a_full_list_or_one_with_nothing_drawn() -> None:
    canvas = all_canvases()["klanttype-piramide"]
    field = next(f for f in canvas.fields if f.id == "saboteur")
    full = fill(canvas, {**dict(canvas.example), "saboteur": [f"Saboteur {n}" for n in range(field.max_items)]})
    scene = build_scene(full, page(canvas.paper, canvas.orientation))
    paths = {path_text(m.point.ids) for m in add_marks(full, scene, editable_items(full, scene))}
    assert "saboteur" not in paths and "economische_koper" in paths
    empty = fill(canvas, {})
    scene = build_scene(empty, page(canvas.paper, canvas.orientation))
    assert add_marks(empty, scene, editable_items(empty, scene)) == ()


def test_the_editable_preview_draws_each_plus_as_a_named_button() -> None:
    canvas = all_canvases()["customer-journey-canvas"]
    meta = json.loads(handle(json.dumps({"method": "preview", "editable": True, "canvas": canvas.id, "data": dict(canvas.example)}))[0])
    buttons = re.findall(r'<g class="kc-add" data-add="([^"]+)" data-order="[\d.]+" tabindex="-1" role="button" aria-label="([^"]+)"><circle ', meta["svg"])
    assert ("fases/1/contactmomenten", "Touchpoint toevoegen") in buttons and ("fases", "Fase toevoegen") in buttons
    assert "add" not in meta  # the page measures and places nothing
    plain = json.loads(handle(json.dumps({"method": "preview", "canvas": canvas.id, "data": dict(canvas.example)}))[0])
    assert "kc-add" not in plain["svg"]


def test_the_preview_marks_items_and_downloads_do_not() -> None:
    canvas = all_canvases()["persona"]
    plain = json.loads(handle(json.dumps({"method": "preview", "canvas": "persona", "data": dict(canvas.example)}))[0])
    assert "data-path" not in plain["svg"] and 'role="img"' in plain["svg"]  # a read-only version
    meta = json.loads(handle(json.dumps({"method": "preview", "editable": True, "canvas": "persona", "data": dict(canvas.example)}))[0])
    groups = re.findall(r'<g class="kc-item" data-path="([^"]+)" data-kind="(\w+)" data-order="\d+" data-label="[^"]+" tabindex="-1" role="button" aria-label="([^"]+)">', meta["svg"])
    assert ("persona_naam", "text", "Naam van de persona: Femke de forens") in groups
    assert meta["svg"].count('class="kc-hit"') == len(groups)
    assert 'role="group"' in meta["svg"].split(">", 1)[0]
    svg = handle(json.dumps({"method": "export", "canvas": "persona", "format": "svg", "data": dict(canvas.example)}))[1]
    assert svg is not None and b"data-path" not in svg and b"kc-hit" not in svg


def test_a_list_drawn_as_one_box_gives_an_item_per_entry_over_its_own_lines() -> None:
    canvas, filled, scene = _example("klanttype-piramide")
    items = [i for i in editable_items(filled, scene) if i.ids[0] == "economische_koper"]
    assert [i.path for i in items] == ["economische_koper/1", "economische_koper/2"]
    assert items[0].index == items[1].index and items[0].lines and items[1].lines
    assert items[0].lines[1] <= items[1].lines[0]  # in order, not overlapping
    box = scene.items[items[1].index]
    assert isinstance(box, TextBox)
    shown = " ".join(ln.text for ln in box.lines[items[1].lines[0]:items[1].lines[1]])
    assert "Inkoopmanager" in shown
    meta = json.loads(handle(json.dumps({"method": "preview", "editable": True, "canvas": canvas.id, "data": dict(canvas.example)}))[0])
    group = meta["svg"].split('data-path="economische_koper/2"', 1)[1].split("</g>", 1)[0]
    assert "Inkoopmanager" in group and "Manager operations" not in group


def test_a_box_is_read_again_only_when_its_lines_and_paragraphs_are_the_very_same() -> None:
    """The texts of a box are kept by the lines text.fit handed out; two boxes with the same lines
    but other paragraphs (a layout that fits some paragraphs and shows more) are read apart."""
    from klantcanvas.editable import _texts
    from klantcanvas.scene import text_box
    from klantcanvas.text import Para, fit

    shown = (Para("Koffie op kantoor"),)
    fitted = fit(shown, 60, 20, 10, 5)
    first = _texts(text_box(fitted, shown, 0, 0, 60, 20, "#000"))
    again = _texts(text_box(fit((Para("Koffie op kantoor"),), 60, 20, 10, 5), (Para("Koffie op kantoor"),), 5, 5, 60, 20, "#000"))
    other = _texts(text_box(fitted, (*shown, Para("Thee op het werk")), 0, 0, 60, 20, "#000"))
    assert first == again == ("koffie op kantoor", [("koffie op kantoor", (0, 1))])
    assert other[0] == "koffie op kantoor thee op het werk"
