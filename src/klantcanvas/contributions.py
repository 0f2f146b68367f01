"""A participant's items for one workshop step, and merging them into the canvas on the room screen.

A contribution is a small versioned message (a link fragment ``kcp1.…`` or the same JSON as a
file)::

    {"format": "klantcanvas-contribution", "version": 1, "id": "<random>", "from": "<random>",
     "name": "Anna", "canvas": "customer-journey-canvas", "step": "touchpoints",
     "session": "Team koffie", "items": [{"text": "Factuur", "in": "Gebruik"}]}

``in`` names the parent record (the phase) when the step's items live in a group inside a group.
``merge`` puts the items into the canvas data: an item whose text equals an item already there
after ``normalised`` (case, spaces, punctuation, accents) is not added again but counted
(``session["counts"]``: "3×"); a near-duplicate is added and offered for merging
(``session["offers"]``), never merged silently; what does not fit (a full list) is parked in
``session["parked"]``, so nothing typed is dropped. A contribution's id is remembered, so it is
never applied twice. Every change first pushes the previous state on ``session["history"]``, so
``undo`` takes it back. A malformed contribution raises ImportProblem and changes nothing.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import Any

from klantcanvas.fill import ImportProblem, clean_text, fill
from klantcanvas.i18n import t
from klantcanvas.model import Canvas, Field, Step
from klantcanvas.packed import pack, unpack

__all__ = [
    "FORMAT", "PREFIX", "VERSION", "Target", "accept_offer", "remember", "as_fragment", "contribution", "counted", "dismiss_offer", "merge",
    "normalised", "read_contribution", "target", "undo",
]

FORMAT = "klantcanvas-contribution"
VERSION = 1
PREFIX = "kcp1."
MAX_ITEMS = 50
#: Ids are made by the page (random); this keeps them short and safe to show.
ID = re.compile(r"^[A-Za-z0-9_-]{6,64}$")
#: How many merges can be undone; older states are forgotten (the canvas JSON stays small).
HISTORY = 20
#: Texts at least this similar (difflib ratio of the normalised texts) are offered for merging.
NEAR = 0.8


def normalised(text: str) -> str:
    """``text`` as compared for duplicates: accents, case, punctuation and spacing left out. A text
    of only punctuation keeps itself (prefixed, so it can never equal a normal text)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return " ".join(words) if words else "=" + " ".join(text.split())


class Target:
    """Where a step's items go: ``container`` (a list field, or a group whose ``record`` text field
    each item fills), inside a record of ``parent`` (a top-level group, found by its ``label``) or not."""

    def __init__(self, canvas: Canvas, step: Step) -> None:
        fields = canvas.field_path(step.items)
        self.path = step.items
        self.record: Field | None = None
        if fields[-1].kind == "list":
            self.container, outer = fields[-1], fields[:-1]
        else:
            self.container, self.record, outer = fields[-2], fields[-1], fields[:-2]
        self.parent: Field | None = outer[0] if outer else None
        self.label: Field | None = (
            next(f for f in self.parent.fields if f.kind == "text") if self.parent is not None else None
        )

    @property
    def max_length(self) -> int:
        return self.record.max_length if self.record is not None else self.container.max_length

    def key(self, parent: str) -> str:
        """The id of one container in the session's counts: the path, and the parent's name."""
        return f"{self.path}|{normalised(parent)}" if self.parent is not None else self.path

    def texts(self, container: list[Any]) -> list[str]:
        if self.record is None:
            return [str(v) for v in container]
        return [str(r.get(self.record.id, "")) for r in container]


def target(canvas: Canvas, step_id: object) -> tuple[Step, Target]:
    """The step ``step_id`` of ``canvas`` and where its items go; ImportProblem when it has none."""
    step = next((s for s in canvas.steps if s.id == step_id), None)
    if step is None or not step.items:
        raise ImportProblem(t("workshop.unknown_step", canvas=canvas.title))
    return step, Target(canvas, step)


def _line(value: object, limit: int, problem: str) -> str:
    if not isinstance(value, str):
        raise ImportProblem(t(problem))
    text = " ".join(clean_text(value).split())
    if len(text) > limit:
        raise ImportProblem(t("workshop.item_too_long", maximum=limit))
    return text


def contribution(canvas: Canvas, step_id: str, ident: str, sender: str, name: str, session: str,
                 items: list[Mapping[str, Any]]) -> dict[str, Any]:
    """A checked contribution (raises ImportProblem as ``read_contribution`` does)."""
    return _checked(canvas, {"format": FORMAT, "version": VERSION, "id": ident, "from": sender, "name": name,
                             "canvas": canvas.id, "step": step_id, "session": session, "items": list(items)})


