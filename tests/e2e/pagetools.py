"""What the end-to-end tests do again and again, the way a user does it: by visible names."""

from __future__ import annotations

import io
from pathlib import Path


def open_canvas(page, base_url: str, canvas_id: str, *, wait_ready: bool = True):  # type: ignore[no-untyped-def]
    """Open a method page; with ``wait_ready``, scroll to its canvas (which starts Python, as for a
    visitor who comes near it) and wait until the engine answers."""
    page.goto(f"{base_url}methoden/{canvas_id}/")
    if wait_ready:
        page.locator(".kc-app").scroll_into_view_if_needed()
        page.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
    return page


def download(page, name: str) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=name, exact=True).click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_bytes()


def wait_for_preview_text(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the preview shows ``text`` (compared without spaces: lines wrap anywhere)."""
    page.wait_for_function(
        "t => (document.querySelector('.kc-preview svg')?.textContent || '').replace(/\\s+/g, '').includes(t)",
        arg="".join(text.split()), timeout=30_000,
    )


def pdf_reader(data: bytes):  # type: ignore[no-untyped-def]
    import pypdf

    return pypdf.PdfReader(io.BytesIO(data))
