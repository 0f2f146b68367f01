"""Ways of working around a canvas: Mijn canvassen, share links, PowerPoint, blank templates, print."""

from __future__ import annotations

import io
import json
import re
import subprocess
import shutil

import pytest
from playwright.sync_api import expect
from pagetools import come_to_canvas, download, open_canvas, stored_workspace, wait_for_preview_text, wait_until_stored

from klantcanvas.catalog import all_canvases
from klantcanvas.forms import template_files

CANVAS = "klanttype-piramide"


def segment(page):  # type: ignore[no-untyped-def]
    return page.get_by_role("combobox", name="Klantsegment", exact=True)


def test_workspace_create_two_switch_and_delete(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS)
    segment(page).fill("Eerste segment")
    page.get_by_text("Mijn canvassen:").click()
    page.once("dialog", lambda d: d.accept("Tweede canvas"))
    page.get_by_role("button", name="Nieuw canvas").click()
    assert segment(page).input_value() == ""
    segment(page).fill("Tweede segment")
    wait_for_preview_text(page, "Tweede segment")
    page.get_by_role("button", name="Open: Mijn canvas").click()
    assert segment(page).input_value() == "Eerste segment"
    wait_for_preview_text(page, "Eerste segment")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Verwijder: Tweede canvas").click()
    assert page.get_by_role("button", name="Open: Tweede canvas").count() == 0
    page.get_by_role("button", name="Dupliceer: Mijn canvas").click()
    assert segment(page).input_value() == "Eerste segment"
    assert page.get_by_role("button", name="Open: Mijn canvas", exact=True).count() == 1  # the original, now closed
    page.reload()
    page.wait_for_selector(".kc-app[data-restored]", state="attached")
    assert "Mijn canvas (kopie)" in page.locator("[data-workspace-current]").inner_text()


def test_workspace_backup_round_trip(page, base_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS)
    segment(page).fill("Bewaard in de back-up")
    page.get_by_text("Mijn canvassen:").click()
    name, backup = download(page, "Exporteer alle canvassen")
    bundle = json.loads(backup)
    assert bundle["format"] == "klantcanvas-werkruimte" and bundle["canvases"][0]["data"]["segment"] == "Bewaard in de back-up"
    file = tmp_path / name
    file.write_bytes(backup)
    page.get_by_label("Importeer alle canvassen").set_input_files(str(file))
    page.wait_for_function("() => document.querySelectorAll('.kc-doc').length === 2")
    bad = tmp_path / "kapot.json"
    bad.write_text('{"format": "iets"}')
    page.get_by_label("Importeer alle canvassen").set_input_files(str(bad))
    page.get_by_role("alert").filter(has_text="geen back-up").wait_for()
    assert page.locator(".kc-doc").count() == 2


def test_share_link_opens_elsewhere_and_never_overwrites(browser, base_url) -> None:  # type: ignore[no-untyped-def]
    sender = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = sender.new_page()
    open_canvas(page, base_url, CANVAS)
    segment(page).fill("Gedeeld segment ë")
    page.get_by_role("button", name="Deel als link").click()
    # The link appears when the worker has answered: wait for it, never read it straight away.
    expect(page.get_by_label("Deellink")).to_have_value(re.compile(r"#kc1\."), timeout=30_000)
    expect(page.locator("[data-share-note]")).to_contain_text("klembord")  # written after the field
    link = page.get_by_label("Deellink").input_value()
    assert "#kc1." in link and page.evaluate("navigator.clipboard.readText()") == link
    sender.close()

    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(link)
    other.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
    other.wait_for_function("() => document.querySelector('[data-status]').textContent.includes('Gedeeld canvas')")
    assert segment(other).input_value() == "Gedeeld segment ë"
    assert "#" not in other.url

    segment(other).fill("Eigen werk")
    questions = []
    other.once("dialog", lambda d: (questions.append(d.message), d.accept()))
    other.goto(link)
    other.wait_for_function("() => document.querySelectorAll('.kc-doc').length === 2", timeout=60_000)
    assert "als nieuw canvas" in questions[0]
    wait_until_stored(other, "klanttype-piramide", "Eigen werk")
    stored = stored_workspace(other, "klanttype-piramide")
    assert sorted(d["data"]["segment"] for d in stored["docs"].values()) == ["Eigen werk", "Gedeeld segment ë"]
    fresh.close()


