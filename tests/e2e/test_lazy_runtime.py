"""A reader pays nothing for Python; the first preview needs only the engine; a second visit
downloads no runtime byte again."""

from __future__ import annotations

import re

from pagetools import come_to_canvas, download, open_canvas, wait_for_preview_text
from playwright.sync_api import expect

CANVAS = "klanttype-piramide"
RUNTIME = re.compile(r"/assets/(pyodide|wheels)/")
GLUE = re.compile(r"/assets/klantcanvas/[\w.-]+\.js$")


def test_a_reader_fetches_no_python_until_coming_near_the_canvas(page, base_url) -> None:  # type: ignore[no-untyped-def]
    runtime: list[str] = []
    glue: list[str] = []
    page.on("request", lambda r: RUNTIME.search(r.url) and runtime.append(r.url))
    page.on("request", lambda r: GLUE.search(r.url) and glue.append(r.url.rsplit("/", 1)[1]))
    page.goto(f"{base_url}methoden/{CANVAS}/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("heading", name="Voorbereiding").scroll_into_view_if_needed()  # reading, far above the canvas
    page.wait_for_load_state("networkidle")
    assert runtime == []
    # nor is the canvas block built, nor its scripts fetched: only the one that waits for the visitor
    assert page.locator(".kc-app").count() == 0
    assert "listen.js" in glue and set(glue) <= {"listen.js", "site.js"}, glue  # site.js: every page's

    page.get_by_role("heading", name="Vul het canvas in").scroll_into_view_if_needed()  # coming to the canvas
    expect(page.locator(".kc-app[data-interactive]")).to_have_count(1)  # the form is there, and takes typing
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Vaste klanten")
    expect(page.locator("[data-status]")).to_contain_text("Python wordt gestart")  # and Python starts
    page.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
    assert any("pyodide.asm.wasm" in url for url in runtime)
    assert "app.js" in glue
    expect(page.get_by_role("combobox", name="Klantsegment", exact=True)).to_have_value("Vaste klanten")


def test_a_visitor_who_follows_a_link_to_the_canvas_finds_it_built(page, base_url) -> None:  # type: ignore[no-untyped-def]
    """The guide's link to its canvas (and a share link) opens the page at the canvas: the block is
    built while the page parses, so nothing below it moves when it appears."""
    page.goto(f"{base_url}methoden/{CANVAS}/#vul-het-canvas-in")
    built, parsed = page.evaluate("""() => [Number(document.querySelector('.kc-app').dataset.interactive),
        performance.getEntriesByType('navigation')[0].domContentLoadedEventStart]""")
    assert 0 < built <= parsed  # built, and taking typing, before the page finished parsing
    assert page.evaluate("window.scrollY") > 0  # and the page opened at the heading
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Via de link")
    page.wait_for_selector(".kc-app[data-ready]", timeout=60_000)  # near, so Python starts by itself


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
    come_to_canvas(second)
    second.wait_for_selector(".kc-app[data-ready]", timeout=60_000)  # a returning visitor: starts by itself
    _, pdf = download(second, "Download PDF")
    assert pdf.startswith(b"%PDF")
    assert network == []


def test_a_returning_visitors_python_starts_as_the_canvas_is_built(context, base_url) -> None:  # type: ignore[no-untyped-def]
    """Python was ready in this browser before: the worker starts as listen.js builds the block, not
    once the page's scripts have loaded, and the page's engine takes it over. A reader still pays
    nothing: far above the canvas, no worker starts."""
    first = open_canvas(context.new_page(), base_url, CANVAS)
    assert first.evaluate("self.klantcanvasWorker === undefined")  # a first visit: app.js started it
    first.close()

    page = context.new_page()
    page.goto(f"{base_url}methoden/{CANVAS}/")
    page.get_by_role("heading", name="Voorbereiding").scroll_into_view_if_needed()  # reading
    page.wait_for_load_state("networkidle")
    assert page.evaluate("self.klantcanvasWorker === undefined") and page.locator(".kc-app").count() == 0

    come_to_canvas(page)
    assert page.evaluate("self.klantcanvasWorker.worker instanceof Worker")  # started with the block
    page.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
    assert page.evaluate("self.klantcanvasWorker.events === null")  # the engine took it over
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Vroeg gestart")
    wait_for_preview_text(page, "Vroeg gestart")


def test_a_browser_that_refuses_the_worker_still_gets_the_form(context, base_url) -> None:  # type: ignore[no-untyped-def]
    """A returning visitor whose browser will not start a Web Worker (a policy, an extension): the
    block is built and keeps typing, and the status says Python could not start."""
    open_canvas(context.new_page(), base_url, CANVAS).close()  # Python was ready here once
    page = context.new_page()
    page.add_init_script("""(() => {  // refuses ours only: Material's search has a worker too
      const Real = window.Worker;
      window.Worker = function (url, options) {
        if (String(url).endsWith('/assets/klantcanvas/worker.js')) throw new DOMException('refused', 'SecurityError');
        return new Real(url, options);
      };
    })();""")
    page.goto(f"{base_url}methoden/{CANVAS}/#vul-het-canvas-in")
    expect(page.locator(".kc-app[data-interactive]")).to_have_count(1)
    box = page.get_by_role("combobox", name="Klantsegment", exact=True)
    box.fill("Zonder worker")
    expect(page.locator("[data-status]")).to_contain_text("Het voorbeeld kon niet starten", timeout=30_000)
    expect(box).to_have_value("Zonder worker")
    assert page.evaluate("self.klantcanvasWorker === undefined")
