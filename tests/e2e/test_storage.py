"""Work that survives the browser: "Mijn canvassen" in IndexedDB, moved there once from today's
localStorage, kept in step by tabs that start together, and big enough for a real workshop."""

from __future__ import annotations

import base64
import io
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pagetools import come_to_canvas, open_canvas, stored_workspace, wait_for_async, wait_until_stored
from PIL import Image
from playwright.sync_api import expect

from klantcanvas.catalog import all_canvases, get_canvas
from klantcanvas.model import Field

FIXTURE = Path(__file__).parent / "fixtures" / "localstorage-before-indexeddb.json"
PERSONA = "persona"


def test_todays_local_storage_moves_into_indexeddb_once_losing_nothing(context, base_url) -> None:  # type: ignore[no-untyped-def]
    today = json.loads(FIXTURE.read_text("utf-8"))
    page = context.new_page()
    page.goto(base_url)  # a page without a canvas: nothing moves yet
    page.evaluate("items => { for (const [key, value] of Object.entries(items)) localStorage.setItem(key, JSON.stringify(value)); }", today)

    open_canvas(page, base_url, PERSONA, wait_ready=False)
    expect(page.get_by_role("textbox", name="Woonplaats", exact=True)).to_have_value("Zwolle")
    page.get_by_text("Mijn canvassen:").click()
    expect(page.get_by_role("button", name="Open: Tweede persona")).to_be_visible()
    page.locator("[data-versions] summary").click()
    expect(page.get_by_role("button", name="Open versie Na de workshop")).to_be_visible()

    for key in ("persona", "klanttype-piramide"):
        assert stored_workspace(page, key)["docs"] == today[f"klantcanvas:v2:{key}"]["docs"]
    first_format = stored_workspace(page, "klantsegmenten")
    assert [(d["name"], d["data"]) for d in first_format["docs"].values()] == [("Mijn canvas", {"segmenten": [{"naam": "Starters"}]})]
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('klantcanvas:'))") == []

    page.reload()  # once: nothing doubles on the next visit
    page.wait_for_selector(".kc-app[data-restored]", state="attached")
    page.get_by_text("Mijn canvassen:").click()
    expect(page.locator("[data-workspace-list] .kc-doc")).to_have_count(2)
    open_canvas(page, base_url, "klanttype-piramide", wait_ready=False)
    expect(page.get_by_role("combobox", name="Klantsegment", exact=True)).to_have_value("Gemeenten")


def test_two_tabs_that_start_together_on_a_first_visit_make_one_canvas(context, base_url) -> None:  # type: ignore[no-untyped-def]
    tab_a = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    tab_b = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)  # neither has stored anything
    tab_a.get_by_role("textbox", name="Naam", exact=True).fill("Ilse")
    tab_b.get_by_role("textbox", name="Woonplaats", exact=True).fill("Zwolle")
    for tab in (tab_a, tab_b):
        expect(tab.get_by_role("textbox", name="Naam", exact=True)).to_have_value("Ilse")
        expect(tab.get_by_role("textbox", name="Woonplaats", exact=True)).to_have_value("Zwolle")
    wait_until_stored(tab_a, PERSONA, "Zwolle")
    docs = stored_workspace(tab_a, PERSONA)["docs"]
    assert len(docs) == 1 and [d["name"] for d in docs.values()] == ["Mijn canvas"]
    for tab in (tab_a, tab_b):
        tab.get_by_text("Mijn canvassen:").click()
        expect(tab.locator("[data-workspace-list] .kc-doc")).to_have_count(1)


def _largest_photo(field: Field) -> str:
    """A JPEG of noise at the field's largest size, as a data URI just under its byte limit."""
    pixels = Image.frombytes("RGB", (field.maximum, field.maximum), random.Random(7).randbytes(3 * field.maximum**2))
    for quality in range(95, 5, -5):
        out = io.BytesIO()
        pixels.save(out, "JPEG", quality=quality)
        if len(out.getvalue()) <= field.max_length:
            return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()
    raise AssertionError("no JPEG small enough")


