"""The persona's photo: only a small baseline or progressive JPEG gets in, without a byte of
metadata, and it shows in every format (klantcanvas.photo, fill, the renderers)."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from typing import Any

import pytest

from klantcanvas import get_canvas
from klantcanvas.browser import handle
from klantcanvas.compare import changed_items, diff
from klantcanvas.embedded import extract_saved_json
from klantcanvas.export import export
from klantcanvas.fill import ImportProblem, fill, parse_saved_file, saved_file
from klantcanvas.i18n import use_locale
from klantcanvas.layouts import build_scene
from klantcanvas.paper import page
from klantcanvas.photo import DATA_PREFIX, PhotoProblem, clean_jpeg, photo_key
from klantcanvas.render.markdown import as_markdown
from klantcanvas.render.pptx_spec import as_pptx_spec
from klantcanvas.render.svg import as_svg
from klantcanvas.scene import Image
from klantcanvas.share import LINK_WARN, fragment, read_fragment

SECRETS = (b"Exif", b"PhoneMaker", b"SERIAL-0042", b"secret note", b"http://ns.adobe.com")


def phone_jpeg(size: tuple[int, int] = (120, 90), *, progressive: bool = False, mode: str = "RGB") -> bytes:
    """A JPEG as a phone writes it: EXIF with a rotation, GPS, the maker and a serial number,
    XMP in another APP1, a comment. Pillow is a dev dependency on the host only."""
    pil = pytest.importorskip("PIL.Image")
    img = pil.new(mode, size, (200, 120, 60) if mode == "RGB" else 128)
    for x in range(0, size[0], 5):
        for y in range(size[1]):
            img.putpixel((x, y), (20, 40, 200) if mode == "RGB" else 20)
    exif = pil.Exif()
    exif[0x0112] = 6  # rotated
    exif[0x010F] = "PhoneMaker"
    exif[0xA431] = "SERIAL-0042"
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 1.0), 3: "E", 4: (5.0, 7.0, 2.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes(), comment=b"secret note", progressive=progressive, quality=80,
             xmp=b'<x:xmpmeta xmlns:x="http://ns.adobe.com/xap/1.0/"/>')
    return out.getvalue()


def uri(data: bytes) -> str:
    return DATA_PREFIX + base64.b64encode(data).decode("ascii")


def segments(data: bytes) -> list[int]:
    """The markers of a JPEG's segments up to its first scan."""
    out, pos = [], 2
    while data[pos + 1] != 0xDA:
        out.append(data[pos + 1])
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
    return out


def persona_with(photo: str, **more: Any) -> Any:
    canvas = get_canvas("persona")
    return fill(canvas, {**canvas.example, "foto": photo, "foto_bron": "Foto: eigen archief", **more}, strict=True)


@pytest.mark.parametrize("progressive", [False, True])
def test_every_metadata_segment_is_stripped_and_the_picture_kept(progressive: bool) -> None:
    raw = phone_jpeg(progressive=progressive)
    assert all(secret in raw for secret in SECRETS)  # the test photo has them all
    cleaned, info = clean_jpeg(raw, max_side=600, max_bytes=100_000)
    assert not any(secret in cleaned for secret in SECRETS)
    assert not [m for m in segments(cleaned) if 0xE1 <= m <= 0xEF or m == 0xFE]
    assert (info.width, info.height, info.progressive) == (120, 90, progressive)
    assert cleaned.startswith(b"\xff\xd8") and cleaned.endswith(b"\xff\xd9")
    assert clean_jpeg(cleaned, max_side=600, max_bytes=100_000)[0] == cleaned  # nothing more to take
    pil = pytest.importorskip("PIL.Image")
    shown = pil.open(io.BytesIO(cleaned))
    shown.load()
    assert shown.size == (120, 90) and not shown.getexif()


def test_fill_stores_the_photo_without_metadata_and_a_file_keeps_it() -> None:
    filled = persona_with(uri(phone_jpeg()))
    stored = base64.b64decode(filled.values["foto"][len(DATA_PREFIX):])
    assert not any(secret in stored for secret in SECRETS)
    again = parse_saved_file(filled.canvas, saved_file(filled))
    assert again.values["foto"] == filled.values["foto"]
    assert photo_key(filled.values["foto"]).startswith("sha256-") and len(photo_key(filled.values["foto"])) == 71


