"""The session report: agenda with time spent, participants, votes, merged items, next actions."""

from __future__ import annotations

import io

import pytest

from klantcanvas import fill, get_canvas
from klantcanvas.contributions import contribution, merge
from klantcanvas.embedded import extract_saved_json
from klantcanvas.fill import parse_saved_file
from klantcanvas.i18n import use_locale
from klantcanvas.report import as_markdown, as_pdf, report_rows
from klantcanvas.session import act, checked, new_session
from klantcanvas.voting import ballot, cast, start

CJC = get_canvas("customer-journey-canvas")


def finished() -> tuple[dict, dict]:  # type: ignore[type-arg]
    session = act(CJC, new_session(CJC, "Team koffie"), "start")
    session = act(CJC, session, "next", remaining=45)  # 4:15 on the goal
    data = dict(fill(CJC, dict(CJC.example)).as_json_data())
    for n in (1, 2):
        message = contribution(CJC, "touchpoints", f"contrib0{n}", f"phone0{n}", "", "", [{"text": "Factuur", "in": "Gebruik"}])
        result = merge(CJC, data, session, message)
        data, session = result["data"], result["session"]
    session = start(CJC, data, session, "cruciaal", 3, "vote0001")
    dots = [0] * len(session["votes"]["cruciaal"]["items"])
    dots[8] = 3  # "Storing en bezoek van een monteur"
    session = cast(CJC, session, ballot(CJC, "cruciaal", "vote0001", "phone01", dots))["session"]
    return data, session


def test_the_rows_hold_agenda_votes_and_counts() -> None:
    data, session = finished()
    rows = report_rows(fill(CJC, data), session)
    assert rows["planned"] == 45 and rows["spent"] == 255
    assert rows["agenda"][4]["participants"] == 2
    assert rows["votes"][0]["results"][0] == {"text": "Storing en bezoek van een monteur", "in": "Gebruik", "dots": 3, "index": 8}
    assert rows["counted"] == [{"step": "touchpoints", "in": "Gebruik", "text": "Factuur", "count": 3}]


def test_the_markdown_report_reads_and_reopens_with_its_session() -> None:
    data, session = finished()
    text = as_markdown(fill(CJC, data), session)
    assert "| Bepaal het doel | 5 min | 4:15 |  |" in text
    assert "| 3 | Storing en bezoek van een monteur (Gebruik) |" in text
    assert "- 3× Factuur (Gebruik)" in text and "## Vervolgacties" in text
    saved = extract_saved_json(text)
    assert parse_saved_file(CJC, saved).values == fill(CJC, data).values
    import json

    reopened = checked(CJC, json.loads(saved)["session"])
    assert reopened is not None and reopened["votes"] == session["votes"]


@pytest.mark.host_only
def test_the_pdf_report_holds_the_canvas_agenda_votes_and_a_page_for_actions() -> None:
    from pypdf import PdfReader

    data, session = finished()
    with use_locale("en"):
        english = get_canvas("customer-journey-canvas")
        reader = PdfReader(io.BytesIO(as_pdf(fill(english, data), session)))
    assert len(reader.pages) == 3
    agenda = reader.pages[1].extract_text()
    assert "Agenda" in agenda and "Set the goal" in agenda and "4:15" in agenda and "45 min" in agenda
    assert "Votes: Crucial touchpoints" in agenda and "Storing en bezoek van een monteur" in agenda
    assert "Next actions" in reader.pages[2].extract_text()
    assert "Factuur" in reader.pages[0].extract_text()
