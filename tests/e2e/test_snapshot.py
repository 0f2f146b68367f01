"""A returning visitor's Python starts from a memory snapshot made on the first visit; a snapshot
that is damaged, made by another Pyodide or that does not load is ignored, and the canvas works."""

from __future__ import annotations

import pytest
from pagetools import download, open_canvas, wait_for_preview_text

CANVAS = "klanttype-piramide"

# In the page: where the worker keeps the snapshot (the build's cache, named in the manifest).
WHERE = """async () => {
  const { cache } = await (await fetch('../../assets/wheels/manifest.json')).json();
  return { cache, url: new URL('../../assets/pyodide/klantcanvas.snapshot', location.href).href };
}"""
SHA256 = """async (bytes) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)),
  (b) => b.toString(16).padStart(2, '0')).join('')"""
# The snapshot is kept without its empty pages: snapshot-pages.js reads and writes that form.
PAGES = "import(new URL('../../assets/klantcanvas/snapshot-pages.js', location.href).href)"
# True when a snapshot is kept whose kept bytes match the digest stored with them, and that is none
# of SPOIL's (marked as made by another Pyodide, or without Pyodide's magic number).
KEPT = f"""async () => {{
  const {{ cache, url }} = await ({WHERE})();
  const response = await (await caches.open(cache)).match(url);
  if (!response || response.headers.get('X-Klantcanvas-Pyodide') === '0.0.1') return false;
  const kept = new Uint8Array(await response.arrayBuffer());
  if (response.headers.get('X-Klantcanvas-Sha256') !== await ({SHA256})(kept)) return false;
  const image = (await {PAGES}).unpack(kept);
  return new Uint32Array(image.buffer, 0, 1)[0] !== 0;  // Pyodide's magic number, which SPOIL can zero
}}"""
# The kept snapshot's size in Cache Storage and its own size, in bytes.
SIZES = f"""async () => {{
  const {{ cache, url }} = await ({WHERE})();
  const kept = new Uint8Array(await (await (await caches.open(cache)).match(url)).arrayBuffer());
  return [kept.byteLength, (await {PAGES}).unpack(kept).byteLength];
}}"""
# Spoils the kept snapshot in one of four ways.
SPOIL = f"""async (how) => {{
  const {{ cache, url }} = await ({WHERE})();
  const store = await caches.open(cache);
  const response = await store.match(url);
  const headers = Object.fromEntries(response.headers);
  let kept = new Uint8Array(await response.arrayBuffer());
  if (how === 'truncated') kept = kept.slice(0, kept.byteLength >> 1);  // cut off half-way
  if (how === 'damaged') kept[kept.length >> 1] ^= 0xff;  // no longer matches its digest
  if (how === 'other-pyodide') headers['x-klantcanvas-pyodide'] = '0.0.1';
  if (how === 'unloadable') {{  // consistent bytes that Pyodide refuses
    const pages = await {PAGES};
    const image = pages.unpack(kept);
    image.fill(0, 0, 16);
    kept = await pages.pack(image);
    headers['x-klantcanvas-sha256'] = await ({SHA256})(kept);
  }}
  await store.put(url, new Response(kept, {{ headers }}));
}}"""
STEPS = "() => performance.getEntriesByType('mark').map((m) => m.name)"


def wait_until_kept(page) -> None:  # type: ignore[no-untyped-def]
    """Wait (in the page, at most a minute) until KEPT holds: wait_for_function does not await an
    async predicate (a Promise counts as true at once)."""
    assert page.evaluate(f"""async () => {{
      for (const end = Date.now() + 60000; Date.now() < end; await new Promise((r) => setTimeout(r, 250)))
        if (await ({KEPT})()) return true;
      return false;
    }}""")


def _first_visit(context, base_url):  # type: ignore[no-untyped-def]
    page = context.new_page()
    open_canvas(page, base_url, CANVAS)
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Eerste bezoek")
    wait_for_preview_text(page, "Eerste bezoek")
    wait_until_kept(page)  # made after the first preview
    return page


def test_a_returning_visit_starts_from_the_snapshot(context, base_url) -> None:  # type: ignore[no-untyped-def]
    _first_visit(context, base_url).close()
    page = open_canvas(context.new_page(), base_url, CANVAS)
    steps = page.evaluate(STEPS)
    assert "klantcanvas:restored" in steps and "klantcanvas:rejected" not in steps
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Uit de momentopname")
    wait_for_preview_text(page, "Uit de momentopname")
    _, pdf = download(page, "Download PDF")  # a wheel unpacked after the restore works too
    assert pdf.startswith(b"%PDF")


def test_the_snapshot_is_kept_without_its_empty_pages(context, base_url) -> None:  # type: ignore[no-untyped-def]
    stored, size = _first_visit(context, base_url).evaluate(SIZES)
    assert stored < size / 2, (stored, size)


@pytest.mark.parametrize("how", ["damaged", "truncated", "other-pyodide", "unloadable"])
def test_a_bad_snapshot_is_ignored_and_replaced(context, base_url, how) -> None:  # type: ignore[no-untyped-def]
    first = _first_visit(context, base_url)
    first.evaluate(SPOIL, how)
    assert not first.evaluate(KEPT)
    first.close()

    page = open_canvas(context.new_page(), base_url, CANVAS)
    steps = page.evaluate(STEPS)
    assert "klantcanvas:restored" not in steps
    assert ("klantcanvas:rejected" in steps) == (how == "unloadable")  # the others are never tried
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Gewoon gestart")
    wait_for_preview_text(page, "Gewoon gestart")
    wait_until_kept(page)  # a good snapshot again, for next time
    _, pdf = download(page, "Download PDF")
    assert pdf.startswith(b"%PDF")
