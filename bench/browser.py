"""Measures the built site in headless Chromium, as ratios against a reference on the same run.

Every figure is the median of RUNS fresh browser contexts. Times are taken in the page, from
navigation start; bytes are counted at the server (served.py), so requests made by the Web Worker
and by the service worker are included. Only stable hooks of the page are used: the buttons' and
fields' visible names, ``.kc-app[data-ready]`` (Python ready) and ``.kc-app[data-interactive]``
(the form takes and keeps typing: set by listen.js when it builds the block, which for a visitor
who follows a link to the canvas is right after the block is parsed; DOMContentLoaded when a page
does not set it).
"""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

from report import add, median
from served import Log, write_bare_page

# The same Chromium as tests/e2e/conftest.py.
CHROMIUM = "/usr/bin/chromium"
# The address bar's popup is a page of its own (WebUI): every new tab's start spent up to a second
# of CPU on it, beside the page measured (a second visit opens a new tab).
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic",
               "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup"]
VIEWPORT = {"width": 1400, "height": 1000}
RUNS = int(os.environ.get("KLANTCANVAS_BENCH_RUNS", "3"))  # fewer only to try the bench out
# Only some parts, to try the bench out: KLANTCANVAS_BENCH_ONLY=first,bare,reader,second
ONLY = [part for part in os.environ.get("KLANTCANVAS_BENCH_ONLY", "").split(",") if part]
# The throttled run: a mobile link, as Lighthouse's mobile profile (served.Log.throttle).
MOBILE_RTT_S, MOBILE_BITS_PER_S = 0.150, 1.6e6
PAUSE_S = 10  # "after a pause": longer than the page's idle delay before it warms the PDF library
PYRAMID = "methoden/klanttype-piramide/"
LARGEST = "methoden/customer-journey-canvas/"  # the largest worked example (3.4 kB of JSON)
OVER = "over/"
# A visitor who comes for the canvas follows a link to its heading; the block is built while the
# page parses (listen.js). A reader, who never comes near it, never has it built.
AT_CANVAS = "#vul-het-canvas-in"
FIELD = ".kc-form input:not([type=hidden]):not([type=file]), .kc-form textarea"
TIMEOUT = 180_000

# Runs in every page before its scripts: notes when the page sets its hooks, from navigation start.
HOOKS = """(() => {
  const seen = (window.__kc = {});
  const note = () => {
    const app = document.querySelector(".kc-app");
    if (!app) return;
    for (const name of ["ready", "interactive"])
      if (!(name in seen) && app.hasAttribute("data-" + name)) seen[name] = performance.now();
    if (!("preview" in seen) && document.querySelector(".kc-preview[data-ms]")) seen.preview = performance.now();
  };
  new MutationObserver(note).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready", "data-interactive", "data-ms"] });
})();"""
TIMES = """() => ({ ...window.__kc, nav: performance.getEntriesByType('navigation')[0].toJSON(),
  steps: Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('klantcanvas:'))
    .map((m) => [m.name.slice(12), m.startTime])) })"""
# True once the worker has kept a memory snapshot of Python for the next visit (snapshot.js).
SNAPSHOT_KEPT = """async () => {
  const { cache } = await (await fetch('../../assets/wheels/manifest.json')).json();
  return Boolean(await (await caches.open(cache)).match(new URL('../../assets/pyodide/klantcanvas.snapshot', location.href).href));
}"""


def fresh(browser, service_workers: bool = False):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(accept_downloads=True, viewport=VIEWPORT, locale="nl-NL",
                              service_workers="allow" if service_workers else "block")
    ctx.add_init_script(HOOKS)
    ctx.on("dialog", lambda dialog: dialog.accept())  # every page of the context, a second visit's too
    return ctx, ctx.new_page()


def trigger_python(page) -> None:  # type: ignore[no-untyped-def]
    """What a visitor does first: put the cursor in the form (a lazy page starts Python then)."""
    page.locator(FIELD).filter(visible=True).first.focus()
    page.wait_for_selector(".kc-app[data-ready]", state="attached", timeout=TIMEOUT)


