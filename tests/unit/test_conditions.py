"""show_when beyond siblings: "/id" names a top-level field from inside a group, and the values
true/false ask whether a field holds something. Checked in the catalogue, applied in fill."""

from __future__ import annotations

import pytest

from klantcanvas.catalog import DefinitionError, load_definition
from klantcanvas.fill import ImportProblem, fill, parse_saved_file, saved_file
from klantcanvas.model import shown

PROBE = """
id = "probe"
title = "Probe"
[layout]
kind = "pyramid"
apex = "naam"
layers = ["rijen"]
side = "rijen"
[[fields]]
id = "naam"
label = "Naam"
kind = "text"
[[fields]]
id = "tweede"
label = "Tweede"
kind = "text"
[[fields]]
id = "derde"
label = "Derde"
kind = "text"
show_when = { tweede = true }
[[fields]]
id = "rijen"
label = "Rijen"
kind = "group"
[[fields.fields]]
id = "tekst"
label = "Tekst"
kind = "text"
[[fields.fields]]
id = "score_2"
label = "Score van de tweede"
kind = "scale"
minimum = -2
maximum = 2
show_when = { "/tweede" = true }
[[fields.fields]]
id = "zonder"
label = "Alleen zonder tekst"
kind = "flag"
show_when = { tekst = false }
"""


def _probe():  # type: ignore[no-untyped-def]
    return load_definition(PROBE, "probe.toml")


def test_shown_compares_values_and_asks_true_or_false_whether_a_field_holds_something() -> None:
    assert shown({"a": "x"}, {"a": "x"}, {}) and not shown({"a": "x"}, {"a": "y"}, {})
    assert shown({"a": True}, {"a": " z "}, {}) and not shown({"a": True}, {"a": "  "}, {})
    assert shown({"a": False}, {"a": ""}, {}) and not shown({"a": False}, {"a": 0}, {})
    assert shown({"/t": True}, {"t": ""}, {"t": "Mark"}) and not shown({"/t": True}, {"t": "Mark"}, {"t": ""})
    # A flag wanted on or off is the same as before the rule existed.
    assert shown({"f": True}, {"f": True}, {}) and shown({"f": False}, {"f": False}, {})
    assert not shown({"f": True}, {"f": False}, {}) and not shown({"/missing": True}, {}, {})


@pytest.mark.parametrize("strict", [False, True])
def test_a_field_shown_by_a_top_level_field_is_blank_while_that_field_is_empty(strict: bool) -> None:
    canvas = _probe()
    data = {"naam": "A", "rijen": [{"tekst": "r1", "score_2": 2, "zonder": True}, {"score_2": -1}, {"zonder": True}]}
    rows = fill(canvas, data, strict=strict).values["rijen"]
    # The second row held only a hidden value, so it is dropped; the flag shows only without text.
    assert [r["score_2"] for r in rows] == [None, None] and [r["zonder"] for r in rows] == [False, True]
    rows = fill(canvas, {**data, "tweede": "Mark"}, strict=strict).values["rijen"]
    assert [r["score_2"] for r in rows] == [2, -1, None] and [r["zonder"] for r in rows] == [False, False, True]
    # Only white space does not name a second one.
    assert fill(canvas, {**data, "tweede": " \u00a0 "}, strict=strict).values["rijen"][0]["score_2"] is None


def test_a_top_level_field_can_wait_for_a_sibling_to_hold_something() -> None:
    canvas = _probe()
    assert fill(canvas, {"derde": "Joost"}).values["derde"] == ""
    assert fill(canvas, {"tweede": "Mark", "derde": "Joost"}).values["derde"] == "Joost"


def test_hidden_values_are_not_checked_and_shown_ones_are() -> None:
    canvas = _probe()
    hostile = {"rijen": [{"tekst": "r", "score_2": "zeven"}]}
    assert fill(canvas, hostile, strict=True).values["rijen"][0]["score_2"] is None
    with pytest.raises(ImportProblem, match="Score van de tweede"):
        fill(canvas, {**hostile, "tweede": "Mark"}, strict=True)
    clipped = fill(canvas, {"tweede": "Mark", "rijen": [{"tekst": "r", "score_2": 99}]})
    assert clipped.values["rijen"][0]["score_2"] == 2


def test_a_saved_file_with_top_level_conditions_round_trips() -> None:
    canvas = _probe()
    filled = fill(canvas, {"tweede": "Mark", "rijen": [{"tekst": "r", "score_2": -2}]})
    assert parse_saved_file(canvas, saved_file(filled)).values == filled.values


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('show_when = { "/tweede" = true }', 'show_when = { "/nergens" = true }', "refers to '/nergens'"),
        ('show_when = { "/tweede" = true }', 'show_when = { "/rijen" = true }', "refers to '/rijen'"),
        ('show_when = { "/tweede" = true }', 'show_when = { tweede = true }', "unknown field 'tweede'"),
        ("show_when = { tweede = true }", 'show_when = { "/bestaat_niet" = true }', "refers to '/bestaat_niet'"),
    ],
)
def test_a_condition_names_a_sibling_or_a_top_level_field_outside_a_group(old: str, new: str, message: str) -> None:
    assert old in PROBE
    with pytest.raises(DefinitionError, match=message):
        load_definition(PROBE.replace(old, new), "probe.toml")