def as_fragment(message: Mapping[str, Any]) -> str:
    return pack(PREFIX, dict(message))


def read_contribution(canvas: Canvas, value: object) -> dict[str, Any]:
    """The contribution in a link, fragment or file text, checked for ``canvas``."""
    return _checked(canvas, unpack(PREFIX, value, "workshop.bad_contribution"))


def _checked(canvas: Canvas, raw: Any) -> dict[str, Any]:
    bad = "workshop.bad_contribution"
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ImportProblem(t(bad))
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > VERSION or version < 1:
        raise ImportProblem(t("workshop.newer_contribution"))
    if raw.get("canvas") != canvas.id:
        raise ImportProblem(t("workshop.other_canvas", this=canvas.title))
    step, where = target(canvas, raw.get("step"))
    ident, sender = raw.get("id"), raw.get("from")
    if not isinstance(ident, str) or not ID.match(ident) or not isinstance(sender, str) or not ID.match(sender):
        raise ImportProblem(t(bad))
    items = raw.get("items")
    if not isinstance(items, list) or not items or len(items) > MAX_ITEMS:
        raise ImportProblem(t("workshop.no_items", maximum=MAX_ITEMS))
    checked = []
    for item in items:
        if not isinstance(item, dict):
            raise ImportProblem(t(bad))
        text = _line(item.get("text"), where.max_length, bad)
        parent = _line(item.get("in", ""), where.label.max_length if where.label else 0, bad)
        if not text:
            raise ImportProblem(t(bad))
        checked.append({"text": text, "in": parent} if where.parent is not None else {"text": text})
    return {
        "format": FORMAT, "version": VERSION, "id": ident, "from": sender,
        "name": _line(raw.get("name", ""), 60, bad), "canvas": canvas.id, "step": step.id,
        "session": _line(raw.get("session", ""), 80, bad), "items": checked,
    }


def _snapshot(label: str, data: Mapping[str, Any], session: Mapping[str, Any]) -> dict[str, Any]:
    state = {k: v for k, v in session.items() if k != "history"}
    return {"label": label, "data": copy.deepcopy(dict(data)), "session": copy.deepcopy(state)}


def remember(label: str, data: Mapping[str, Any], session: dict[str, Any]) -> None:
    history = list(session.get("history", []))[-(HISTORY - 1):]
    history.append(_snapshot(label, data, session))
    session["history"] = history


def _container(canvas: Canvas, where: Target, data: dict[str, Any], parent: str) -> list[Any] | None:
    """The list that holds the items (in ``data``, created if needed), or None when the parent
    group is full."""
    if where.parent is None or where.label is None:
        return data.setdefault(where.container.id, [])  # type: ignore[no-any-return]
    records: list[dict[str, Any]] = data.setdefault(where.parent.id, [])
    wanted = normalised(parent)
    for record in records:
        if normalised(str(record.get(where.label.id, ""))) == wanted:
            return record.setdefault(where.container.id, [])  # type: ignore[no-any-return]
    if len(records) >= where.parent.max_items:
        return None
    record = {where.label.id: parent, where.container.id: []}
    records.append(record)
    return record[where.container.id]  # type: ignore[no-any-return]


def _near(text: str, others: list[str]) -> str | None:
    key = normalised(text)
    for other in others:
        other_key = normalised(other)
        if other_key != key and (SequenceMatcher(None, key, other_key).ratio() >= NEAR
                                 or (min(len(key), len(other_key)) >= 4 and (key in other_key or other_key in key))):
            return other
    return None


