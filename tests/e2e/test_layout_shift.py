"""Nothing moves while a page loads (CLS at most 0.02), for every kind of page in both editions,
wide and narrow: fonts are preloaded and never swapped in late (inter.css: font-display optional)."""

from __future__ import annotations

import pytest

SHIFTS = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  const done = () => document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve(total))));
  if (document.readyState === "complete") done(); else addEventListener("load", done);
})"""


@pytest.mark.parametrize("path", ["", "methoden/persona/", "over/", "en/", "en/methoden/persona/", "en/over/"])
@pytest.mark.parametrize("width", [1350, 412])
def test_the_page_does_not_shift_while_loading(browser, base_url, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    page = context.new_page()
    page.goto(base_url + path)
    assert page.evaluate(SHIFTS) <= 0.02
    assert page.evaluate("[...document.fonts].some((f) => f.family === 'Inter' && f.status === 'loaded')")
    context.close()


SHIFTED = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})"""


@pytest.mark.parametrize("path", ["methoden/persona/#vul-het-canvas-in", "en/methoden/persona/#fill-in-the-canvas"])
@pytest.mark.parametrize("width", [1350, 412])
def test_a_link_to_the_canvas_opens_it_built_without_a_shift(browser, base_url, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    """The block waits in a template until the visitor comes near it (listen.js); a link to its
    heading has it built while the page parses, so it never pushes what is already on screen."""
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    page = context.new_page()
    page.goto(base_url + path)
    assert page.locator(".kc-app[data-interactive]").count() == 1
    assert page.evaluate(SHIFTS) <= 0.02
    context.close()


@pytest.mark.parametrize("width", [1350, 412])
def test_scrolling_down_to_the_canvas_builds_it_without_a_shift(browser, base_url, width: int) -> None:  # type: ignore[no-untyped-def]
    """A reader scrolling down the guide: the block is built a screen before it comes into view,
    so nothing on screen moves (a wheel is not an input that excuses a shift)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    page = context.new_page()
    page.goto(base_url + "methoden/persona/")
    assert page.locator(".kc-app").count() == 0  # a reader at the top: not built
    for _ in range(200):
        page.mouse.wheel(0, 300)
        if page.locator(".kc-app[data-interactive]").count():
            break
    assert page.locator(".kc-app[data-interactive]").count() == 1
    assert page.locator(".kc-app").evaluate("a => a.getBoundingClientRect().top") > 0  # still below the fold's top
    assert page.evaluate(SHIFTED) <= 0.02
    context.close()


def test_a_reload_puts_the_visitor_back_in_the_form(page, base_url) -> None:  # type: ignore[no-untyped-def]
    """A block built once in this tab is built at once on a reload, so the browser can restore the
    place in the form (were it built later, the page would be too short for it then)."""
    page.goto(base_url + "methoden/persona/")
    page.get_by_role("heading", name="Vul het canvas in").scroll_into_view_if_needed()
    field = page.get_by_role("textbox", name="Woonplaats", exact=True)
    field.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 200)")
    top = field.evaluate("f => f.getBoundingClientRect().top")  # where the visitor sees the field
    page.reload()
    page.wait_for_selector(".kc-app[data-restored]", state="attached")
    # the field where it was on screen (the browser's scroll anchoring may move scrollY a little
    # while the restored canvas fills the form; built late, the page came back 1,080 px short)
    page.wait_for_function("([f, top]) => Math.abs(f.getBoundingClientRect().top - top) < 80", arg=[field.element_handle(), top])
