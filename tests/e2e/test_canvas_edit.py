"""Editing on the canvas (issue 17), on every canvas, once with the mouse and once with the keyboard
alone: edit a drawn item in the editor over it, add an entry with "+", move it earlier, delete it
and undo that. The result in the form, the preview, the JSON download and after a reload is
exactly what was done. The test knows no canvas: it works from the paths the drawing carries."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from pagetools import download, open_canvas, wait_for_preview_text
from test_keyboard import assert_visible_focus, tab_to

from klantcanvas import fill
from klantcanvas.catalog import all_canvases
from klantcanvas.model import Field

CANVASES = sorted(all_canvases())
EDITED = "Bewerkt op het canvas"
ADDED = "Nieuw op het canvas"
ITEMS = ".kc-preview svg [data-path]"

#: The items of the preview in reading order: path, kind, text (without spaces).
READ_ITEMS = """() => [...document.querySelectorAll('.kc-preview svg [data-path], .kc-preview svg [data-add]')]
  .sort((a, b) => a.dataset.order - b.dataset.order)
  .map(el => ({path: el.dataset.path ?? null, add: el.dataset.add ?? null, kind: el.dataset.kind ?? null,
               text: el.textContent.replace(/\\s+/g, '')}))"""


def _steps(path: str) -> list[str | int]:
    return [int(p) - 1 if p.isdigit() else p for p in path.split("/")]


def _container(data: Any, steps: list[str | int]) -> Any:
    for step in steps:
        data = data[step]
    return data


def _fields_at(fields: tuple[Field, ...], steps: list[str | int]) -> tuple[Field, ...]:
    for step in steps:
        if isinstance(step, str):
            fields = next(f for f in fields if f.id == step).fields
    return fields


def _expected(canvas_id: str, edit: str, add: str) -> dict[str, Any]:
    """The example after: ``edit`` set to EDITED, an entry with ADDED appended at ``add`` (in its
    first text field) and moved one earlier (into the previous outer entry when it is first)."""
    canvas = all_canvases()[canvas_id]
    data = copy.deepcopy(fill(canvas, dict(canvas.example)).as_json_data())
    *where, last = _steps(edit)
    _container(data, where)[last] = EDITED
    steps = _steps(add)
    entries = _container(data, steps)
    sub = _fields_at(canvas.fields, steps)
    if sub:
        first = next(f for f in sub if f.kind in ("text", "textarea"))
        entry: Any = {first.id: ADDED}
    else:
        entry = ADDED
    entries.append(entry)
    if len(entries) >= 2:
        entries[-2], entries[-1] = entries[-1], entries[-2]
    elif len(steps) >= 3 and isinstance(steps[-2], int) and steps[-2] > 0:
        entries.pop()
        _container(data, [*steps[:-2], steps[-2] - 1, steps[-1]]).append(entry)
    return fill(canvas, data).as_json_data()


def _load_example(page) -> None:  # type: ignore[no-untyped-def]
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Laad het voorbeeld").click()
    page.wait_for_selector(ITEMS)


def _items(page) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return list(page.evaluate(READ_ITEMS))


def _path_showing(page, text: str) -> str | None:  # type: ignore[no-untyped-def]
    found = [i["path"] for i in _items(page) if i["path"] and "".join(text.split()) in i["text"]]
    return found[0] if found else None


def _wait_path_change(page, text: str, old: str | None) -> str | None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        """([t, old]) => { const el = [...document.querySelectorAll('.kc-preview svg [data-path]')]
             .find(e => e.textContent.replace(/\\s+/g, '').includes(t));
           return (el ? el.dataset.path : null) !== old; }""",
        arg=["".join(text.split()), old], timeout=30_000)
    return _path_showing(page, text)


def _json_data(page) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    _, body = download(page, "Download JSON")
    return dict(json.loads(body)["data"])


def _targets(page) -> tuple[dict[str, Any], dict[str, Any]]:  # type: ignore[no-untyped-def]
    items = _items(page)
    edit = next(i for i in items if i["kind"] in ("text", "textarea", "list"))
    adds = [i for i in items if i["add"]]
    # A list or group of the whole canvas where there is one: a nested entry may be drawn only
    # once more of it is filled in (a user flow's branch needs its target step).
    add = next((i for i in adds if "/" not in i["add"]), adds[0])
    return edit, add


#: The drawing's markup without what the page itself sets on the engine's items (focus order, a flash)
#: and without the line breaks between its elements.
DRAWN_MARKUP = """() => { const svg = document.querySelector('.kc-preview svg').cloneNode(true);
  for (const el of svg.querySelectorAll('[tabindex], .kc-flash')) { el.removeAttribute('tabindex'); el.classList.remove('kc-flash'); }
  for (const el of svg.querySelectorAll('[class=""]')) el.removeAttribute('class');
  return svg.outerHTML.replace(/>\\s+</g, '><'); }"""


def _check_result(page, canvas_id: str, edit: str, add: str) -> None:  # type: ignore[no-untyped-def]
    expected = _expected(canvas_id, edit, add)
    wait_for_preview_text(page, EDITED)
    wait_for_preview_text(page, ADDED)
    assert _json_data(page) == expected
    # after all those changes, redrawn line by line (drawing.js), the drawing is exactly the one a
    # page draws whole from the same data
    redrawn = page.evaluate(DRAWN_MARKUP)
    page.reload()
    page.locator(".kc-app").scroll_into_view_if_needed()
    page.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
    wait_for_preview_text(page, ADDED)
    assert _json_data(page) == expected
    assert page.evaluate(DRAWN_MARKUP) == redrawn


@pytest.mark.parametrize("canvas_id", CANVASES)
def test_edit_add_move_delete_and_undo_with_the_mouse(page, base_url, canvas_id: str) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, canvas_id)
    _load_example(page)
    edit, add = _targets(page)

    page.locator(f'.kc-preview svg [data-path="{edit["path"]}"]').click()
    editor = page.locator("[data-canvas-editor] :is(input, textarea)")
    editor.fill(EDITED)
    editor.press("Enter")
    wait_for_preview_text(page, EDITED)
    assert page.locator("[data-canvas-editor]").count() == 0

    page.locator(f'.kc-preview svg [data-add="{add["add"]}"]').click()
    editor.fill(ADDED)
    editor.press("Enter")
    wait_for_preview_text(page, ADDED)
    added = _path_showing(page, ADDED)
    assert added and added.startswith(add["add"] + "/")

    page.locator(f'.kc-preview svg [data-path="{added}"]').click()
    editor.press("Escape")  # cancels, the item stays chosen
    page.get_by_role("button", name="Eerder", exact=True).first.click()
    moved = _wait_path_change(page, ADDED, added) if _can_move(canvas_id, add["add"]) else added

    page.locator(f'.kc-preview svg [data-path="{moved}"]').click()
    editor.press("Escape")
    page.get_by_role("button", name="Verwijder", exact=True).first.click()
    assert _wait_path_change(page, ADDED, moved) is None
    page.get_by_role("button", name="Ongedaan maken", exact=True).first.click()
    assert _wait_path_change(page, ADDED, None) == moved
    _check_result(page, canvas_id, edit["path"], add["add"])


def _can_move(canvas_id: str, add: str) -> bool:
    canvas = all_canvases()[canvas_id]
    data = fill(canvas, dict(canvas.example)).as_json_data()
    steps = _steps(add)
    return len(_container(data, steps)) >= 1 or (len(steps) >= 3 and steps[-2] != 0)


def _arrow_to(page, wanted) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Press ArrowDown from the first item until ``wanted(focused item)`` holds."""
    page.keyboard.press("Home")
    for _ in range(400):
        now = page.evaluate("() => ({path: document.activeElement.dataset.path ?? null, add: document.activeElement.dataset.add ?? null,"
                            " kind: document.activeElement.dataset.kind ?? null})")
        if wanted(now):
            return dict(now)
        page.keyboard.press("ArrowDown")
    raise AssertionError("not reached with the arrow keys")


