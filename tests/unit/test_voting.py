"""Dot voting: a budget per person, once per person, the tally, and taking the result over."""

from __future__ import annotations

import pytest

from klantcanvas import get_canvas
from klantcanvas.contributions import undo
from klantcanvas.fill import ImportProblem
from klantcanvas.session import new_session
from klantcanvas.voting import accept, as_fragment, ballot, cast, invitation, read_ballot, read_invitation, start, tally

CJC = get_canvas("customer-journey-canvas")
DATA = {"fases": [{"naam": "Gebruik", "contactmomenten": [
    {"omschrijving": "Factuur"}, {"omschrijving": "Storing"}, {"omschrijving": "Levering", "cruciaal": True}]}]}


def voting() -> dict:  # type: ignore[type-arg]
    return start(CJC, DATA, new_session(CJC, "Team"), "cruciaal", 3, "vote0001")


def test_votes_are_tallied_most_dots_first_and_counted_once_per_person() -> None:
    session = voting()
    for sender, dots in (("phone01", [0, 3, 0]), ("phone02", [1, 1, 1]), ("phone03", [2, 0, 1])):
        session = cast(CJC, session, read_ballot(as_fragment(ballot(CJC, "cruciaal", "vote0001", sender, dots))))["session"]
    again = cast(CJC, session, ballot(CJC, "cruciaal", "vote0001", "phone01", [3, 0, 0]))
    assert again["again"] and again["session"] == session
    assert [(r["text"], r["dots"]) for r in tally(session, "cruciaal")] == [("Storing", 4), ("Factuur", 3), ("Levering", 2)]


@pytest.mark.parametrize("dots", [[2, 2, 0], [1, 1], [-1, 0, 0], [True, 0, 0], "3"])
def test_a_ballot_over_budget_or_malformed_does_not_count(dots: object) -> None:
    session = voting()
    with pytest.raises(ImportProblem):
        cast(CJC, session, ballot(CJC, "cruciaal", "vote0001", "phone01", dots))  # type: ignore[arg-type]


def test_a_ballot_for_another_vote_does_not_count() -> None:
    with pytest.raises(ImportProblem, match="andere stemming"):
        cast(CJC, voting(), ballot(CJC, "cruciaal", "vote0002", "phone01", [1, 0, 0]))


def test_the_vote_link_carries_the_items_and_budget() -> None:
    session = voting()
    invite = read_invitation(CJC, invitation(CJC, session, "cruciaal"))
    assert invite["budget"] == 3 and [i["text"] for i in invite["items"]] == ["Factuur", "Storing", "Levering"]
    assert invite["items"][0]["in"] == "Gebruik" and invite["session"] == "Team"


def test_accepting_marks_the_top_items_and_can_be_undone() -> None:
    session = cast(CJC, voting(), ballot(CJC, "cruciaal", "vote0001", "phone01", [0, 3, 0]))["session"]
    result = accept(CJC, DATA, session, "cruciaal", 2)
    flags = [tp["cruciaal"] for tp in result["data"]["fases"][0]["contactmomenten"]]
    assert flags == [False, True, True]  # Storing won; Levering was crucial already; no dots, no mark
    back = undo(result["data"], result["session"])
    assert [tp["cruciaal"] for tp in back["data"]["fases"][0]["contactmomenten"]] == [False, False, True]


def test_a_vote_needs_items_and_a_sensible_budget() -> None:
    with pytest.raises(ImportProblem, match="nog niets"):
        start(CJC, {}, new_session(CJC), "cruciaal", 3, "vote0001")
    with pytest.raises(ImportProblem, match="stippen"):
        start(CJC, DATA, new_session(CJC), "cruciaal", 0, "vote0001")
