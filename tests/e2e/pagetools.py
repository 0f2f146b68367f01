"""What the end-to-end tests do again and again, the way a user does it: by visible names."""

from __future__ import annotations

import io
import json
from pathlib import Path


def come_to_canvas(page) -> None:  # type: ignore[no-untyped-def]
    """Scroll down to the canvas block, as a reader of the guide does: the block is built once the
    visitor comes within a screen of it (listen.js), and from then on it takes typing."""
    page.wait_for_selector("[data-kc-slot], .kc-app", state="attached")  # the page may still be parsing
    page.evaluate("document.querySelector('[data-kc-slot]')?.scrollIntoView({ block: 'center' })")
    page.wait_for_selector(".kc-app[data-interactive]", state="attached")


def open_canvas(page, base_url: str, canvas_id: str, *, wait_ready: bool = True):  # type: ignore[no-untyped-def]
    """Open a method page and come to its canvas; with ``wait_ready``, scroll it into view (which
    starts Python, as for a visitor who comes near it) and wait until the engine answers."""
    page.goto(f"{base_url}methoden/{canvas_id}/")
    come_to_canvas(page)
    page.wait_for_selector(".kc-app[data-restored]", state="attached")  # the stored canvas is in the form
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


#: Reads one method's "Mijn canvassen" record from the page's IndexedDB, as JSON text (null when
#: there is none). Opening at version 1 with the same stores as store.js keeps a fresh origin usable.
_STORED = """async (key) => {
    const asked = (r) => new Promise((ok, no) => { r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
    const request = indexedDB.open("klantcanvas", 1);
    request.onupgradeneeded = () => { request.result.createObjectStore("workspaces"); request.result.createObjectStore("settings"); };
    const db = await asked(request);
    const value = await asked(db.transaction("workspaces").objectStore("workspaces").get(key));
    db.close();
    return value === undefined ? null : JSON.stringify(value);
}"""


def stored_text(page, canvas_id: str) -> str | None:  # type: ignore[no-untyped-def]
    """What the browser keeps for ``canvas_id`` right now, as JSON text."""
    text: str | None = page.evaluate(_STORED, f"klantcanvas:v2:{canvas_id}")
    return text


def stored_workspace(page, canvas_id: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    text = stored_text(page, canvas_id)
    assert text is not None, f"nothing stored for {canvas_id}"
    return json.loads(text)  # type: ignore[no-any-return]


def wait_for_async(page, read: str, arg: object, text: str) -> str:  # type: ignore[no-untyped-def]
    """Wait until the async function ``read(arg)`` answers a text that holds ``text``; return it.
    (wait_for_function does not wait for a promise: each poll starts a read, and checks the last.)"""
    found = page.wait_for_function(
        f"""([arg, text]) => {{
            const state = (window.__kcRead ||= {{ busy: false, last: "" }});
            if (!state.busy) {{ state.busy = true; ({read})(arg).then((v) => {{ state.last = v || ""; state.busy = false; }}, () => {{ state.busy = false; }}); }}
            return state.last.includes(text) && state.last;
        }}""", arg=[arg, text], timeout=30_000)
    page.evaluate("() => { delete window.__kcRead; }")
    return str(found.json_value())


def wait_until_stored(page, canvas_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until what the browser keeps for ``canvas_id`` holds ``text`` (writes are asynchronous)."""
    wait_for_async(page, _STORED, f"klantcanvas:v2:{canvas_id}", text)


def serve_asset(page, name: str, body: bytes, content_type: str) -> str:  # type: ignore[no-untyped-def]
    """A test-only file served from the page's own origin (a route), so that a script or style the
    test adds (axe, a style that stops transitions) passes the site's strict Content-Security-Policy
    (script-src and style-src 'self', nothing inline) without weakening it. Returns its URL."""
    # On the context, not the page: a page the service worker controls fetches through it, and only
    # a context's routes see the service worker's requests.
    page.context.route(f"**/__test__/{name}", lambda route: route.fulfill(body=body, content_type=content_type))
    return page.url.split("#")[0].split("?")[0].rsplit("/", 1)[0] + f"/__test__/{name}"

