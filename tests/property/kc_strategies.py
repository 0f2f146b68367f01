"""Hypothesis strategies for hostile input: what a damaged page, a crafted file or a broken emoji
can send the engine. Shared by the property tests in this folder."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from collections import Counter
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import strategies as st

from klantcanvas import jsontext
from klantcanvas.browser import handle
from klantcanvas.i18n import language_for
from klantcanvas.catalog import all_canvases
from klantcanvas.model import Canvas, Field

#: entry point -> examples run in this session; conftest prints it at the end.
EXAMPLES: Counter[str] = Counter()

CANVAS_IDS = sorted(all_canvases())


def count(entry_point: str) -> None:
    EXAMPLES[entry_point] += 1


#: Characters that broke, or could break, an output: lone surrogates (JSON.stringify of a broken
#: emoji), XML-illegal code points, controls, bidi and combining marks, emoji, markup.
HOSTILE = [
    "\ud800", "\udbff", "\udc00", "\udfff", "\ufffe", "\uffff", "\x00", "\x08", "\x0b", "\x1b", "\x7f",
    "\x85", "\x9f", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\u0301", "\u0336",
    "😀", "👩‍👩‍👧", "🇳🇱", "\U0010ffff", "\t", "\n", "\r", "\r\n", " ", "\u00a0", "\u3000", "\u2028",
    "<", ">", "&", "]]>", "\"", "'", "=", "+", "-", "@", "|", "#", "*", "`", "e", "é", "ß",
]

hostile_piece = st.one_of(st.sampled_from(HOSTILE), st.characters(exclude_categories=()))
hostile_text = st.one_of(
    st.lists(hostile_piece, max_size=40).map("".join),
    st.text(max_size=30),
    # Long texts: an unbreakable word, or many words, up to well past every limit.
    st.builds(lambda unit, n: "".join(unit) * n, st.lists(hostile_piece, min_size=1, max_size=3), st.integers(100, 3000)),
    st.builds(lambda word, n: " ".join([word] * n), st.text(st.sampled_from("abcXYZ é😀"), min_size=1, max_size=12), st.integers(10, 400)),
)

numbers = st.one_of(
    st.integers(-10, 50), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 1e999, -0.0, 2.5, 10**400]),
)

json_scalar = st.one_of(st.none(), st.booleans(), numbers, hostile_text)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(hostile_text, inner, max_size=5)),
    max_leaves=15,
)


def _jpeg(size: tuple[int, int], **options: Any) -> bytes:
    from PIL import Image  # a dev dependency on the host; the engine never uses it

    img = Image.new("RGB" if options.pop("colour", True) else "L", size)
    out = io.BytesIO()
    img.save(out, "JPEG", **options)
    return out.getvalue()


#: Real JPEGs to start hostile bytes from: baseline, progressive, grey, with EXIF and a comment,
#: too many pixels, and one with restart markers.
SEED_JPEGS = [
    _jpeg((16, 16)), _jpeg((24, 8), progressive=True), _jpeg((8, 8), colour=False),
    _jpeg((20, 20), exif=b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00", comment=b"serial 0042"),
    _jpeg((601, 4)), _jpeg((64, 64), quality=90, optimize=True),
]


@st.composite
def hostile_jpeg(draw: st.DrawFn) -> bytes:
    """A real JPEG cut short, with bytes flipped, with a segment of any marker and length put in,
    or just bytes that start like a JPEG."""
    data = bytearray(draw(st.sampled_from(SEED_JPEGS)))
    for _ in range(draw(st.integers(0, 4))):
        how = draw(st.sampled_from(["cut", "flip", "insert", "length"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if how == "cut":
            del data[at:]
        elif how == "flip":
            if data:
                data[at] = draw(st.integers(0, 255))
        elif how == "insert":
            marker = draw(st.one_of(st.integers(0xC0, 0xFF), st.sampled_from([0xE1, 0xFE, 0xC0, 0xDA, 0xD9, 0xD8])))
            body = draw(st.binary(max_size=40))
            length = draw(st.one_of(st.just(len(body) + 2), st.integers(0, 0xFFFF)))
            data[at:at] = bytes([0xFF, marker]) + length.to_bytes(2, "big") + body
        elif at + 3 < len(data):
            data[at + 2:at + 4] = draw(st.integers(0, 0xFFFF)).to_bytes(2, "big")
    return bytes(data)


hostile_image_bytes = st.one_of(hostile_jpeg(), st.binary(max_size=200).map(lambda b: b"\xff\xd8\xff" + b), st.binary(max_size=60),
                                st.sampled_from([b"<svg onload='alert(1)'/>", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBP"]))
#: A photo value as the page, a file or a crafted link may send it.
hostile_photo = st.one_of(
    hostile_image_bytes.map(lambda b: "data:image/jpeg;base64," + base64.b64encode(b).decode("ascii")),
    hostile_image_bytes.map(lambda b: "data:image/svg+xml;base64," + base64.b64encode(b).decode("ascii")),
    st.sampled_from(["data:image/jpeg;base64,!!!", "data:image/jpeg;base64,", "javascript:alert(1)"]),
)


def _field_value(f: Field, depth: int = 0) -> st.SearchStrategy[Any]:
    """Mostly a value of the right kind (sometimes far too long or too many), sometimes anything."""
    if f.kind in ("text", "textarea"):
        right: st.SearchStrategy[Any] = hostile_text
    elif f.kind == "choice":
        right = st.one_of(st.sampled_from([o.value for o in f.options]), hostile_text)
    elif f.kind == "flag":
        right = st.one_of(st.booleans(), st.sampled_from(["true", "on", "1", 1, 0, "nee"]))
    elif f.kind == "scale":
        right = st.one_of(st.integers(f.minimum - 2, f.maximum + 2), numbers, st.just(str(f.minimum)))
    elif f.kind == "list":
        right = st.lists(st.one_of(hostile_text, json_scalar), max_size=min(f.max_items + 3, 12))
    elif f.kind == "photo":
        right = hostile_photo
    else:
        right = st.lists(st.one_of(_record(f.fields, depth + 1), json_value), max_size=6 if depth else 8)
    return st.one_of(right, right, right, json_value)


def _record(fields: tuple[Field, ...], depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    known = st.fixed_dictionaries({}, optional={f.id: _field_value(f, depth) for f in fields})
    unknown = st.dictionaries(hostile_text, json_scalar, max_size=2)
    return st.builds(lambda a, b: {**b, **a}, known, unknown)


def canvas_data(canvas: Canvas) -> st.SearchStrategy[Any]:
    """Form data for ``canvas``: usually an object of its fields, sometimes any JSON value."""
    return st.one_of(_record(canvas.fields), _record(canvas.fields), _record(canvas.fields), json_value)


@st.composite
def canvas_and_data(draw: st.DrawFn) -> tuple[str, Any]:
    canvas_id = draw(st.sampled_from(CANVAS_IDS))
    return canvas_id, draw(canvas_data(all_canvases()[canvas_id]))


papers = st.one_of(st.none(), st.sampled_from(["A4", "A3", "A2", "A1", "A0", "a4", " A3 ", "A5", "", "Letter"]), json_scalar)
orientations = st.one_of(st.none(), st.sampled_from(["landscape", "portrait", "liggend", "Staand", "schuin"]), json_scalar)
languages = st.one_of(st.none(), st.sampled_from(["nl", "en", "EN", "en-GB", "nl-NL", "fr", "", "qps"]), json_scalar)
#: The words every refusal uses to say nothing changed, by the language it answers in.
UNCHANGED = {"nl": "veranderd", "en": "changed"}


def dumps(value: Any) -> str:
    """What JSON.stringify sends: lone surrogates escaped, and inf/NaN as the numbers they are."""
    return json.dumps(value, allow_nan=True)


def _language(request_text: str) -> str:
    try:
        request = jsontext.loads(request_text)  # as the facade reads it: unreadable is answered in Dutch
    except (TypeError, ValueError, RecursionError):
        return "nl"
    return language_for(request.get("lang")) if isinstance(request, dict) else "nl"


def answer(request: Any) -> tuple[dict[str, Any], bytes | None]:
    request_text = request if isinstance(request, str) else dumps(request)
    meta_text, body = handle(request_text)
    meta_text.encode("utf-8")  # strict: no lone surrogate reaches the page
    meta = json.loads(meta_text)
    assert isinstance(meta, dict) and isinstance(meta.get("ok"), bool), meta
    if not meta["ok"]:
        # A clear message in the request's language that says nothing changed; never an unexpected failure.
        assert "detail" not in meta, meta
        unchanged = UNCHANGED[_language(request_text)]
        assert body is None and isinstance(meta["message"], str) and unchanged in meta["message"], meta
    return meta, body


def check_file(mime: str, body: bytes) -> None:
    if mime == "image/svg+xml":
        ElementTree.fromstring(body.decode("utf-8"))
    elif mime == "application/pdf":
        pypdf = pytest.importorskip("pypdf")
        assert len(pypdf.PdfReader(io.BytesIO(body)).pages) == 1
    elif mime.endswith("spreadsheetml.sheet"):
        openpyxl = pytest.importorskip("openpyxl")
        openpyxl.load_workbook(io.BytesIO(body))
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            for name in book.namelist():
                if name.endswith(".xml"):
                    ElementTree.fromstring(book.read(name))
    elif mime == "application/json":
        json.loads(body.decode("utf-8"))
    else:
        body.decode("utf-8")
