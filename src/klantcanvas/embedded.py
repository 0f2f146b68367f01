"""The canvas data inside every download, and out again, so that any download opens as a canvas.

Each download carries exactly the text of ``Download JSON`` (``fill.saved_file``):

- PDF: a file attachment ``<canvas>.json`` (written by render/pdf.py with fpdf2's ``embed_file``);
- SVG: a ``<metadata>`` element holding the JSON as XML text;
- PNG: an ``iTXt`` chunk with the keyword ``klantcanvas`` (zlib-compressed UTF-8);
- PowerPoint and Excel: a custom document property ``klantcanvas`` (``docProps/custom.xml``) with
  the JSON in base64. LibreOffice keeps custom properties when it opens and saves a file again;
  it drops a ``customXml`` part, so that is not used;
- Markdown: a closing comment ``<!-- klantcanvas:data BASE64 -->``; base64, so nothing the user
  typed can end the comment early.

``extract_saved_json`` recognises the kind of file by its first bytes and returns the JSON text,
which ``fill.parse_saved_file`` then checks like any saved file. Nothing in a file is trusted: the
upload, every zip member and every decompression is read with a size cap, PNG chunks are walked
with bounds checks and the PDF is searched, not parsed. Standard library only (runs in Pyodide).
"""

from __future__ import annotations

import base64
import binascii
import html
import io
import re
import struct
import zipfile
import zlib
from xml.sax import saxutils

from klantcanvas.fill import MAX_FILE_BYTES, ImportProblem
from klantcanvas.i18n import format_number, t

__all__ = [
    "KEYWORD", "MAX_UPLOAD_BYTES", "extract_saved_json", "markdown_comment", "office_package_parts",
    "png_chunk", "png_with_data", "svg_metadata", "zip_with_data",
]

KEYWORD = "klantcanvas"
#: The largest file "Open een bewaard bestand" reads. A saved JSON may be MAX_FILE_BYTES; the
#: other downloads carry it beside fonts, shapes or pixels: a 3000-pixel PNG of a busy canvas is a
#: few MB, and a PowerPoint someone re-saved may have gained pictures. 20 MB covers that and is
#: still read in a moment in the browser.
MAX_UPLOAD_BYTES = 20_000_000
#: The JSON in base64 inside XML, plus room for the other custom properties a program may add.
_MAX_PART_BYTES = 2 * MAX_FILE_BYTES

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SVG_NAMESPACE = "urn:klantcanvas:saved-file"
_SVG_DATA = re.compile(r"<([\w.-]+:)?saved-file\b[^>]*>([^<]*)</\1?saved-file\s*>")
_MD_MARKER = "klantcanvas:data"
_MD_DATA = re.compile(r"<!--\s*klantcanvas:data\s+([A-Za-z0-9+/=\s]*?)\s*-->")
_CUSTOM_PROPS = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_PROPERTY = re.compile(
    r"<(?:[\w.-]+:)?property\b[^>]*\bname=\"klantcanvas\"[^>]*>\s*<(?:[\w.-]+:)?lpwstr>([^<]*)</", re.S
)
_PDF_EMBEDDED = re.compile(rb"/Type\s*/EmbeddedFile\b")
_PDF_LENGTH = re.compile(rb"/Length\s+(\d{1,10})\b(?!\s+\d+\s+R)")  # a direct length, not a reference
_PDF_STREAM = re.compile(rb"stream\r?\n")


