"""MkDocs hook: the two language editions (mkdocs-static-i18n) behave as two sites under one root.

- The language switch links to the other edition relative to the page. mkdocs-static-i18n links
  each page to its translation relatively, but the home pages to the absolute ``/`` and ``/en/``
  (plus ``site_url``'s path); under a sub-path, as GitHub Pages serves a project site, that
  leaves the site. Such a link becomes a path from the site root, which Material's ``url``
  filter makes relative to the page; when the build knows the site's address (``SITE_URL``,
  set by the Pages workflow) it becomes that absolute URL, as ``hreflang`` alternates should be.
- The 404 page's language switch leads to each edition's home page.
- Search finds pages in the page's own language. mkdocs-static-i18n writes one index for all
  editions; after it has (priority below its -100), the index is split per edition into
  ``search/search_index.json`` and ``<locale>/search/search_index.json``, and an edition's pages
  tell Material's search that their root is their edition's folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def _editions(config: Any) -> list[str]:
    """The locales built in a folder of their own (every one but the default)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return []
    return [lang.locale for lang in plugin.config.languages if lang.build and not lang.default]


@event_priority(-50)  # after mkdocs-static-i18n (priority 50) has chosen the links for this page
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    root = urlsplit(config.site_url or "").path.rstrip("/") + "/"
    # mkdocs-static-i18n sets the switch as an attribute of ``extra``, which is what templates read
    for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        link = str(alternate.get("link", ""))
        if link.startswith(root):
            link = link[len(root):]
        if config.site_url and "://" not in link:
            link = config.site_url + link  # absolute, as hreflang wants, when the build knows the address
        alternate["link"] = link
    return context


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """The 404 page, served for any missing address, offers each edition's home page (it would
    otherwise keep the language switch of the last page built)."""
    if template_name == "404.html":
        home = config.site_url or "/"
        default = {lang.locale for lang in config.plugins["i18n"].config.languages if lang.default} if "i18n" in config.plugins else set()
        for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
            alternate["link"] = home if alternate.get("lang") in default else f"{home}{alternate.get('lang')}/"
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    edition = next((e for e in _editions(config) if page.url.startswith(f"{e}/") or page.url == e), None)
    if edition is None:
        return output

    def rebase(match: re.Match[str]) -> str:
        settings = json.loads(match.group(2))
        settings["base"] = f"{settings['base']}/{edition}/"
        return match.group(1) + json.dumps(settings) + match.group(3)

    return _CONFIG.sub(rebase, output, count=1)


@event_priority(-110)  # after mkdocs-static-i18n has written the index of every edition
def on_post_build(config: Any) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    editions = _editions(config)
    if not editions or not index.exists():
        return
    data = json.loads(index.read_text("utf-8"))
    docs = data["docs"]
    for edition in editions:
        prefix = f"{edition}/"
        own = [{**d, "location": d["location"][len(prefix):]} for d in docs if d["location"].startswith(prefix)]
        target = index.parent.parent / edition / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**data, "config": {**data["config"], "lang": [edition]}, "docs": own}), "utf-8")
    rest = [d for d in docs if not any(d["location"].startswith(f"{e}/") for e in editions)]
    default = [lang for lang in data["config"]["lang"] if lang not in editions]
    index.write_text(json.dumps({**data, "config": {**data["config"], "lang": default}, "docs": rest}), "utf-8")
