"""Versions of a canvas, as a team uses them: save after the workshop and after the interviews, look
back read-only, restore (and undo that), delete, compare by labels with a marked drawing, take
them along in the backup, see them in a second tab, and a browser that has no room for one."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

from pagetools import download, open_canvas, stored_text, stored_workspace, wait_for_preview_text, wait_until_stored
from playwright.sync_api import expect

from klantcanvas.i18n import t

JOURNEY = "customer-journey-canvas"
PERSONA = "persona"


class Answers:
    """Answers the page's prompt and confirm dialogs in turn: a text is typed into a prompt, True
    accepts, False cancels; with nothing queued, a dialog is accepted as it is."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.queue: list[str | bool] = []
        self.asked: list[str] = []
        page.on("dialog", self._answer)

    def _answer(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.asked.append(dialog.message)
        answer = self.queue.pop(0) if self.queue else True
        if answer is False:
            dialog.dismiss()
        elif answer is True:
            dialog.accept()
        else:
            dialog.accept(answer)


def save_version(page, answers: Answers, name: str, label: str = "Bewaar versie") -> None:  # type: ignore[no-untyped-def]
    answers.queue.append(name)
    page.get_by_role("button", name=label, exact=True).click()


def open_versions(page, summary: str = "Versies van") -> None:  # type: ignore[no-untyped-def]
    page.locator("[data-versions] summary").filter(has_text=summary).click()


@contextmanager
def backup_opened_elsewhere(browser, base_url: str, backup: Path, canvas_name: str):  # type: ignore[no-untyped-def]
    """A second browser, with nothing stored, that imports ``backup`` (the export of all canvases)
    on the Persona page and opens the canvas called ``canvas_name``; the page is yielded."""
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    try:
        other = open_canvas(fresh.new_page(), base_url, PERSONA)
        Answers(other)
        other.get_by_text("Mijn canvassen:").click()
        other.locator("input[data-action=import-all]").set_input_files(str(backup))
        expect(other.get_by_role("status")).to_contain_text("1 canvas(sen) toegevoegd")
        other.get_by_role("button", name=f"Open: {canvas_name}").click()
        yield other
    finally:
        fresh.close()


def test_save_open_restore_delete_and_compare_versions(page, base_url) -> None:  # type: ignore[no-untyped-def]
    answers = Answers(page)
    open_canvas(page, base_url, JOURNEY)
    page.get_by_role("button", name="Laad het voorbeeld").click()
    doel = page.get_by_role("textbox", name="Doel", exact=True)
    expect(doel).to_have_value("Begrijpen waarom kantoren na het eerste jaar soms opzeggen.")
    open_versions(page)
    expect(page.get_by_text("Nog geen versies.")).to_be_visible()

    save_version(page, answers, "Workshop")
    expect(page.get_by_role("button", name="Open versie Workshop")).to_be_visible()
    doel.fill("Weten waarom kantoren opzeggen, getoetst in vijf interviews")
    page.get_by_role("combobox", name="Emotie", exact=True).nth(5).select_option(label="Heel positief")  # Fase 2, Touchpoint 3
    save_version(page, answers, "Na interviews")
    expect(page.get_by_role("button", name="Open versie Na interviews")).to_be_visible()
    expect(page.get_by_text("2 van maximaal 20 versies.")).to_be_visible()
    assert [n.strip() for n in page.locator("[data-versions-list] .kc-doc-name").all_inner_texts()] == ["Na interviews", "Workshop"]

    # Open read-only: the version's drawing, the current work untouched, a clear way back.
    page.get_by_role("button", name="Open versie Workshop").click()
    view = page.get_by_role("dialog", name="Versie ‘Workshop’ (alleen lezen)")
    expect(view).to_be_visible()
    drawing = view.get_by_role("img", name="Versie ‘Workshop’ (alleen lezen)")
    expect(drawing).to_contain_text("Begrijpen waarom kantoren", timeout=30_000)  # drawn by the engine, on a busy machine too
    view.get_by_role("button", name="Terug naar je huidige werk").click()
    expect(view).to_be_hidden()
    expect(page.get_by_role("button", name="Open versie Workshop")).to_be_focused()
    expect(doel).to_have_value("Weten waarom kantoren opzeggen, getoetst in vijf interviews")

    # Compare: by the fields' label paths, with the newer drawing marked.
    page.get_by_role("combobox", name="Van", exact=True).select_option(label=page.locator("[data-compare-from] option", has_text="Workshop").inner_text())
    page.get_by_role("combobox", name="Naar", exact=True).select_option(label="Huidige versie")
    page.get_by_role("button", name="Vergelijk", exact=True).click()
    changes = page.get_by_role("list", name="Wat er anders is")
    expect(changes.get_by_role("listitem")).to_have_count(2)
    expect(changes.get_by_role("listitem").nth(0)).to_contain_text(
        "Gewijzigd Doel: Begrijpen waarom kantoren na het eerste jaar soms opzeggen. → Weten waarom kantoren opzeggen")
    expect(changes.get_by_role("listitem").nth(1)).to_contain_text("Fase 2 › Touchpoint 3 › Emotie: Negatief → Heel positief")
    expect(page.get_by_role("status")).to_have_text("Van ‘Workshop’ naar ‘Huidige versie’: 0 toegevoegd, 2 gewijzigd, 0 verwijderd.")
    expect(page.locator("[data-compare-summary]")).to_be_focused()
    marked = page.get_by_role("img", name="‘Huidige versie’, met omlijnd wat anders is dan in ‘Workshop’")
    expect(marked).to_contain_text("Omlijnd: anders dan in ‘Workshop’")
    assert marked.locator("g.kc-mark").count() >= 2

    # Restore: what was there becomes a version first, so the restore can be undone.
    page.get_by_role("button", name="Zet terug: versie Workshop").click()
    expect(doel).to_have_value("Begrijpen waarom kantoren na het eerste jaar soms opzeggen.")
    backup = "Voor terugzetten van Workshop"
    expect(page.get_by_role("button", name=f"Open versie {backup}")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(f"Wat er eerst stond, is bewaard als versie ‘{backup}’")
    wait_for_preview_text(page, "Begrijpen waarom kantoren")
    page.get_by_role("button", name=f"Zet terug: versie {backup}").click()
    expect(doel).to_have_value("Weten waarom kantoren opzeggen, getoetst in vijf interviews")
    expect(page.locator("[data-versions-list] .kc-doc")).to_have_count(4)

    # Delete asks first; saying no keeps it.
    answers.queue.append(False)
    page.get_by_role("button", name="Verwijder versie Workshop").click()
    expect(page.get_by_role("button", name="Open versie Workshop")).to_be_visible()
    assert answers.asked[-1] == "Weet je zeker dat je de versie ‘Workshop’ wilt verwijderen? Dit kun je niet ongedaan maken."
    answers.queue.append(True)
    page.get_by_role("button", name="Verwijder versie Workshop").click()
    expect(page.get_by_role("button", name="Open versie Workshop")).to_have_count(0)
    expect(page.locator("[data-versions-list] .kc-doc")).to_have_count(3)
    # the rebuilt list keeps keyboard focus: its button is gone, so the list's first one
    expect(page.locator("[data-versions-list] button").first).to_be_focused()


def test_versions_go_into_the_backup_and_come_back_in_a_fresh_browser(browser, context, base_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = open_canvas(context.new_page(), base_url, PERSONA)
    answers = Answers(page)
    page.get_by_role("textbox", name="Naam", exact=True).fill("Femke")
    open_versions(page)
    save_version(page, answers, "Eerste schets")
    page.get_by_role("textbox", name="Naam", exact=True).fill("Femke de Vries")
    page.get_by_text("Mijn canvassen:").click()
    answers.queue.append("Femke")
    page.get_by_role("button", name="Naam wijzigen: Mijn canvas").click()
    name, body = download(page, "Exporteer alle canvassen")
    backup = json.loads(body)
    assert backup["version"] == 2
    [canvas] = backup["canvases"]
    assert [(v["name"], v["data"]["naam"]) for v in canvas["versions"]] == [("Eerste schets", "Femke")]
    (tmp_path / name).write_bytes(body)

    with backup_opened_elsewhere(browser, base_url, tmp_path / name, "Femke") as other:
        expect(other.get_by_role("textbox", name="Naam", exact=True)).to_have_value("Femke de Vries")
        open_versions(other)
        other.get_by_role("button", name="Open versie Eerste schets").click()
        drawing = other.get_by_role("dialog", name="Versie ‘Eerste schets’ (alleen lezen)").get_by_role("img")
        expect(drawing).to_contain_text("Femke", timeout=30_000)  # drawn by the engine, on a busy machine too


def test_a_version_saved_in_one_tab_appears_in_the_other(context, base_url) -> None:  # type: ignore[no-untyped-def]
    tab_a = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    tab_a.get_by_role("textbox", name="Naam", exact=True).fill("Ilse")
    tab_b = open_canvas(context.new_page(), base_url, PERSONA, wait_ready=False)
    answers_a, answers_b = Answers(tab_a), Answers(tab_b)
    for tab in (tab_a, tab_b):
        open_versions(tab)
    save_version(tab_a, answers_a, "Uit tab A")
    expect(tab_b.get_by_role("button", name="Open versie Uit tab A")).to_be_visible()
    # both tabs save one at the same time: neither is lost
    save_version(tab_b, answers_b, "Uit tab B")
    expect(tab_a.get_by_role("button", name="Open versie Uit tab B")).to_be_visible()
    expect(tab_b.get_by_role("button", name="Open versie Uit tab A")).to_be_visible()
    stored = stored_workspace(tab_a, PERSONA)
    names = sorted(v["name"] for v in stored["docs"][stored["active"]]["versions"].values())
    assert names == ["Uit tab A", "Uit tab B"]


def _without_token(text: str | None) -> dict:  # type: ignore[type-arg]
    """A stored workspace without the token of the write that stored it."""
    state = json.loads(text or "null")
    state.pop("written", None)
    return state  # type: ignore[no-any-return]


def test_a_version_that_does_not_fit_says_so_and_keeps_everything(page, base_url) -> None:  # type: ignore[no-untyped-def]
    answers = Answers(page)
    open_canvas(page, base_url, PERSONA, wait_ready=False)
    page.get_by_role("textbox", name="Naam", exact=True).fill("Bewaard")
    open_versions(page)
    save_version(page, answers, "Past nog")
    expect(page.get_by_role("button", name="Open versie Past nog")).to_be_visible()
    wait_until_stored(page, PERSONA, "Past nog")
    before = stored_text(page, PERSONA)
    # The browser now refuses anything larger than what it holds, as a full storage does.
    page.evaluate("""(limit) => {
        const real = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (value, key) {
            if (JSON.stringify(value).length > limit) throw new DOMException("vol", "QuotaExceededError");
            return real.call(this, value, key);
        };
    }""", len(before or ""))
    save_version(page, answers, "Past niet")
    expect(page.get_by_role("alert").filter(has_text="Deze versie past niet meer")).to_be_visible()
    expect(page.get_by_role("button", name="Open versie Past niet")).to_have_count(0)
    assert _without_token(stored_text(page, PERSONA)) == _without_token(before)  # a rewrite of the same work may happen
    expect(page.get_by_role("textbox", name="Naam", exact=True)).to_have_value("Bewaard")


def test_versions_work_on_the_english_page(page, base_url) -> None:  # type: ignore[no-untyped-def]
    answers = Answers(page)
    open_canvas(page, base_url + "en/", "klanttype-piramide")
    page.get_by_role("button", name=t("ui.example", "en")).click()
    open_versions(page, "Versions of")
    save_version(page, answers, "Workshop", label="Save version")
    page.get_by_role("textbox", name="Decision maker 1", exact=True).fill("Alderman for the economy")
    page.get_by_role("button", name="Compare", exact=True).click()
    changes = page.get_by_role("list", name="What is different")
    expect(changes.get_by_role("listitem").first).to_contain_text("Changed Decision maker 1:")
    expect(page.get_by_role("img", name="‘Current version’, with what differs from ‘Workshop’ outlined")).to_be_visible()
    page.get_by_role("button", name="Restore: version Workshop").click()
    expect(page.get_by_role("button", name="Open version Before restoring Workshop")).to_be_visible()
