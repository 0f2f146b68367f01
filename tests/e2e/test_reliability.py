"""Nothing typed is lost: two tabs on one canvas, and a browser that will not save."""

from __future__ import annotations

import json
from pathlib import Path

from pagetools import open_canvas, stored_text, stored_workspace, wait_until_stored
from playwright.sync_api import expect

PERSONA = "persona"


def stored_doc(page):  # type: ignore[no-untyped-def]
    state = stored_workspace(page, PERSONA)
    return state["docs"][state["active"]]


def test_two_tabs_keep_what_was_typed_in_each_field_by_field(context, base_url) -> None:  # type: ignore[no-untyped-def]
    tab_a = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    tab_a.get_by_role("textbox", name="Naam", exact=True).fill("Ilse")  # both tabs now share one canvas
    tab_b = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    expect(tab_b.get_by_role("textbox", name="Naam", exact=True)).to_have_value("Ilse")

    tab_a.get_by_role("textbox", name="Woonplaats", exact=True).fill("Zwolle")
    # Tab B has not been reloaded: its copy of the canvas is older than what tab A stored.
    tab_b.get_by_role("textbox", name="Levensmotto", exact=True).fill("Eerst zien, dan geloven")
    expect(tab_b.get_by_role("textbox", name="Woonplaats", exact=True)).to_have_value("Zwolle")  # synced live
    expect(tab_a.get_by_role("textbox", name="Levensmotto", exact=True)).to_have_value("Eerst zien, dan geloven")

    fresh = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    assert fresh.get_by_role("textbox", name="Woonplaats", exact=True).input_value() == "Zwolle"
    assert fresh.get_by_role("textbox", name="Levensmotto", exact=True).input_value() == "Eerst zien, dan geloven"
    data = stored_doc(fresh)["data"]
    assert (data["naam"], data["woonplaats"], data["levensmotto"]) == ("Ilse", "Zwolle", "Eerst zien, dan geloven")


def test_the_workspace_list_stays_in_step_across_tabs(context, base_url) -> None:  # type: ignore[no-untyped-def]
    tab_a = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    tab_a.get_by_role("textbox", name="Naam", exact=True).fill("Eerste")
    tab_b = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    for tab in (tab_a, tab_b):
        tab.get_by_text("Mijn canvassen:").click()

    tab_a.once("dialog", lambda d: d.accept("Tweede persona"))
    tab_a.get_by_role("button", name="Nieuw canvas").click()
    expect(tab_b.get_by_role("button", name="Open: Tweede persona")).to_be_visible()
    # Tab B keeps working on its own canvas: a new canvas elsewhere does not switch it.
    expect(tab_b.get_by_role("textbox", name="Naam", exact=True)).to_have_value("Eerste")

    tab_b.once("dialog", lambda d: d.accept("Hernoemd"))
    tab_b.get_by_role("button", name="Naam wijzigen: Tweede persona").click()
    expect(tab_a.locator("[data-workspace-current]")).to_have_text("Hernoemd")

    tab_b.once("dialog", lambda d: d.accept())
    tab_b.get_by_role("button", name="Verwijder: Hernoemd").click()
    # Tab A had it open: it moves to the canvas that is left, with that canvas's values.
    expect(tab_a.locator("[data-workspace-current]")).to_have_text("Mijn canvas")
    expect(tab_a.get_by_role("textbox", name="Naam", exact=True)).to_have_value("Eerste")
    assert tab_a.locator(".kc-doc").count() == 1 and tab_b.locator(".kc-doc").count() == 1


def test_a_browser_that_will_not_save_says_so_and_offers_the_file(context, base_url) -> None:  # type: ignore[no-untyped-def]
    page = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    page.get_by_role("textbox", name="Naam", exact=True).fill("Al bewaard")
    wait_until_stored(page, PERSONA, "Al bewaard")
    saved_before = stored_text(page, PERSONA)

    # From now on the browser refuses every write, as when storage is full.
    page.evaluate("""() => {
        window.realPut = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function () { throw new DOMException("vol", "QuotaExceededError"); };
    }""")
    page.get_by_role("textbox", name="Woonplaats", exact=True).fill("Deventer")
    warning = page.get_by_role("alert").filter(has_text="bewaart je werk nu niet")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Niet bewaard")
    expect(warning).to_contain_text("De opslag van deze browser is vol.")
    assert stored_text(page, PERSONA) == saved_before  # nothing saved was touched

    with page.expect_download(timeout=60_000) as info:
        warning.get_by_role("button", name="Download je canvas als JSON").click()
    envelope = json.loads(Path(info.value.path()).read_bytes())
    assert envelope["data"]["naam"] == "Al bewaard" and envelope["data"]["woonplaats"] == "Deventer"

    page.evaluate("() => { IDBObjectStore.prototype.put = window.realPut; }")  # the browser saves again
    page.get_by_role("textbox", name="Woonplaats", exact=True).fill("Deventer-Zuid")
    expect(warning).to_be_hidden()
    wait_until_stored(page, PERSONA, "Deventer-Zuid")
    assert stored_doc(page)["data"]["woonplaats"] == "Deventer-Zuid"
