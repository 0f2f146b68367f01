"""Prints how fast Klantcanvas is, in one run: build, engine on CPython, and the page in Chromium.

Never a pass or fail; run it with ./dev bench. Figures are medians of a few runs on this machine.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from klantcanvas import fill  # noqa: E402
from klantcanvas.catalog import all_canvases  # noqa: E402
from klantcanvas.layouts import build_scene  # noqa: E402
from klantcanvas.paper import page as paper_page  # noqa: E402
from klantcanvas.render.pdf import as_pdf  # noqa: E402
from klantcanvas.render.svg import as_svg  # noqa: E402

ROWS: list[tuple[str, float, str]] = []


def row(name: str, seconds: float, note: str = "") -> None:
    ROWS.append((name, seconds, note))
    print(f"{name:<46} {seconds * 1000:9.1f} ms  {note}", flush=True)


def median_time(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def engine() -> dict[str, float]:
    out = {}
    for canvas_id, canvas in all_canvases().items():
        filled = fill(canvas, dict(canvas.example))
        a4 = paper_page("A4", canvas.orientation)
        out[canvas_id] = median_time(lambda: as_svg(build_scene(filled, a4)), 7)
        row(f"CPython preview (layout+SVG) {canvas_id}", out[canvas_id])
    canvas = all_canvases()["klanttype-piramide"]
    filled = fill(canvas, dict(canvas.example))
    for size in ("A4", "A1", "A0"):
        t = median_time(lambda: as_pdf(build_scene(filled, paper_page(size))), 3)
        out[f"pdf-{size}"] = t
        row(f"CPython PDF {size} klanttype-piramide", t)
    return out


def browser(site: Path, cpython: dict[str, float]) -> None:
    from playwright.sync_api import sync_playwright
    from subpath_server import PREFIX, start

    server = start(site)
    base = f"http://127.0.0.1:{server.server_port}{PREFIX}/methoden/klanttype-piramide/"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        colds, warms = [], []
        for _ in range(3):
            ctx = b.new_context(service_workers="block", accept_downloads=True)
            pg = ctx.new_page()
            pg.goto(base)
            pg.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
            colds.append(int(pg.get_attribute(".kc-app", "data-ready")) / 1000)
            pg.reload()
            pg.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
            warms.append(int(pg.get_attribute(".kc-app", "data-ready")) / 1000)
            ctx.close()
        row("Chromium: Python ready, cold (worker start)", statistics.median(colds), f"runs {[round(c, 2) for c in colds]}")
        row("Chromium: Python ready, warm reload", statistics.median(warms), f"runs {[round(w, 2) for w in warms]}")

        ctx = b.new_context(service_workers="block", accept_downloads=True)
        pg = ctx.new_page()
        pg.goto(base)
        pg.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
        pg.get_by_role("button", name="Laad het voorbeeld").click()
        pg.wait_for_timeout(500)
        updates = []
        box = pg.get_by_role("combobox", name="Klantsegment", exact=True)
        for n in range(7):
            text = f"Segment nummer {n}"
            start = time.perf_counter()
            box.fill(text)
            pg.wait_for_function("t => document.querySelector('.kc-preview svg').textContent.replace(/\\s+/g,'').includes(t)", arg=text.replace(" ", ""))
            updates.append(time.perf_counter() - start)
        preview = statistics.median(updates)
        row("Chromium: keystroke -> preview updated", preview, "includes the 150 ms debounce")
        engine_ms = statistics.median(int(pg.get_attribute(".kc-preview", "data-ms")) for _ in range(1)) / 1000
        row("Chromium: preview round trip in the worker", engine_ms, f"ratio to CPython {engine_ms / cpython['klanttype-piramide']:.1f}x")

        def export(name: str) -> float:
            start = time.perf_counter()
            with pg.expect_download(timeout=60_000):
                pg.get_by_role("button", name=name, exact=True).click()
            return time.perf_counter() - start

        pg.get_by_label("Papierformaat").select_option("A1")
        first = export("Download PDF")
        row("Chromium: first PDF A1 (imports fpdf2)", first)
        second = export("Download PDF")
        row("Chromium: next PDF A1", second, f"ratio to CPython {second / cpython['pdf-A1']:.1f}x")
        for fmt in ("PNG", "SVG", "JSON"):
            row(f"Chromium: Download {fmt} (A1)", export(f"Download {fmt}"))
        ctx.close()

        # Every export of the largest worked example, after the PDF library is warm.
        largest = max(all_canvases().values(), key=lambda c: len(json.dumps(dict(c.example), ensure_ascii=False)))
        ctx = b.new_context(service_workers="block", accept_downloads=True)
        pg = ctx.new_page()
        pg.goto(base.replace("klanttype-piramide", largest.id))
        pg.wait_for_selector(".kc-app[data-ready]", timeout=60_000)
        pg.get_by_role("button", name="Laad het voorbeeld").click()
        export("Download PDF")  # warm-up: imports fpdf2
        labels = [b_.inner_text() for b_ in pg.locator("[data-export]").all()]
        for paper in ("A4", "A0"):
            pg.get_by_label("Papierformaat").select_option(paper)
            for label in labels:
                if paper == "A0" and label not in ("Download PDF", "Download PNG", "Download PowerPoint"):
                    continue
                runs = [export(label) for _ in range(3)]
                row(f"Chromium {largest.id} {paper}: {label}", statistics.median(runs))
        b.close()
    server.shutdown()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=ROOT, check=True,
                       env={"NO_MKDOCS_2_WARNING": "1", **__import__("os").environ})
        row("mkdocs build --strict (with runtime bundle)", time.perf_counter() - start)
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        runtime = sum(p.stat().st_size for d in ("assets/pyodide", "assets/wheels") for p in (site / d).rglob("*"))
        print(f"{'site size / runtime (Pyodide + wheels)':<46} {size / 1e6:9.1f} MB  runtime {runtime / 1e6:.1f} MB")
        cpython = engine()
        browser(site, cpython)
    print(json.dumps({name: round(s * 1000, 1) for name, s, _ in ROWS}, indent=1))


if __name__ == "__main__":
    main()
