"""Dot-vote results on the drawing: a mark with the dots and the count beside every voted item, in
every drawn format, the preview and the session report; the session goes along in every download
and comes back when the file is opened again."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from klantcanvas import fill, get_canvas
from klantcanvas.catalog import all_canvases
from klantcanvas.browser import handle
from klantcanvas.export import export
from klantcanvas.layouts import build_scene
from klantcanvas.paper import page
from klantcanvas.scene import Circle, Rect, TextBox
from klantcanvas.session import checked, new_session
from klantcanvas.vote_marks import VOTE, with_votes
from klantcanvas.voting import ballot, cast, start

CJC = get_canvas("customer-journey-canvas")


def _voted(canvas: Any, data: dict[str, Any], step: str, ballots: list[list[int]], budget: int = 3) -> dict[str, Any]:
    session = start(canvas, data, new_session(canvas, "Team"), step, budget, "vote0001")
    for n, dots in enumerate(ballots):
        session = cast(canvas, session, ballot(canvas, step, "vote0001", f"phone{n:02}", dots))["session"]
    return session


def _counts(scene: Any) -> list[str]:
    return [line.text for item in scene.items if isinstance(item, TextBox) and item.role == "vote-count" for line in item.lines]


def _call(**request: Any) -> tuple[dict[str, Any], bytes | None]:
    meta, body = handle(json.dumps(request))
    return json.loads(meta), body


def test_without_votes_the_drawing_is_left_alone() -> None:
    filled = fill(CJC, dict(CJC.example))
    scene = build_scene(filled, page("A3", "landscape"))
    assert with_votes(filled, scene, None) is scene
    assert with_votes(filled, scene, new_session(CJC)) is scene
    assert with_votes(filled, scene, _voted(CJC, dict(CJC.example), "cruciaal", [])) is scene  # nobody voted yet


def test_every_voted_item_gets_its_dots_and_count_and_covers_no_text() -> None:
    data = dict(CJC.example)
    filled = fill(CJC, data)
    items = len(start(CJC, data, new_session(CJC), "cruciaal", 3, "vote0001")["votes"]["cruciaal"]["items"])
    ballots = [[3] + [0] * (items - 1), [1, 2] + [0] * (items - 2), [0] * (items - 1) + [1]]
    plain = build_scene(filled, page("A3", "landscape"))
    scene = with_votes(filled, plain, _voted(CJC, data, "cruciaal", ballots))
    assert sorted(_counts(scene)) == ["1", "2", "4"]
    assert scene.items[: len(plain.items)] == plain.items  # added at the end: the preview's item numbers stay
    marks = scene.items[len(plain.items):]
    assert sum(isinstance(m, Circle) and m.fill == VOTE for m in marks) == 4 + 2 + 1
    assert scene.outside_page() == [] and scene.text_outside_boxes() == []
    pills = [m for m in marks if isinstance(m, Rect)]
    for box in (i for i in plain.items if isinstance(i, TextBox)):
        for line in box.lines:
            top, bottom = box.y + line.baseline - line.size * 0.28, box.y + line.baseline
            left, right = box.x + line.dx, box.x + line.dx + line.width
            assert not any(p.x < right and left < p.x + p.w and p.y < bottom and top < p.y + p.h for p in pills), line.text


def test_a_vote_on_every_canvas_that_has_one_is_drawn_on_its_example() -> None:
    voted = 0
    for canvas in all_canvases().values():
        for step in (s for s in canvas.steps if s.vote):
            data = dict(canvas.example)
            session = start(canvas, data, new_session(canvas), step.id, 2, "vote0001")
            items = len(session["votes"][step.id]["items"])
            session = cast(canvas, session, ballot(canvas, step.id, "vote0001", "phone01", [2] + [0] * (items - 1)))["session"]
            for paper, orientation in (("A4", "portrait"), ("A0", "landscape")):
                scene = with_votes(fill(canvas, data), build_scene(fill(canvas, data), page(paper, orientation)), session)
                assert _counts(scene) == ["2"], (canvas.id, step.id, paper)
                assert scene.outside_page() == [], (canvas.id, step.id, paper)
                voted += 1
    assert voted >= 4


def test_downloads_and_the_preview_show_the_votes_and_carry_the_session() -> None:
    data = dict(CJC.example)
    session = _voted(CJC, data, "cruciaal", [[3] + [0] * 12])
    svg = export(fill(CJC, data), "svg", "A3", "landscape", session=session).content.decode()
    assert svg.count(f'fill="{VOTE}"') >= 3
    meta, _ = _call(method="preview", canvas=CJC.id, data=data, editable=True, session={"votes": session["votes"]})
    assert meta["svg"].count(f'fill="{VOTE}"') == 3 + 1  # three dots and the count
    meta, _ = _call(method="preview", canvas=CJC.id, data=data, editable=True)
    assert VOTE not in meta["svg"]

    _, pdf = _call(method="export", canvas=CJC.id, data=data, format="pdf", session=session)
    assert pdf is not None
    opened, _ = _call(method="import", canvas=CJC.id, base64=base64.b64encode(pdf).decode())
    assert opened["data"] == fill(CJC, data).as_json_data()
    assert opened["session"]["votes"] == session["votes"] and opened["session"]["name"] == "Team"
    assert "history" not in opened["session"]  # undo steps stay in the browser that made them


def test_a_file_without_a_session_opens_without_one() -> None:
    _, body = _call(method="export", canvas=CJC.id, data=dict(CJC.example), format="json")
    opened, _ = _call(method="import", canvas=CJC.id, text=(body or b"").decode())
    assert opened["ok"] and "session" not in opened


@pytest.mark.parametrize("votes", [
    {"cruciaal": {}},
    {"cruciaal": {"id": "v", "budget": 3, "items": 3, "ballots": {}}},
    {"cruciaal": {"id": "v", "budget": 3, "items": [{"text": 5}], "ballots": {}}},
    {"cruciaal": {"id": "v", "budget": True, "items": [], "ballots": {}}},
    {"cruciaal": {"id": "v", "budget": 3, "items": [{"text": "Factuur"}], "ballots": {"a": [9]}}},
    {"cruciaal": {"id": "v", "budget": 3, "items": [{"text": "Factuur"}], "ballots": []}},
    {"nope": {"id": "v", "budget": 3, "items": [], "ballots": {}}},
])
def test_a_hostile_vote_in_a_file_is_left_out_and_nothing_breaks(votes: dict[str, Any]) -> None:
    session = checked(CJC, {"votes": votes})
    assert session is not None
    kept = session["votes"]
    assert all(set(v) == {"id", "budget", "items", "ballots", "accepted"} for v in kept.values())
    assert all(all(sum(d) <= v["budget"] * len(d) for d in v["ballots"].values()) for v in kept.values())
    for fmt in ("pdf", "svg", "json"):
        meta, body = _call(method="export", canvas=CJC.id, data=dict(CJC.example), format=fmt, session={"votes": votes})
        assert meta["ok"] is True and body, meta


def test_the_session_report_draws_the_votes_on_its_canvas_page() -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from klantcanvas.report import as_pdf

    violet = " ".join(f"{int(VOTE[i:i + 2], 16) / 255:.4f}" for i in (1, 3, 5)) + " rg"
    data = dict(CJC.example)

    def canvas_page(session: dict[str, Any]) -> str:
        reader = PdfReader(BytesIO(as_pdf(fill(CJC, data), session)))
        return str(reader.pages[0].get_contents().get_data().decode("latin-1"))  # type: ignore[union-attr]

    assert violet in canvas_page(_voted(CJC, data, "cruciaal", [[3] + [0] * 12]))
    assert violet not in canvas_page(new_session(CJC, "Team"))
