"""After one visit, the site works without a network: guides, the canvas, preview and downloads."""

from __future__ import annotations

from pathlib import Path

from pagetools import download, open_canvas, wait_for_preview_text

from klantcanvas.catalog import all_canvases
from klantcanvas.forms import template_files


def _template(page) -> bytes:  # type: ignore[no-untyped-def]
    """The canvas's first blank template, downloaded by its link."""
    label, _ = template_files(all_canvases()["klanttype-piramide"])[0]
    with page.expect_download() as info:
        page.get_by_role("link", name=label, exact=True).click()
    return Path(info.value.path()).read_bytes()


def test_a_visited_canvas_works_offline(page, context, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, "klanttype-piramide")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)  # clients.claim()
    page.wait_for_selector(".kc-app[data-prefetched]", timeout=60_000)  # every wheel is in the cache now
    page.reload()
    page.wait_for_selector(".kc-app[data-ready]", timeout=60_000)  # runtime now fetched through the cache
    online = _template(page)  # not precached: cached when first downloaded

    context.set_offline(True)
    page.reload()
    page.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Offline ingevuld")
    wait_for_preview_text(page, "Offline ingevuld")
    name, pdf = download(page, "Download PDF")
    assert pdf.startswith(b"%PDF")
    assert _template(page) == online and online.startswith(b"%PDF")

    page.goto(base_url)  # a page not visited before, precached at install
    assert "Klantcanvas" in page.title()
    page.goto(f"{base_url}methoden/persona/")
    assert page.get_by_role("heading", level=1).count() == 1
