"""A whole Customer Journey Canvas workshop in one browser: the agenda, a timed step on Playwright's
clock, three phones writing alone (links and a file, one duplicate, one near-duplicate, one
malformed), the reveal with counts and one undo, a dot vote with a budget of 3 (on the big screen
and by a vote link), and the report PDF checked for the agenda and the votes. Screenshots of the
room screen (1920×1080) and of a phone (390 px) go to tmp/ for the closing note."""

from __future__ import annotations

import re
from pathlib import Path

from pagetools import open_canvas, pdf_reader
from playwright.sync_api import expect

from klantcanvas.vote_marks import VOTE

CANVAS = "customer-journey-canvas"
SHOTS = Path(__file__).resolve().parents[2] / "tmp"


def phone(browser):  # type: ignore[no-untyped-def]
    """A phone of its own (its own storage, so its own participant id); nothing leaves 127.0.0.1."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL", accept_downloads=True, has_touch=True)
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("http://127.0.0.1:", "data:", "blob:"))
              else route.abort())
    return ctx


def write_alone(browser, link: str, phase: str, items: list[str], shot: str = ""):  # type: ignore[no-untyped-def]
    ctx = phone(browser)
    page = ctx.new_page()
    page.set_default_timeout(120_000)  # a phone's first start of Python, on a busy machine
    page.goto(link)
    page.get_by_label("Touchpoint 1").wait_for(timeout=120_000)
    page.get_by_label("Fase", exact=True).fill(phase)
    for number, text in enumerate(items, 1):
        if number > 3:
            page.get_by_role("button", name="Nog een punt").click()
        page.get_by_label(f"Touchpoint {number}", exact=True).fill(text)
    if shot:
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / shot))
    page.get_by_role("button", name="Stuur naar facilitator").click()
    page.get_by_label("Link", exact=True).wait_for(timeout=120_000)
    return ctx, page


def clock(room) -> str:  # type: ignore[no-untyped-def]
    return room.locator("[data-ws-clock]").inner_text()


def seconds(text: str) -> int:
    minutes, secs = text.lstrip("−").split(":")
    return (int(minutes) * 60 + int(secs)) * (-1 if text.startswith("−") else 1)


def reveal(room, *texts: str) -> str:  # type: ignore[no-untyped-def]
    note = room.locator("[data-ws-note]")
    before = note.inner_text()
    room.get_by_label("Links of bestandstekst").fill("\n".join(texts))
    room.get_by_role("button", name="Onthullen en samenvoegen").click()
    room.wait_for_function("b => document.querySelector('[data-ws-note]').textContent !== b", arg=before, timeout=120_000)
    return note.inner_text()


def test_a_whole_customer_journey_workshop(browser, context, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.clock.install()
    open_canvas(page, base_url, CANVAS)

    # The agenda: the guide's steps with their minutes; the facilitator shortens the first one.
    page.locator("summary", has_text="Workshop").click()
    assert page.locator("[data-ws-total]").inner_text() == "Totaal: 45 minuten"
    page.get_by_label("Minuten voor ‘Bepaal het doel’").fill("2")
    assert page.locator("[data-ws-total]").inner_text() == "Totaal: 42 minuten"
    page.get_by_label("Naam van de sessie").fill("Team koffie")
    page.get_by_role("button", name="Start workshop").click()
    room = page.locator("[data-ws-room]")
    room.locator("h2", has_text="Bepaal het doel").wait_for(timeout=120_000)
    assert room.locator("[data-ws-count]").inner_text() == "Stap 1 van 8"

    # The countdown, on Playwright's clock: pause, run, pause again, one minute more, time up.
    room.get_by_role("button", name="Pauze").click()
    room.get_by_role("button", name="Verder").wait_for()
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    left = seconds(clock(room))
    assert 0 < left <= 120
    room.get_by_role("button", name="Verder").click()
    room.get_by_role("button", name="Pauze").wait_for()
    page.clock.run_for(30_000)
    assert seconds(clock(room)) == left - 30
    room.get_by_role("button", name="Pauze").click()
    room.get_by_role("button", name="Verder").wait_for()
    page.clock.run_for(10_000)
    assert seconds(clock(room)) == left - 30
    room.get_by_role("button", name="+1 minuut").click()
    page.wait_for_function("s => document.querySelector('[data-ws-clock]').textContent === s",
                           arg=f"{(left + 30) // 60}:{(left + 30) % 60:02d}")
    room.get_by_role("button", name="Verder").click()
    room.get_by_role("button", name="Pauze").wait_for()
    assert room.locator("[data-ws-timeup]").inner_text() == ""
    page.clock.run_for((left + 30) * 1000)
    assert clock(room) == "0:00" and room.locator("[data-ws-timeup]").inner_text() == "De tijd is om."
    assert room.locator("[data-ws-clock]").get_attribute("aria-live") == "off"  # no announcement every second

    # Next and previous are one key away; on to the step where everyone writes alone.
    page.keyboard.press("PageDown")
    room.locator("h2", has_text="Kies een persona").wait_for()
    page.keyboard.press("PageUp")
    room.locator("h2", has_text="Bepaal het doel").wait_for()
    for title in ("Kies een persona", "Bepaal de scope", "Fases en hun duur", "Touchpoints per fase"):
        page.keyboard.press("PageDown")
        room.locator("h2", has_text=title).wait_for()
    room.locator("[data-ws-qr] svg").wait_for(timeout=60_000)
    link = room.locator("[data-ws-link]").get_attribute("href")
    assert link and "#kcw1." in link and "Team" not in link  # packed: the method, step and session only

    # Three phones write alone; one sends a file, the others links.
    phones = [write_alone(browser, link, "Gebruik", ["Factuur", "Nieuwe klacht"], shot="participant-390.png"),
              write_alone(browser, link, "Gebruik", ["factuur!", "Nieuwe klachten"]),
              write_alone(browser, link, "Oriëntatie", ["Recensies lezen"])]
    links = [p.get_by_label("Link", exact=True).input_value() for _, p in phones]
    assert all("#kcp1." in x for x in links), links
    with phones[1][1].expect_download() as info:
        phones[1][1].get_by_role("button", name="Download als bestand").click()
    contribution_file = info.value.path()

    # The reveal: links pasted (one cut off on the way), the file chosen.
    note = reveal(page, links[0])
    assert "2 toegevoegd" in note and "0 dubbel geteld" in note
    cut = links[2][: links[2].index("#kcp1.") + 40]
    note = reveal(page, cut)
    assert "Dit is geen leesbare bijdrage" in note and "Er is niets veranderd" in note
    before = page.locator("[data-ws-note]").inner_text()
    room.locator("[data-ws-files]").set_input_files(contribution_file)
    page.wait_for_function("b => document.querySelector('[data-ws-note]').textContent !== b", arg=before, timeout=120_000)
    assert "1 dubbel geteld" in room.locator("[data-ws-note]").inner_text()
    assert "1 toegevoegd" in reveal(page, links[2])
    counts = room.locator("[data-ws-counts]")
    counts.get_by_text("2× Factuur (Gebruik)").wait_for()
    offer = room.locator("[data-ws-offers] li", has_text="‘Nieuwe klachten’ lijkt op ‘Nieuwe klacht’")
    offer.get_by_role("button", name="Samenvoegen").click()
    counts.get_by_text("2× Nieuwe klacht (Gebruik)").wait_for()
    room.get_by_role("button", name="Ongedaan maken").click()
    room.locator("[data-ws-note]", has_text="Ongedaan gemaakt").wait_for()
    assert counts.get_by_text("2× Nieuwe klacht (Gebruik)").count() == 0 and offer.count() == 1
    again = reveal(page, links[0])
    assert "al samengevoegd" in again
    SHOTS.mkdir(exist_ok=True)
    page.clock.run_for(1000)  # the preview's debounce, so the room shows the merged canvas
    page.screenshot(path=str(SHOTS / "room-1920.png"))

    # A dot vote with a budget of 3: one person on the big screen, one by a vote link.
    for title in ("Emotie per touchpoint", "Cruciale touchpoints"):
        page.keyboard.press("PageDown")
        room.locator("h2", has_text=title).wait_for()
    room.get_by_label("Stippen per persoon").fill("3")
    room.get_by_role("button", name="Start de stemming").click()
    room.get_by_label("Stippen voor ‘Factuur’").fill("2")
    room.get_by_label("Stippen voor ‘Recensies lezen’").fill("1")
    room.get_by_role("button", name="Stem uitbrengen").click()
    room.locator("[data-ws-note]", has_text="Stem geteld: 1 stemmers").wait_for()
    vote_link = room.locator("[data-ws-link]").get_attribute("href")
    assert vote_link and "#kcvi1." in vote_link
    voter = phones[0][1]
    voter.goto(vote_link)
    voter.get_by_label("Stippen voor ‘Factuur’").wait_for(timeout=120_000)
    voter.get_by_label("Stippen voor ‘Factuur’").fill("3")
    voter.get_by_role("button", name="Stuur naar facilitator").click()
    voter.get_by_label("Link", exact=True).wait_for(timeout=120_000)
    ballot = voter.get_by_label("Link", exact=True).input_value()
    assert "2 stemmers" in reveal(page, ballot)
    assert "één keer" in reveal(page, ballot)  # counted once per participant
    assert room.locator("[data-ws-tally] li").first.inner_text() == "5 · Factuur (Gebruik)"
    # The dots are on the drawing too (5 for Factuur, 1 for Recensies lezen), and the step's items
    # stand out on it while the rest steps back.
    expect(room.locator(f'[data-ws-canvas] svg circle[fill="{VOTE}"]')).to_have_count(6)
    expect(page.locator(f'.kc-preview svg circle[fill="{VOTE}"]')).to_have_count(6)
    expect(room.locator("[data-ws-canvas] svg.kc-ws-focus .kc-ws-step", has_text="Factuur")).to_have_count(1)
    assert room.locator("[data-ws-canvas] svg .kc-ws-step", has_text="Gebruik").count() == 0  # a phase name is not voted on
    page.screenshot(path=str(SHOTS / "room-vote-1920.png"))

    # The report: the agenda with the time spent, and the votes.
    with page.expect_download(timeout=120_000) as info:
        room.get_by_role("button", name="Verslag (PDF)").click()
    assert info.value.suggested_filename == f"{CANVAS}-sessieverslag.pdf"
    reader = pdf_reader(Path(info.value.path()).read_bytes())
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Agenda" in text and "Bepaal het doel" in text and "2 min" in text and "Totaal" in text
    assert re.search(r"Touchpoints per fase\s*10 min\s*[\d:]+\s*3", text), text
    assert "Stemmen: Cruciale touchpoints" in text and "3 stippen per persoon, 2 stemmers" in text
    assert re.search(r"5\s*Factuur \(Gebruik\)", text) and "Vervolgacties" in text
    for ctx, _ in phones:
        ctx.close()

    # Next week, on another laptop: the JSON download carries the session, and opening it goes on
    # where the room stopped, with the votes on the drawing.
    room.get_by_role("button", name="Sluiten").click()
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Download JSON", exact=True).click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    later = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    try:
        other = open_canvas(later.new_page(), base_url, CANVAS)
        other.on("dialog", lambda d: d.accept())
        other.locator("input[data-action=import]").set_input_files(str(saved))
        expect(other.locator(f'.kc-preview svg circle[fill="{VOTE}"]')).to_have_count(6, timeout=120_000)
        other.locator("summary", has_text="Workshop").click()
        expect(other.get_by_label("Naam van de sessie")).to_have_value("Team koffie")
        other.get_by_role("button", name="Start workshop").click()
        again = other.locator("[data-ws-room]")
        again.locator("h2", has_text="Cruciale touchpoints").wait_for(timeout=120_000)
        assert again.locator("[data-ws-tally] li").first.inner_text() == "5 · Factuur (Gebruik)"
    finally:
        later.close()