def download(page, name: str) -> tuple[float, bytes]:  # type: ignore[no-untyped-def]
    """Seconds from the click until the download starts, and the file."""
    start = time.perf_counter()
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name=name, exact=True).click()
    seconds = time.perf_counter() - start
    return seconds, Path(info.value.path()).read_bytes()


def first_visit(browser, base: str, log: Log, keystrokes: bool) -> dict:  # type: ignore[no-untyped-def]
    """Pyramid page: interactive, ready after focusing a field, bytes until ready, SVGs, PDFs."""
    ctx, page = fresh(browser)
    mark, opened = log.mark(), time.monotonic()
    page.goto(base + PYRAMID + AT_CANVAS)
    trigger_python(page)
    times = page.evaluate(TIMES)
    out: dict = {"ready": times.get("ready")}
    # Only what was asked before Python was ready: by the time Playwright sees the hook, a fast
    # first preview may already have started the idle prefetch of the other wheels.
    cutoff = opened + (out["ready"] or 1e9) / 1000
    out["before_ready"] = log.totals([h for h in log.since(mark) if h.at <= cutoff])
    out["steps"] = times.get("steps", {})
    if out["ready"] is not None and "worker" in out["steps"]:  # the visitor reached the canvas then
        out["from_trigger"] = out["ready"] - out["steps"]["worker"]
    out["worker_ms"] = float(page.get_attribute(".kc-app", "data-ready") or "nan")
    out["interactive_hook"] = "interactive" in times
    out["interactive"] = times.get("interactive", times["nav"]["domContentLoadedEventEnd"])
    out["load"] = times["nav"]["loadEventStart"]
    page.wait_for_selector(".kc-preview[data-ms]", state="attached", timeout=TIMEOUT)
    out["preview"] = page.evaluate(TIMES).get("preview")
    if keystrokes:
        try:
            out.update(typing(page))
        except Exception as error:  # noqa: BLE001 - a renamed field must not cost the other figures
            print(f"  ! typing: {type(error).__name__}: {(str(error).splitlines() or [''])[0]}", flush=True)
    out["svg_empty"] = download(page, "Download SVG")[1]
    page.get_by_role("button", name="Laad het voorbeeld").click()
    out["svg_example"] = download(page, "Download SVG")[1]
    if keystrokes:
        try:
            out.update(canvas_typing(page))
        except Exception as error:  # noqa: BLE001 - as for typing()
            print(f"  ! canvas typing: {type(error).__name__}: {(str(error).splitlines() or [''])[0]}", flush=True)
    page.get_by_label("Papierformaat").select_option("A3")
    page.wait_for_timeout(PAUSE_S * 1000)
    out["pdf_first"], pdf = download(page, "Download PDF")
    out["pdf_later"], _ = download(page, "Download PDF")
    out["pdf_first"], out["pdf_later"] = out["pdf_first"] * 1000, out["pdf_later"] * 1000
    out["pdf_ok"] = pdf.startswith(b"%PDF")
    ctx.close()
    return out


def python_ready(browser, base: str, log: Log) -> dict:  # type: ignore[no-untyped-def]
    """Only the start: the pyramid page opened, a field focused, Python ready (the throttled run)."""
    ctx, page = fresh(browser)
    mark, opened = log.mark(), time.monotonic()
    page.goto(base + PYRAMID + AT_CANVAS)
    trigger_python(page)
    times = page.evaluate(TIMES)
    out: dict = {"ready": times.get("ready"), "steps": times.get("steps", {})}
    if out["ready"] is not None and "worker" in out["steps"]:
        out["from_trigger"] = out["ready"] - out["steps"]["worker"]
    out["before_ready"] = log.totals([h for h in log.since(mark) if h.at <= opened + (out["ready"] or 1e9) / 1000])
    ctx.close()
    return out


