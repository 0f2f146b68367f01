"""A persona's photo: a small JPEG, checked marker by marker and stripped of every metadata segment.

The browser crops, scales and re-encodes the picture before it is stored (photo.js), but nothing
that reaches the engine is trusted: a saved file, a share link or a damaged page may hold any
bytes. ``clean_jpeg`` accepts only a baseline or progressive JPEG (8-bit, grey or colour) of at
most the field's size in pixels and bytes, walks its segments with bounds checks and writes it
again without APP1..APP15 (EXIF, GPS, XMP, ICC, maker notes with serial numbers) and COM
segments, and without an APP0 that is more than a plain JFIF header (a JFIF thumbnail is pixels
someone did not choose to keep). Whatever follows the end-of-image marker is dropped too.

A value is a ``data:image/jpeg;base64,`` URI, so every output can use it as it is, and
``photo_key`` names its bytes by their SHA-256 for a storage layer that keeps each photo once.
Standard library only (runs in Pyodide).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Any

__all__ = ["DATA_PREFIX", "JpegInfo", "PhotoProblem", "clean_jpeg", "clean_value", "jpeg_bytes", "photo_key"]

DATA_PREFIX = "data:image/jpeg;base64,"

# Start-of-frame markers we accept: baseline, extended sequential and progressive Huffman.
# Lossless, hierarchical and arithmetic-coded frames are refused: browsers and PDF readers do not
# all show them.
_SOF_OK = {0xC0, 0xC1, 0xC2}
_SOF_OTHER = {0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_KEEP = {0xC4, 0xDB, 0xDD}  # Huffman tables, quantisation tables, restart interval
_STRIP = set(range(0xE1, 0xF0)) | {0xFE}  # APP1..APP15, COM
_SOS, _EOI, _SOI, _APP0 = 0xDA, 0xD9, 0xD8, 0xE0
_JFIF = b"JFIF\x00"


class PhotoProblem(ValueError):
    """The bytes are not a photo we keep; ``key`` names the message (``photo.<key>`` in the
    catalogues) and ``values`` fill its placeholders."""

    def __init__(self, key: str, **values: int) -> None:
        super().__init__(key)
        self.key = key
        self.values: dict[str, Any] = dict(values)


@dataclass(frozen=True)
class JpegInfo:
    width: int
    height: int
    components: int  # 1: grey, 3: colour
    progressive: bool


def _frame(segment: bytes, marker: int, max_side: int) -> JpegInfo:
    if len(segment) < 6:
        raise PhotoProblem("damaged")
    precision, components = segment[0], segment[5]
    height, width = (segment[1] << 8) | segment[2], (segment[3] << 8) | segment[4]
    if precision != 8 or components not in (1, 3) or len(segment) < 6 + 3 * components:
        raise PhotoProblem("unsupported")
    if width == 0 or height == 0:
        raise PhotoProblem("damaged")
    if width > max_side or height > max_side:
        raise PhotoProblem("too_many_pixels", width=width, height=height, maximum=max_side)
    return JpegInfo(width, height, components, marker == 0xC2)


def _scan_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data starting at ``pos`` ends: at the next marker that is not a
    stuffed zero (FF 00) or a restart marker (FF D0..D7)."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            raise PhotoProblem("damaged")
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1 if following == 0xFF else 2
            continue
        return pos


def clean_jpeg(data: bytes, *, max_side: int, max_bytes: int) -> tuple[bytes, JpegInfo]:
    """``data`` without metadata, and what its frame says; raises PhotoProblem for anything else."""
    if len(data) > max_bytes:
        raise PhotoProblem("too_large", size=len(data) // 1000, maximum=max_bytes // 1000)
    if not data.startswith(b"\xff\xd8\xff"):
        raise PhotoProblem("not_jpeg")
    out = [b"\xff\xd8"]
    info: JpegInfo | None = None
    scans = 0
    pos = 2
    while True:
        if pos + 2 > len(data) or data[pos] != 0xFF:
            raise PhotoProblem("damaged")
        while pos + 1 < len(data) and data[pos + 1] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos + 2 > len(data):
            raise PhotoProblem("damaged")
        marker = data[pos + 1]
        if marker == _EOI:
            break
        if marker == _SOI or 0xD0 <= marker <= 0xD7 or marker in (0x00, 0x01):
            raise PhotoProblem("damaged")
        if pos + 4 > len(data):
            raise PhotoProblem("damaged")
        length = (data[pos + 2] << 8) | data[pos + 3]
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise PhotoProblem("damaged")
        body = data[pos + 4:end]
        segment = data[pos:end]
        if marker in _SOF_OK:
            if info is not None:
                raise PhotoProblem("damaged")
            info = _frame(body, marker, max_side)
            out.append(segment)
        elif marker in _SOF_OTHER:
            raise PhotoProblem("unsupported")
        elif marker in _KEEP:
            out.append(segment)
        elif marker == _APP0:
            if body.startswith(_JFIF) and length == 16:  # a plain JFIF header, no thumbnail
                out.append(segment)
        elif marker in _STRIP:
            pass
        elif marker == _SOS:
            if info is None:
                raise PhotoProblem("damaged")
            scan_end = _scan_end(data, end)
            out.append(data[pos:scan_end])
            scans += 1
            pos = scan_end
            continue
        else:
            raise PhotoProblem("unsupported")
        pos = end
    if info is None or not scans:
        raise PhotoProblem("damaged")
    out.append(b"\xff\xd9")
    return b"".join(out), info


def jpeg_bytes(value: str, max_bytes: int) -> bytes:
    """The JPEG in a photo value (a ``data:image/jpeg;base64,`` URI); PhotoProblem otherwise."""
    if len(value) > len(DATA_PREFIX) + (max_bytes + 2) // 3 * 4:
        raise PhotoProblem("too_large", size=(len(value) - len(DATA_PREFIX)) * 3 // 4000, maximum=max_bytes // 1000)
    if not value.startswith(DATA_PREFIX):
        raise PhotoProblem("not_jpeg")
    try:
        return base64.b64decode(value[len(DATA_PREFIX):], validate=True)
    except (binascii.Error, ValueError):
        raise PhotoProblem("damaged") from None


def clean_value(value: str, *, max_side: int, max_bytes: int) -> str:
    """A photo value as it is stored: the same picture, no metadata; PhotoProblem otherwise."""
    cleaned, _ = clean_jpeg(jpeg_bytes(value, max_bytes), max_side=max_side, max_bytes=max_bytes)
    return DATA_PREFIX + base64.b64encode(cleaned).decode("ascii")


def photo_key(value: str) -> str:
    """The photo's name by content (``sha256-<hex>`` of its JPEG bytes), for content-addressed
    storage: two versions with the same photo share one stored copy."""
    data = base64.b64decode(value[len(DATA_PREFIX):]) if value.startswith(DATA_PREFIX) else value.encode()
    return "sha256-" + hashlib.sha256(data).hexdigest()