@pytest.mark.parametrize(("data", "key"), [
    (b"GIF89a" + bytes(40), "not_jpeg"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "not_jpeg"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "damaged"),  # cut off
    (b"\xff\xd8\xff\xd9", "damaged"),  # no frame, no scan
    (b"\xff\xd8\xff\xc0\x00\x11\x08\x27\x10\x27\x10\x03" + bytes(9) + b"\xff\xda\x00\x02\xff\xd9", "too_many_pixels"),
    (b"\xff\xd8\xff\xc3\x00\x0b\x08\x00\x10\x00\x10\x01\x01\x11\x00\xff\xd9", "unsupported"),  # lossless
    (b"\xff\xd8\xff\xc0\x00\xff" + bytes(20), "damaged"),  # a length past the end
])
def test_hostile_bytes_are_refused_with_a_reason(data: bytes, key: str) -> None:
    with pytest.raises(PhotoProblem) as caught:
        clean_jpeg(data, max_side=600, max_bytes=100_000)
    assert caught.value.key == key


def test_a_photo_over_the_caps_is_refused() -> None:
    with pytest.raises(PhotoProblem) as caught:
        clean_jpeg(phone_jpeg((700, 300)), max_side=600, max_bytes=100_000)
    assert caught.value.key == "too_many_pixels" and caught.value.values["width"] == 700
    with pytest.raises(PhotoProblem) as caught:
        clean_jpeg(phone_jpeg(), max_side=600, max_bytes=1000)
    assert caught.value.key == "too_large"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_bad_photo_in_a_file_is_a_message_in_the_page_language_and_changes_nothing(language: str) -> None:
    canvas = get_canvas("persona")
    text = json.dumps({"format": "klantcanvas", "version": 1, "canvas": "persona", "data": {"foto": uri(b"not a jpeg")}})
    with use_locale(language), pytest.raises(ImportProblem) as caught:
        parse_saved_file(get_canvas("persona"), text)
    assert ("JPEG-foto" if language == "nl" else "JPEG photo") in str(caught.value)
    assert fill(canvas, {"foto": uri(b"not a jpeg")}).values["foto"] == ""  # the form: left out
    meta = json.loads(handle(json.dumps({"method": "photo", "canvas": "persona", "field": "foto", "lang": language,
                                         "value": uri(b"\xff\xd8\xff\xd9")}))[0])
    assert meta["ok"] is False and ("beschadigd" if language == "nl" else "damaged") in meta["message"]


def test_the_facade_checks_a_new_photo_and_returns_it_clean() -> None:
    meta = json.loads(handle(json.dumps({"method": "photo", "canvas": "persona", "field": "foto", "value": uri(phone_jpeg())}))[0])
    assert meta["ok"] and (meta["width"], meta["height"]) == (120, 90)
    assert not any(s in base64.b64decode(meta["value"][len(DATA_PREFIX):]) for s in SECRETS)
    refused = json.loads(handle(json.dumps({"method": "photo", "canvas": "persona", "field": "naam", "value": ""}))[0])
    assert refused["ok"] is False


def test_the_photo_replaces_the_drawn_avatar_clipped_to_its_circle_with_the_caption_under_it() -> None:
    filled = persona_with(uri(phone_jpeg()))
    for orientation in ("landscape", "portrait"):
        scene = build_scene(filled, page("A4", orientation))
        images = [i for i in scene.items if isinstance(i, Image)]
        assert len(images) == 1 and images[0].w == images[0].h
        assert not scene.outside_page() and not scene.text_outside_boxes()
        assert "Foto: eigen archief" in scene.texts() and "FV" not in scene.texts()
        svg = as_svg(scene)
        assert re.search(r'<clipPath id="(kc-clip-[\w-]+)"><circle [^>]+/></clipPath>\s*<image [^>]*clip-path="url\(#\1\)"', svg)
        assert f'href="{filled.values["foto"]}"' in svg
    without = build_scene(fill(filled.canvas, {**filled.as_json_data(), "foto": ""}), page("A4"))
    assert not [i for i in without.items if isinstance(i, Image)] and "FV" in without.texts()
    assert "Foto: eigen archief" not in without.texts()  # a caption without a photo is not printed


