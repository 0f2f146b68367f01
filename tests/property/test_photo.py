"""Property: hostile image bytes never get into a canvas with metadata or the wrong shape; they are
refused with a message in the request's language that says nothing changed, and whatever is
accepted draws in every format."""

from __future__ import annotations

import base64
import json

from hypothesis import given
from hypothesis import strategies as st
from kc_strategies import answer, count, hostile_image_bytes, hostile_photo, languages

from klantcanvas import get_canvas
from klantcanvas.fill import ImportProblem, fill, parse_saved_file
from klantcanvas.photo import DATA_PREFIX, PhotoProblem, clean_jpeg


def _markers(data: bytes) -> list[int]:
    """Every segment marker of a (cleaned) JPEG up to the end, scans skipped over."""
    out, pos = [], 2
    while data[pos + 1] != 0xD9:
        marker = data[pos + 1]
        out.append(marker)
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
        if marker == 0xDA:  # entropy-coded data: to the next marker that is not stuffing or a restart
            while not (data[pos] == 0xFF and data[pos + 1] not in (0x00, 0xFF, *range(0xD0, 0xD8))):
                pos += 1
    return out


@given(hostile_image_bytes)
def test_clean_jpeg_accepts_only_clean_small_jpegs(data: bytes) -> None:
    count("photo clean_jpeg")
    try:
        cleaned, info = clean_jpeg(data, max_side=600, max_bytes=100_000)
    except PhotoProblem as problem:
        assert problem.key in {"not_jpeg", "damaged", "unsupported", "too_large", "too_many_pixels"}
        return
    assert cleaned.startswith(b"\xff\xd8") and cleaned.endswith(b"\xff\xd9") and len(cleaned) <= len(data) + 2
    assert 0 < info.width <= 600 and 0 < info.height <= 600
    assert not [m for m in _markers(cleaned) if 0xE1 <= m <= 0xEF or m == 0xFE]
    assert clean_jpeg(cleaned, max_side=600, max_bytes=100_000)[0] == cleaned


@given(hostile_photo, languages)
def test_the_facade_checks_a_photo_or_says_why_not(value: str, lang: object) -> None:
    count("photo facade")
    meta, body = answer({"method": "photo", "canvas": "persona", "field": "foto", "value": value, "lang": lang})
    if meta["ok"]:
        cleaned = base64.b64decode(meta["value"][len(DATA_PREFIX):])
        assert clean_jpeg(cleaned, max_side=600, max_bytes=100_000)[0] == cleaned


@given(hostile_photo, st.sampled_from(["svg", "pdf", "json", "md"]))
def test_a_file_with_a_hostile_photo_is_refused_or_draws(value: str, fmt: str) -> None:
    count("photo in a file")
    canvas = get_canvas("persona")
    text = json.dumps({"format": "klantcanvas", "version": 1, "canvas": "persona", "data": {"naam": "X", "foto": value}})
    try:
        filled = parse_saved_file(canvas, text)
    except ImportProblem as problem:
        assert "veranderd" in str(problem)
        assert fill(canvas, {"foto": value}).values["foto"] == ""  # the form leaves it out too
        return
    meta, body = answer({"method": "export", "canvas": "persona", "data": filled.as_json_data(), "format": fmt})
    assert meta["ok"] and body