def _largest(field: Field, text: str) -> Any:
    """A field filled to the limits its definition allows."""
    if field.kind in ("text", "textarea"):
        return text[: field.max_length]
    if field.kind == "list":
        return [text[: field.max_length]] * field.max_items
    if field.kind == "choice":
        return field.options[-1].value
    if field.kind == "flag":
        return True
    if field.kind == "scale":
        return field.maximum
    if field.kind == "photo":
        return _largest_photo(field)
    return [{sub.id: _largest(sub, text) for sub in field.fields} for _ in range(field.max_items)]


def test_seven_canvases_at_their_largest_with_twenty_versions_each_are_kept(context, base_url) -> None:  # type: ignore[no-untyped-def]
    text = "Wat de klant in de workshop zei, woord voor woord: ‘eerst zien, dan geloven’ ë € ✓ " * 6
    largest = {canvas_id: {f.id: _largest(f, text) for f in get_canvas(canvas_id).fields} for canvas_id in all_canvases()}
    assert len(largest) == 7
    page = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    kept = page.evaluate("""async ([url, largest]) => {
        const { Workspace } = await import(url);
        const entries = Object.entries(largest).map(([canvas, data]) => ({
            canvas, name: `Workshop ${canvas}`, data, options: null,
            versions: Array.from({ length: 20 }, (_, n) => ({ name: `Versie ${n + 1}`, saved: new Date(Date.UTC(2026, 0, 1, n)).toISOString(), data, options: null })),
        }));
        return await Workspace.addAll(entries);
    }""", [f"{base_url}assets/klantcanvas/workspace.js", largest])
    assert kept is True
    characters = sum(len(json.dumps(stored_workspace(page, canvas_id), ensure_ascii=False)) for canvas_id in largest)
    assert characters > 5 * 1024 * 1024  # more than localStorage holds (about 5 Mi characters per site)

    page.reload()
    page.wait_for_selector(".kc-app[data-restored]", state="attached")
    expect(page.locator("[data-workspace-current]")).to_have_text("Workshop persona")
    expect(page.get_by_role("textbox", name="Naam", exact=True)).to_have_value(text[: get_canvas(PERSONA).field("naam").max_length])
    page.locator("[data-versions] summary").click()
    expect(page.get_by_text("Dit canvas heeft het maximum van 20 versies.")).to_be_visible()
    page.get_by_role("textbox", name="Woonplaats", exact=True).fill("Nog steeds ruimte")
    wait_until_stored(page, PERSONA, "Nog steeds ruimte")
    expect(page.get_by_role("alert").filter(has_text="Niet bewaard")).to_have_count(0)


def test_the_panel_says_where_work_lives_and_asks_the_browser_once_to_keep_it(context, base_url) -> None:  # type: ignore[no-untyped-def]
    context.add_init_script("""(() => {
        if (typeof StorageManager === "undefined") return;  // a worker
        window.persistAsked = 0;
        const real = StorageManager.prototype.persist;
        StorageManager.prototype.persist = function () { window.persistAsked++; return real.call(this); };
    })()""")
    page = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    page.get_by_text("Mijn canvassen:").click()
    panel = page.get_by_role("region", name="Waar je werk staat")
    expect(panel).to_contain_text("alleen in deze browser op dit apparaat")
    expect(panel).to_contain_text("MB in gebruik")
    assert page.evaluate("window.persistAsked") == 0  # nothing typed yet: nothing to keep
    page.get_by_role("textbox", name="Naam", exact=True).fill("Ilse")
    page.get_by_role("textbox", name="Woonplaats", exact=True).fill("Zwolle")
    wait_until_stored(page, PERSONA, "Zwolle")
    page.wait_for_function("() => window.persistAsked === 1")
    kept = page.evaluate("navigator.storage.persisted()")
    expect(panel).to_contain_text("heeft beloofd je werk te bewaren" if kept else "heeft niet beloofd je werk te bewaren")
    assert page.evaluate("window.persistAsked") == 1


