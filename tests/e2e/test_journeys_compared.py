"""Journeys compared in the page, by labels as a visitor works: a desired emotion and a second
persona on the Customer Journey Canvas; the persona's emotions appear only once it is named, the
preview draws the lines with their legend, and the downloads carry the values."""

from __future__ import annotations

import io
import json

from pagetools import download, open_canvas, wait_for_preview_text
from playwright.sync_api import expect

from klantcanvas.layouts.journey_lines import DESIRED, PERSONA_STYLES


def test_a_desired_emotion_and_a_second_persona_are_drawn_and_downloaded(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, "customer-journey-canvas")
    page.get_by_label("Naam van de fase", exact=True).fill("Proeffase")
    for text, now, desired in (("Eerste proefmoment", "-2", "2"), ("Tweede proefmoment", "0", "1")):
        page.locator("form.kc-form").get_by_role("button", name="Touchpoint toevoegen").click()
        page.get_by_label("Touchpoint", exact=True).last.fill(text)
        page.get_by_label("Emotie", exact=True).last.select_option(now)
        page.get_by_label("Gewenste emotie", exact=True).last.select_option(desired)

    # Without a second persona its emotions and the third persona stay out of the way.
    expect(page.get_by_label("Emotie van persona 2", exact=True).first).to_be_hidden()
    expect(page.get_by_label("Persona 3", exact=True)).to_be_hidden()
    page.get_by_label("Persona 2", exact=True).fill("Mark, adviseur")
    expect(page.get_by_label("Persona 3", exact=True)).to_be_visible()
    persona_emotions = page.get_by_label("Emotie van persona 2", exact=True)
    expect(persona_emotions).to_have_count(2)
    persona_emotions.first.select_option("1")
    persona_emotions.last.select_option("-1")

    # The preview: today's line, the dashed desired line, Mark's line, and a legend naming them.
    wait_for_preview_text(page, "grootste kloof tot gewenst")
    preview = page.locator(".kc-preview svg")
    for text in ("Gewenste emotie", "Mark", "+4"):
        expect(preview.locator("text", has_text=text).first).to_be_attached()
    expect(preview.locator(f"polyline[stroke='{DESIRED.color}'][stroke-dasharray]").first).to_be_attached()
    expect(preview.locator(f"polyline[stroke='{PERSONA_STYLES[0].color}']").first).to_be_attached()

    _, saved = download(page, "Download JSON")
    data = json.loads(saved)["data"]
    touchpoints = data["fases"][0]["contactmomenten"]
    assert data["persona_2"] == "Mark, adviseur"
    assert [(tp["emotie"], tp["gewenst"], tp["emotie_2"]) for tp in touchpoints] == [(-2, 2, 1), (0, 1, -1)]

    import openpyxl

    _, xlsx = download(page, "Download Excel")
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows()]
    header = next(r for r in rows if "Touchpoint" in r)
    desired = next(i for i, h in enumerate(header) if h and h.startswith("Gewenste emotie"))
    persona = next(i for i, h in enumerate(header) if h and h.startswith("Emotie van persona 2"))
    first = rows[rows.index(header) + 1]
    assert (first[desired], first[persona]) == (2, 1)
    assert not any(h and "persona 3" in h for h in header)

    _, md = download(page, "Download Markdown")
    text = md.decode("utf-8")
    assert "Gewenste emotie" in text and "Emotie van persona 2" in text and "Mark, adviseur" in text
