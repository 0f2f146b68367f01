"""A reader pays nothing for Python; the first preview needs only the engine; a second visit
downloads no runtime byte again."""

from __future__ import annotations

import re

from pagetools import download, open_canvas, wait_for_preview_text
from playwright.sync_api import expect

CANVAS = "klanttype-piramide"
RUNTIME = re.compile(r"/assets/(pyodide|wheels)/")


def test_a_reader_fetches_no_python_until_coming_near_the_canvas(page, base_url) -> None:  # type: ignore[no-untyped-def]
    runtime: list[str] = []
    page.on("request", lambda r: RUNTIME.search(r.url) and runtime.append(r.url))
    page.goto(f"{base_url}methoden/{CANVAS}/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("heading", name="Voorbereiding").scroll_into_view_if_needed()  # reading, far above the canvas
    page.wait_for_load_state("networkidle")
    assert runtime == []
    assert page.locator(".kc-app[data-interactive]").count() == 1  # the form already works and saves
    expect(page.locator("[data-status]")).to_contain_text("meteen typen")

    page.get_by_role("combobox", name="Klantsegment", exact=True).focus()  # coming to the canvas starts Python
    expect(page.locator("[data-status]")).to_contain_text("Python wordt gestart")
    page.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
    assert any("pyodide.asm.wasm" in url for url in runtime)


def test_the_first_preview_needs_only_the_engine_wheel(browser, base_url) -> None:  # type: ignore[no-untyped-def]
    blocked: list[str] = []

    def refuse(route):  # type: ignore[no-untyped-def]
        blocked.append(route.request.url)
        route.abort()

    # Routes see the Web Worker's requests when no service worker stands in between.
    context = browser.new_context(accept_downloads=True, service_workers="block")
    context.route(re.compile(r"/wheels/(fpdf2|fonttools|xlsxwriter|defusedxml)-"), refuse)
    page = context.new_page()
    open_canvas(page, base_url, CANVAS)
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Zonder extra wielen")
    wait_for_preview_text(page, "Zonder extra wielen")
    _, saved = download(page, "Download JSON")  # the standard library is enough for JSON too
    assert b"Zonder extra wielen" in saved
    page.get_by_role("button", name="Download PDF").click()  # needs fpdf2, which cannot arrive
    page.get_by_role("alert").filter(has_text="Het maken van PDF is mislukt").wait_for(timeout=60_000)
    assert any("fpdf2-" in url for url in blocked)
    context.close()


def test_a_second_visit_downloads_no_runtime_byte(context, base_url) -> None:  # type: ignore[no-untyped-def]
    network: list[str] = []  # runtime responses that did not come from a cache
    seen: list[str] = []  # proves the Web Worker's requests are observed at all

    def record(response):  # type: ignore[no-untyped-def]
        if RUNTIME.search(response.url):
            seen.append(response.url)
            if not response.from_service_worker:
                network.append(response.url)

    context.on("response", record)
    first = context.new_page()
    open_canvas(first, base_url, CANVAS)
    first.get_by_role("combobox", name="Klantsegment", exact=True).fill("Eerste bezoek")
    download(first, "Download PDF")
    first.wait_for_selector(".kc-app[data-prefetched]", timeout=60_000)  # every wheel fetched while idle
    first.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
    first.close()
    assert any(u.endswith("pyodide.asm.wasm.xz") for u in seen) and any("/wheels/fpdf2-" in u for u in seen), seen

    network.clear()
    second = context.new_page()
    second.goto(f"{base_url}methoden/{CANVAS}/")
    second.wait_for_selector(".kc-app[data-ready]", timeout=60_000)  # a returning visitor: starts by itself
    _, pdf = download(second, "Download PDF")
    assert pdf.startswith(b"%PDF")
    assert network == []