def _to_canvas(page) -> None:  # type: ignore[no-untyped-def]
    tab_to(page, "Groot bekijken")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.kc-preview svg')")


@pytest.mark.parametrize("canvas_id", CANVASES)
def test_edit_add_move_delete_and_undo_with_the_keyboard_alone(page, base_url, canvas_id: str) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, canvas_id)
    page.once("dialog", lambda d: d.accept())
    tab_to(page, "Laad het voorbeeld")
    page.keyboard.press("Enter")
    page.wait_for_selector(ITEMS)
    edit, add = _targets(page)

    _to_canvas(page)
    _arrow_to(page, lambda now: now["path"] == edit["path"])
    name = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert name.startswith(page.evaluate("() => document.activeElement.dataset.label") + ": ")
    page.keyboard.press("Enter")
    assert page.evaluate("() => !!document.activeElement.closest('[data-canvas-editor]')")
    page.keyboard.press("Control+A")
    page.keyboard.type(EDITED)
    page.keyboard.press("Enter")
    wait_for_preview_text(page, EDITED)
    page.wait_for_function("p => document.activeElement.dataset?.path === p", arg=edit["path"])
    assert_visible_focus(page)

    _arrow_to(page, lambda now: now["add"] == add["add"])
    page.keyboard.press("Enter")
    page.keyboard.type(ADDED)
    page.keyboard.press("Enter")
    wait_for_preview_text(page, ADDED)
    added = _path_showing(page, ADDED)
    assert added and added.startswith(add["add"] + "/")

    page.wait_for_function("() => !!document.activeElement.closest('.kc-preview svg')")  # back on the drawing
    _arrow_to(page, lambda now: now["path"] == added)
    tab_to(page, "Eerder")
    page.keyboard.press("Enter")
    moved = _wait_path_change(page, ADDED, added) if _can_move(canvas_id, add["add"]) else added
    page.wait_for_function("p => document.activeElement.dataset?.path === p", arg=moved)

    page.keyboard.press("Delete")
    assert _wait_path_change(page, ADDED, moved) is None
    page.keyboard.press("Control+z")
    assert _wait_path_change(page, ADDED, None) == moved
    _check_result(page, canvas_id, edit["path"], add["add"])


