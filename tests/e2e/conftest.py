"""End-to-end fixtures: the built site served under /klantcanvas/ and Debian's Chromium driven by
Playwright. Every request that would leave 127.0.0.1 is blocked and fails the test, and so does,
in every browser context a test opens, any Content-Security-Policy violation and any console
error or warning (except those in ALLOWED_CONSOLE, each with its reason)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from subpath_server import PREFIX, start  # noqa: E402

# Console messages a test may cause, each with why it is not a fault of the site. Anything else
# logged as an error or a warning fails the test that logged it.
ALLOWED_CONSOLE: dict[str, str] = {
    "Service Worker registration blocked by Playwright":
        "tests of a first visit block the service worker on purpose (service_workers='block')",
}

# Reports every CSP violation of every page (the event bubbles from the element to the window).
REPORT_VIOLATIONS = """
addEventListener("securitypolicyviolation", (e) => {
  window.__kcViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile || e.documentURI}:${e.lineNumber} (${e.sample})`);
});
"""

CHROMIUM = os.environ.get("KLANTCANVAS_CHROMIUM", "/usr/bin/chromium")
playwright_api = pytest.importorskip("playwright.sync_api")


def pytest_collection_modifyitems(items):  # type: ignore[no-untyped-def]
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    server = start(built_site)
    yield f"http://127.0.0.1:{server.server_port}{PREFIX}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: ./dev test installs Debian's chromium"
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            # the address bar's popup is a WebUI page of its own: each new tab spent CPU on it
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic",
                  "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup"],
        )
        yield launched
        launched.close()


class Hygiene:
    """What the pages of a test's browser contexts reported: CSP violations and console messages."""

    def __init__(self) -> None:
        self.violations: list[str] = []
        self.console: list[str] = []

    def watch(self, ctx: Any) -> Any:
        ctx.expose_binding("__kcViolation", lambda source, text: self.violations.append(text))
        ctx.add_init_script(REPORT_VIOLATIONS)
        ctx.on("console", self._message)
        return ctx

    def _message(self, message: Any) -> None:
        if message.type in ("error", "warning") and not any(a in message.text for a in ALLOWED_CONSOLE):
            self.console.append(f"{message.type}: {message.text} ({message.location.get('url')})")


@pytest.fixture(autouse=True)
def hygiene(browser) -> Iterator[Hygiene]:  # type: ignore[no-untyped-def]
    """Every context a test opens (through ``context``, ``page`` or the browser itself) is watched;
    at the end the test fails on any CSP violation or console error or warning."""
    found = Hygiene()
    new_context, new_page = browser.new_context, browser.new_page
    browser.new_context = lambda **kw: found.watch(new_context(**kw))
    browser.new_page = lambda **kw: found.watch(new_page(**kw).context).pages[-1]
    yield found
    browser.new_context, browser.new_page = new_context, new_page
    assert found.violations == [], f"Content-Security-Policy violations: {found.violations}"
    assert found.console == [], f"console errors or warnings: {found.console}"


@pytest.fixture
def context(browser, base_url: str):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    outside: list[str] = []

    def guard(route):  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    ctx.route("**/*", guard)
    errors: list[str] = []
    ctx.on("weberror", lambda e: errors.append(str(e.error)))
    yield ctx
    ctx.close()
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    assert errors == [], errors


@pytest.fixture
def page(context):  # type: ignore[no-untyped-def]
    return context.new_page()