# A file picker that hands out a file in the origin-private file system, as the user's own file.
PICKER = """window.showSaveFilePicker = async () => (await navigator.storage.getDirectory()).getFileHandle("canvas.json", { create: true });"""
READ_FILE = """async () => { const dir = await navigator.storage.getDirectory();
    try { return await (await (await dir.getFileHandle("canvas.json")).getFile()).text(); } catch (error) { return `not read: ${error}`; } }"""


def file_with(page, text: str) -> str:  # type: ignore[no-untyped-def]
    """The file's text once it holds ``text``."""
    return wait_for_async(page, READ_FILE, None, text)


def test_a_file_on_disk_follows_the_typing_and_comes_back_with_one_click(context, base_url) -> None:  # type: ignore[no-untyped-def]
    context.add_init_script(PICKER)
    page = open_canvas(context.new_page(), base_url, PERSONA)
    page.get_by_text("Mijn canvassen:").click()
    page.get_by_role("button", name="Bewaar op schijf…").click()
    expect(page.get_by_role("status").filter(has_text="Elke wijziging wordt ook bewaard in het bestand canvas.json")).to_be_visible()
    page.get_by_role("textbox", name="Naam", exact=True).fill("Ilse")
    file_with(page, "Ilse")
    page.get_by_role("textbox", name="Woonplaats", exact=True).fill("Zwolle")
    on_disk = json.loads(file_with(page, "Zwolle"))
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download JSON", exact=True).click()
    downloaded = json.loads(Path(info.value.path()).read_bytes())
    on_disk.pop("saved_at", None), downloaded.pop("saved_at", None)
    assert on_disk == downloaded and on_disk["data"]["woonplaats"] == "Zwolle"

    # A return visit: the browser has forgotten the permission, and asks again on one click.
    context.add_init_script("""(() => {
        if (typeof FileSystemHandle === "undefined") return;  // a worker
        FileSystemHandle.prototype.queryPermission = async function () { return window.permissionGiven ? "granted" : "prompt"; };
        FileSystemHandle.prototype.requestPermission = async function () { window.permissionGiven = true; return "granted"; };
    })()""")
    page = open_canvas(context.new_page(), base_url, PERSONA)
    page.get_by_text("Mijn canvassen:").click()
    page.get_by_role("button", name="Ga verder met bestand canvas.json").click()
    expect(page.get_by_role("status").filter(has_text="Elke wijziging wordt ook bewaard in het bestand canvas.json")).to_be_visible()
    page.get_by_role("textbox", name="Woonplaats", exact=True).fill("Deventer")
    assert json.loads(file_with(page, "Deventer"))["data"]["naam"] == "Ilse"


def test_without_a_file_a_backup_is_offered_and_a_reminder_comes_after_three_days(context, base_url) -> None:  # type: ignore[no-untyped-def]
    context.add_init_script("delete window.showSaveFilePicker;")  # as in Firefox and Safari
    page = context.new_page()
    start = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    page.clock.install(time=start)
    open_canvas(page, base_url, PERSONA, wait_ready=False)
    page.get_by_role("textbox", name="Naam", exact=True).fill("Ilse")
    wait_until_stored(page, PERSONA, "Ilse")
    page.get_by_text("Mijn canvassen:").click()
    expect(page.get_by_text("Je hebt nog geen back-up gemaakt.")).to_be_visible()
    reminder = page.get_by_text("Je hebt wijzigingen van meer dan 3 dagen geleden")
    expect(reminder).to_be_hidden()

    page.clock.set_system_time(start + timedelta(days=4))
    page.reload()  # a return visit four days later
    expect(reminder).to_be_visible()  # the panel opens by itself to show it

    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download een back-up").click()
    assert json.loads(Path(info.value.path()).read_bytes())["canvases"][0]["data"]["naam"] == "Ilse"
    expect(page.get_by_text("Laatste back-up:")).to_be_visible()
    expect(reminder).to_be_hidden()
    page.clock.set_system_time(start + timedelta(days=9))
    page.reload()  # and five days after the back-up
    page.get_by_text("Mijn canvassen:").click()
    expect(page.get_by_text("Laatste back-up:")).to_be_visible()
    expect(reminder).to_be_hidden()  # nothing changed since the back-up