def test_the_editor_and_the_big_view_pass_axe_and_edit_like_the_preview(page, base_url) -> None:  # type: ignore[no-untyped-def]
    from test_accessibility import _check_both_schemes

    open_canvas(page, base_url, "customer-journey-canvas")
    _load_example(page)
    edit, _ = _targets(page)
    page.locator(f'.kc-preview svg [data-path="{edit["path"]}"]').click()
    page.locator("[data-canvas-editor]").wait_for()
    problems = _check_both_schemes(page, "editor open")
    assert page.locator("[data-canvas-editor]").count() == 1, "switching the colour scheme leaves the editor open"
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Groot bekijken").click()
    dialog = page.get_by_role("dialog", name="Canvas groot bekijken")
    dialog.locator(f'svg [data-path="{edit["path"]}"]').click()
    editor = dialog.locator("[data-canvas-editor] :is(input, textarea)")
    editor.fill(EDITED)
    problems += _check_both_schemes(page, "big view, editor open")
    editor.press("Enter")
    assert dialog.is_visible(), "Enter in the editor does not close the big view"
    wait_for_preview_text(page, EDITED)
    page.wait_for_function("t => document.querySelector('[data-viewer-canvas] svg').textContent.replace(/\\s+/g, '').includes(t)",
                           arg="".join(EDITED.split()))
    dialog.locator(f'svg [data-path="{edit["path"]}"]').click()
    dialog.locator("[data-canvas-editor] :is(input, textarea)").press("Escape")
    assert dialog.is_visible(), "Escape in the editor closes only the editor"
    assert problems == []


def test_show_in_form_show_on_canvas_and_undo_of_form_typing(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, "persona")
    _load_example(page)
    item = page.locator('.kc-preview svg [data-path="werk"]')
    item.click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Toon in formulier").first.click()
    werk = page.get_by_role("textbox", name="Werk", exact=True)
    expect_focused = "() => document.activeElement.closest('[data-field]')?.dataset.field"
    assert page.evaluate(expect_focused) == "werk"

    werk.fill("Bibliothecaris")
    werk.press("Tab")  # leaving the field finishes the change: one step
    wait_for_preview_text(page, "Bibliothecaris")
    page.get_by_label("Woonplaats", exact=True).focus()
    page.get_by_role("button", name="Toon op canvas").click()
    assert page.evaluate("() => document.activeElement.dataset.path") == "woonplaats"
    page.keyboard.press("Control+z")
    wait_for_preview_text(page, "Projectleider")
    assert werk.input_value().startswith("Projectleider")
    page.keyboard.press("Control+Shift+z")
    wait_for_preview_text(page, "Bibliothecaris")
    assert werk.input_value() == "Bibliothecaris"
