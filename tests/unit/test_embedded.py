"""Every download carries the saved-file JSON and opens again (klantcanvas.embedded); hostile or
unrelated files get a Dutch message and change nothing."""

from __future__ import annotations

import base64
import io
import json
import re
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest

from klantcanvas import fill, get_canvas
from klantcanvas.browser import handle
from klantcanvas.catalog import all_canvases
from klantcanvas.embedded import (
    MAX_UPLOAD_BYTES, extract_saved_json, markdown_comment, office_package_parts, png_chunk, png_with_data,
    zip_with_data,
)
from klantcanvas.export import export
from klantcanvas.fill import ImportProblem, parse_saved_file, saved_file
from klantcanvas.i18n import t
from klantcanvas.layouts import build_scene
from klantcanvas.paper import page
from klantcanvas.render.pdf import as_pdf

SAVED_AT = "2026-03-01T10:00:00Z"
ROOT = Path(__file__).resolve().parents[2]
FILE_FORMATS = ("json", "pdf", "svg", "md", "xlsx")


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(width: int = 3, height: int = 2) -> bytes:
    """A small valid PNG, as a browser's canvas.toBlob makes one: IHDR first, then IDAT, IEND."""
    rows = b"".join(b"\x00" + b"\x20\x80\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")


def _png_from_export(svg: bytes) -> bytes:
    """What files.js does with the SVG the engine returns for a PNG: insert its chunk after IHDR."""
    found = re.search(rb'data-png-chunk="([A-Za-z0-9+/=]+)"', svg)
    assert found, "the SVG for a PNG carries the chunk"
    png = _png()
    return png[:33] + base64.b64decode(found.group(1)) + png[33:]


def _problem(content: bytes | str) -> str:
    with pytest.raises(ImportProblem) as caught:
        extract_saved_json(content)
    return str(caught.value)


@pytest.fixture
def example():  # type: ignore[no-untyped-def]
    canvas = get_canvas("klantreis-in-kaart")
    return fill(canvas, dict(canvas.example), strict=True)


# ---- round trips ---------------------------------------------------------------------------------

@pytest.mark.parametrize("canvas_id", sorted(all_canvases()))
@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_every_download_holds_exactly_the_json_download(canvas_id: str, fmt: str) -> None:
    canvas = all_canvases()[canvas_id]
    filled = fill(canvas, dict(canvas.example), strict=True)
    content = export(filled, fmt, saved_at=SAVED_AT).content
    extracted = extract_saved_json(content)
    assert extracted == saved_file(filled, SAVED_AT)
    assert parse_saved_file(canvas, extracted, all_canvases()).as_json_data() == filled.as_json_data()


@pytest.mark.parametrize("canvas_id", sorted(all_canvases()))
def test_the_png_the_page_finishes_holds_the_json_download(canvas_id: str) -> None:
    canvas = all_canvases()[canvas_id]
    filled = fill(canvas, dict(canvas.example), strict=True)
    result = export(filled, "png", saved_at=SAVED_AT)
    png = _png_from_export(result.content)
    assert extract_saved_json(png) == saved_file(filled, SAVED_AT)
    assert png == png_with_data(_png(), saved_file(filled, SAVED_AT))


def test_the_png_stays_a_valid_png_whose_text_chunk_other_programs_read(example) -> None:  # type: ignore[no-untyped-def]
    image_module = pytest.importorskip("PIL.Image")
    png = png_with_data(_png(), saved_file(example, SAVED_AT))
    image = image_module.open(io.BytesIO(png))
    image.load()
    assert image.size == (3, 2) and image.text["klantcanvas"] == saved_file(example, SAVED_AT)


def test_the_pdf_attachment_is_a_json_file_other_programs_read(example) -> None:  # type: ignore[no-untyped-def]
    pypdf = pytest.importorskip("pypdf")
    pdf = export(example, "pdf", saved_at=SAVED_AT).content
    attachments = pypdf.PdfReader(io.BytesIO(pdf)).attachments
    assert list(attachments) == ["klantreis-in-kaart.json"]
    assert attachments["klantreis-in-kaart.json"][0] == saved_file(example, SAVED_AT).encode("utf-8")


def test_the_svg_data_is_readable_json_inside_metadata(example) -> None:  # type: ignore[no-untyped-def]
    from xml.etree import ElementTree

    svg = export(example, "svg", saved_at=SAVED_AT).content
    root = ElementTree.fromstring(svg)
    metadata = root.find("{http://www.w3.org/2000/svg}metadata")
    assert metadata is not None
    assert json.loads(metadata[0].text or "") == json.loads(saved_file(example, SAVED_AT))
    assert b"data-png-chunk" not in svg  # only the SVG that becomes a PNG carries the chunk


