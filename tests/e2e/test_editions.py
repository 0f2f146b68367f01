"""The Dutch and the English edition, as a visitor meets them: the language switch leads to the
same page in the other language, each page names its translation (hreflang), and search finds
pages in the language of the page it is used on."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize(
    ("start", "switch", "language", "target", "lang"),
    [
        ("methoden/persona/", "Selecteer taal", "English", "en/methoden/persona/", "en"),
        ("en/methoden/persona/", "Select language", "Nederlands", "methoden/persona/", "nl"),
        ("", "Selecteer taal", "English", "en/", "en"),
        ("en/", "Select language", "Nederlands", "", "nl"),
    ],
)
def test_the_language_switch_leads_to_the_same_page_in_the_other_language(  # type: ignore[no-untyped-def]
    page, base_url, start: str, switch: str, language: str, target: str, lang: str
) -> None:
    page.goto(base_url + start)
    page.get_by_role("button", name=switch).click()  # focus opens the list, as for a keyboard user
    page.get_by_role("link", name=language, exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(base_url + target) + r"(index\.html)?$"))
    expect(page.locator("html")).to_have_attribute("lang", lang)


def test_every_page_names_its_translation(page, base_url) -> None:  # type: ignore[no-untyped-def]
    for path, other in (("methoden/klantreis-in-kaart/", "en/methoden/klantreis-in-kaart/"), ("over/", "en/over/")):
        for here, there, lang in ((path, other, "en"), (other, path, "nl")):
            page.goto(base_url + here)
            href = page.locator(f'head link[rel="alternate"][hreflang="{lang}"]').get_attribute("href")
            assert page.evaluate("h => new URL(h, location.href).href", href) == base_url + there


@pytest.mark.parametrize(
    ("start", "query", "own"),
    [("en/", "persona", True), ("", "persona", False), ("en/", "archetype", True), ("", "klantsafari", False)],
)
def test_search_finds_pages_in_the_language_of_the_page(page, base_url, start: str, query: str, own: bool) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + start)
    page.keyboard.press("/")  # Material's search shortcut, as a keyboard user would open it
    page.locator("input[data-md-component=search-query]").press_sequentially(query)  # Material searches on keys
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=30_000)
    hrefs = [page.evaluate("a => a.href", h) for h in results.element_handles()]
    in_english = [h.startswith(base_url + "en/") for h in hrefs]
    assert hrefs and all(x == own for x in in_english), hrefs
