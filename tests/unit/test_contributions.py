"""Contributions from participants: the format, and merging into the canvas with counts and undo."""

from __future__ import annotations

from typing import Any

import pytest

from klantcanvas import get_canvas
from klantcanvas.contributions import (
    accept_offer, as_fragment, contribution, counted, dismiss_offer, merge, normalised, read_contribution, undo,
)
from klantcanvas.fill import ImportProblem
from klantcanvas.i18n import use_locale
from klantcanvas.session import new_session

CJC = get_canvas("customer-journey-canvas")


def sent(ident: str, sender: str, *items: tuple[str, str], step: str = "touchpoints") -> dict[str, Any]:
    return contribution(CJC, step, ident, sender, sender.title(), "Team", [{"text": t, "in": p} for t, p in items])


def touchpoints(data: dict[str, Any], phase: str) -> list[str]:
    record = next(r for r in data["fases"] if r["naam"] == phase)
    return [tp["omschrijving"] for tp in record["contactmomenten"]]


@pytest.mark.parametrize(("a", "b"), [
    ("Factuur", "factuur"), ("Website  bekijken", "website bekijken!"), ("Oriëntatie", "ORIENTATIE"),
    ("café-bezoek", "Cafe bezoek"), ("e-mail", "E mail"),
])
def test_texts_that_differ_in_case_spaces_punctuation_or_accents_are_the_same(a: str, b: str) -> None:
    assert normalised(a) == normalised(b)


def test_punctuation_alone_stays_distinct_from_words() -> None:
    assert normalised("!!!") != normalised("") and normalised("!!!") != normalised("???")


def test_a_contribution_survives_the_link_and_the_file_unchanged() -> None:
    message = sent("contrib01", "phone01", ("Factuur", "Gebruik"))
    assert read_contribution(CJC, as_fragment(message)) == message
    assert read_contribution(CJC, "https://example.org/x/#kcp=" + as_fragment(message)) == message
    import json

    assert read_contribution(CJC, json.dumps(message)) == message


@pytest.mark.parametrize("value", [
    "", "kcp1.!!!", "kcp1.eNoLycgsVgCi", "{", '{"format": "klantcanvas"}', "[1, 2]", None, 42,
    '{"format": "klantcanvas-contribution", "version": 1, "id": "contrib01", "from": "phone01", '
    '"canvas": "customer-journey-canvas", "step": "touchpoints", "items": []}',
    '{"format": "klantcanvas-contribution", "version": 1, "id": "x", "from": "phone01", '
    '"canvas": "customer-journey-canvas", "step": "touchpoints", "items": [{"text": "A"}]}',
    '{"format": "klantcanvas-contribution", "version": 1, "id": "contrib01", "from": "phone01", '
    '"canvas": "customer-journey-canvas", "step": "doel", "items": [{"text": "A"}]}',
    '{"format": "klantcanvas-contribution", "version": 1, "id": "contrib01", "from": "phone01", '
    '"canvas": "customer-journey-canvas", "step": "touchpoints", "items": [{"text": "   "}]}',
])
def test_a_malformed_contribution_gets_a_message_and_changes_nothing(value: object) -> None:
    session = new_session(CJC)
    with pytest.raises(ImportProblem, match="niets veranderd|Nothing was changed|bestaat niet|niet bij de workshop"):
        read_contribution(CJC, value)
    assert session == new_session(CJC)


def test_the_message_follows_the_language() -> None:
    with use_locale("en"), pytest.raises(ImportProblem, match="not a readable contribution"):
        read_contribution(CJC, "kcp1.broken")
    with pytest.raises(ImportProblem, match="is langer dan 200"):
        sent("contrib01", "phone01", ("x" * 201, "Gebruik"))
    with pytest.raises(ImportProblem, match="nieuwere versie"):
        read_contribution(CJC, '{"format": "klantcanvas-contribution", "version": 9}')
    with pytest.raises(ImportProblem, match="ander canvas"):
        read_contribution(get_canvas("persona"), as_fragment(sent("contrib01", "phone01", ("A", "B"))))


