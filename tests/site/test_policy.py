"""Every built page carries one strict Content-Security-Policy, first in its head, and nothing that
the policy would block: no inline script without its hash, no inline style, no event attribute."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))
import csp  # noqa: E402
import seo  # noqa: E402

META = re.compile(r'<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_every_page_starts_its_head_with_the_same_strict_policy(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 15
    policies = {}
    for page in pages:
        html = page.read_text("utf-8")
        found = META.search(html)
        assert found, f"{page}: no Content-Security-Policy first in <head>"
        assert html.count("Content-Security-Policy") == 1, page
        policies[page] = found.group(1)
    assert len(set(policies.values())) == 1, "pages differ in their policy (instant navigation stacks them)"
    policy = next(iter(policies.values()))
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'none'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == directives["base-uri"] == directives["form-action"] == "'none'"
    assert directives["img-src"] == "'self' data: blob:"
    assert "unsafe" not in policy and "*" not in policy and "http" not in policy
    hashes = directives["script-src"].split()[1:]
    assert directives["script-src"].startswith("'self' ") and all(h.startswith("'sha256-") for h in hashes)
    # the theme's few inline scripts, the same on every page (extra.scope): not one per page
    assert 1 <= len(hashes) <= 4, hashes


def test_every_inline_script_is_allowed_by_its_hash(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        policy = META.search(html).group(1)  # type: ignore[union-attr]
        for script in csp.inline_scripts(html):
            assert csp.script_hash(script) in policy, (page, script[:80])


def test_no_page_has_inline_styles_or_event_attributes(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert not re.search(r"<style[\s>]", html), page
        assert not re.search(r"\sstyle=", html), page
        assert not re.search(r"\son[a-z]+=", html), page
        assert "javascript:" not in html, page


def test_inline_scripts_are_told_from_data_blocks() -> None:
    html = ('<script>a()</script><script type="application/json">{}</script><script src="x.js"></script>'
            '<script type="module">b()</script><script type="text/javascript">c()</script>')
    assert csp.inline_scripts(html) == ["a()", "b()", "c()"]
    assert csp.with_policy(csp.with_policy("<html><head><title>", "x"), "y").count("Content-Security-Policy") == 1


def test_robots_names_the_sitemap_only_with_the_sites_address(built_site: Path) -> None:
    assert (built_site / "robots.txt").read_text() == "User-agent: *\nDisallow:\n"
    assert seo.robots("https://example.org/klantcanvas/").endswith("Sitemap: https://example.org/klantcanvas/sitemap.xml\n")


def test_the_language_selector_finds_a_sitemap_beside_every_page(built_site: Path) -> None:
    """Material fetches sitemap.xml beside each page a <link rel="alternate"> names."""
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        for href in re.findall(r'<link rel="alternate" href="([^"]*)" hreflang', html):
            folder = (page.parent / href) if page.name != "404.html" else built_site / href.lstrip("/")
            assert (folder / "sitemap.xml").exists(), (page, href)
