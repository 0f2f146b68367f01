"""The fonts every renderer uses, and the advance widths text is measured with.

The TTFs (Inter, SIL OFL) come from the pinned npm package and are copied here by ``./dev``.
Widths come from ``metrics.json`` (written from the TTFs by hooks/fonts.py), else straight from
the TTFs, parsed with the standard library: the same numbers (tests/unit/test_fonts.py), so line
breaks never depend on which. The browser's engine wheel carries only ``metrics.json``: its TTFs
and WOFF2 pieces come in a wheel of their own (klantcanvas-fonts), loaded with the first PDF or
SVG download, so measuring text for the live preview needs neither them nor fontTools.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["FAMILY", "WEIGHTS", "FontMetrics", "WebFace", "font_bytes", "metrics", "metrics_from_ttf", "web_faces"]

FAMILY = "Inter"
#: weight name -> file name inside this package
WEIGHTS = {"regular": "Inter-Regular.ttf", "bold": "Inter-Bold.ttf"}
# Package data is read beside this file, not through importlib.resources: importing that costs
# the browser about 0.2 s before its first preview (the engine is always unpacked on a file system).
_HERE = Path(__file__).parent


class FontMissing(FileNotFoundError):
    pass


@cache
def font_bytes(weight: str = "regular") -> bytes:
    resource = _HERE / WEIGHTS[weight]
    try:
        return resource.read_bytes()
    except FileNotFoundError:
        raise FontMissing(
            f"{WEIGHTS[weight]} is missing from klantcanvas/fonts: run ./dev setup, which copies it from node_modules"
        ) from None


@dataclass(frozen=True)
class FontMetrics:
    units_per_em: int
    ascender: int
    descender: int
    widths: dict[int, int]  # code point -> advance width in font units
    default_width: int

    def width(self, text: str, size: float) -> float:
        """Advance width of ``text`` at ``size`` (any unit: the result is in the same unit)."""
        get = self.widths.get
        units = sum(get(ord(ch), self.default_width) for ch in text)
        return units * size / self.units_per_em


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
        tables[tag] = (offset, length)
    return tables


def _cmap(data: bytes, offset: int) -> dict[int, int]:
    count = struct.unpack_from(">H", data, offset + 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHL", data, offset + 4 + 8 * i)
        subtables[(platform, encoding)] = offset + sub
    mapping: dict[int, int] = {}
    if (3, 10) in subtables:  # format 12: full Unicode
        start = subtables[(3, 10)]
        groups = struct.unpack_from(">L", data, start + 12)[0]
        for g in range(groups):
            first, last, glyph = struct.unpack_from(">LLL", data, start + 16 + 12 * g)
            for cp in range(first, last + 1):
                mapping[cp] = glyph + cp - first
        return mapping
    start = subtables[(3, 1)]  # format 4: the Basic Multilingual Plane
    segs = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segs}H", data, start + 14)
    starts = struct.unpack_from(f">{segs}H", data, start + 16 + 2 * segs)
    deltas = struct.unpack_from(f">{segs}h", data, start + 16 + 4 * segs)
    range_base = start + 16 + 6 * segs
    offsets = struct.unpack_from(f">{segs}H", data, range_base)
    for i in range(segs):
        for cp in range(starts[i], ends[i] + 1):
            if cp == 0xFFFF:
                continue
            if offsets[i] == 0:
                glyph = (cp + deltas[i]) & 0xFFFF
            else:
                addr = range_base + 2 * i + offsets[i] + 2 * (cp - starts[i])
                glyph = struct.unpack_from(">H", data, addr)[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                mapping[cp] = glyph
    return mapping


@cache
def metrics(weight: str = "regular") -> FontMetrics:
    """What text is measured with: from metrics.json when it is there, else from the TTF."""
    try:
        index = json.loads((_HERE / "metrics.json").read_text("utf-8"))
    except FileNotFoundError:
        return metrics_from_ttf(weight)
    found = index["weights"][weight]
    widths = {run[0] + i: width for run in found["widths"] for i, width in enumerate(run[1:])}
    return FontMetrics(found["units_per_em"], found["ascender"], found["descender"], widths, found["default_width"])


def metrics_from_ttf(weight: str = "regular") -> FontMetrics:
    """The same metrics parsed from the TTF itself."""
    data = font_bytes(weight)
    tables = _tables(data)
    head = tables[b"head"][0]
    hhea = tables[b"hhea"][0]
    units = struct.unpack_from(">H", data, head + 18)[0]
    ascender, descender = struct.unpack_from(">hh", data, hhea + 4)
    n_metrics = struct.unpack_from(">H", data, hhea + 34)[0]
    hmtx = tables[b"hmtx"][0]
    advances = struct.unpack_from(f">{2 * n_metrics}H", data, hmtx)[0::2]
    glyph_of = _cmap(data, tables[b"cmap"][0])
    widths = {cp: advances[min(g, n_metrics - 1)] for cp, g in glyph_of.items()}
    return FontMetrics(units, ascender, descender, widths, default_width=advances[0])


@dataclass(frozen=True)
class WebFace:
    """One WOFF2 piece of a weight (made by hooks/fonts.py): the characters it covers, as a CSS
    ``unicode-range`` and as code points."""

    file: str
    weight: int
    ranges: str
    codepoints: frozenset[int]

    def data(self) -> bytes:
        return (_HERE / self.file).read_bytes()


def _codepoints(ranges: str) -> frozenset[int]:
    out: set[int] = set()
    for part in ranges.split(","):
        low, _, high = part.removeprefix("U+").partition("-")
        out.update(range(int(low, 16), int(high or low, 16) + 1))
    return frozenset(out)


@cache
def _all_web_faces() -> tuple[WebFace, ...]:
    try:
        index = json.loads((_HERE / "subsets.json").read_text("utf-8"))
    except FileNotFoundError:
        raise FontMissing("subsets.json is missing from klantcanvas/fonts: run ./dev setup, which makes it") from None
    return tuple(WebFace(f["file"], f["weight"], f["ranges"], _codepoints(f["ranges"])) for f in index["faces"])


def web_faces(text_by_weight: dict[int, str]) -> list[WebFace]:
    """The WOFF2 pieces that ``text_by_weight`` (CSS weight -> every character shown in it) needs."""
    wanted = {weight: {ord(ch) for ch in text} for weight, text in text_by_weight.items()}
    return [face for face in _all_web_faces() if face.codepoints & wanted.get(face.weight, set())]
