"""The workshop's part of the browser facade: ``browser.handle`` passes {"method": "workshop"} here.

Request: ``{"method": "workshop", "action": ..., "canvas": id, "lang": ..., ...}``. Every action
answers as the rest of the facade: a dict of JSON data (and bytes for the report), or
ImportProblem with a message for the user. The room screen's state (``state``) comes back with
every action that changes something, so the page never works out the session itself.

Actions: plan, state, act, invite, read_invite, contribute, merge, undo, accept_offer,
dismiss_offer, vote_start, vote_invite, read_vote_invite, ballot, cast, vote_accept, qr, report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from klantcanvas import contributions, session as sessions, voting
from klantcanvas.fill import ImportProblem, clean_text, fill
from klantcanvas.i18n import t
from klantcanvas.model import Canvas
from klantcanvas.packed import pack, unpack

__all__ = ["ACTIONS", "INVITE_PREFIX", "answer"]

INVITE_PREFIX = "kcw1."
Answer = tuple[dict[str, Any], bytes | None]


def _text(request: Mapping[str, Any], key: str, limit: int) -> str:
    value = request.get(key)
    return " ".join(clean_text(value).split())[:limit] if isinstance(value, str) else ""


def _session(canvas: Canvas, request: Mapping[str, Any]) -> dict[str, Any]:
    return sessions.checked(canvas, request.get("session")) or sessions.new_session(canvas)


def _data(canvas: Canvas, request: Mapping[str, Any]) -> dict[str, Any]:
    return fill(canvas, request.get("data")).as_json_data()


def state(canvas: Canvas, data: Any, session: dict[str, Any]) -> dict[str, Any]:
    """Everything the room screen shows, as data (the session itself included, to be saved)."""
    step = canvas.steps[session["step"]] if canvas.steps else None
    items_label = parent_label = ""
    if step is not None and step.items:
        where = contributions.Target(canvas, step)
        items_label = (where.record or where.container).label
        parent_label = where.parent.entry_label if where.parent is not None else ""
    return {
        "session": session, "agenda": sessions.agenda(canvas, session),
        "planned": sum(r["minutes"] for r in sessions.agenda(canvas, session)),
        "step": None if step is None else {
            "index": session["step"], "id": step.id, "title": step.title, "instruction": step.instruction,
            "fields": list(step.fields), "items": step.items, "alone": step.alone, "vote": step.vote, "items_label": items_label,
            "parent_label": parent_label, "allotted": sessions.allotted(session, step.id),
            "participants": len(session["participants"].get(step.id, [])),
            "tally": voting.tally(session, step.id), "has_vote": step.id in session.get("votes", {}),
        },
        "counted": contributions.counted(canvas, data, session),
        "offers": session.get("offers", []), "parked": session.get("parked", []),
        "can_undo": bool(session.get("history")),
        "undo_label": session["history"][-1]["label"] if session.get("history") else "",
    }


def _with_state(canvas: Canvas, data: Any, session: dict[str, Any], **more: Any) -> Answer:
    return {"data": data, "state": state(canvas, data, session), **more}, None


def _plan(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    minutes = request.get("minutes")
    fresh = sessions.new_session(canvas, _text(request, "name", 80), minutes if isinstance(minutes, dict) else None)
    return _with_state(canvas, _data(canvas, request), fresh)


def _state(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    return _with_state(canvas, _data(canvas, request), _session(canvas, request))


def _act(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    action = request.get("do")
    new = sessions.act(canvas, _session(canvas, request), action if isinstance(action, str) else "",
                       request.get("remaining"), request.get("step"))
    return _with_state(canvas, _data(canvas, request), new)


def _invite(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    step, _ = contributions.target(canvas, request.get("step"))
    name = _session(canvas, request).get("name", "")
    return {"fragment": pack(INVITE_PREFIX, {"canvas": canvas.id, "step": step.id, "session": name})}, None


def _read_invite(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    raw = unpack(INVITE_PREFIX, request.get("fragment"), "workshop.bad_invite")
    if not isinstance(raw, dict) or raw.get("canvas") != canvas.id:
        raise ImportProblem(t("workshop.bad_invite"))
    step, where = contributions.target(canvas, raw.get("step"))
    return {"step": step.id, "title": step.title, "instruction": step.instruction,
            "session": _text(raw, "session", 80), "items_label": (where.record or where.container).label,
            "parent_label": where.parent.entry_label if where.parent is not None else "",
            "max_length": where.max_length, "max_items": contributions.MAX_ITEMS}, None


def _contribute(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    items = request.get("items")
    message = contributions.contribution(
        canvas, str(request.get("step")), str(request.get("id")), str(request.get("from")), _text(request, "name", 60),
        _text(request, "session_name", 80), items if isinstance(items, list) else [])
    import json

    text = json.dumps(message, ensure_ascii=False, indent=1) + "\n"
    return {"fragment": contributions.as_fragment(message), "text": text,
            "filename": f"{canvas.id}-{message['step']}-{message['id'][:8]}.json"}, None


def _merge(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    message = contributions.read_contribution(canvas, request.get("text"))
    result = contributions.merge(canvas, _data(canvas, request), _session(canvas, request), message)
    summary = {k: result[k] for k in ("added", "counted", "parked", "offers", "again")}
    return _with_state(canvas, result["data"], result["session"], merged=summary,
                       name=message["name"], message=t("workshop.already_applied") if result["again"] else "")


def _undo(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    result = contributions.undo(_data(canvas, request), _session(canvas, request))
    return _with_state(canvas, fill(canvas, result["data"]).as_json_data(), sessions.checked(canvas, result["session"]) or {},
                       undone=result["label"])


def _index(request: Mapping[str, Any]) -> int:
    index = request.get("index")
    return index if isinstance(index, int) and not isinstance(index, bool) else -1


def _accept_offer(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    result = contributions.accept_offer(canvas, _data(canvas, request), _session(canvas, request), _index(request))
    return _with_state(canvas, result["data"], result["session"])


def _dismiss_offer(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    return _with_state(canvas, _data(canvas, request), contributions.dismiss_offer(_session(canvas, request), _index(request)))


def _vote_start(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    data = _data(canvas, request)
    new = voting.start(canvas, data, _session(canvas, request), str(request.get("step")), request.get("budget"),
                       str(request.get("vote")))
    return _with_state(canvas, data, new)


def _vote_invite(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    return {"fragment": voting.invitation(canvas, _session(canvas, request), str(request.get("step")))}, None


def _read_vote_invite(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    return voting.read_invitation(canvas, request.get("fragment")), None


def _ballot(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    dots = request.get("dots")
    message = voting.ballot(canvas, str(request.get("step")), str(request.get("vote")), str(request.get("from")),
                            dots if isinstance(dots, list) else [])
    budget = request.get("budget")
    if isinstance(budget, int) and isinstance(dots, list) and sum(d for d in dots if isinstance(d, int)) > budget:
        raise ImportProblem(t("workshop.over_budget", budget=budget))
    import json

    return {"fragment": voting.as_fragment(message), "text": json.dumps(message) + "\n",
            "filename": f"{canvas.id}-{t('workshop.vote_file')}-{str(request.get('from'))[:8]}.json"}, None


def _cast(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    message = request.get("ballot")
    if not isinstance(message, dict):
        message = voting.read_ballot(request.get("text"))
    result = voting.cast(canvas, _session(canvas, request), message)
    return _with_state(canvas, _data(canvas, request), result["session"], again=result["again"],
                       message=t("workshop.already_voted") if result["again"] else "")


def _vote_accept(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    result = voting.accept(canvas, _data(canvas, request), _session(canvas, request), str(request.get("step")), request.get("top"))
    return _with_state(canvas, result["data"], result["session"])


def _qr(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    from klantcanvas.qr import MAX_LINK, qr_svg

    link = request.get("link")
    if not isinstance(link, str) or not 0 < len(link) <= MAX_LINK:
        raise ImportProblem(t("workshop.link_too_long"))
    return {"svg": qr_svg(link, _text(request, "label", 200))}, None


def _report(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    from klantcanvas import report

    filled = fill(canvas, request.get("data"))
    session = _session(canvas, request)
    if request.get("format") == "md":
        return ({"filename": report.filename(filled, "md"), "mime": "text/markdown"},
                report.as_markdown(filled, session).encode("utf-8"))
    return {"filename": report.filename(filled, "pdf"), "mime": "application/pdf"}, report.as_pdf(filled, session)


ACTIONS: dict[str, Callable[[Canvas, Mapping[str, Any]], Answer]] = {
    "plan": _plan, "state": _state, "act": _act, "invite": _invite, "read_invite": _read_invite,
    "contribute": _contribute, "merge": _merge, "undo": _undo, "accept_offer": _accept_offer,
    "dismiss_offer": _dismiss_offer, "vote_start": _vote_start, "vote_invite": _vote_invite,
    "read_vote_invite": _read_vote_invite, "ballot": _ballot, "cast": _cast, "vote_accept": _vote_accept,
    "qr": _qr, "report": _report,
}


def answer(canvas: Canvas, request: Mapping[str, Any]) -> Answer:
    action = request.get("action")
    handler = ACTIONS.get(action) if isinstance(action, str) else None
    if handler is None:
        raise ImportProblem(t("workshop.unknown_action"))
    return handler(canvas, request)
