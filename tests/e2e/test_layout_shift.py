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
