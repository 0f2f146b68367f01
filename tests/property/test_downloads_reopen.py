"""Property: every download the page makes opens again as exactly the canvas it shows (SVG,
Markdown, PNG, Excel through the facade, as the page sends them), and any bytes dressed up as
one of those files are either read or refused in Dutch, never an uncaught error."""

from __future__ import annotations

import base64
import re
import struct
import zlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from kc_strategies import answer, canvas_and_data, count

from klantcanvas import fill
from klantcanvas.catalog import all_canvases
from klantcanvas.embedded import extract_saved_json
from klantcanvas.fill import ImportProblem


def _checked(canvas: str, data: Any) -> dict[str, Any]:
    return fill(all_canvases()[canvas], data).as_json_data()


def _tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")


def _finished(fmt: str, body: bytes) -> bytes:
    """The file the user gets: for PNG, the page's drawing with the engine's chunk after IHDR."""
    if fmt != "png":
        return body
    found = re.search(rb'data-png-chunk="([A-Za-z0-9+/=]+)"', body)
    assert found
    png = _tiny_png()
    return png[:33] + base64.b64decode(found.group(1)) + png[33:]


FORMATS = ("svg", "md", "png", "xlsx")


@pytest.mark.parametrize("fmt", FORMATS)
@given(canvas_and_data())
def test_a_download_opened_again_is_exact(fmt: str, canvas_data) -> None:  # type: ignore[no-untyped-def]
    count(f"reopen {fmt}")
    canvas, data = canvas_data
    meta, body = answer({"method": "export", "canvas": canvas, "data": data, "format": fmt})
    assert meta["ok"], meta
    content = _finished(fmt, body)
    back, _ = answer({"method": "import", "canvas": canvas, "size": len(content), "base64": base64.b64encode(content).decode()})
    assert back == {"ok": True, "data": _checked(canvas, data)}


MAGIC = (b"", b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"PK\x03\x04", b"<svg ", b"<!-- klantcanvas:data\n", b"{")


@given(st.sampled_from(MAGIC), st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_in_dutch(magic: bytes, rest: bytes) -> None:
    count("extract hostile bytes")
    try:
        assert isinstance(extract_saved_json(magic + rest), str)
    except ImportProblem as problem:
        assert "Je huidige werk is niet veranderd" in str(problem)


@pytest.mark.parametrize("fmt", FORMATS)
@given(canvas_and_data(), st.integers(min_value=0), st.integers(min_value=0, max_value=255), st.booleans())
def test_a_damaged_download_is_read_or_refused_in_dutch(fmt: str, canvas_data, where: int, byte: int, cut: bool) -> None:  # type: ignore[no-untyped-def]
    count(f"damaged {fmt}")
    canvas, data = canvas_data
    _, body = answer({"method": "export", "canvas": canvas, "data": data, "format": fmt})
    content = bytearray(_finished(fmt, body))
    where %= len(content)
    if cut:
        del content[where:]
    else:
        content[where] = byte
    meta, _ = answer({"method": "import", "canvas": canvas, "base64": base64.b64encode(bytes(content)).decode()})
    if meta["ok"]:
        assert _checked(canvas, meta["data"]) == meta["data"]
    else:
        assert "Je huidige werk is niet veranderd" in meta["message"], meta
