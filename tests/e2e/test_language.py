"""The page script asks the engine in the page's language: with ``<html lang="en">`` the preview,
the downloads and their file names are English, and the saved JSON is the same as on Dutch."""

from __future__ import annotations

import json

from pagetools import download, open_canvas, wait_for_preview_text

from klantcanvas.catalog import all_canvases


def test_the_engine_answers_in_the_language_of_the_page(page, base_url) -> None:  # type: ignore[no-untyped-def]
    english, dutch = all_canvases("en")["persona"], all_canvases("nl")["persona"]
    open_canvas(page, base_url, "persona")
    page.get_by_label(dutch.field("naam").label, exact=True).fill("Noor Bakker")
    wait_for_preview_text(page, "Algemene informatie")
    _, saved_dutch = download(page, "Download JSON")

    page.evaluate("document.documentElement.lang = 'en'")  # what an English page says
    page.get_by_label(dutch.field("woonplaats").label, exact=True).fill("Deventer")
    wait_for_preview_text(page, "General information")
    wait_for_preview_text(page, "Deventer")
    name, pdf = download(page, "Download PDF")
    assert name == "persona-a3-landscape.pdf" and pdf.startswith(b"%PDF")
    name, md = download(page, "Download Markdown")
    text = md.decode("utf-8")
    assert text.startswith(f"# {english.title}\n") and english.summary in text and "Noor Bakker" in text
    name, saved_english = download(page, "Download JSON")
    dutch_data, english_data = json.loads(saved_dutch)["data"], json.loads(saved_english)["data"]
    assert english_data == {**dutch_data, "woonplaats": "Deventer"}  # ids and values only, never labels