def largest_trip(browser, base: str) -> dict:  # type: ignore[no-untyped-def]
    """The preview round trip (the page's data-ms: request to SVG in place, and data-draw-ms: the
    answer to the drawing in place with its editing aids) of the largest worked example: loaded,
    then a field changed five times, each preview waited for (``trip``, ``draw``); then five times
    more (``later``: the same once V8 has optimised the interpreter, which takes a while after
    Python starts)."""
    ctx, page = fresh(browser)
    page.goto(base + LARGEST + AT_CANVAS)
    trigger_python(page)
    page.get_by_role("button", name="Laad het voorbeeld").click()
    trips, draws = [], []
    field = page.locator(FIELD).filter(visible=True).first
    for n in range(11):
        page.wait_for_selector(".kc-preview[data-ms]", state="attached", timeout=TIMEOUT)
        if n:  # the first is the example's own preview
            trips.append(float(page.get_attribute(".kc-preview", "data-ms") or "nan"))
            draws.append(float(page.get_attribute(".kc-preview", "data-draw-ms") or "nan"))
        page.evaluate("document.querySelector('.kc-preview').removeAttribute('data-ms')")
        if n < 10:
            field.fill(f"Versie {n}")
    ctx.close()
    return {"trip": median(trips[:5]), "draw": median(draws[:5]), "later": median(trips[5:])}


def typing(page) -> dict:  # type: ignore[no-untyped-def]
    """Keystroke -> preview updated (includes the page's debounce), and the worker's round trip."""
    box = page.get_by_role("combobox", name="Klantsegment", exact=True)
    updates = []
    for n in range(5):
        text = f"Segment nummer {n}"
        start = time.perf_counter()
        box.fill(text)
        page.wait_for_function("t => (document.querySelector('.kc-preview svg')?.textContent || '').replace(/\\s+/g, '').includes(t)",
                               arg=text.replace(" ", ""), timeout=TIMEOUT)
        updates.append(time.perf_counter() - start)
    trip = page.get_attribute(".kc-preview", "data-ms")
    box.fill("")
    return {"keystroke": median(updates) * 1000, "preview_trip": float(trip) if trip else None}


def canvas_typing(page) -> dict:  # type: ignore[no-untyped-def]
    """Keystroke in the canvas editor (issue 17) -> that item redrawn with the new text, timed in the
    page (from the editor's input event to the drawing that shows it), so the browser driver's own
    round trips are not counted."""
    page.wait_for_selector(".kc-preview svg [data-path]", timeout=TIMEOUT)
    path = page.evaluate("() => [...document.querySelectorAll('.kc-preview svg [data-path]')]"
                         ".find(e => ['text', 'textarea', 'list'].includes(e.dataset.kind)).dataset.path")
    page.locator(f'.kc-preview svg [data-path="{path}"]').click()
    page.wait_for_selector("[data-canvas-editor] :is(input, textarea)")
    updates = [page.evaluate(TYPE_ON_CANVAS, [path, f"Op het canvas {n}"]) for n in range(5)]
    page.keyboard.press("Escape")
    return {"canvas_keystroke": median(updates)}


# One keystroke in the open canvas editor, and the time until the drawing shows its text.
TYPE_ON_CANVAS = """([path, text]) => new Promise((resolve) => {
  const editor = document.querySelector('[data-canvas-editor] :is(input, textarea)');
  const preview = document.querySelector('.kc-preview');
  const wanted = text.replace(/\\s+/g, '');
  const shown = () => (preview.querySelector(`svg [data-path='${path}']`)?.textContent || '').replace(/\\s+/g, '').includes(wanted);
  const started = performance.now();
  const seen = new MutationObserver(() => { if (shown()) { seen.disconnect(); resolve(performance.now() - started); } });
  seen.observe(preview, { childList: true, subtree: true });
  editor.value = text;
  editor.dispatchEvent(new Event('input', { bubbles: true }));
})"""


def reader(browser, url: str, log: Log, service_workers: bool) -> dict:  # type: ignore[no-untyped-def]
    """A reader: open the page, never scroll or touch the form, wait until the network is idle."""
    ctx, page = fresh(browser, service_workers)
    mark = log.mark()
    page.goto(url)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT)
    if service_workers:  # wait for the install (its precache) to finish
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=TIMEOUT)
    log.quiet(2.0)  # the Web Worker's and service worker's fetches are not part of networkidle
    out = log.totals(log.since(mark))
    out["load"] = page.evaluate(TIMES)["nav"]["loadEventStart"]
    ctx.close()
    return out