def merge(canvas: Canvas, data: Any, session: dict[str, Any], message: Mapping[str, Any]) -> dict[str, Any]:
    """Merge a checked contribution into ``data`` (form data) and ``session`` (both returned new,
    in ``{"data", "session", "added", "counted", "parked", "offers", "again"}``)."""
    plain: dict[str, Any] = fill(canvas, data).as_json_data()
    state = copy.deepcopy(session)
    result: dict[str, Any] = {"data": plain, "session": state, "added": 0, "counted": 0, "parked": 0, "offers": 0,
                              "again": False}
    applied: list[str] = list(state.get("applied", []))
    if message["id"] in applied:
        result["again"] = True
        return result
    step, where = target(canvas, message["step"])
    remember(t("workshop.undo_merge", name=message.get("name") or "?"), plain, state)
    counts: dict[str, dict[str, int]] = state.setdefault("counts", {})
    added: dict[str, list[str]] = state.setdefault("added", {})
    seen: set[tuple[str, str]] = set()
    for item in message["items"]:
        text, parent = item["text"], item.get("in", "")
        key, norm = where.key(parent), normalised(text)
        if (key, norm) in seen:  # one person writing the same twice is one voice
            continue
        seen.add((key, norm))
        container = _container(canvas, where, plain, parent)
        texts = where.texts(container) if container is not None else []
        match = next((i for i, other in enumerate(texts) if normalised(other) == norm), None)
        box = counts.setdefault(key, {})
        if match is not None and container is not None:
            box[norm] = box.get(norm, 1) + 1
            # A contributed item's spelling does not depend on who sent first: the smallest wins.
            if text < texts[match] and norm in added.get(key, []):
                _set_text(where, container, match, text)
            result["counted"] += 1
        elif container is None or len(container) >= where.container.max_items:
            state.setdefault("parked", []).append({"step": step.id, "text": text, "in": parent})
            result["parked"] += 1
        else:
            like = _near(text, texts)
            container.append(text if where.record is None else {where.record.id: text})
            box[norm] = 1
            added.setdefault(key, []).append(norm)
            result["added"] += 1
            if like is not None:
                state.setdefault("offers", []).append({"step": step.id, "key": key, "in": parent, "text": text, "like": like})
                result["offers"] += 1
    applied.append(message["id"])
    state["applied"] = applied
    people: dict[str, list[str]] = state.setdefault("participants", {})
    if message["from"] not in people.setdefault(step.id, []):
        people[step.id].append(message["from"])
    result["data"] = fill(canvas, plain).as_json_data()
    return result


def _set_text(where: Target, container: list[Any], index: int, text: str) -> None:
    if where.record is None:
        container[index] = text
    else:
        container[index] = {**container[index], where.record.id: text}


def _find_container(canvas: Canvas, where: Target, data: dict[str, Any], parent: str) -> list[Any]:
    found = _container(canvas, where, data, parent)
    return found if found is not None else []


def accept_offer(canvas: Canvas, data: Any, session: dict[str, Any], index: int) -> dict[str, Any]:
    """Merge offered near-duplicate ``index``: its item goes, its count joins the item it is like."""
    plain: dict[str, Any] = fill(canvas, data).as_json_data()
    state = copy.deepcopy(session)
    offers = list(state.get("offers", []))
    if not 0 <= index < len(offers):
        raise ImportProblem(t("workshop.no_offer"))
    offer = offers.pop(index)
    remember(t("workshop.undo_offer", text=offer["text"], like=offer["like"]), plain, state)
    _, where = target(canvas, offer["step"])
    container = _find_container(canvas, where, plain, offer.get("in", ""))
    texts = where.texts(container)
    box = state.setdefault("counts", {}).setdefault(offer["key"], {})
    gone, kept = normalised(offer["text"]), normalised(offer["like"])
    if gone in [normalised(x) for x in texts] and kept in [normalised(x) for x in texts]:
        container.pop([normalised(x) for x in texts].index(gone))
        box[kept] = box.get(kept, 1) + box.pop(gone, 1)
    state["offers"] = offers
    return {"data": fill(canvas, plain).as_json_data(), "session": state}


def dismiss_offer(session: dict[str, Any], index: int) -> dict[str, Any]:
    """Keep both items of offer ``index`` (no history entry: nothing in the canvas changes)."""
    state = copy.deepcopy(session)
    offers = list(state.get("offers", []))
    if 0 <= index < len(offers):
        offers.pop(index)
    state["offers"] = offers
    return state


def counted(canvas: Canvas, data: Any, session: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every item in the canvas that more than one person wrote: text, parent (``in``), count and
    step, in canvas order (for the room screen's "3×" and the report)."""
    plain = fill(canvas, data).as_json_data()
    counts = session.get("counts", {})
    out: list[dict[str, Any]] = []
    done: set[str] = set()
    for step in canvas.steps:
        if not step.items or step.items in done:
            continue
        done.add(step.items)
        where = Target(canvas, step)
        if where.parent is None or where.label is None:
            groups = [("", list(plain.get(where.container.id, [])))]
        else:
            groups = [(str(r.get(where.label.id, "")), list(r.get(where.container.id, []))) for r in plain.get(where.parent.id, [])]
        for parent, container in groups:
            box = counts.get(where.key(parent), {})
            for text in where.texts(container):
                n = box.get(normalised(text), 1)
                if isinstance(n, int) and n > 1:
                    out.append({"step": step.id, "in": parent, "text": text, "count": n})
    return out


def undo(data: Any, session: dict[str, Any]) -> dict[str, Any]:
    """The state before the last merge (data and session), or ImportProblem when there is none."""
    history = list(session.get("history", []))
    if not history:
        raise ImportProblem(t("workshop.nothing_to_undo"))
    last = history.pop()
    state = dict(last["session"])
    state["history"] = history
    return {"data": last["data"], "session": state, "label": last["label"]}
