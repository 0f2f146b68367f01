"""MkDocs hook: what crawlers and the theme's language selector ask the site for.

- ``robots.txt`` lets every crawler in and, when the build knows the site's address
  (``SITE_URL``, set by the Pages workflow), names the sitemap by its absolute URL, as robots.txt
  must; MkDocs writes that sitemap with absolute URLs under the same address, sub-path included.
- Material's language selector fetches ``sitemap.xml`` beside every page a
  ``<link rel="alternate">`` names, to find the same page in the other language. Ours name the
  translated page itself, so there is nothing to find; an empty sitemap in each page's folder
  answers that without a 404 in the console of every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')


def robots(site_url: str) -> str:
    lines = ["User-agent: *", "Disallow:"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


@event_priority(-120)  # after mkdocs-static-i18n has written every edition
def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    (site / "robots.txt").write_text(robots(config.site_url or ""), "utf-8")
    for page in site.rglob("index.html"):
        sitemap = page.parent / "sitemap.xml"
        if not sitemap.exists():  # the site's own sitemap, at the root, stays
            sitemap.write_text(EMPTY_SITEMAP, "utf-8")