def test_equal_items_become_one_with_a_count_and_new_phases_are_made() -> None:
    data = {"fases": [{"naam": "Oriëntatie", "contactmomenten": [{"omschrijving": "Recensies lezen"}]}]}
    session = new_session(CJC)
    first = merge(CJC, data, session, sent("contrib01", "phone01", ("Website bekijken", "Oriëntatie"), ("Factuur", "Gebruik")))
    second = merge(CJC, first["data"], first["session"], sent("contrib02", "phone02", ("website  bekijken!", "orientatie")))
    third = merge(CJC, second["data"], second["session"], sent("contrib03", "phone03", ("Website bekijken", "ORIËNTATIE"),
                                                                  ("recensies lezen", "Oriëntatie")))
    assert touchpoints(third["data"], "Oriëntatie") == ["Recensies lezen", "Website bekijken"]
    assert touchpoints(third["data"], "Gebruik") == ["Factuur"]
    assert (third["added"], third["counted"]) == (0, 2)
    assert {(c["text"], c["count"]) for c in counted(CJC, third["data"], third["session"])} == {
        ("Website bekijken", 3), ("Recensies lezen", 2)}
    assert third["session"]["participants"]["touchpoints"] == ["phone01", "phone02", "phone03"]


def test_one_person_writing_the_same_twice_counts_once() -> None:
    result = merge(CJC, {}, new_session(CJC), sent("contrib01", "phone01", ("Factuur", "Gebruik"), ("factuur.", "Gebruik")))
    assert touchpoints(result["data"], "Gebruik") == ["Factuur"] and counted(CJC, result["data"], result["session"]) == []


def test_a_contribution_is_never_applied_twice() -> None:
    message = sent("contrib01", "phone01", ("Factuur", "Gebruik"))
    once = merge(CJC, {}, new_session(CJC), message)
    twice = merge(CJC, once["data"], once["session"], message)
    assert twice["again"] and twice["data"] == once["data"] and twice["session"] == once["session"]


def test_a_near_duplicate_is_added_and_offered_never_merged_silently() -> None:
    once = merge(CJC, {}, new_session(CJC), sent("contrib01", "phone01", ("Website bekijken", "Oriëntatie")))
    near = merge(CJC, once["data"], once["session"], sent("contrib02", "phone02", ("Websites bekijken", "Oriëntatie")))
    assert touchpoints(near["data"], "Oriëntatie") == ["Website bekijken", "Websites bekijken"]
    offer = near["session"]["offers"][0]
    assert (offer["text"], offer["like"]) == ("Websites bekijken", "Website bekijken")
    accepted = accept_offer(CJC, near["data"], near["session"], 0)
    assert touchpoints(accepted["data"], "Oriëntatie") == ["Website bekijken"]
    assert counted(CJC, accepted["data"], accepted["session"])[0]["count"] == 2
    kept = dismiss_offer(near["session"], 0)
    assert kept["offers"] == [] and kept["counts"] == near["session"]["counts"]
    back = undo(accepted["data"], accepted["session"])
    assert touchpoints(back["data"], "Oriëntatie") == ["Website bekijken", "Websites bekijken"]


def test_every_merge_can_be_undone_in_turn() -> None:
    start = new_session(CJC)
    one = merge(CJC, {}, start, sent("contrib01", "phone01", ("Factuur", "Gebruik")))
    two = merge(CJC, one["data"], one["session"], sent("contrib02", "phone02", ("Factuur", "Gebruik")))
    back = undo(two["data"], two["session"])
    assert back["data"] == one["data"] and back["session"] == one["session"]
    assert "Phone02" in back["label"]
    again = merge(CJC, back["data"], back["session"], sent("contrib02", "phone02", ("Factuur", "Gebruik")))
    assert not again["again"]  # undone, so it may be applied once more
    first = undo(back["data"], back["session"])
    assert first["session"]["applied"] == [] and first["data"].get("fases", []) == []
    with pytest.raises(ImportProblem, match="niets om ongedaan"):
        undo(first["data"], first["session"])


def test_what_does_not_fit_is_parked_not_dropped() -> None:
    full = {"fases": [{"naam": "Gebruik", "contactmomenten": [{"omschrijving": f"Punt {i}"} for i in range(8)]}]}
    result = merge(CJC, full, new_session(CJC), sent("contrib01", "phone01", ("Nieuw", "Gebruik")))
    assert result["parked"] == 1 and result["session"]["parked"] == [{"step": "touchpoints", "text": "Nieuw", "in": "Gebruik"}]


def test_a_flat_list_takes_items_without_a_parent() -> None:
    pyramid = get_canvas("klanttype-piramide")
    message = contribution(pyramid, "buiten", "contrib01", "phone01", "", "", [{"text": "Accountant"}, {"text": "De bank"}])
    result = merge(pyramid, {"buiten": ["accountant"]}, new_session(pyramid), message)
    assert result["data"]["buiten"] == ["accountant", "De bank"]
    assert counted(pyramid, result["data"], result["session"]) == [{"step": "buiten", "in": "", "text": "accountant", "count": 2}]
