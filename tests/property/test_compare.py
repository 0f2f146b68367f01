"""Property: comparing two states of a canvas. Nothing differs from itself; against an empty
canvas every filled field is an addition (and the other way round a removal); what the facade
answers for any two hostile inputs is a valid list and a well-formed SVG, or a clear message."""

from __future__ import annotations

from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st
from kc_strategies import CANVAS_IDS, answer, canvas_and_data, canvas_data, count, hostile_text, json_scalar, json_value, languages, orientations, papers

from klantcanvas import fill
from klantcanvas.catalog import all_canvases
from klantcanvas.compare import ADDED, REMOVED, diff, leaves


@given(canvas_and_data())
def test_nothing_differs_from_itself(canvas_data) -> None:  # type: ignore[no-untyped-def]
    count("compare")
    canvas_id, data = canvas_data
    filled = fill(all_canvases()[canvas_id], data)
    assert diff(filled, filled) == ()
    assert diff(filled, fill(filled.canvas, filled.as_json_data())) == ()


@given(canvas_and_data())
def test_every_filled_field_is_added_to_an_empty_canvas_and_removed_from_it(canvas_data) -> None:  # type: ignore[no-untyped-def]
    count("compare")
    canvas_id, data = canvas_data
    canvas = all_canvases()[canvas_id]
    filled, empty = fill(canvas, data), fill(canvas, {})
    expected = [ids for ids, _ in leaves(canvas.fields, filled.values)]
    added = diff(empty, filled)
    assert [c.ids for c in added] == expected and {c.kind for c in added} <= {ADDED}
    removed = diff(filled, empty)
    assert [c.ids for c in removed] == expected and {c.kind for c in removed} <= {REMOVED}
    assert all(c.label and isinstance(c.old, str) and isinstance(c.new, str) for c in added + removed)


@st.composite
def two_states(draw: st.DrawFn) -> tuple[str, object, object]:
    canvas_id = draw(st.sampled_from(CANVAS_IDS))
    canvas = all_canvases()[canvas_id]
    return canvas_id, draw(canvas_data(canvas)), draw(canvas_data(canvas))


@given(two_states())
def test_a_diff_and_its_reverse_agree(states) -> None:  # type: ignore[no-untyped-def]
    count("compare")
    canvas_id, a, b = states
    canvas = all_canvases()[canvas_id]
    forward, back = diff(fill(canvas, a), fill(canvas, b)), diff(fill(canvas, b), fill(canvas, a))
    assert sum(c.kind == ADDED for c in forward) == sum(c.kind == REMOVED for c in back)
    assert sorted((c.old, c.new) for c in forward) == sorted((c.new, c.old) for c in back)
    assert (forward == ()) == (fill(canvas, a).values == fill(canvas, b).values)


@given(two_states(), st.one_of(hostile_text, json_value), st.one_of(hostile_text, json_scalar), papers, orientations, languages)
def test_the_facade_compares_anything(states, old_name, new_name, paper, orientation, lang) -> None:  # type: ignore[no-untyped-def]
    count("facade compare")
    canvas_id, a, b = states
    meta, body = answer({"method": "compare", "canvas": canvas_id, "old": a, "new": b, "old_name": old_name,
                         "new_name": new_name, "paper": paper, "orientation": orientation, "lang": lang})
    assert body is None
    if meta["ok"]:
        ElementTree.fromstring(meta["svg"])
        assert sum(meta["counts"].values()) == len(meta["changes"])