def test_a_damaged_share_link_is_refused(page, base_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}methoden/{CANVAS}/#kc1.dGhpcyBpcyBub3QgZGVmbGF0ZQ")
    page.get_by_role("alert").filter(has_text="deellink is beschadigd").wait_for(timeout=60_000)


@pytest.mark.parametrize("canvas_id", sorted(all_canvases()))
def test_powerpoint_is_native_and_editable(page, base_url, canvas_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pptx = pytest.importorskip("pptx")
    open_canvas(page, base_url, canvas_id)
    page.get_by_role("button", name="Laad het voorbeeld").click()
    name, data = download(page, "Download PowerPoint")
    assert name.endswith(".pptx")
    deck = pptx.Presentation(io.BytesIO(data))
    assert len(deck.slides) == 1
    shapes = list(deck.slides[0].shapes)
    texts = " ".join(s.text_frame.text for s in shapes if s.has_text_frame)
    canvas = all_canvases()[canvas_id]
    assert canvas.title in texts
    assert not any(s.shape_type == 13 for s in shapes), "no pictures: every shape is native"
    assert sum(1 for s in shapes if s.has_text_frame and s.text_frame.text) >= 5
    if canvas_id == CANVAS:
        assert shutil.which("libreoffice"), "./dev test installs libreoffice-impress"
        (tmp_path / name).write_bytes(data)
        subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / name)],
                       check=True, capture_output=True, timeout=180)
        import pypdf

        text = pypdf.PdfReader(str(tmp_path / name.replace(".pptx", ".pdf"))).pages[0].extract_text()
        assert "Klanttype-piramide" in text and "Beïnvloeder" in text


def test_every_blank_template_link_resolves_with_the_right_size(page, base_url) -> None:  # type: ignore[no-untyped-def]
    import pypdf

    sizes = {"a4": 297, "a3": 420, "a1": 841, "a0": 1189}
    for canvas_id, canvas in all_canvases().items():
        page.goto(f"{base_url}methoden/{canvas_id}/")
        come_to_canvas(page)
        for label, file in template_files(canvas):
            link = page.get_by_role("link", name=label, exact=True)
            response = page.request.get(link.evaluate("a => a.href"))
            assert response.ok, (canvas_id, file)
            body = response.body()
            if file.endswith(".pdf"):
                box = pypdf.PdfReader(io.BytesIO(body)).pages[0].mediabox
                long_side = round(max(float(box.width), float(box.height)) * 25.4 / 72)
                assert long_side == sizes[file.rsplit("-", 1)[1][:2]], (file, long_side)
            else:
                assert body[:2] == b"PK"


def test_print_canvas_prints_only_the_preview(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS)
    page.get_by_role("button", name="Laad het voorbeeld").click()
    wait_for_preview_text(page, "Saboteur")
    page.evaluate("window.print = () => { window.printedWithCanvasClass = document.body.classList.contains('kc-print-canvas'); }")
    page.get_by_role("button", name="Print canvas").click()
    assert page.evaluate("window.printedWithCanvasClass") is True
    page.evaluate("document.body.classList.add('kc-print-canvas')")  # as during printing
    page.emulate_media(media="print")
    assert page.locator(".kc-preview svg").is_visible()
    assert not page.get_by_role("button", name="Download PDF").is_visible()
    assert not page.get_by_role("heading", name="Voorbereiding").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()


def test_the_pyramid_offers_segments_made_in_klantsegmenten(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, "klantsegmenten", wait_ready=False)
    page.get_by_role("textbox", name="Naam van het segment", exact=True).fill("Hobbybakkers")
    open_canvas(page, base_url, CANVAS, wait_ready=False)
    box = segment(page)
    assert "Klantsegmenten" in page.locator("#" + box.get_attribute("aria-describedby")).inner_text()
    box.focus()
    options = page.locator(f"datalist#{box.get_attribute('list')} option")
    assert [options.nth(i).get_attribute("value") for i in range(options.count())] == ["Hobbybakkers"]