def test_downloads_stay_the_same_bytes_for_the_same_canvas(example) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("pdf", "xlsx", "svg", "md"):
        assert export(example, fmt, saved_at=SAVED_AT).content == export(example, fmt, saved_at=SAVED_AT).content


def test_the_excel_file_keeps_its_sheet_and_gains_one_property(example) -> None:  # type: ignore[no-untyped-def]
    from klantcanvas.render.xlsx import as_xlsx

    plain = zipfile.ZipFile(io.BytesIO(as_xlsx(example)))
    carried = zipfile.ZipFile(io.BytesIO(export(example, "xlsx").content))
    assert set(carried.namelist()) == set(plain.namelist()) | {"docProps/custom.xml"}
    for name in plain.namelist():
        if name not in ("[Content_Types].xml", "_rels/.rels"):
            assert carried.read(name) == plain.read(name), name
    assert b"custom-properties+xml" in carried.read("[Content_Types].xml")
    assert b"docProps/custom.xml" in carried.read("_rels/.rels")


def test_markdown_user_text_cannot_end_the_data_comment(example) -> None:  # type: ignore[no-untyped-def]
    canvas = get_canvas("klanttype-piramide")
    sneaky = "--> <!-- klantcanvas:data e30= --> *niet vet*"
    filled = fill(canvas, {"segment": sneaky, "beslisser": [sneaky]}, strict=True)
    md = export(filled, "md").content.decode("utf-8")
    # Markdown escapes the user's "<" and ">", so only the data comment opens and closes one.
    assert len(re.findall(r"(?<!\\)<!--", md)) == 1 and len(re.findall(r"(?<!\\)-->", md)) == 1
    assert md.rstrip().endswith("-->")
    assert parse_saved_file(canvas, extract_saved_json(md)).as_json_data() == filled.as_json_data()
    assert markdown_comment("x") == "<!-- klantcanvas:data\neA==\n-->\n"


@pytest.mark.host_only
def test_the_powerpoint_from_pptx_js_holds_the_json_download(tmp_path: Path, example) -> None:  # type: ignore[no-untyped-def]
    from klantcanvas.render.pptx_spec import as_pptx_spec

    spec = as_pptx_spec(build_scene(example, page("A3", "landscape")))
    spec["package"] = office_package_parts(saved_file(example, SAVED_AT))
    (tmp_path / "spec.json").write_text(json.dumps(spec), "utf-8")
    subprocess.run(["node", str(ROOT / "tests/js/spec_to_pptx.mjs"), str(tmp_path / "spec.json"), str(tmp_path / "out.pptx")],
                   check=True, cwd=ROOT, timeout=120)
    pptx = (tmp_path / "out.pptx").read_bytes()
    assert zipfile.ZipFile(io.BytesIO(pptx)).testzip() is None
    assert extract_saved_json(pptx) == saved_file(example, SAVED_AT)


def test_zip_with_data_matches_what_pptx_js_inserts(example) -> None:  # type: ignore[no-untyped-def]
    parts = office_package_parts(saved_file(example))
    assert parts["contentType"].startswith("<Override ") and parts["relationship"].startswith("<Relationship ")
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("[Content_Types].xml", "<Types></Types>")
        z.writestr("_rels/.rels", "<Relationships></Relationships>")
    assert extract_saved_json(zip_with_data(package.getvalue(), saved_file(example))) == saved_file(example)
    with pytest.raises(ValueError):
        zip_with_data(zip_with_data(package.getvalue(), "{}"), "{}")


# ---- the facade and the command line ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_the_page_opens_every_download_sent_as_base64(fmt: str, example) -> None:  # type: ignore[no-untyped-def]
    content = export(example, fmt, saved_at=SAVED_AT).content
    request = {"method": "import", "canvas": example.canvas.id, "size": len(content), "base64": base64.b64encode(content).decode()}
    meta = json.loads(handle(json.dumps(request))[0])
    assert meta["ok"] is True and meta["data"] == example.as_json_data()


def test_the_page_refuses_broken_base64_and_opens_text_downloads(example) -> None:  # type: ignore[no-untyped-def]
    meta = json.loads(handle(json.dumps({"method": "import", "canvas": example.canvas.id, "base64": "@@@"}))[0])
    assert meta == {"ok": False, "message": t("import.damaged")}
    svg = export(example, "svg").content.decode("utf-8")
    meta = json.loads(handle(json.dumps({"method": "import", "canvas": example.canvas.id, "text": svg}))[0])
    assert meta["ok"] is True and meta["data"] == example.as_json_data()


