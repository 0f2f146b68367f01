"""Build step: an ``.xz`` twin beside each large runtime file, the copy the Web Worker downloads.

GitHub Pages compresses with gzip. xz (LZMA2) packs the same files much smaller: Pyodide's
``.wasm`` 3.56 -> 2.64 MB, the standard library cut 0.84 -> 0.57 MB. The worker unpacks a twin
while it streams in (``docs/assets/klantcanvas/unxz.js``, xz-embedded compiled to WebAssembly from
npm ``xz-decompress``) and hands Pyodide the original bytes, so its streaming compile still works.

A zip (the standard library, a wheel) is first re-written with its members stored, not deflated:
xz then sees the bytecode itself and finds what files share. The twin of a zip holds the same
members in the same order, each with the same bytes; only the zip's own compression differs.

The originals stay in the site: a bare ``loadPyodide()`` (the bench's reference) and the
synchronous fallback of ``klantcanvas.stdlib_rest`` read them. Twins are cached in ``.cache/xz``
by the original's content: compressing takes seconds, and only the first build pays it.
"""

from __future__ import annotations

import base64
import hashlib
import io
import lzma
import re
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = ".xz"
#: Which runtime files get a twin; worker.js's PACKED asks for exactly these (tests/site checks both).
PACKED = re.compile(r"(\.wasm|\.zip|\.whl|\.asm\.mjs)$")
#: LZMA2 at preset 9 with a 4 MiB window: within 0.1% of the smallest it gets for the .wasm, and
#: what the decoder allocates per file stays small on a phone. CRC32, which xz-embedded checks.
FILTERS = [{"id": lzma.FILTER_LZMA2, "preset": 9, "dict_size": 1 << 22}]
#: Where the decoder's WebAssembly lives in the npm package: a data: URL in its bundle.
DECODER = ROOT / "node_modules" / "xz-decompress" / "dist" / "package" / "xz-decompress.js"
DECODER_NAME = "xz.wasm"


def stored(data: bytes) -> bytes:
    """The same zip with every member stored (same names, order, dates and bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.external_attr = info.external_attr
            target.writestr(copy, source.read(info), zipfile.ZIP_STORED)
    return out.getvalue()


def packed(data: bytes, name: str) -> bytes:
    """The xz twin of a runtime file's bytes."""
    plain = stored(data) if name.endswith((".zip", ".whl")) else data
    return lzma.compress(plain, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32, filters=FILTERS)


def _twin(path: Path) -> bytes:
    data = path.read_bytes()
    key = hashlib.sha256(repr(FILTERS).encode() + path.suffix.encode() + data).hexdigest()[:20]
    cached = ROOT / ".cache" / "xz" / key
    if cached.exists():
        return cached.read_bytes()
    twin = packed(data, path.name)
    cached.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=cached.parent, delete=False) as part:  # whole or not at all
        part.write(twin)
    Path(part.name).replace(cached)
    return twin


def decoder() -> bytes:
    """xz-embedded's WebAssembly, taken from the pinned npm package (where it is a base64 data: URL)."""
    text = DECODER.read_text("utf-8")
    found = re.search(r"data:application/wasm;base64,([A-Za-z0-9+/=]+)", text)
    if not found:
        raise SystemExit(f"packed: no WebAssembly in {DECODER}: run ./dev setup first")
    return base64.b64decode(found.group(1))


def write_twins(folders: list[Path]) -> None:
    """Writes ``name.xz`` beside every runtime file that ``PACKED`` names."""
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.is_file() and PACKED.search(path.name) and path.name != DECODER_NAME:
                path.with_name(path.name + SUFFIX).write_bytes(_twin(path))


def write_decoder(folder: Path) -> None:
    (folder / DECODER_NAME).write_bytes(decoder())

