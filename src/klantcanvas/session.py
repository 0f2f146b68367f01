"""The state of a running workshop, saved with the canvas, and the agenda it follows.

A session is plain JSON data, kept beside the form data (in the browser's storage and under
``session`` in the saved file, which older versions ignore, so old files still open)::

    {"version": 1, "name": "Team koffie", "step": 2, "minutes": {"doel": 5, ...},
     "extra": {"doel": 1}, "remaining": 183, "running": true, "spent": {"doel": 320},
     "applied": [...], "participants": {"touchpoints": [...]}, "counts": {...}, "added": {...},
     "offers": [...], "parked": [...], "votes": {...}, "history": [...], "done": false}

The page's clock counts ``remaining`` down (below zero is overtime); the engine is told what
happened (``act``): start, pause, resume, a minute more, next, previous, go to a step, finish.
Time spent on a step is what it was given minus what was left when the room moved on, so the
engine never reads a clock. ``checked`` reads a session from outside leniently: what is malformed
is left out, never fatal.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from klantcanvas.fill import ImportProblem, clean_text
from klantcanvas.i18n import t
from klantcanvas.model import Canvas

__all__ = ["ACTIONS", "VERSION", "act", "agenda", "allotted", "checked", "new_session"]

VERSION = 1
ACTIONS = ("start", "pause", "resume", "add_minute", "next", "previous", "goto", "finish", "tick")
MAX_MINUTES = 240


def new_session(canvas: Canvas, name: str = "", minutes: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A session not yet started, with the definition's minutes or the facilitator's changes."""
    plan = {s.id: s.minutes for s in canvas.steps}
    for step_id, value in (minutes or {}).items():
        if step_id in plan and isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_MINUTES:
            plan[step_id] = value
    return {
        "version": VERSION, "name": " ".join(clean_text(name).split())[:80], "step": 0, "minutes": plan,
        "extra": {}, "remaining": None, "running": False, "spent": {}, "applied": [], "participants": {},
        "counts": {}, "added": {}, "offers": [], "parked": [], "votes": {}, "history": [], "done": False,
    }


def _ints(value: Any, keys: set[str], low: int, high: int) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items()
            if k in keys and isinstance(v, int) and not isinstance(v, bool) and low <= v <= high}


def _texts(value: Any, limit: int = 500) -> list[str]:
    return [v for v in value[:limit] if isinstance(v, str)] if isinstance(value, list) else []


def checked(canvas: Canvas, raw: Any) -> dict[str, Any] | None:
    """The session in ``raw`` (from storage or a file), its malformed parts left out; None when
    ``raw`` holds no session at all. A session of a newer version is refused (ImportProblem)."""
    if not isinstance(raw, dict):
        return None
    version = raw.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise ImportProblem(t("workshop.newer_session"))
    ids = {s.id for s in canvas.steps}
    name = raw.get("name")
    session = new_session(canvas, name if isinstance(name, str) else "", _ints(raw.get("minutes"), ids, 1, MAX_MINUTES))
    step = raw.get("step")
    if isinstance(step, int) and not isinstance(step, bool) and 0 <= step < max(len(canvas.steps), 1):
        session["step"] = step
    remaining = raw.get("remaining")
    if isinstance(remaining, (int, float)) and not isinstance(remaining, bool) and abs(remaining) < 1e7:
        session["remaining"] = int(remaining)
    session["running"] = raw.get("running") is True
    session["done"] = raw.get("done") is True
    session["extra"] = _ints(raw.get("extra"), ids, 0, 10 * MAX_MINUTES)
    session["spent"] = _ints(raw.get("spent"), ids, 0, 10**7)
    session["applied"] = _texts(raw.get("applied"), 10_000)
    people = raw.get("participants")
    if isinstance(people, dict):
        session["participants"] = {k: _texts(v) for k, v in people.items() if k in ids}
    counts = raw.get("counts")
    if isinstance(counts, dict):
        session["counts"] = {k: _ints(v, set(v), 1, 10**6) for k, v in counts.items() if isinstance(k, str) and isinstance(v, dict)}
    added = raw.get("added")
    if isinstance(added, dict):
        session["added"] = {k: _texts(v, 10_000) for k, v in added.items() if isinstance(k, str)}
    for key in ("offers", "parked", "history"):
        value = raw.get(key)
        if isinstance(value, list):
            session[key] = [copy.deepcopy(v) for v in value if isinstance(v, dict)]
    votes = raw.get("votes")
    if isinstance(votes, dict):
        session["votes"] = {k: vote for k, v in votes.items() if k in ids and (vote := _vote(v)) is not None}
    return session