def bare(browser, base: str, repeat: bool = False, log: Log | None = None) -> dict:  # type: ignore[no-untyped-def]
    """The bench-only page: a module Web Worker that only runs loadPyodide(). ``repeat``: opened
    twice in one context, the second time measured (its files in the HTTP cache, as on a return).
    With ``log``: also the bytes it downloaded until Python was ready."""
    ctx, page = fresh(browser)
    for _ in range(2 if repeat else 1):
        mark = log.mark() if log else 0
        page.goto(base + "_bench/")
        page.wait_for_function("() => window.__bare", timeout=TIMEOUT)
    out = page.evaluate("window.__bare")
    if log:
        out.update(log.totals(log.since(mark)))
    ctx.close()
    if not out.get("ok"):
        raise RuntimeError(out.get("error"))
    return out


def second_visit(browser, base: str, log: Log, wheels: list[str]) -> dict:  # type: ignore[no-untyped-def]
    """First visit: Python ready, the service worker controls the page, one PDF (so every wheel was
    used). Then the page again with the HTTP cache emptied: what still goes to the network (what
    the service worker did not answer) until Python is ready, and then for one PDF."""
    ctx, page = fresh(browser, service_workers=True)
    seen_by_playwright: list[str] = []
    ctx.on("request", lambda r: seen_by_playwright.append(r.url))
    mark = log.mark()
    page.goto(base + PYRAMID + AT_CANVAS)
    trigger_python(page)
    first_ready = page.evaluate(TIMES).get("ready")
    page.wait_for_selector(".kc-preview[data-ms]", state="attached", timeout=TIMEOUT)
    snapshot = True
    try:  # the first preview leaves a memory snapshot for the next visit, when this build makes one
        # evaluate awaits the async check (wait_for_function would take its Promise for true)
        snapshot = page.evaluate(f"""async () => {{
          for (const end = Date.now() + 60000; Date.now() < end; await new Promise((r) => setTimeout(r, 250)))
            if (await ({SNAPSHOT_KEPT})()) return true;
          return false;
        }}""")
    except Exception:  # noqa: BLE001 - measured without one then (noted)
        snapshot = False
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=TIMEOUT)
    download(page, "Download PDF")
    page.wait_for_load_state("networkidle", timeout=TIMEOUT)
    log.quiet(2.0)
    first = log.since(mark)
    paths = [h.path for h in first]
    out: dict = {
        "first_ready": first_ready,
        "wasm_seen": any("pyodide.asm.wasm" in p for p in paths),  # or its .xz twin
        "wheels_seen": sum(any(p.endswith(("/" + w, f"/{w}.xz")) for p in paths) for w in wheels),
        "worker_dests": sorted({h.dest for h in first if h.path.lstrip("/").startswith(("assets/pyodide/", "assets/wheels/"))}),
        "playwright_saw_wasm": any("pyodide.asm.wasm" in u for u in seen_by_playwright),
    }
    ctx.new_cdp_session(page).send("Network.clearBrowserCache")  # the service worker's cache stays
    # The visit after: the first one's tab is closed, as it is a day later. (Opened again in the same
    # tab right away, the worker does not find the snapshot the page sees: bench/RESULTS.md.)
    page.close()
    page = ctx.new_page()
    mark = log.mark()
    page.goto(base + PYRAMID + AT_CANVAS)
    trigger_python(page)
    times = page.evaluate(TIMES)
    out["ready"], out["steps"], out["snapshot_kept"] = times.get("ready"), times.get("steps", {}), snapshot
    out["restored"] = "restored" in out["steps"]
    page.wait_for_load_state("networkidle", timeout=TIMEOUT)
    log.quiet(2.0)
    hits = log.since(mark)
    out.update(log.totals(hits))
    out["paths"] = sorted({h.path for h in hits})
    mark = log.mark()
    download(page, "Download PDF")
    log.quiet(2.0)
    out["pdf"] = log.totals(log.since(mark))
    out["pdf_paths"] = sorted({h.path for h in log.since(mark)})
    ctx.close()
    return out


def interleaved(parts: dict[str, object]) -> dict[str, list[dict]]:
    """Run every ``fn(n)`` of ``parts`` in turn, RUNS times, each in fresh contexts: a measure and
    its reference then see the same load on a busy machine. A run that fails is reported and left out."""
    results: dict[str, list[dict]] = {label: [] for label in parts}
    for n in range(RUNS):
        for label, fn in parts.items():
            if ONLY and label.split()[0] not in ONLY:
                continue
            try:
                results[label].append(fn(n))  # type: ignore[operator]
            except Exception as error:  # noqa: BLE001 - the bench reports and goes on
                print(f"  ! {label}, run {n + 1}: {type(error).__name__}: {(str(error).splitlines() or [''])[0]}", flush=True)
    return results