@pytest.mark.host_only
def test_the_pdf_holds_the_jpeg_as_it_is_as_a_dct_image_xobject() -> None:
    pypdf = pytest.importorskip("pypdf")
    filled = persona_with(uri(phone_jpeg()))
    stored = base64.b64decode(filled.values["foto"][len(DATA_PREFIX):])
    for paper in ("A4", "A0"):
        pdf = export(filled, "pdf", paper, "landscape").content
        xobjects = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"]
        images = [x.get_object() for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]
        assert len(images) == 1 and images[0]["/Filter"] == "/DCTDecode"
        assert images[0]._data == stored  # the JPEG as it is, not decoded and encoded again
        assert not any(secret in pdf for secret in SECRETS)
        assert json.loads(extract_saved_json(pdf))["data"]["foto"] == filled.values["foto"]  # it opens again


def test_powerpoint_gets_a_round_picture_and_json_svg_and_markdown_what_they_should() -> None:
    filled = persona_with(uri(phone_jpeg()))
    spec = as_pptx_spec(build_scene(filled, page("A3")))
    pictures = [i for i in spec["items"] if i["type"] == "image"]
    assert len(pictures) == 1 and pictures[0]["rounding"] and pictures[0]["data"] == filled.values["foto"][len("data:"):]
    for fmt in ("svg", "json"):
        content = export(filled, fmt, "A3", "landscape").content
        assert json.loads(extract_saved_json(content))["data"]["foto"] == filled.values["foto"]
    exported = json.loads(export(filled, "pptx", "A3", "landscape").content)
    assert [i["data"] for i in exported["items"] if i["type"] == "image"] == [pictures[0]["data"]]
    markdown = as_markdown(filled)
    assert "Foto: eigen archief" in markdown and "base64" not in markdown.split("<!--")[0]
    assert "/9j/" not in markdown.split("<!--")[0]  # the picture's bytes are never text


def test_a_share_link_leaves_a_large_photo_out_and_says_why() -> None:
    filled = persona_with(uri(phone_jpeg((400, 400))))
    assert len(fragment(filled)) > LINK_WARN
    meta = json.loads(handle(json.dumps({"method": "share", "canvas": "persona", "data": filled.as_json_data(),
                                         "page_url": "https://example.org/persona/"}))[0])
    assert meta["ok"] and meta["photo_note"] and meta["length"] < LINK_WARN
    opened = read_fragment(filled.canvas, meta["fragment"])
    assert opened.values["foto"] == "" and opened.values["naam"] == filled.values["naam"]
    plain = json.loads(handle(json.dumps({"method": "share", "canvas": "persona", "data": {"naam": "X"}}))[0])
    assert plain["photo_note"] == ""


def test_a_changed_photo_is_a_change_and_is_outlined_in_the_comparison() -> None:
    old = persona_with(uri(phone_jpeg()))
    new = persona_with(uri(phone_jpeg((100, 100))))
    changes = diff(old, new)
    assert [c.ids for c in changes] == [("foto",)] and "kB" in changes[0].old and "kB" in changes[0].new
    assert "base64" not in json.dumps([c.as_json() for c in changes])
    scene = build_scene(new, page("A3"))
    marked = changed_items(build_scene(old, page("A3")), scene)
    assert any(isinstance(scene.items[i], Image) for i in marked)
    assert not changed_items(scene, scene)


def test_the_blank_template_keeps_an_empty_picture_box() -> None:
    scene = build_scene(fill(get_canvas("persona"), {}), page("A4"))
    assert not [i for i in scene.items if isinstance(i, Image)]
    assert scene.items  # the drawn avatar's disc is the box to draw in


def test_a_photo_field_outside_the_top_level_is_refused_by_the_catalogue() -> None:
    from klantcanvas.catalog import DefinitionError, load_definition

    text = """
id = "x"
title = "X"
summary = "x"
[layout]
kind = "board"
[[fields]]
id = "g"
label = "G"
kind = "group"
[[fields.fields]]
id = "p"
label = "P"
kind = "photo"
[example]
"""
    with pytest.raises(DefinitionError, match="top-level"):
        load_definition(text, "x.toml")


def test_an_office_file_and_a_png_chunk_carry_the_photo_within_their_caps() -> None:
    from klantcanvas.embedded import office_package_parts, png_chunk

    filled = persona_with(uri(phone_jpeg((600, 600))))
    saved = saved_file(filled)
    parts = office_package_parts(saved)
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as z:
        z.writestr(parts["path"], parts["xml"])
    assert json.loads(extract_saved_json(package.getvalue()))["data"]["foto"] == filled.values["foto"]
    png = b"\x89PNG\r\n\x1a\n" + png_chunk(saved) + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    assert json.loads(extract_saved_json(png))["data"]["foto"] == filled.values["foto"]