def _vote(raw: Any) -> dict[str, Any] | None:
    """A stored vote in the shape klantcanvas.voting keeps, or None (then it is left out)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not isinstance(raw.get("items"), list):
        return None
    budget, accepted, ballots = raw.get("budget"), raw.get("accepted", 0), raw.get("ballots")
    if not (isinstance(budget, int) and not isinstance(budget, bool) and 1 <= budget <= 100):
        return None
    items = [{"text": i["text"][:400], **({"in": i["in"][:200]} if isinstance(i.get("in"), str) else {})}
             for i in raw["items"][:200] if isinstance(i, dict) and isinstance(i.get("text"), str)]
    if len(items) != len(raw["items"]) or not isinstance(ballots, dict):
        return None
    kept = {who: list(dots) for who, dots in ballots.items()
            if isinstance(who, str) and isinstance(dots, list) and len(dots) == len(items)
            and all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= budget for d in dots)}
    return {"id": raw["id"][:80], "budget": budget, "items": items, "ballots": kept,
            "accepted": accepted if isinstance(accepted, int) and not isinstance(accepted, bool) and accepted >= 0 else 0}


def allotted(session: Mapping[str, Any], step_id: str) -> int:
    """Seconds a step is given: its planned minutes plus every minute added in the room."""
    return 60 * (int(session["minutes"].get(step_id, 0)) + int(session["extra"].get(step_id, 0)))


def _leave(canvas: Canvas, session: dict[str, Any]) -> None:
    if not canvas.steps or session["remaining"] is None:
        return
    step_id = canvas.steps[session["step"]].id
    session["spent"][step_id] = max(0, allotted(session, step_id) - int(session["remaining"]))


def _enter(canvas: Canvas, session: dict[str, Any], index: int) -> None:
    index = min(max(index, 0), len(canvas.steps) - 1)
    step_id = canvas.steps[index].id
    session["step"] = index
    session["remaining"] = allotted(session, step_id) - int(session["spent"].get(step_id, 0))


def act(canvas: Canvas, session: Mapping[str, Any], action: str, remaining: Any = None, step: Any = None) -> dict[str, Any]:
    """The session after ``action`` (one of ACTIONS); ``remaining`` is what the page's clock shows
    now (seconds, may be negative), ``step`` the index for "goto"."""
    if action not in ACTIONS:
        raise ImportProblem(t("workshop.unknown_action"))
    if not canvas.steps:
        raise ImportProblem(t("workshop.no_steps", canvas=canvas.title))
    state = copy.deepcopy(dict(session))
    if isinstance(remaining, (int, float)) and not isinstance(remaining, bool) and state["remaining"] is not None:
        state["remaining"] = int(max(min(remaining, 10**6), -(10**6)))
    if action == "start":
        state["done"] = False
        _enter(canvas, state, state["step"])
        state["running"] = True
    elif action == "pause":
        state["running"] = False
    elif action == "resume":
        state["running"] = True
    elif action == "add_minute":
        step_id = canvas.steps[state["step"]].id
        state["extra"][step_id] = int(state["extra"].get(step_id, 0)) + 1
        state["remaining"] = int(state["remaining"] if state["remaining"] is not None else 0) + 60
    elif action in ("next", "previous", "goto"):
        index = state["step"] + (1 if action == "next" else -1)
        if action == "goto":
            if not isinstance(step, int) or isinstance(step, bool) or not 0 <= step < len(canvas.steps):
                raise ImportProblem(t("workshop.unknown_action"))
            index = step
        _leave(canvas, state)
        _enter(canvas, state, index)
    elif action == "finish":
        _leave(canvas, state)
        state["running"] = False
        state["done"] = True
    return state


def agenda(canvas: Canvas, session: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """The plan as rows: id, title, planned minutes, whether alone/vote, seconds spent (None when
    not reached), and how many participants sent something."""
    rows = []
    for index, step in enumerate(canvas.steps):
        planned = session["minutes"].get(step.id, step.minutes) if session else step.minutes
        spent = session["spent"].get(step.id) if session else None
        rows.append({
            "id": step.id, "title": step.title, "instruction": step.instruction, "minutes": planned,
            "fields": list(step.fields), "alone": step.alone, "vote": step.vote, "spent": spent,
            "participants": len(session["participants"].get(step.id, [])) if session else 0,
            "current": session is not None and session["step"] == index,
        })
    return rows
