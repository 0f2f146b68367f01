"""axe-core on the workshop in light and dark: the agenda on the guide page, the room screen on an
"alone" step (QR code and reveal panel), and the participant's form on a 390 px phone. The room
is used by keyboard alone: Start, then PageDown to the next step, focus on the step's title."""

from __future__ import annotations

from test_accessibility import _check_both_schemes

from pagetools import open_canvas


def test_the_workshop_has_no_axe_violations_and_works_by_keyboard(page, base_url) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(120_000)
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_canvas(page, base_url, "customer-journey-canvas")
    page.locator("summary", has_text="Workshop").click()
    problems = _check_both_schemes(page, "agenda")

    page.get_by_role("button", name="Start workshop").focus()
    page.keyboard.press("Enter")
    room = page.locator("[data-ws-room]")
    room.locator("h2", has_text="Bepaal het doel").wait_for()
    assert page.evaluate("document.activeElement.matches('[data-ws-step-title]')")
    for title in ("Kies een persona", "Bepaal de scope", "Fases en hun duur", "Touchpoints per fase"):
        page.keyboard.press("PageDown")
        room.locator("h2", has_text=title).wait_for()
    room.locator("[data-ws-qr] svg").wait_for()
    problems += _check_both_schemes(page, "room")
    link = room.locator("[data-ws-link]").get_attribute("href")
    page.keyboard.press("Escape")
    room.wait_for(state="hidden")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(link)
    page.get_by_label("Touchpoint 1").wait_for()
    problems += _check_both_schemes(page, "participant")
    assert problems == []
