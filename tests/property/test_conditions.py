"""Property: show_when on a top-level field (personas 2-4 of both journey canvases). Whatever the
names and values, an emotion shows only for a named persona, a persona only after the one before
it, and what fill makes of it is a fixed point that a saved file gives back exactly."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from kc_strategies import count, hostile_text, numbers

from klantcanvas import fill, get_canvas
from klantcanvas.fill import parse_saved_file, saved_file
from klantcanvas.model import has_content

CANVASES = ("customer-journey-canvas", "klantreis-in-kaart")
names = st.one_of(st.just(""), st.sampled_from([" ", "\u00a0", "\u200b", "\x00", "Mark"]), hostile_text)
scores = st.one_of(st.none(), st.integers(-3, 3), numbers, st.sampled_from(["1", "-2", "", "x"]))
touchpoint = st.fixed_dictionaries({}, optional={key: scores for key in ("emotie", "gewenst", "emotie_2", "emotie_3", "emotie_4")})
journeys = st.fixed_dictionaries(
    {"fases": st.lists(st.fixed_dictionaries({"contactmomenten": st.lists(touchpoint, max_size=4)}), max_size=3)},
    optional={f"persona_{n}": names for n in (2, 3, 4)},
)


@given(st.sampled_from(CANVASES), journeys)
def test_persona_emotions_follow_the_named_personas(canvas_id: str, data: dict[str, Any]) -> None:
    count("conditions")
    canvas = get_canvas(canvas_id)
    filled = fill(canvas, data)
    named = {n: has_content(filled.values[f"persona_{n}"]) for n in (2, 3, 4)}
    assert named[3] <= named[2] and named[4] <= named[3]
    for phase in filled.items("fases"):
        for tp in phase["contactmomenten"]:
            for n in (2, 3, 4):
                assert named[n] or tp[f"emotie_{n}"] is None
            assert all(v is None or -2 <= v <= 2 for v in tp.values() if not isinstance(v, (str, bool)))
    again = fill(canvas, filled.as_json_data())
    assert again.values == filled.values
    assert parse_saved_file(canvas, saved_file(filled)).values == filled.values
