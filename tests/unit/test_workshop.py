"""The workshop's facade actions, as the page calls them through ``browser.handle``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from klantcanvas.browser import handle
from klantcanvas.runtime import needs

CJC = "customer-journey-canvas"


def call(**request: Any) -> tuple[dict[str, Any], bytes | None]:
    meta, body = handle(json.dumps({"method": "workshop", "canvas": CJC, **request}))
    return json.loads(meta), body


def test_the_plan_is_the_agenda_with_the_facilitators_minutes() -> None:
    meta, _ = call(action="plan", name="Team", minutes={"doel": 8}, lang="en")
    state = meta["state"]
    assert state["planned"] == 48 and state["agenda"][0]["minutes"] == 8 and state["agenda"][0]["title"] == "Set the goal"
    assert state["step"]["title"] == "Set the goal" and state["session"]["name"] == "Team"


def test_a_participant_link_carries_method_step_and_session_but_never_the_canvas() -> None:
    plan, _ = call(action="plan", name="Team koffie", data={"doel": "Geheim doel"})
    invite, _ = call(action="invite", step="touchpoints", session=plan["state"]["session"], data={"doel": "Geheim doel"})
    read, _ = call(action="read_invite", fragment=invite["fragment"])
    assert read["title"] == "Touchpoints per fase" and read["session"] == "Team koffie"
    assert read["items_label"] == "Touchpoint" and read["parent_label"] == "Fase"
    from klantcanvas.packed import unpack
    from klantcanvas.workshop import INVITE_PREFIX

    assert unpack(INVITE_PREFIX, invite["fragment"], "workshop.bad_invite") == {
        "canvas": CJC, "step": "touchpoints", "session": "Team koffie"}


def test_contribute_merge_undo_through_the_facade() -> None:
    plan, _ = call(action="plan", name="Team")
    made, _ = call(action="contribute", step="touchpoints", id="contrib01", **{"from": "phone001"}, name="Anna",
                   session_name="Team", items=[{"text": "Factuur", "in": "Gebruik"}])
    assert made["fragment"].startswith("kcp1.") and made["filename"].endswith(".json")
    merged, _ = call(action="merge", text=made["fragment"], session=plan["state"]["session"])
    assert merged["merged"]["added"] == 1 and merged["state"]["can_undo"]
    again, _ = call(action="merge", text=made["text"], session=merged["state"]["session"], data=merged["data"])
    assert again["merged"]["again"] and "al samengevoegd" in again["message"]
    bad, _ = call(action="merge", text="kcp1.garbage", session=merged["state"]["session"], data=merged["data"])
    assert not bad["ok"] and "niets veranderd" in bad["message"]
    undone, _ = call(action="undo", session=merged["state"]["session"], data=merged["data"])
    assert undone["data"]["fases"] == [] and not undone["state"]["can_undo"]


def test_a_vote_through_links() -> None:
    data = {"fases": [{"naam": "Gebruik", "contactmomenten": [{"omschrijving": "Factuur"}, {"omschrijving": "Storing"}]}]}
    started, _ = call(action="vote_start", step="cruciaal", budget=3, vote="vote0001", data=data)
    invite, _ = call(action="vote_invite", step="cruciaal", session=started["state"]["session"])
    read, _ = call(action="read_vote_invite", fragment=invite["fragment"])
    assert read["budget"] == 3 and len(read["items"]) == 2
    over, _ = call(action="ballot", step="cruciaal", vote="vote0001", **{"from": "phone001"}, dots=[3, 1], budget=3)
    assert not over["ok"] and "3 stippen" in over["message"]
    made, _ = call(action="ballot", step="cruciaal", vote="vote0001", **{"from": "phone001"}, dots=[1, 2], budget=3)
    cast, _ = call(action="cast", text=made["fragment"], session=started["state"]["session"], data=data)
    from klantcanvas.voting import tally

    assert [(r["text"], r["dots"]) for r in tally(cast["state"]["session"], "cruciaal")] == [("Storing", 2), ("Factuur", 1)]


def test_the_timer_actions_move_through_the_agenda() -> None:
    plan, _ = call(action="plan")
    started, _ = call(action="act", do="start", session=plan["state"]["session"])
    moved, _ = call(action="act", do="next", remaining=12, session=started["state"]["session"])
    assert moved["state"]["step"]["id"] == "persona" and moved["state"]["agenda"][0]["spent"] == 288


def test_reports_and_qr_codes_come_with_what_they_need_loaded() -> None:
    assert needs(json.dumps({"method": "workshop", "action": "qr"})) == ["segno"]
    assert needs(json.dumps({"method": "workshop", "action": "report", "format": "pdf"})) == ["fpdf2", "klantcanvas-fonts"]
    assert needs(json.dumps({"method": "workshop", "action": "report", "format": "md"})) == []
    meta, body = call(action="report", format="md", data={"doel": "Doel"})
    assert meta["filename"] == f"{CJC}-sessieverslag.md" and body is not None and b"## Agenda" in body


@pytest.mark.host_only
def test_a_qr_code_is_drawn_locally_one_square_per_dark_module() -> None:
    import re

    import segno

    link = "https://example.org/klantcanvas/#kcw=kcw1.abc"
    meta, _ = call(action="qr", link=link, label="Scan")
    assert meta["svg"].startswith("<svg") and 'aria-label="Scan"' in meta["svg"]
    runs = [int(n) for n in re.findall(r"h(\d+)v1", meta["svg"])]
    assert sum(runs) == sum(sum(row) for row in segno.make(link, error="m", micro=False).matrix)
    too_long, _ = call(action="qr", link="x" * 3000)
    assert not too_long["ok"]
