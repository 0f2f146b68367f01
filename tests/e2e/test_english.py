"""The English edition's canvases, by their English names: one set of saved work for both
languages. The English pyramid is filled by its English labels and downloaded in every format;
a file saved on the Dutch page opens on the English one; autosaved work is the same canvas in
both editions."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from pagetools import download, open_canvas, pdf_reader, wait_for_preview_text, wait_until_stored
from playwright.sync_api import expect

from klantcanvas import fill, get_canvas, saved_file
from klantcanvas.i18n import use_locale


def test_the_english_pyramid_fills_by_its_english_labels_and_downloads_every_format(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url + "en/", "klanttype-piramide")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("combobox", name="Customer segment", exact=True).fill("Municipalities in Drenthe")
    page.get_by_role("textbox", name="Decision maker 1", exact=True).fill("Alderman for the economy")
    page.locator("form.kc-form").get_by_role("button", name="Add decision maker", exact=True).click()  # mid-sentence: lower case
    page.get_by_role("button", name="Remove decision maker 2", exact=True).click()
    wait_for_preview_text(page, "Alderman for the economy")
    expect(page.locator("[data-status]")).to_contain_text("Saved automatically in this browser")

    name, pdf = download(page, "Download PDF")
    text = " ".join(pdf_reader(pdf).pages[0].extract_text().split())
    assert name == "klanttype-piramide-a3-landscape.pdf"
    assert "Customer Type Pyramid" in text and "Decision maker" in text and "Beslisser" not in text

    name, png = download(page, "Download PNG")
    assert name.endswith("-landscape.png") and png.startswith(b"\x89PNG")

    _, svg = download(page, "Download SVG")
    root = ET.fromstring(svg)
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Customer Type Pyramid"  # type: ignore[union-attr]

    name, pptx = download(page, "Download PowerPoint")
    assert name.endswith(".pptx") and pptx.startswith(b"PK")

    _, md = download(page, "Download Markdown")
    markdown = md.decode("utf-8")
    assert markdown.startswith("# Customer Type Pyramid") and "Decision maker" in markdown

    _, saved = download(page, "Download JSON")
    envelope = json.loads(saved)
    # language-neutral: ids, never labels
    assert envelope["canvas"] == "klanttype-piramide"
    assert envelope["data"]["segment"] == "Municipalities in Drenthe"
    assert envelope["data"]["beslisser"] == ["Alderman for the economy"]


def test_a_file_saved_on_the_dutch_page_opens_on_the_english_page(page, base_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with use_locale("nl"):
        canvas = get_canvas("klanttype-piramide")
        dutch = saved_file(fill(canvas, dict(canvas.example)))
    file = tmp_path / "piramide.json"
    file.write_text(dutch, "utf-8")
    open_canvas(page, base_url + "en/", "klanttype-piramide")
    page.get_by_label("Open a saved file", exact=False).set_input_files(str(file))
    expect(page.locator("[data-status]")).to_contain_text("File opened", timeout=30_000)
    expect(page.get_by_role("textbox", name="Decision maker 1", exact=True)).to_have_value(
        "Algemeen directeur, die de investering tekent")
    wait_for_preview_text(page, "Algemeen directeur")
    assert "Customer Type Pyramid" in page.locator(".kc-preview svg title").text_content()  # type: ignore[operator]


def test_autosaved_work_is_the_same_canvas_in_both_editions(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, "persona", wait_ready=False)
    page.get_by_role("textbox", name="Woonplaats", exact=True).fill("Zwolle")
    # wait until the browser has stored it (autosave runs before Python is ready, so no status yet)
    wait_until_stored(page, "persona", "Zwolle")
    open_canvas(page, base_url + "en/", "persona", wait_ready=False)
    expect(page.get_by_role("textbox", name="Home town", exact=True)).to_have_value("Zwolle")
