"""Dot voting in a workshop: a budget of dots per person over a fixed set of items, once per person.

``start`` freezes the items of a step (its ``items`` path in the canvas data) and a budget under
``session["votes"][step]`` with a random vote id. A ballot is a small message (link ``kcv1.…`` or
the same JSON as a file) or typed on the big screen::

    {"format": "klantcanvas-vote", "version": 1, "vote": "<vote id>", "from": "<random>",
     "canvas": "customer-journey-canvas", "step": "cruciaal", "dots": [2, 0, 1, 0]}

``dots`` has one whole number per item, at most the budget together. A second ballot from the same
person is not counted again. ``accept`` marks the top items in the step's flag field (for example
"Cruciaal touchpoint"); it can be undone like a merge.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from klantcanvas.contributions import ID, Target, remember, normalised, target
from klantcanvas.fill import ImportProblem, fill
from klantcanvas.i18n import t
from klantcanvas.model import Canvas
from klantcanvas.packed import pack, unpack

__all__ = ["BALLOT", "INVITE", "accept", "ballot", "cast", "invitation", "read_ballot", "read_invitation", "start", "tally"]

BALLOT = "klantcanvas-vote"
INVITE = "klantcanvas-vote-invitation"
BALLOT_PREFIX = "kcv1."
INVITE_PREFIX = "kcvi1."
MAX_BUDGET = 20
MAX_VOTE_ITEMS = 80


def _items(where: Target, data: Mapping[str, Any]) -> list[dict[str, str]]:
    if where.parent is None or where.label is None:
        return [{"text": text} for text in where.texts(list(data.get(where.container.id, [])))]
    out = []
    for record in data.get(where.parent.id, []):
        parent = str(record.get(where.label.id, ""))
        out += [{"text": text, "in": parent} for text in where.texts(list(record.get(where.container.id, [])))]
    return out


def start(canvas: Canvas, data: Any, session: Mapping[str, Any], step_id: str, budget: Any, vote_id: str) -> dict[str, Any]:
    """The session with a new vote on the current items of step ``step_id``."""
    step, where = target(canvas, step_id)
    if not isinstance(budget, int) or isinstance(budget, bool) or not 1 <= budget <= MAX_BUDGET:
        raise ImportProblem(t("workshop.bad_budget", maximum=MAX_BUDGET))
    if not ID.match(vote_id):
        raise ImportProblem(t("workshop.bad_vote"))
    items = _items(where, fill(canvas, data).as_json_data())[:MAX_VOTE_ITEMS]
    if not items:
        raise ImportProblem(t("workshop.nothing_to_vote"))
    state = copy.deepcopy(dict(session))
    state.setdefault("votes", {})[step.id] = {"id": vote_id, "budget": budget, "items": items, "ballots": {}, "accepted": 0}
    return state


def _vote(canvas: Canvas, session: Mapping[str, Any], step_id: Any) -> dict[str, Any]:
    vote = session.get("votes", {}).get(step_id) if isinstance(step_id, str) else None
    if not isinstance(vote, dict):
        raise ImportProblem(t("workshop.no_vote"))
    return vote


def invitation(canvas: Canvas, session: Mapping[str, Any], step_id: str) -> str:
    """The fragment of a vote link: what phones need to vote (the items' texts), nothing more."""
    vote = _vote(canvas, session, step_id)
    return pack(INVITE_PREFIX, {"format": INVITE, "version": 1, "canvas": canvas.id, "step": step_id,
                                "session": session.get("name", ""), "vote": vote["id"], "budget": vote["budget"],
                                "items": vote["items"]})


def read_invitation(canvas: Canvas, value: object) -> dict[str, Any]:
    raw = unpack(INVITE_PREFIX, value, "workshop.bad_vote")
    if (not isinstance(raw, dict) or raw.get("format") != INVITE or raw.get("canvas") != canvas.id
            or not isinstance(raw.get("vote"), str) or not isinstance(raw.get("budget"), int)
            or not isinstance(raw.get("items"), list)):
        raise ImportProblem(t("workshop.bad_vote"))
    step, _ = target(canvas, raw.get("step"))
    items = [{"text": str(i.get("text", ""))[:400], "in": str(i.get("in", ""))[:200]}
             for i in raw["items"][:MAX_VOTE_ITEMS] if isinstance(i, dict)]
    return {"canvas": canvas.id, "step": step.id, "title": step.title, "session": str(raw.get("session", ""))[:80],
            "vote": raw["vote"], "budget": min(max(raw["budget"], 1), MAX_BUDGET), "items": items}


def ballot(canvas: Canvas, step_id: str, vote_id: str, sender: str, dots: list[Any]) -> dict[str, Any]:
    return {"format": BALLOT, "version": 1, "vote": vote_id, "from": sender, "canvas": canvas.id, "step": step_id, "dots": dots}


def as_fragment(message: Mapping[str, Any]) -> str:
    return pack(BALLOT_PREFIX, dict(message))


def read_ballot(value: object) -> dict[str, Any]:
    raw = unpack(BALLOT_PREFIX, value, "workshop.bad_ballot")
    if not isinstance(raw, dict) or raw.get("format") != BALLOT:
        raise ImportProblem(t("workshop.bad_ballot"))
    return raw


def cast(canvas: Canvas, session: Mapping[str, Any], message: Mapping[str, Any]) -> dict[str, Any]:
    """``{"session", "again"}``: the ballot counted, or ``again`` when this person already voted.
    A ballot for another canvas, vote or with too many dots raises ImportProblem."""
    if message.get("canvas") != canvas.id:
        raise ImportProblem(t("workshop.other_canvas", this=canvas.title))
    vote = _vote(canvas, session, message.get("step"))
    sender, dots = message.get("from"), message.get("dots")
    if message.get("vote") != vote["id"] or not isinstance(sender, str) or not ID.match(sender):
        raise ImportProblem(t("workshop.bad_ballot"))
    if (not isinstance(dots, list) or len(dots) != len(vote["items"])
            or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in dots)):
        raise ImportProblem(t("workshop.bad_ballot"))
    if sum(dots) > vote["budget"]:
        raise ImportProblem(t("workshop.over_budget", budget=vote["budget"]))
    if sender in vote["ballots"]:
        return {"session": copy.deepcopy(dict(session)), "again": True}
    state = copy.deepcopy(dict(session))
    state["votes"][message["step"]]["ballots"][sender] = list(dots)
    return {"session": state, "again": False}