class _Damaged(Exception):
    """The file is of a known kind but its canvas data cannot be read."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise _Damaged from None


def _inflate(data: bytes) -> bytes:
    """zlib data, decompressed to at most one byte more than a saved file may have."""
    try:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, MAX_FILE_BYTES + 1)
    except zlib.error:
        raise _Damaged from None
    if len(out) > MAX_FILE_BYTES:
        raise ImportProblem(t("import.too_large", size=format_number(len(out) // 1000)))
    return out


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Damaged from None


# ---- writing ----

def svg_metadata(saved: str, *, png: bool = False) -> str:
    """The ``<metadata>`` element for an SVG; with ``png`` it also carries the PNG chunk (base64)
    that the page inserts into the PNG it draws from this SVG (see files.js)."""
    chunk = f' data-png-chunk="{_b64(png_chunk(saved))}"' if png else ""
    return (
        f'<metadata{chunk}><kc:saved-file xmlns:kc="{_SVG_NAMESPACE}">'
        f"{saxutils.escape(saved)}</kc:saved-file></metadata>"
    )


def png_chunk(saved: str) -> bytes:
    """An ``iTXt`` chunk: keyword, compressed, no language, no translated keyword, the JSON."""
    body = KEYWORD.encode("ascii") + b"\x00\x01\x00\x00\x00" + zlib.compress(saved.encode("utf-8"), 9)
    return struct.pack(">I", len(body)) + b"iTXt" + body + struct.pack(">I", zlib.crc32(b"iTXt" + body))


def png_with_data(png: bytes, saved: str) -> bytes:
    """``png`` with the data chunk right after IHDR (which is always first and 25 bytes long)."""
    if not png.startswith(_PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return png[:33] + png_chunk(saved) + png[33:]


def markdown_comment(saved: str) -> str:
    """A comment that Markdown renders as nothing; base64 in lines of 76 characters."""
    data = _b64(saved.encode("utf-8"))
    lines = "\n".join(data[i:i + 76] for i in range(0, len(data), 76))
    return f"<!-- {_MD_MARKER}\n{lines}\n-->\n"


def _custom_properties(saved: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{KEYWORD}">'
        f"<vt:lpwstr>{_b64(saved.encode('utf-8'))}</vt:lpwstr></property></Properties>"
    )


def office_package_parts(saved: str) -> dict[str, str]:
    """What to add to an Office file (pptx.js does it for the PowerPoint): the part's path and
    XML, and the elements to insert before ``</Types>`` and ``</Relationships>`` of the package."""
    return {
        "path": _CUSTOM_PROPS,
        "xml": _custom_properties(saved),
        "contentType": f'<Override PartName="/{_CUSTOM_PROPS}" ContentType="{_CUSTOM_TYPE}"/>',
        "relationship": f'<Relationship Id="rIdKlantcanvas" Type="{_CUSTOM_REL}" Target="{_CUSTOM_PROPS}"/>',
    }


def zip_with_data(package: bytes, saved: str) -> bytes:
    """An Office file (xlsx, pptx) with the custom property added; timestamps are kept."""
    parts = office_package_parts(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        if _CUSTOM_PROPS in source.namelist():
            raise ValueError("the package already has custom properties")
        stamp = source.infolist()[0].date_time
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", parts["contentType"].encode() + b"</Types>")
            elif info.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", parts["relationship"].encode() + b"</Relationships>")
            target.writestr(info, data, zipfile.ZIP_DEFLATED)
        target.writestr(zipfile.ZipInfo(_CUSTOM_PROPS, stamp), parts["xml"], zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ---- reading ----

def _from_png(content: bytes) -> str | None:
    pos = len(_PNG_SIGNATURE)
    while pos + 12 <= len(content):
        length, kind = struct.unpack(">I4s", content[pos:pos + 8])
        end = pos + 8 + length
        if end + 4 > len(content):
            raise _Damaged
        body = content[pos + 8:end]
        if kind == b"iTXt" and body.startswith(KEYWORD.encode("ascii") + b"\x00"):
            if struct.unpack(">I", content[end:end + 4])[0] != zlib.crc32(kind + body):
                raise _Damaged
            rest = body[len(KEYWORD) + 1:]
            if len(rest) < 2:
                raise _Damaged
            compressed, rest = rest[0], rest[2:]
            parts = rest.split(b"\x00", 2)  # language tag, translated keyword, text
            if len(parts) != 3:
                raise _Damaged
            return _text(_inflate(parts[2]) if compressed else parts[2])
        if kind == b"IEND":
            return None
        pos = end + 4
    raise _Damaged  # no IEND: the file was cut off


def _from_pdf(content: bytes) -> str | None:
    damaged = False
    for found in _PDF_EMBEDDED.finditer(content):
        start = content.rfind(b"obj", max(0, found.start() - 4000), found.start())
        stream = _PDF_STREAM.search(content, found.end(), found.end() + 4000)
        if start < 0 or stream is None:
            damaged = True
            continue
        head = content[start:stream.start()]
        length = _PDF_LENGTH.search(head)
        if length is None:
            damaged = True
            continue
        data = content[stream.end():stream.end() + int(length.group(1))]
        if len(data) != int(length.group(1)):
            raise _Damaged
        if b"/FlateDecode" in head:
            data = _inflate(data)
        elif b"/Filter" in head:
            damaged = True
            continue
        if KEYWORD.encode("ascii") in data[:200]:
            return _text(data)
    if damaged:
        raise _Damaged
    return None


def _from_zip(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            try:
                info = package.getinfo(_CUSTOM_PROPS)
            except KeyError:
                return None
            with package.open(info) as member:
                xml = member.read(_MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, zlib.error):
        raise _Damaged from None
    if len(xml) > _MAX_PART_BYTES:
        raise ImportProblem(t("import.too_large", size=format_number(len(xml) // 1000)))
    found = _PROPERTY.search(_text(xml))
    return _text(_unb64(html.unescape(found.group(1)))) if found else None


def _looks_like_json(text: str) -> bool:
    """An empty text or one that starts as JSON does: parse_saved_file says what is wrong with it."""
    start = text.lstrip("\ufeff \t\r\n")[:5]
    return not start or start[0] in '{["-0123456789' or start.startswith(("true", "false", "null"))


def _from_text(text: str) -> str | None:
    if _looks_like_json(text):
        return text
    head = text[:2000].lstrip()
    if head.startswith("<?xml") or "<svg" in head:
        found = _SVG_DATA.search(text)
        return html.unescape(found.group(2)) if found else None
    comments = _MD_DATA.findall(text)
    return _text(_unb64(comments[-1])) if comments else None


def extract_saved_json(content: bytes | str) -> str:
    """The saved-file JSON in a Klantcanvas download of any kind (or a JSON file itself).

    Raises ImportProblem (a Dutch message) for a file that is too large, has no canvas data in
    it, or is damaged; what the JSON says is checked afterwards by ``parse_saved_file``."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportProblem(t("import.too_large", size=format_number(len(content) // 1000)))
    try:
        if isinstance(content, str):
            found = _from_text(content)
        elif content.startswith(_PNG_SIGNATURE):
            found = _from_png(content)
        elif content.lstrip()[:5] == b"%PDF-":
            found = _from_pdf(content)
        elif content.startswith(b"PK\x03\x04"):
            found = _from_zip(content)
        else:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = None
            if text is None:
                raise ImportProblem(t("import.not_json" if _looks_like_json(content[:5].decode("latin-1")) else "import.no_data"))
            found = _from_text(text)
    except _Damaged:
        raise ImportProblem(t("import.damaged")) from None
    if found is None:
        raise ImportProblem(t("import.no_data"))
    return found
