"""MkDocs hook: the language switch links to the other edition relative to the page.

mkdocs-static-i18n links each page to its translation relatively, but the two home pages to
the absolute ``/`` and ``/en/`` (or ``site_url``'s path plus those). Under a sub-path, as GitHub
Pages serves a project site, and in a local build, an absolute link leaves the site; so such a
link is turned into a path from the site root, which Material's ``url`` filter makes relative
to the page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority


@event_priority(-50)  # after mkdocs-static-i18n (priority 50) has chosen the links for this page
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    root = urlsplit(config.site_url or "").path.rstrip("/") + "/"
    # mkdocs-static-i18n sets the switch as an attribute of ``extra``, which is what templates read
    for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        link = str(alternate.get("link", ""))
        if link.startswith(root):
            alternate["link"] = link[len(root):]
    return context