def tally(session: Mapping[str, Any], step_id: str) -> list[dict[str, Any]]:
    """The vote's items with their dots, most dots first (ties in the items' order)."""
    vote = session.get("votes", {}).get(step_id)
    if not isinstance(vote, dict):
        return []
    totals = [0] * len(vote["items"])
    for dots in vote["ballots"].values():
        for index, n in enumerate(dots[: len(totals)]):
            totals[index] += n
    rows = [{**item, "dots": totals[i], "index": i} for i, item in enumerate(vote["items"])]
    return sorted(rows, key=lambda r: (-r["dots"], r["index"]))


def accept(canvas: Canvas, data: Any, session: Mapping[str, Any], step_id: str, top: Any) -> dict[str, Any]:
    """Mark the ``top`` items with the most dots (and at least one) in the step's flag field."""
    step, where = target(canvas, step_id)
    flag = next((p.rsplit("/", 1)[-1] for p in step.fields
                 if where.record is not None and canvas.field_path(p)[-1].kind == "flag"
                 and canvas.field_path(p)[-2] is where.container), None)
    if flag is None or not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ImportProblem(t("workshop.cannot_accept"))
    plain: dict[str, Any] = fill(canvas, data).as_json_data()
    state = copy.deepcopy(dict(session))
    remember(t("workshop.undo_accept", step=step.title), plain, state)
    chosen = {(normalised(r.get("in", "")), normalised(r["text"])) for r in tally(state, step.id)[:top] if r["dots"] > 0}
    records = [(None, plain.get(where.container.id, []))] if where.parent is None or where.label is None else [
        (str(p.get(where.label.id, "")), p.get(where.container.id, [])) for p in plain.get(where.parent.id, [])]
    assert where.record is not None
    for parent, container in records:
        for record in container:
            key = (normalised(parent or ""), normalised(str(record.get(where.record.id, ""))))
            record[flag] = key in chosen or bool(record.get(flag))
    state["votes"][step.id]["accepted"] = top
    return {"data": fill(canvas, plain).as_json_data(), "session": state}