def pick(results: list[dict], key: str) -> float | None:
    return median([r.get(key) for r in results if r.get(key) is not None])


def runs_note(results: list[dict], key: str) -> str:
    return "runs " + ", ".join(f"{r[key]:.0f}" for r in results if r.get(key) is not None)


def measure(site: Path, base: str, log: Log, cpython: dict[str, float]) -> None:
    from playwright.sync_api import sync_playwright

    write_bare_page(site)
    wheels = sorted(p.name for p in (site / "assets" / "wheels").rglob("*.whl"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        print("Chromium: pyramid page (focus a field, SVG, PDF) and the bare loadPyodide() page, in turn", flush=True)
        got = interleaved({"first visit": lambda n: first_visit(browser, base, log, keystrokes=n == 0),
                           "bare page": lambda n: bare(browser, base, log=log)})
        print("Chromium: readers (no scrolling, no typing), method page and Over page in turn", flush=True)
        got |= interleaved({f"reader {name}{' sw' if sw else ''}": (lambda n, path=path, sw=sw: reader(browser, base + path, log, sw))
                            for sw in (False, True) for name, path in (("pyramid", PYRAMID), ("over", OVER))})
        print("Chromium: the preview round trip of the largest worked example", flush=True)
        got |= interleaved({"largest example": lambda n: largest_trip(browser, base)})
        print("Chromium: second visit through the service worker, and the bare loadPyodide() page opened twice "
              "(HTTP cache warm: the reference of a return), in turn", flush=True)
        got |= interleaved({"second visit": lambda n: second_visit(browser, base, log, wheels),
                            "bare repeat": lambda n: bare(browser, base, repeat=True)})
        print(f"Chromium: mobile link ({MOBILE_BITS_PER_S / 1e6:g} Mbps, {MOBILE_RTT_S * 1000:.0f} ms RTT), "
              "pyramid page and bare page in turn", flush=True)
        log.throttle(MOBILE_RTT_S, MOBILE_BITS_PER_S)
        try:
            got |= interleaved({"mobile canvas": lambda n: python_ready(browser, base, log),
                                "mobile bare": lambda n: bare(browser, base, log=log)})
        finally:
            log.throttle(0, 0)
        browser.close()
    readers = {(name, sw): got[f"reader {name}{' sw' if sw else ''}"] for name in ("pyramid", "over") for sw in (False, True)}
    report(got["first visit"], got["bare page"], readers, got["second visit"], cpython, len(wheels), got["bare repeat"])
    mobile(got["mobile canvas"], got["mobile bare"])
    add("Preview round trip in the worker, largest example (customer-journey-canvas)", pick(got["largest example"], "trip"), "ms",
        note="the goal: at most 16 ms; median of 5 previews per run; " + runs_note(got["largest example"], "trip"))
    add("of which: the engine's answer to the drawing in place, with its editing aids", pick(got["largest example"], "draw"), "ms",
        note="the goal: within one frame (16.7 ms); " + runs_note(got["largest example"], "draw"))
    add("The same round trip, the next five previews", pick(got["largest example"], "later"), "ms",
        note="V8 has optimised more of the interpreter by then; " + runs_note(got["largest example"], "later"))


def went(paths: list[str]) -> str:
    paths = sorted(set(paths))
    runtime = [p for p in paths if p.lstrip("/").startswith(("assets/pyodide/", "assets/wheels/"))]
    others = [p for p in paths if p not in runtime]
    return f"{len(runtime)} runtime files ({', '.join(Path(p).name for p in runtime)[:160]}); others: {' '.join(others)[:160] or 'none'}"


def num(value: float | None, unit: str = "") -> str:
    """A figure inside a note."""
    return "n/a" if value is None else f"{value:,.0f}{unit}"


def report(firsts, bares, readers, seconds, cpython, wheel_count, bare_repeats) -> None:  # type: ignore[no-untyped-def]
    print("Chromium figures (medians of fresh contexts):", flush=True)
    add("Python ready, pyramid page (field focused after load)", pick(firsts, "ready"), "ms",
        "bare loadPyodide() worker page", pick(bares, "at"),
        f"from navigation start; {runs_note(firsts, 'ready')}; inside the worker {num(pick(firsts, 'worker_ms'), ' ms')} vs bare {num(pick(bares, 'ms'), ' ms')}")
    add("Python ready once the visitor reaches the canvas (the goal: at most 0.85)", pick(firsts, "from_trigger"), "ms",
        "bare loadPyodide() worker page, from navigation", pick(bares, "at"),
        f"from the moment the page starts Python (field focused: the klantcanvas:worker mark) to ready; "
        f"{runs_note(firsts, 'from_trigger')}; a reader never starts it, so navigation start is not Python's to spend")
    steps = [r.get("steps", {}) for r in firsts]
    for step, what in (("worker", "worker created (field focused)"), ("start", "worker script running"),
                       ("modules", "pyodide.mjs + pyodide.asm.mjs imported"), ("pyodide", "loadPyodide() resolved"),
                       ("unpacked", "engine wheel unpacked"), ("imported", "engine imported (then ready)")):
        add(f"Python start, first visit: {what}", pick(steps, step), "ms", note="from navigation start; " + runs_note(steps, step))
    add("Python start, first visit: first preview shown", pick(firsts, "preview"), "ms", note="from navigation start; " + runs_note(firsts, "preview"))
    hooked = bool(firsts) and all(r.get("interactive_hook") for r in firsts)
    add("Form interactive, pyramid page", pick(firsts, "interactive"), "ms", "load event, Over page", pick(readers[("over", False)], "load"),
        ("data-interactive" if hooked else "DOMContentLoaded (no data-interactive)") + f"; the pyramid page's load event {num(pick(firsts, 'load'), ' ms')}")
    page, over = readers[("pyramid", False)], readers[("over", False)]
    for kind in ("raw", "gzip"):
        add(f"Reader's bytes, pyramid page ({kind})", pick(page, kind), "kB", f"Over page ({kind})", pick(over, kind),
            f"service worker blocked; {num(pick(page, 'requests'))} vs {num(pick(over, 'requests'))} requests")
    add("Reader fetched assets/pyodide + assets/wheels", pick(page, "runtime_raw"), "kB", note=f"{num(pick(page, 'runtime_requests'))} requests (0 = lazy)")
    for kind in ("raw", "gzip"):
        add(f"Reader's bytes incl. service worker install, pyramid ({kind})", pick(readers[("pyramid", True)], kind), "kB",
            f"same, Over page ({kind})", pick(readers[("over", True)], kind), "includes the service worker's precache")
    befores = [r["before_ready"] for r in firsts]
    for kind in ("raw", "gzip"):
        add(f"Downloaded before Python ready, field focused ({kind})", pick(befores, kind), "kB",
            f"reader's bytes, Over page ({kind})", pick(over, kind), f"{num(pick(befores, 'requests'))} requests")
    for kind in ("raw", "gzip"):
        add(f"Downloaded before Python ready, against a bare loadPyodide() ({kind}; the goal: at most 0.75)",
            pick(befores, kind), "kB", f"bare loadPyodide() page until ready ({kind})", pick(bares, kind),
            f"page, glue and runtime; bare: its page, worker and Pyodide, {num(pick(bares, 'requests'))} requests")

    add("Second visit: requests to the network", pick(seconds, "requests"), "n",
        note="HTTP cache emptied (CDP), service worker cache kept; all runs: " + went([p for r in seconds for p in r["paths"]]))
    for kind in ("raw", "gzip"):
        add(f"Second visit: bytes from the network ({kind})", pick(seconds, kind), "kB",
            note=f"of which runtime {num(pick(seconds, 'runtime_raw') and pick(seconds, 'runtime_raw') / 1000, ' kB')}" if kind == "raw" else "")
    pdfs = [r["pdf"] for r in seconds]
    add("Second visit, then a PDF: requests to the network", pick(pdfs, "requests"), "n", note="all runs: " + went([p for r in seconds for p in r["pdf_paths"]]))
    add("Second visit, then a PDF: bytes from the network (raw)", pick(pdfs, "raw"), "kB")
    add("Second visit: Python ready", pick(seconds, "ready"), "ms", "first visit, same context", pick(seconds, "first_ready"),
        "the service worker allowed: its install runs during the first visit; "
        f"memory snapshot used in {sum(bool(r.get('restored')) for r in seconds)} of {len(seconds)} runs")
    add("Second visit: Python ready, against a bare loadPyodide()", pick(seconds, "ready"), "ms",
        "bare loadPyodide() page, opened again (HTTP cache warm)", pick(bare_repeats, "at"),
        f"{runs_note(seconds, 'ready')}; bare {runs_note(bare_repeats, 'at')}")
    restored = [r.get("steps", {}) for r in seconds if r.get("restored")]
    for step, what in (("worker", "worker created"), ("restored", "Python restored from the snapshot"),
                       ("unpacked", "engine wheel unpacked"), ("imported", "engine imported (then ready)")):
        add(f"Python start from a snapshot: {what}", pick(restored, step), "ms", note="from navigation start")
    if seconds:
        s = seconds[0]
        add("Worker requests seen at the server (first visit)", float(s["wasm_seen"] and s["wheels_seen"] > 0), "yes/no",
            note=f".wasm {'seen' if s['wasm_seen'] else 'MISSING'}, wheels fetched {s['wheels_seen']} of {wheel_count} in the site, "
                 f"Sec-Fetch-Dest of runtime files {s['worker_dests']}, Playwright's own events saw the .wasm: {s['playwright_saw_wasm']}")

    for name, key in (("example", "svg_example"), ("empty canvas", "svg_empty")):
        files = [r[key] for r in firsts if r.get(key)]
        add(f"SVG download, pyramid {name}", median([float(len(f)) for f in files]), "kB",
            f"CPython SVG without fonts ({name})", cpython.get(f"svg-{key[4:]}-bytes"),
            f"gzip {len(gzip.compress(files[0], 6)) / 1000:.1f} kB" if files else "")
    ref = cpython.get("pdf-A3")
    add("PDF A3 in the browser, first after a pause", pick(firsts, "pdf_first"), "ms", "CPython PDF A3", ref and ref * 1000,
        f"pause {PAUSE_S} s after the last change; {runs_note(firsts, 'pdf_first')}")
    add("PDF A3 in the browser, next one", pick(firsts, "pdf_later"), "ms", "CPython PDF A3", ref and ref * 1000, runs_note(firsts, "pdf_later"))
    typed = firsts[0] if firsts else {}
    add("Keystroke -> preview updated", typed.get("keystroke"), "ms", note="one context; timed by the driver, its round trips included")
    add("Keystroke in the canvas editor -> item redrawn", typed.get("canvas_keystroke"), "ms",
        "keystroke in the form -> preview updated", typed.get("keystroke"), "one context; timed in the page; issue 17")
    add("Preview round trip in the worker", typed.get("preview_trip"), "ms", "CPython preview (layout+SVG)",
        cpython.get("klanttype-piramide") and cpython["klanttype-piramide"] * 1000)


def mobile(canvases, bares) -> None:  # type: ignore[no-untyped-def]
    """The throttled run: the pyramid page and the bare page, in turn, on the same slow link."""
    link = f"{MOBILE_BITS_PER_S / 1e6:g} Mbps, {MOBILE_RTT_S * 1000:.0f} ms RTT, at the server"
    add("Mobile link: Python ready once the visitor reaches the canvas", pick(canvases, "from_trigger"), "ms",
        "bare loadPyodide() page, from navigation", pick(bares, "at"), f"{link}; {runs_note(canvases, 'from_trigger')}")
    add("Mobile link: Python ready from navigation (field focused after load)", pick(canvases, "ready"), "ms",
        "bare loadPyodide() page, from navigation", pick(bares, "at"), f"{runs_note(canvases, 'ready')}; bare {runs_note(bares, 'at')}")
    befores = [r["before_ready"] for r in canvases]
    add("Mobile link: downloaded before Python ready (gzip)", pick(befores, "gzip"), "kB",
        "bare loadPyodide() page (gzip)", pick(bares, "gzip"), "what the link carried")
