"""Build step: cuts the engine's Inter TTFs into WOFF2 files by script (latin, latin-ext, greek, ...),
and writes ``metrics.json``: what the preview measures text with (advance widths by character,
units per em, ascender and descender), so the browser's first preview needs no TTF.

The same files serve the page (``@font-face`` with ``unicode-range``: a browser fetches only the
ranges a page shows) and SVG downloads (which embed only the ranges their text uses). Written
into ``src/klantcanvas/fonts/`` with ``subsets.json``, the index the engine and the site hook read.
Run by ``./dev setup``; needs fontTools and brotli (dev dependencies, never in the browser).
usage: python hooks/fonts.py
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "src" / "klantcanvas" / "fonts"
WEIGHTS = {"Inter-Regular": 400, "Inter-Bold": 700}

#: Google Fonts' subsets of Inter; "rest" gets every other character the font has.
RANGES = {
    "latin": "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,"
             "U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    "latin-ext": "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,"
                 "U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF",
    "cyrillic-ext": "U+0460-052F,U+1C80-1C8A,U+20B4,U+2DE0-2DFF,U+A640-A69F,U+FE2E-FE2F",
    "cyrillic": "U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116",
    "greek-ext": "U+1F00-1FFF",
    "greek": "U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF",
    "vietnamese": "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,"
                  "U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB",
}


def codepoints(ranges: str) -> set[int]:
    out: set[int] = set()
    for part in ranges.split(","):
        low, _, high = part.removeprefix("U+").partition("-")
        out.update(range(int(low, 16), int(high or low, 16) + 1))
    return out


def as_ranges(points: set[int]) -> str:
    parts, ordered = [], sorted(points)
    start = prev = ordered[0]
    for cp in ordered[1:] + [-1]:
        if cp != prev + 1:
            parts.append(f"U+{start:04X}" if start == prev else f"U+{start:04X}-{prev:04X}")
            start = cp
        prev = cp
    return ",".join(parts)


def make_subsets() -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    sources = [FONTS / f"{stem}.ttf" for stem in WEIGHTS]
    digest = hashlib.sha256(json.dumps(RANGES).encode() + Path(__file__).read_bytes())
    for path in sources:
        digest.update(path.read_bytes())
    index = FONTS / "subsets.json"
    if index.exists() and json.loads(index.read_text("utf-8")).get("source") == digest.hexdigest()[:16]:
        return
    faces = []
    for path in sources:
        mapped = set(TTFont(path)["cmap"].getBestCmap())
        named = set().union(*(codepoints(r) for r in RANGES.values()))
        for name, ranges in [*RANGES.items(), ("rest", as_ranges(mapped - named))]:
            wanted = codepoints(ranges) & mapped
            if not wanted:
                continue
            font = TTFont(path)
            options = subset.Options()
            options.flavor = "woff2"
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=sorted(wanted))
            subsetter.subset(font)
            font.flavor = "woff2"
            file = f"{path.stem}-{name}.woff2"
            font.save(FONTS / file)
            faces.append({"file": file, "weight": WEIGHTS[path.stem], "ranges": ranges})
    index.write_text(json.dumps({"source": digest.hexdigest()[:16], "faces": faces}, indent=1) + "\n", "utf-8")


def width_runs(widths: dict[int, int]) -> list[list[int]]:
    """``{cp: width}`` as runs of consecutive code points: ``[first, w1, w2, ...]`` each."""
    runs: list[list[int]] = []
    for cp in sorted(widths):
        if runs and runs[-1][0] + len(runs[-1]) - 1 == cp:
            runs[-1].append(widths[cp])
        else:
            runs.append([cp, widths[cp]])
    return runs


def make_metrics() -> None:
    """metrics.json from the TTFs, with fontTools; rewritten only when a TTF or this file changed."""
    from fontTools.ttLib import TTFont

    digest = hashlib.sha256(Path(__file__).read_bytes())
    sources = {"regular": FONTS / "Inter-Regular.ttf", "bold": FONTS / "Inter-Bold.ttf"}
    for path in sources.values():
        digest.update(path.read_bytes())
    out = FONTS / "metrics.json"
    if out.exists() and json.loads(out.read_text("utf-8")).get("source") == digest.hexdigest()[:16]:
        return
    weights = {}
    for weight, path in sources.items():
        font = TTFont(path)
        advances = font["hmtx"].metrics
        order = font.getGlyphOrder()
        widths = {cp: advances[name][0] for cp, name in font["cmap"].getBestCmap().items()}
        weights[weight] = {
            "units_per_em": font["head"].unitsPerEm, "ascender": font["hhea"].ascent,
            "descender": font["hhea"].descent, "default_width": advances[order[0]][0], "widths": width_runs(widths),
        }
    out.write_text(json.dumps({"source": digest.hexdigest()[:16], "weights": weights}, separators=(",", ":")) + "\n", "utf-8")


if __name__ == "__main__":
    make_subsets()
    make_metrics()
