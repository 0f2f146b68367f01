"""A whole canvas filled with the keyboard alone: Tab, Shift+Tab, Enter, Space, typing and arrow
keys, never the mouse. Every control reached shows its focus; focus stays put or moves to a
neighbour when entries move or disappear; status messages and errors arrive in live regions
without taking focus; 'Groot bekijken' zooms, pans and closes with Escape."""

from __future__ import annotations

import json

from pagetools import wait_for_preview_text

CANVAS = "klantsegmenten"
MAX_TABS = 400

FOCUSED = """() => {
  const el = document.activeElement;
  // a file input shows its focus on its label: the one around it, or the one naming it (for=)
  const shown = el.type === 'file' ? (el.closest('label') || (el.labels && el.labels[0]) || el) : el;
  const style = getComputedStyle(shown);
  return {
    name: el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].textContent : '') || el.textContent.trim(),
    tag: el.tagName.toLowerCase(), inApp: !!el.closest('.kc-app'), value: 'value' in el ? String(el.value) : null,
    visible: (el.type === 'file' ? shown.matches(':focus-within') || el.matches(':focus-visible') : el.matches(':focus-visible'))
      && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def focused(page) -> dict:  # type: ignore[no-untyped-def]
    return page.evaluate(FOCUSED)


def assert_visible_focus(page) -> dict:  # type: ignore[no-untyped-def]
    now = focused(page)
    assert now["tag"] != "body", "focus was lost"
    if now["inApp"]:
        assert now["visible"], f"focus is not visible on {now}"
    return now


def tab_to(page, name: str, *, backwards: bool = False, starts: bool = False) -> dict:  # type: ignore[no-untyped-def]
    """Press Tab (or Shift+Tab) until the focused control's name is (or starts with) ``name``;
    on the way, every control inside the canvas block must show its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = assert_visible_focus(page)
        if now["name"] == name or (starts and now["name"].startswith(name)):
            return now
    raise AssertionError(f"{name!r} is not reachable with the keyboard")


def status(page) -> str:  # type: ignore[no-untyped-def]
    return page.get_by_role("status").inner_text()


