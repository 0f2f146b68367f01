"""The Klanttype-piramide page, used the way a new user uses it: by labels, keyboard and buttons."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

from pagetools import download, open_canvas, pdf_reader, stored_workspace, wait_for_preview_text, wait_until_stored
from PIL import Image

CANVAS = "klanttype-piramide"
MM = 72 / 25.4


def _fill_basics(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Zuivelcoöperaties in Friesland")
    page.get_by_role("textbox", name="Beslisser 1", exact=True).fill("Directeur-bestuurder")
    page.locator("form.kc-form").get_by_role("button", name="Beslisser toevoegen").click()
    page.get_by_role("textbox", name="Beslisser 2", exact=True).fill("Raad van commissarissen")
    page.get_by_role("textbox", name="Beïnvloeder 1", exact=True).fill("Hoofd kwaliteit (hygiëne)")
    page.get_by_role("textbox", name="Klanttype buiten de organisatie 1", exact=True).fill("Vakblad Zuivelzicht")


def test_fill_watch_the_preview_and_download_every_format(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS)
    _fill_basics(page)
    wait_for_preview_text(page, "Raad van commissarissen")
    wait_for_preview_text(page, "Zuivelcoöperaties in Friesland")

    page.get_by_label("Papierformaat").select_option("A1")
    page.get_by_label("Richting").select_option("landscape")
    name, pdf = download(page, "Download PDF")
    assert name == "klanttype-piramide-a1-liggend.pdf" and pdf.startswith(b"%PDF")
    reader = pdf_reader(pdf)
    box = reader.pages[0].mediabox
    assert round(float(box.width) / MM) == 841 and round(float(box.height) / MM) == 594
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Zuivelcoöperaties in Friesland" in text and "Hoofd kwaliteit (hygiëne)" in text

    page.get_by_label("Papierformaat").select_option("A4")
    _, pdf_a4 = download(page, "Download PDF")
    assert round(float(pdf_reader(pdf_a4).pages[0].mediabox.width) / MM) == 297

    _, png = download(page, "Download PNG")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width >= 2000 and image.height > 1000
    colours = image.convert("RGB").resize((60, 40)).getcolors(5000)
    assert colours and len(colours) > 8, "the PNG is blank"

    _, svg = download(page, "Download SVG")
    root = ET.fromstring(svg)
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Directeur-bestuurder" in texts and "@font-face" in svg.decode()

    name, saved = download(page, "Download JSON")
    envelope = json.loads(saved)
    assert name == "klanttype-piramide.json" and envelope["canvas"] == CANVAS
    assert envelope["data"]["beslisser"] == ["Directeur-bestuurder", "Raad van commissarissen"]


def test_the_form_works_and_saves_before_python_is_ready(page, base_url) -> None:  # type: ignore[no-untyped-def]
    page.route("**/wheels/manifest.json", lambda route: None)  # never answered: Python cannot finish
    open_canvas(page, base_url, CANVAS, wait_ready=False)
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Gemeenten")
    assert page.get_by_role("button", name="Download PDF").is_disabled()
    assert "geladen" in page.get_by_role("status").inner_text()
    wait_until_stored(page, CANVAS, "Gemeenten")
    stored = stored_workspace(page, CANVAS)
    assert stored["docs"][stored["active"]]["data"]["segment"] == "Gemeenten"


def test_values_survive_a_reload(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS, wait_ready=False)
    _fill_basics(page)
    wait_until_stored(page, CANVAS, "Zuivelcoöperaties in Friesland")
    page.reload()
    page.wait_for_selector(".kc-app[data-restored]", state="attached")
    assert page.get_by_role("textbox", name="Beslisser 2", exact=True).input_value() == "Raad van commissarissen"
    assert page.get_by_role("combobox", name="Klantsegment", exact=True).input_value() == "Zuivelcoöperaties in Friesland"


def test_entries_keep_their_order_and_can_be_moved_and_removed(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS)
    for n, value in enumerate(["Eerste", "Tweede", "Derde"], start=1):
        if n > 1:
            page.locator("form.kc-form").get_by_role("button", name="Saboteur toevoegen").click()
        page.get_by_role("textbox", name=f"Saboteur {n}", exact=True).fill(value)
    page.get_by_role("button", name="Zet Saboteur 3 hoger").click()
    page.get_by_role("button", name="Verwijder Saboteur 1").click()
    values = [page.get_by_role("textbox", name=f"Saboteur {n}", exact=True).input_value() for n in (1, 2)]
    assert values == ["Derde", "Tweede"]
    name, saved = download(page, "Download JSON")
    assert json.loads(saved)["data"]["saboteur"] == ["Derde", "Tweede"]


def test_the_keyboard_adds_an_entry_and_moves_focus_into_it(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS, wait_ready=False)
    page.locator("form.kc-form").get_by_role("button", name="Aanbeveler toevoegen").focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Adviseur van de bank")
    assert page.get_by_role("textbox", name="Aanbeveler 2", exact=True).input_value() == "Adviseur van de bank"


def test_saved_json_opens_again_after_clearing(page, base_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS)
    _fill_basics(page)
    _, saved = download(page, "Download JSON")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Wis alles").click()
    assert page.get_by_role("combobox", name="Klantsegment", exact=True).input_value() == ""
    file = tmp_path / "piramide.json"
    file.write_bytes(saved)
    page.get_by_label("Open een bewaard bestand").set_input_files(str(file))
    page.wait_for_function("() => document.querySelector('[data-status]').textContent.includes('Bestand geopend')")
    assert page.get_by_role("textbox", name="Beslisser 2", exact=True).input_value() == "Raad van commissarissen"
    wait_for_preview_text(page, "Vakblad Zuivelzicht")


def test_clear_asks_first_and_keeps_work_when_cancelled(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS, wait_ready=False)
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Ziekenhuizen")
    messages = []
    page.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Wis alles").click()
    assert "Weet je zeker" in messages[0]
    assert page.get_by_role("combobox", name="Klantsegment", exact=True).input_value() == "Ziekenhuizen"


def test_bad_files_are_refused_in_dutch_and_work_is_untouched(page, base_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS)
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Huidig werk")
    cases = {
        "kapot.json": (b'{"format": "klantcanvas", "data": {', "geen geldig JSON-bestand"),
        # a PNG cut short: the page sends its bytes, and the engine finds it damaged
        "foto.json": (b"\x89PNG\r\n\x1a\n\x00\x00binary", "beschadigd"),
        "ander.json": (json.dumps({"format": "klantcanvas", "version": 1, "canvas": "iets-anders", "title": "Ander canvas", "data": {}}).encode(), "hoort bij het canvas"),
        "vreemd.json": (b'{"hallo": "wereld"}', "geen Klantcanvas-bestand"),
    }
    alert = page.get_by_role("alert")
    for name, (content, expected) in cases.items():
        file = tmp_path / name
        file.write_bytes(content)
        page.get_by_label("Open een bewaard bestand").set_input_files(str(file))
        alert.filter(has_text=expected).wait_for(timeout=30_000)
        assert "Je huidige werk is niet veranderd" in alert.inner_text()
        assert page.get_by_role("combobox", name="Klantsegment", exact=True).input_value() == "Huidig werk"


def test_typed_markup_is_shown_as_text_and_never_runs(page, base_url) -> None:  # type: ignore[no-untyped-def]
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_canvas(page, base_url, CANVAS)
    evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill(evil)
    page.get_by_role("textbox", name="Beslisser 1", exact=True).fill("<b>vet</b>")
    wait_for_preview_text(page, "<b>vet</b>")
    assert page.locator(".kc-preview img, .kc-preview script, .kc-preview b").count() == 0
    _, svg = download(page, "Download SVG")
    assert b"&lt;img" in svg and b"<img" not in svg and b"<script" not in svg and b"<b>" not in svg
    _, pdf = download(page, "Download PDF")
    assert "<b>vet</b>" in pdf_reader(pdf).pages[0].extract_text()
    page.reload()
    page.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
    assert dialogs == []


def test_the_worked_example_loads_with_one_click(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS)
    page.get_by_role("button", name="Laad het voorbeeld").click()
    wait_for_preview_text(page, "met de hand verpakken")
    assert "verpak" in page.get_by_role("textbox", name="Saboteur 1", exact=True).input_value()
    assert page.locator(".kc-app").get_attribute("data-overflow") == ""
