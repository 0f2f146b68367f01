"""MkDocs hook: one strict Content-Security-Policy, the first thing in every page's ``<head>``.

GitHub Pages sends no headers, so the policy is a ``<meta http-equiv>`` tag, and it must be the
same on every page (Material's instant navigation would stack differing policies). Scripts may
come from the site itself, plus the theme's few inline scripts, allowed by their SHA-256 hashes.
Those hashes are taken from the built pages after the build, so a theme update cannot silently
break the site: a new inline script gets its hash, and ``tests/site`` fails if the pages stop
sharing one small set of them. ``extra.scope`` is set here so the theme's scope script reads the
same on every page (otherwise it carries each page's relative base URL).

The Pyodide worker is not governed by a page's meta policy: it is protected by being a
same-origin file (``worker-src 'self'``, never a ``blob:`` worker) that loads only same-origin files.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

# Every directive; "{scripts}" becomes 'self' plus the hashes of the inline scripts.
POLICY = (
    "default-src 'none'",
    "script-src {scripts}",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
)
META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')
SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.S)
# Types the browser runs; JSON data blocks (Material's __config, the forms' data) are never run.
RUNNABLE = re.compile(r'\btype="(?!(?:text/javascript|module)")', re.I)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (no ``src``, a script type)."""
    return [body for attrs, body in SCRIPT.findall(html)
            if not re.search(r"\ssrc=", attrs or "") and not RUNNABLE.search(attrs or "")]


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(scripts: set[str]) -> str:
    sources = " ".join(["'self'", *sorted(script_hash(s) for s in scripts)])
    return "; ".join(POLICY).format(scripts=sources)


def with_policy(html: str, content: str) -> str:
    """``html`` with ``content`` as its one CSP meta tag, directly after ``<head>``."""
    html = META.sub("", html)
    head = html.index("<head>") + len("<head>")
    return f'{html[:head]}\n    <meta http-equiv="Content-Security-Policy" content="{content}">{html[head:]}'


def on_config(config: Any, **kwargs: Any) -> Any:
    # The theme's scope script reads ``extra.scope`` or else the page's relative base URL.
    config.extra.setdefault("scope", urlsplit(config.site_url or "").path or "/")
    return config


@event_priority(-120)  # after every edition's pages are written (mkdocs-static-i18n, hooks/editions.py)
def on_post_build(config: Any) -> None:
    pages = sorted(Path(config.site_dir).rglob("*.html"))
    texts = {page: page.read_text("utf-8") for page in pages}
    scripts = {script for text in texts.values() for script in inline_scripts(text)}
    content = policy(scripts)
    for page, text in texts.items():
        page.write_text(with_policy(text, content), "utf-8")