def test_a_whole_canvas_filled_with_the_keyboard_alone(page, base_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    answers: list[str] = []

    def answer(dialog):  # type: ignore[no-untyped-def]
        answers.append(dialog.message)
        dialog.accept("Tweede canvas" if dialog.type == "prompt" else None)

    page.on("dialog", answer)
    # Playwright switches file-chooser interception on without waiting for the browser, so a key
    # pressed at once can beat it: listen from the start, and expect_file_chooser never races.
    page.on("filechooser", lambda chooser: None)
    page.goto(f"{base_url}methoden/{CANVAS}/")

    # fill a record: a text, a choice by typing its first letters, list entries (the first Tab
    # builds the canvas block, so tabbing from the top of the guide reaches the form)
    tab_to(page, "Naam van het segment")
    assert page.locator(".kc-status").get_attribute("aria-live") == "polite"
    assert page.locator(".kc-alert").first.get_attribute("role") == "alert"
    page.keyboard.type("Thuisbarista's")
    tab_to(page, "Type klantsegment")
    page.keyboard.type("Niche")
    assert focused(page)["value"] == "Nichemarkt"
    page.wait_for_selector(".kc-app[data-ready]", timeout=60_000)  # Python started when focus came near
    tab_to(page, "Klanttaak 1")
    page.keyboard.type("Koffie zetten")
    for n, text in ((2, "Bonen kiezen"), (3, "Gasten verrassen")):
        tab_to(page, "Klanttaak toevoegen")
        page.keyboard.press("Enter")
        assert focused(page)["name"] == f"Klanttaak {n}", "a new entry gets the focus"
        page.keyboard.type(text)
    wait_for_preview_text(page, "Gasten verrassen")

    # move the third entry up: focus stays on the moved entry's button
    tab_to(page, "Zet Klanttaak 3 hoger")
    page.keyboard.press("Enter")
    assert assert_visible_focus(page)["name"] == "Zet Klanttaak 2 hoger"
    values = page.locator("[data-field=taken] [data-value]")
    assert values.evaluate_all("els => els.map(e => e.value)") == ["Koffie zetten", "Gasten verrassen", "Bonen kiezen"]

    # remove the first entry: focus moves to the entry that took its place
    tab_to(page, "Verwijder Klanttaak 1", backwards=True)
    page.keyboard.press("Enter")
    now = assert_visible_focus(page)
    assert now["inApp"] and now["value"] == "Gasten verrassen"
    assert values.evaluate_all("els => els.map(e => e.value)") == ["Gasten verrassen", "Bonen kiezen"]
    assert "bewaard" in status(page)

    # download the canvas as JSON (to open again below) and as PDF
    tab_to(page, "Download JSON")
    with page.expect_download(timeout=60_000) as saved:
        page.keyboard.press("Enter")
    saved_path = tmp_path / "segmenten.json"
    saved.value.save_as(saved_path)
    assert json.loads(saved_path.read_text())["data"]["segmenten"][0]["type"] == "Nichemarkt"
    tab_to(page, "Download PDF", backwards=True)
    with page.expect_download(timeout=60_000) as pdf:
        page.keyboard.press("Enter")
    assert pdf.value.suggested_filename.endswith(".pdf")
    page.wait_for_function("() => document.querySelector('[data-status]').textContent.startsWith('Klaar')")
    assert focused(page)["name"] == "Download PDF", "the status message does not take focus"

    # load the example (after confirming): announced in the status, focus stays on the button
    tab_to(page, "Laad het voorbeeld", backwards=True)
    page.keyboard.press("Enter")
    assert any("voorbeeld" in a for a in answers)
    assert status(page) == "Het voorbeeld is geladen."
    assert focused(page)["name"] == "Laad het voorbeeld"

    # open the saved file again: Space on the file control opens the chooser
    tab_to(page, "Open een bewaard bestand", starts=True)
    with page.expect_file_chooser(timeout=60_000) as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(saved_path))
    page.wait_for_function("() => document.querySelector('[data-status]').textContent.startsWith('Bestand geopend')")
    assert page.get_by_role("textbox", name="Naam van het segment").first.input_value() == "Thuisbarista's"
    assert_visible_focus(page)

    # a broken file: the error is announced (role=alert) and focus stays where it was
    broken = tmp_path / "kapot.json"
    broken.write_text("{ geen json")
    with page.expect_file_chooser(timeout=60_000) as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(broken))
    alert = page.locator("[data-alert]")
    alert.wait_for(state="visible")
    assert "geen geldig JSON-bestand" in alert.inner_text() and alert.get_attribute("role") == "alert"
    assert focused(page)["name"].startswith("Open een bewaard bestand")

    # Groot bekijken: opens on Enter, zooms with +, pans with arrows, closes with Escape
    tab_to(page, "Groot bekijken")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Canvas groot bekijken")
    dialog.wait_for()
    assert focused(page)["name"] == "Canvas groot bekijken"
    level = dialog.locator("[data-viewer-level]")
    assert level.inner_text() == "Zoom: 100%" and level.get_attribute("aria-live") == "polite"
    page.keyboard.press("+")
    page.keyboard.press("+")
    assert level.inner_text() == "Zoom: 156%"
    before = dialog.locator("[data-viewer-canvas]").evaluate("el => el.style.transform")
    page.keyboard.press("ArrowRight")
    assert dialog.locator("[data-viewer-canvas]").evaluate("el => el.style.transform") != before
    assert dialog.locator("svg title").text_content()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert assert_visible_focus(page)["name"] == "Groot bekijken"

    # Mijn canvassen: open the list, make a second canvas, switch back to the first
    tab_to(page, "Mijn canvassen", backwards=True, starts=True)
    page.keyboard.press("Enter")
    tab_to(page, "Nieuw canvas")
    page.keyboard.press("Enter")
    assert page.locator("[data-workspace-current]").inner_text() == "Tweede canvas"
    assert page.get_by_role("textbox", name="Naam van het segment").first.input_value() == ""
    tab_to(page, "Open: Mijn canvas", backwards=True)
    page.keyboard.press("Enter")
    assert page.locator("[data-workspace-current]").inner_text() == "Mijn canvas"
    now = assert_visible_focus(page)
    assert now["inApp"] and now["name"].endswith(": Mijn canvas"), "focus stays with the canvas just opened"
    assert page.get_by_role("textbox", name="Naam van het segment").first.input_value() == "Thuisbarista's"