def test_a_download_of_another_canvas_names_that_canvas(example) -> None:  # type: ignore[no-untyped-def]
    pyramid = get_canvas("klanttype-piramide")
    for fmt in ("pdf", "svg", "md", "xlsx"):
        extracted = extract_saved_json(export(example, fmt).content)
        with pytest.raises(ImportProblem) as caught:
            parse_saved_file(pyramid, extracted, all_canvases())
        assert str(caught.value) == t("import.other_canvas", other=example.canvas.title, this=pyramid.title), fmt


# ---- hostile and unrelated files --------------------------------------------------------------------

def test_files_without_canvas_data_say_so(example) -> None:  # type: ignore[no-untyped-def]
    no_data = t("import.no_data")
    scene = build_scene(example, page("A4"))
    assert _problem(as_pdf(scene)) == no_data  # a PDF without attachment (as the blank templates)
    assert _problem(_png()) == no_data
    assert _problem(b'<svg xmlns="http://www.w3.org/2000/svg"><metadata/></svg>') == no_data
    assert _problem("# Een gewone notitie\n\n<!-- een commentaar -->\n") == no_data
    assert _problem(b"\xff\xd8\xff\xe0 a JPEG") == no_data
    assert _problem(b"Gewone tekst") == no_data
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("readme.txt", "hallo")
    assert _problem(other_zip.getvalue()) == no_data
    from klantcanvas.render.xlsx import as_xlsx

    assert _problem(as_xlsx(example)) == no_data  # an Excel file without the property


def test_truncated_and_damaged_downloads_say_they_are_damaged(example) -> None:  # type: ignore[no-untyped-def]
    damaged = t("import.damaged")
    saved = saved_file(example)
    png = png_with_data(_png(), saved)
    assert _problem(png[:40]) == damaged  # cut inside the data chunk
    assert _problem(_png()[:-12]) == damaged  # cut before IEND
    broken_crc = bytearray(png)
    broken_crc[33 + 8 + 20] ^= 0xFF  # a byte of the data chunk's body
    assert _problem(bytes(broken_crc)) == damaged
    pdf = export(example, "pdf").content
    start = pdf.index(b"/Type /EmbeddedFile")
    stream = pdf.index(b"stream\n", start) + len(b"stream\n")
    assert _problem(pdf[:stream + 20]) == damaged  # cut inside the attachment
    garbled = pdf[:stream] + b"\x00" * 40 + pdf[stream + 40:]
    assert _problem(garbled) == damaged
    head = pdf[:stream]
    length = re.search(rb"/Length \d+", head[start - 200:])
    assert length
    indirect = head.replace(length.group(0), b"/Length 99 0 R") + pdf[stream:]
    assert _problem(indirect) == damaged  # a length we do not follow is not guessed
    xlsx = export(example, "xlsx").content
    assert _problem(xlsx[: len(xlsx) // 2]) == damaged
    assert _problem("<!-- klantcanvas:data\nabc\n-->") == damaged  # not whole base64


def test_a_png_chunk_length_past_the_end_is_damaged_not_read() -> None:
    png = _png()
    huge = png[:33] + struct.pack(">I", 0x7FFFFFFF) + b"iTXt" + b"klantcanvas\x00" + png[33:]
    assert _problem(huge) == t("import.damaged")


def test_compressed_bombs_are_refused_as_too_large() -> None:
    bomb = b"{" + b" " * (MAX_UPLOAD_BYTES * 2)
    body = b"klantcanvas\x00\x01\x00\x00\x00" + zlib.compress(bomb, 9)
    png = _png()
    message = _problem(png[:33] + _chunk(b"iTXt", body) + png[33:])
    assert message.startswith("Dit bestand is te groot")
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("docProps/custom.xml", b"<" + b"a" * (MAX_UPLOAD_BYTES * 2))
    assert len(package.getvalue()) < 200_000
    assert _problem(package.getvalue()).startswith("Dit bestand is te groot")


def test_an_upload_larger_than_the_limit_is_refused_unread() -> None:
    assert _problem(b"%PDF-" + b"\x00" * MAX_UPLOAD_BYTES).startswith("Dit bestand is te groot")


def test_png_chunk_is_itxt_with_the_keyword() -> None:
    chunk = png_chunk("{}")
    length, kind = struct.unpack(">I4s", chunk[:8])
    assert kind == b"iTXt" and length == len(chunk) - 12 and chunk[8:20] == b"klantcanvas\x00"
    with pytest.raises(ValueError):
        png_with_data(b"GIF89a", "{}")
