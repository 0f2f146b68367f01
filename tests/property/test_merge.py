"""Properties of merging participants' contributions: merging one twice changes nothing, the order
of contributions does not change the result, and nothing anyone typed is ever dropped. And the
workshop facade answers hostile input with a message that changes nothing."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from kc_strategies import CANVAS_IDS, answer, count, hostile_text, json_scalar, json_value, languages

from klantcanvas import get_canvas
from klantcanvas.contributions import contribution, merge, normalised
from klantcanvas.fill import ImportProblem
from klantcanvas.session import new_session
from klantcanvas.workshop import ACTIONS

CJC = get_canvas("customer-journey-canvas")
PHASES = ["Oriëntatie", "orientatie", "Gebruik", "GEBRUIK!", ""]
#: Few, similar words, so that duplicates and near-duplicates are common.
WORDS = st.sampled_from(["Factuur", "factuur", "Factuur.", "Website", "Websites", "website bekijken", "Café", "cafe",
                         "Storing", "storing!", "!!!", "Offerte per mail", "😀"])
item = st.builds(lambda text, phase: {"text": text, "in": phase}, WORDS | hostile_text.filter(lambda t: 0 < len(t) < 150),
                 st.sampled_from(PHASES))


@st.composite
def contributions(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for n in range(draw(st.integers(1, 4))):
        items = draw(st.lists(item, min_size=1, max_size=4))
        try:
            out.append(contribution(CJC, "touchpoints", f"contrib{n:03d}", f"phone{n:03d}", "", "", items))
        except ImportProblem:  # a text that is blank once cleaned: the page refuses to send it
            continue
    return out


def merged(messages: list[dict[str, Any]], data: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
    session = new_session(CJC)
    data = data or {}
    for message in messages:
        result = merge(CJC, data, session, message)
        data, session = result["data"], result["session"]
    return data, session


def content(data: dict[str, Any], session: dict[str, Any]) -> Counter[tuple[str, str, int]]:
    """What the canvas holds, ignoring order: (phase, item, count) for each touchpoint, and what was parked."""
    found: Counter[tuple[str, str, int]] = Counter()
    for phase in data.get("fases", []):
        key = f"fases/contactmomenten/omschrijving|{normalised(phase['naam'])}"
        for tp in phase["contactmomenten"]:
            n = session["counts"].get(key, {}).get(normalised(tp["omschrijving"]), 1)
            found[(normalised(phase["naam"]), tp["omschrijving"], n)] += 1
    for parked in session.get("parked", []):
        found[(normalised(parked["in"]), parked["text"], 0)] += 1
    return found


@given(contributions())
def test_merging_the_same_contribution_twice_changes_nothing(messages: list[dict[str, Any]]) -> None:
    count("merge twice")
    data, session = merged(messages)
    for message in messages:
        result = merge(CJC, data, session, message)
        assert result["again"] and result["data"] == data and result["session"] == session


@given(contributions(), st.randoms(use_true_random=False))
def test_the_order_of_contributions_does_not_change_the_result(messages: list[dict[str, Any]], rnd: Any) -> None:
    count("merge order")
    shuffled = list(messages)
    rnd.shuffle(shuffled)
    assert content(*merged(messages)) == content(*merged(shuffled))


@given(contributions())
def test_nothing_typed_is_ever_dropped(messages: list[dict[str, Any]]) -> None:
    count("merge keeps all")
    data, session = merged(messages)
    held = {(phase, normalised(text)) for phase, text, _ in content(data, session)}
    for message in messages:
        for entry in message["items"]:
            assert (normalised(entry["in"]), normalised(entry["text"])) in held
    # And the counts add up: every distinct (phase, text) of every contribution is one voice.
    voices = Counter((normalised(e["in"]), normalised(e["text"])) for m in messages
                     for e in {(normalised(i["in"]), normalised(i["text"])): i for i in m["items"]}.values())
    for (phase, text, n) in content(data, session):
        if n:
            assert n == voices[(phase, normalised(text))]


@given(st.fixed_dictionaries(
    {"method": st.just("workshop"), "action": st.one_of(st.sampled_from(sorted(ACTIONS)), json_scalar)},
    optional={"canvas": st.one_of(st.sampled_from(CANVAS_IDS), json_scalar), "lang": languages, "data": json_value,
              "session": json_value, "text": st.one_of(hostile_text, json_scalar), "fragment": json_scalar,
              "step": st.one_of(st.sampled_from(["touchpoints", "cruciaal", "doel", "buiten"]), json_scalar),
              "items": json_value, "dots": json_value, "index": json_scalar, "do": json_scalar,
              "remaining": json_scalar, "budget": json_scalar, "vote": json_scalar, "from": json_scalar,
              "id": json_scalar, "link": json_scalar, "format": json_scalar, "top": json_scalar, "minutes": json_value}))
def test_the_workshop_facade_answers_hostile_input(request: dict[str, Any]) -> None:
    count("workshop")
    answer(request)