def test_a_change_the_store_has_not_confirmed_survives_leaving_the_page(context, base_url) -> None:  # type: ignore[no-untyped-def]
    page = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    page.get_by_role("textbox", name="Naam", exact=True).fill("Ilse")
    wait_until_stored(page, PERSONA, "Ilse")
    page.evaluate("""() => { IDBObjectStore.prototype.put = function () { throw new DOMException("vol", "QuotaExceededError"); }; }""")
    page.get_by_role("textbox", name="Woonplaats", exact=True).fill("Zwolle")
    expect(page.get_by_role("alert").filter(has_text="Niet bewaard")).to_be_visible()
    page.reload()  # the closing page leaves a copy in localStorage; this visit moves it into the store
    page.wait_for_selector(".kc-app[data-restored]", state="attached")
    expect(page.get_by_role("textbox", name="Woonplaats", exact=True)).to_have_value("Zwolle")
    wait_until_stored(page, PERSONA, "Zwolle")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('klantcanvas:'))") == []


def test_typing_before_the_page_script_runs_is_kept(context, base_url) -> None:  # type: ignore[no-untyped-def]
    """On a slow phone the form can be typed into before app.js runs; a returning visitor's stored
    canvas then arrives in the form, and must not wipe what was typed."""
    page = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    page.get_by_role("textbox", name="Naam", exact=True).fill("Ilse")
    wait_until_stored(page, PERSONA, "Ilse")

    held = []  # app.js is held back until the typing is done
    page.route("**/assets/klantcanvas/app.js", lambda route: held.append(route))
    page.goto(f"{base_url}methoden/{PERSONA}/", wait_until="commit")
    come_to_canvas(page)
    page.get_by_role("textbox", name="Woonplaats", exact=True).fill("Zwolle")
    assert held and page.locator(".kc-app[data-started]").count() == 0  # app.js has not run
    expect(page.locator(".kc-app[data-interactive]")).to_have_count(1)  # but listen.js has
    for route in held:
        route.continue_()
    page.unroute("**/assets/klantcanvas/app.js")
    page.wait_for_selector(".kc-app[data-restored]", state="attached")
    expect(page.get_by_role("textbox", name="Naam", exact=True)).to_have_value("Ilse")  # the stored canvas
    expect(page.get_by_role("textbox", name="Woonplaats", exact=True)).to_have_value("Zwolle")  # and the typing
    wait_until_stored(page, PERSONA, "Zwolle")


def test_typing_on_a_page_left_before_its_script_ran_comes_back(context, base_url) -> None:  # type: ignore[no-untyped-def]
    """listen.js keeps what is typed before app.js starts, so a page left before that loses
    nothing: the next visit puts it into the form and the store."""
    page = context.new_page()
    held = []  # app.js never arrives on this visit
    page.route("**/assets/klantcanvas/app.js", lambda route: held.append(route))
    page.goto(f"{base_url}methoden/{PERSONA}/", wait_until="commit")
    come_to_canvas(page)
    page.get_by_role("textbox", name="Woonplaats", exact=True).fill("Zwolle")
    page.get_by_role("combobox", name="Klanttype", exact=True).select_option(index=1)
    chosen = page.get_by_role("combobox", name="Klanttype", exact=True).input_value()
    assert held and page.locator(".kc-app[data-started]").count() == 0
    page.wait_for_function("() => (localStorage.getItem('klantcanvas:early:persona') || '').includes('Zwolle')")
    page.unroute("**/assets/klantcanvas/app.js")
    page.goto(f"{base_url}over/")  # the page is left before app.js ever ran

    page.goto(f"{base_url}methoden/{PERSONA}/")
    come_to_canvas(page)
    page.wait_for_selector(".kc-app[data-restored]", state="attached")
    expect(page.get_by_role("textbox", name="Woonplaats", exact=True)).to_have_value("Zwolle")
    expect(page.get_by_role("combobox", name="Klanttype", exact=True)).to_have_value(chosen)
    wait_until_stored(page, PERSONA, "Zwolle")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('klantcanvas:'))") == []
