"""Each edition installs as an app: its manifest works under the sub-path, its icons are real PNGs
of 192 and 512 px, and Chromium reports no installability error on any page."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urljoin
from urllib.request import urlopen

from conftest import CHROMIUM
from PIL import Image


def test_every_page_is_installable_as_its_editions_app(browser, base_url, built_site: Path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pages = sorted(str(p.parent.relative_to(built_site)) for p in built_site.rglob("index.html"))
    pages = [("" if p == "." else f"{p}/") for p in pages if not p.startswith(("assets", "search"))]
    assert len(pages) > 15
    # Chromium never offers to install from an incognito profile, which new_context() gives.
    context = browser.browser_type.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM, args=["--no-sandbox"])
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        for path in pages:
            page.goto(base_url + path)
            assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == [], path
            found = cdp.send("Page.getAppManifest")
            assert found["errors"] == [], path
            edition = "en/" if path.startswith("en/") else ""
            assert found["url"] == f"{base_url}{edition}manifest.webmanifest", path
    finally:
        context.close()


def test_the_manifests_hold_under_the_sub_path_with_icons_made_from_the_logo(base_url) -> None:  # type: ignore[no-untyped-def]
    for edition, lang in (("", "nl"), ("en/", "en")):
        url = f"{base_url}{edition}manifest.webmanifest"
        manifest = json.loads(urlopen(url).read())
        assert (manifest["lang"], manifest["display"], manifest["name"]) == (lang, "standalone", "Klantcanvas")
        assert urljoin(url, manifest["start_url"]) == urljoin(url, manifest["scope"]) == f"{base_url}{edition}"
        assert "/klantcanvas/" in urljoin(url, manifest["start_url"])
        sizes = set()
        for icon in manifest["icons"]:
            image = Image.open(io.BytesIO(urlopen(urljoin(url, icon["src"])).read()))
            assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
            assert image.getpixel((image.width // 2, image.height // 2)) != (255, 255, 255)  # the logo, not a blank square
            sizes.add(icon["sizes"])
        assert {"192x192", "512x512"} <= sizes
