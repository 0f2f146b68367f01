"""The Content-Security-Policy holds while a visitor moves through both editions (the hygiene
fixture in conftest.py fails any test with a violation or a console error), and it does block
what the site did not ship."""

from __future__ import annotations

from playwright.sync_api import expect


def test_an_injected_script_or_style_is_blocked_and_reported(page, base_url, hygiene) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "methoden/persona/")
    seen = page.evaluate("""() => new Promise((resolve) => {
      const seen = [];
      addEventListener("securitypolicyviolation", (e) => { seen.push(e.effectiveDirective); if (seen.length === 2) resolve(seen); });
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.head.append(script);
      const box = document.createElement("div");
      box.setAttribute("style", "color: red");
      document.body.append(box);
    })""")
    assert sorted(seen) == ["script-src-elem", "style-src-attr"]
    assert page.evaluate("window.injected") is None
    assert len(hygiene.violations) == 2, hygiene.violations  # the fixture saw both: it would fail the test
    hygiene.violations.clear()
    assert all("Content Security Policy" in m for m in hygiene.console), hygiene.console  # Chromium logs them too
    hygiene.console.clear()


def test_pages_of_every_depth_in_both_editions(page, base_url) -> None:  # type: ignore[no-untyped-def]
    for path in ("", "methoden/klanttype-piramide/", "over/", "en/", "en/methoden/persona/", "en/toegankelijkheid/"):
        page.goto(base_url + path)
        expect(page.locator("h1").first).to_be_visible()
    page.get_by_role("button", name="Select language").click()  # and on to the other edition by its link
    page.get_by_role("link", name="Nederlands", exact=True).click()
    expect(page).to_have_url(base_url + "toegankelijkheid/")
