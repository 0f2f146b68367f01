"""Prints how fast Klantcanvas is, in one run: build, engine on CPython, and the page in Chromium.

Never a pass or fail; run it with ./dev bench (or ``.venv/bin/python bench/run.py --site DIR`` to
bench an already built site). Figures are medians of a few runs on this machine, printed at the end
as one table: measure, value, reference, ratio. The browser half lives in browser.py; then
Lighthouse, mobile and desktop, over each page kind in both editions (lighthouse.py).
"""

from __future__ import annotations

import argparse
import os
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
from report import add, row, table  # noqa: E402  (row: an engine timing in seconds)


def median_time(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# ---- Engine timings on CPython: add new ones here, each calling row(name, seconds, note). ----

def engine() -> dict[str, float]:
    """Preview per canvas and PDF sizes; the returned figures are references for the browser."""
    out: dict[str, float] = {}
    for canvas_id, canvas in all_canvases().items():
        filled = fill(canvas, dict(canvas.example))
        a4 = paper_page("A4", canvas.orientation)
        out[canvas_id] = median_time(lambda: as_svg(build_scene(filled, a4)), 7)
        row(f"CPython preview (layout+SVG) {canvas_id}", out[canvas_id])
        # The layout alone on the canvas's own paper; the unit tests once held it under 50 ms.
        own = paper_page(canvas.paper, canvas.orientation)
        row(f"CPython layout {canvas.paper} {canvas_id}", median_time(lambda: build_scene(filled, own), 7),
            "aim: under 50 ms, so every keystroke previews")
    canvas = all_canvases()["klanttype-piramide"]
    filled = fill(canvas, dict(canvas.example))
    for size in ("A4", "A3", "A1", "A0"):
        t = median_time(lambda: as_pdf(build_scene(filled, paper_page(size))), 3)
        out[f"pdf-{size}"] = t
        row(f"CPython PDF {size} klanttype-piramide", t)
    # The drawing without fonts: what an SVG download adds on top of it is the embedded fonts.
    page = paper_page(canvas.paper, canvas.orientation)
    for name, values in (("example", dict(canvas.example)), ("empty", {})):
        out[f"svg-{name}-bytes"] = float(len(as_svg(build_scene(fill(canvas, values), page)).encode("utf-8")))
        add(f"CPython SVG without fonts, pyramid {name}", out[f"svg-{name}-bytes"], "kB")
    return out


def long_words() -> None:
    """The pyramid on A0 with every field full of one unbreakable word: wrapping must stay linear
    (it took 4.5 s when every character re-measured the piece before it)."""
    canvas = all_canvases()["klanttype-piramide"]

    def full(field):  # type: ignore[no-untyped-def]
        word = "Klantonderzoeksresultaten" * (field.max_length // 25 + 1)
        if field.kind in ("text", "textarea"):
            return word[: field.max_length]
        if field.kind == "list":
            return [word[: field.max_length]] * field.max_items
        if field.kind == "group":
            return [{sub.id: full(sub) for sub in field.fields}] * field.max_items
        return None

    filled = fill(canvas, {f.id: full(f) for f in canvas.fields})
    chars = sum(len(v) for v in _strings(filled.as_json_data()))
    row("CPython layout A0 pyramid, fields full of unbreakable words",
        median_time(lambda: build_scene(filled, paper_page("A0")), 3), f"{chars // 1000} k characters; was 4.5 s")


def _strings(value):  # type: ignore[no-untyped-def]
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, dict)):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item)


# ---- The site: built here, or given with --site ----

def build(site: Path) -> None:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=ROOT, check=True,
                   env={"NO_MKDOCS_2_WARNING": "1", **os.environ})
    row("mkdocs build --strict (with runtime bundle)", time.perf_counter() - start)


def site_sizes(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.is_file() and not p.relative_to(site).as_posix().startswith("_bench/")]
    runtime = [p for p in files if p.relative_to(site).as_posix().startswith(("assets/pyodide/", "assets/wheels/"))]
    add("Site size on disk", float(sum(p.stat().st_size for p in files)), "kB")
    add("of which runtime (assets/pyodide + assets/wheels)", float(sum(p.stat().st_size for p in runtime)), "kB")


def chromium(site: Path, cpython: dict[str, float]) -> None:
    import browser
    import served
    from subpath_server import PREFIX

    server, log = served.start(site)
    try:
        browser.measure(site, f"http://127.0.0.1:{server.server_port}{PREFIX}/", log, cpython)
    finally:
        server.shutdown()
        server.server_close()
        served.remove_bare_page(site)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="bench this already built site instead of building one")
    parser.add_argument("--no-browser", action="store_true", help="only the build and the engine on CPython")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else Path(tmp) / "site"
        if not args.site:
            build(site)
        site_sizes(site)
        cpython = engine()
        long_words()
        if not args.no_browser:
            chromium(site, cpython)
    print()
    print(table())
    if not args.no_browser:  # its own build, for the site's address (canonical, hreflang, robots.txt)
        print()
        subprocess.run([sys.executable, str(Path(__file__).resolve().parent / "lighthouse.py")], check=True)


if __name__ == "__main__":
    main()
