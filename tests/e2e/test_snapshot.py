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
# The snapshot's own bytes from its cache entry, which is kept gzip-compressed (snapshot.js).
UNZIP = """async (response) => {
  const raw = await response.arrayBuffer();
  if (response.headers.get('X-Klantcanvas-Encoding') !== 'gzip') return raw;
  return new Response(new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}"""
ZIP = """async (bytes) => new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()"""
# True when a snapshot is kept whose bytes match the digest stored with it, and that is none of
# SPOIL's (marked as made by another Pyodide, or without Pyodide's magic number).
KEPT = f"""async () => {{
  const {{ cache, url }} = await ({WHERE})();
  const response = await (await caches.open(cache)).match(url);
  if (!response || response.headers.get('X-Klantcanvas-Pyodide') === '0.0.1') return false;
  const bytes = await ({UNZIP})(response).catch(() => null);  // a cut-off gzip stream throws
  return bytes !== null && new Uint32Array(bytes, 0, 1)[0] !== 0  // Pyodide's magic number, which SPOIL can zero
    && response.headers.get('X-Klantcanvas-Sha256') === await ({SHA256})(bytes);
}}"""
# The kept snapshot's size in Cache Storage and its own size, in bytes.
SIZES = f"""async () => {{
  const {{ cache, url }} = await ({WHERE})();
  const response = await (await caches.open(cache)).match(url);
  const stored = (await response.clone().arrayBuffer()).byteLength;
  return [stored, (await ({UNZIP})(response)).byteLength];
}}"""
# Spoils the kept snapshot in one of four ways.
SPOIL = f"""async (how) => {{
  const {{ cache, url }} = await ({WHERE})();
  const store = await caches.open(cache);
  const response = await store.match(url);
  const headers = Object.fromEntries(response.headers);
  const gzipped = headers['x-klantcanvas-encoding'] === 'gzip';
  if (how === 'truncated') {{  // the compressed stream cut off half-way
    const raw = await response.arrayBuffer();
    await store.put(url, new Response(raw.slice(0, raw.byteLength >> 1), {{ headers }}));
    return;
  }}
  const bytes = new Uint8Array(await ({UNZIP})(response));
  if (how === 'damaged') bytes[bytes.length >> 1] ^= 0xff;  // no longer matches its digest
  if (how === 'other-pyodide') headers['x-klantcanvas-pyodide'] = '0.0.1';
  if (how === 'unloadable') {{  // consistent bytes that Pyodide refuses
    bytes.fill(0, 0, 16);
    headers['x-klantcanvas-sha256'] = await ({SHA256})(bytes);
  }}
  await store.put(url, new Response(gzipped ? await ({ZIP})(bytes) : bytes, {{ headers }}));
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


def test_the_snapshot_is_kept_compressed(context, base_url) -> None:  # type: ignore[no-untyped-def]
    stored, size = _first_visit(context, base_url).evaluate(SIZES)
    assert stored < size / 3, (stored, size)


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
