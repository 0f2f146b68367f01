"""The workshop session: the agenda, the room's actions, time actually spent, and reading it back."""

from __future__ import annotations

import json

import pytest

from klantcanvas import fill, get_canvas
from klantcanvas.fill import ImportProblem, parse_saved_file, saved_file
from klantcanvas.session import act, agenda, checked, new_session

CJC = get_canvas("customer-journey-canvas")


def test_the_facilitator_changes_minutes_before_starting_and_bad_values_are_ignored() -> None:
    session = new_session(CJC, "  Team   koffie ", {"doel": 10, "review": 0, "nope": 3, "scope": True})
    rows = agenda(CJC, session)
    assert session["name"] == "Team koffie"
    assert [r["minutes"] for r in rows] == [10, 5, 5, 5, 10, 5, 5, 5]
    assert [r["spent"] for r in rows] == [None] * 8


def test_time_spent_is_what_a_step_was_given_minus_what_was_left() -> None:
    session = act(CJC, new_session(CJC), "start")
    assert session["remaining"] == 300 and session["running"]
    session = act(CJC, session, "add_minute", remaining=20)
    assert session["remaining"] == 80
    session = act(CJC, session, "next", remaining=-15)  # overtime counts too
    assert session["spent"]["doel"] == 6 * 60 + 15 and session["step"] == 1 and session["remaining"] == 300
    session = act(CJC, session, "previous", remaining=250)
    assert session["step"] == 0 and session["remaining"] == 360 - 375 and session["spent"]["persona"] == 50
    session = act(CJC, session, "pause", remaining=-20)
    assert not session["running"] and session["remaining"] == -20
    session = act(CJC, session, "goto", remaining=-20, step=7)
    assert session["step"] == 7 and session["spent"]["doel"] == 380
    session = act(CJC, session, "finish", remaining=100)
    assert session["done"] and session["spent"]["review"] == 200
    with pytest.raises(ImportProblem):
        act(CJC, session, "explode")
    with pytest.raises(ImportProblem):
        act(CJC, session, "goto", step=8)


def test_the_session_travels_in_the_saved_file_and_old_files_still_open() -> None:
    session = act(CJC, new_session(CJC, "Team"), "start")
    filled = fill(CJC, dict(CJC.example))
    text = saved_file(filled, "", session)
    assert checked(CJC, json.loads(text)["session"]) == session
    assert parse_saved_file(CJC, text).values == filled.values
    old = saved_file(filled)
    assert "session" not in json.loads(old)
    assert checked(CJC, json.loads(old).get("session")) is None


def test_a_damaged_session_keeps_what_is_sound() -> None:
    session = checked(CJC, {"version": 1, "name": 7, "step": 99, "minutes": {"doel": "x", "scope": 7}, "remaining": "soon",
                            "spent": {"doel": -5, "scope": 30}, "applied": ["a", 3], "offers": [1, {"text": "x"}]})
    assert session is not None
    assert session["step"] == 0 and session["minutes"]["scope"] == 7 and session["minutes"]["doel"] == 5
    assert session["spent"] == {"scope": 30} and session["applied"] == ["a"] and session["offers"] == [{"text": "x"}]
    with pytest.raises(ImportProblem, match="nieuwere versie"):
        checked(CJC, {"version": 2})
