"""The worker's facade: JSON in, (JSON, bytes) out, for every method the page calls."""

from __future__ import annotations

import json

from klantcanvas.browser import handle
from klantcanvas.export import FORMATS, PAPERLESS
from klantcanvas.forms import EXPORT_FORMATS


def _call(**request):  # type: ignore[no-untyped-def]
    meta, body = handle(json.dumps(request))
    return json.loads(meta), body


def test_preview_returns_svg_without_embedded_fonts() -> None:
    meta, body = _call(method="preview", canvas="klanttype-piramide", data={"segment": "Zorginstellingen"})
    assert body is None and meta["svg"].startswith("<svg") and "Zorginstellingen" in meta["svg"]
    assert "@font-face" not in meta["svg"] and meta["overflow"] == [] and meta["empty"] is False


def test_preview_follows_the_chosen_paper() -> None:
    meta, _ = _call(method="preview", canvas="klanttype-piramide", data={}, paper="A4", orientation="portrait")
    assert 'viewBox="0 0 210 297"' in meta["svg"] and meta["empty"] is True


def test_rehearse_draws_every_worked_example_and_answers_without_a_drawing(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import klantcanvas.browser as browser
    from klantcanvas.catalog import all_canvases

    drawn = []
    real = browser._preview
    monkeypatch.setattr(browser, "_preview", lambda request: drawn.append(request) or real(request))
    for canvas in all_canvases():
        drawn.clear()
        meta, body = _call(method="rehearse", canvas=canvas, lang="en")
        assert meta == {"ok": True, "rehearsed": True} and body is None
        # the example, then the example after a keystroke, both as the editable preview
        assert len(drawn) == 2 and all(r["editable"] is True and r["lang"] == "en" for r in drawn)
        assert drawn[0]["data"] != drawn[1]["data"] and set(drawn[0]["data"]) == set(drawn[1]["data"])
    assert _call(method="rehearse", canvas="nope")[0]["ok"] is False


def test_export_names_files_and_returns_bytes() -> None:
    example, _ = _call(method="example", canvas="klanttype-piramide")
    for fmt, mime, start in (("pdf", "application/pdf", b"%PDF"), ("svg", "image/svg+xml", b"<svg"), ("json", "application/json", b"{")):
        meta, body = _call(method="export", canvas="klanttype-piramide", data=example["data"], format=fmt, paper="A1", orientation="landscape")
        assert meta["mime"] == mime and body.startswith(start)
    assert meta["filename"] == "klanttype-piramide.json"
    meta, _ = _call(method="export", canvas="klanttype-piramide", data={}, format="png", paper="A1", orientation="landscape")
    assert meta["finish"] == "rasterize" and meta["filename"] == "klanttype-piramide-a1-liggend.png"


def test_every_format_the_page_offers_is_one_export_that_says_how_to_finish_it() -> None:
    finishes = {}
    for fmt in EXPORT_FORMATS:
        meta, body = _call(method="export", canvas="customer-journey-canvas", data={}, format=fmt, paper="A3")
        spec = FORMATS[fmt]
        paper = "" if fmt in PAPERLESS else "-a3-liggend"
        assert meta["ok"] and meta["mime"] == spec.mime and meta["filename"] == f"customer-journey-canvas{paper}.{spec.extension}"
        finishes[fmt] = meta["finish"]
        if fmt == "pptx":
            assert json.loads(body.decode("utf-8"))["items"]
    assert finishes == {f: None for f in EXPORT_FORMATS} | {"png": "rasterize", "pptx": "pptxgenjs"}
    assert _call(method="pptx", canvas="persona")[0]["ok"] is False  # one way to ask for a file


def test_import_reports_problems_as_messages() -> None:
    meta, _ = _call(method="import", canvas="klanttype-piramide", text="kapot")
    assert meta["ok"] is False and "JSON" in meta["message"]
    example, _ = _call(method="example", canvas="klanttype-piramide")
    _, saved = _call(method="export", canvas="klanttype-piramide", data=example["data"], format="json")
    meta, _ = _call(method="import", canvas="klanttype-piramide", text=saved.decode())
    assert meta == {"ok": True, "data": example["data"]}


def test_a_file_too_large_to_read_is_refused_by_its_size() -> None:
    meta, _ = _call(method="import", canvas="klanttype-piramide", text="", size=25_000_000)
    assert meta["ok"] is False and "te groot (25.000 kB)" in meta["message"]


# --- "Nothing lost, nothing crashes": one test per finding -------------------------------------

import base64  # noqa: E402
import io  # noqa: E402
import zipfile  # noqa: E402
import zlib  # noqa: E402
from xml.etree import ElementTree  # noqa: E402

import pytest  # noqa: E402

from klantcanvas import browser  # noqa: E402
from klantcanvas.i18n import t  # noqa: E402

FLOW = "user-flow"
OUTPUTS = ("svg", "png", "json", "md", "xlsx", "pdf")


def _raw(request_text: str):  # type: ignore[no-untyped-def]
    meta, body = handle(request_text)
    return json.loads(meta), body


def _link(envelope_text: str) -> str:
    packed = zlib.compress(envelope_text.encode("utf-8"), 9)
    return "kc1." + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def _every_output(data):  # type: ignore[no-untyped-def]
    """(name, meta, body) of every answer that draws or saves ``data``."""
    out = []
    for fmt in OUTPUTS:
        out.append((fmt, *_call(method="export", canvas=FLOW, data=data, format=fmt)))
    out.append(("preview", *_call(method="preview", canvas=FLOW, data=data)))
    out.append(("pptx", *_call(method="export", canvas=FLOW, data=data, format="pptx")))
    out.append(("share", *_call(method="share", canvas=FLOW, data=data)))
    out.append(("export_all", *_call(method="export_all", canvases=[{"canvas": FLOW, "name": "x", "data": data}])))
    return out


def _text_of(name: str, meta, body) -> str:  # type: ignore[no-untyped-def]
    if name == "preview":
        return meta["svg"]
    if name == "share":
        body = zlib.decompress(base64.urlsafe_b64decode(meta["fragment"][4:] + "=="))
    if name == "xlsx":
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            return "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
    if name == "pdf":
        pypdf = pytest.importorskip("pypdf")
        return "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8")


def test_finding1_infinity_in_a_scale_never_escapes_any_method() -> None:
    for number in ("1e999", "Infinity", "-Infinity", "NaN"):
        step = '{"soort": "actie", "tekst": "Kiest", "gevoel": %s}' % number
        data = '{"stappen": [%s]}' % step
        for method in ("preview", "share", "example", "export:pptx") + tuple(f"export:{f}" for f in OUTPUTS):
            name, _, fmt = method.partition(":")
            meta, _ = _raw('{"method": "%s", "canvas": "%s", "format": "%s", "data": %s}' % (name, FLOW, fmt, data))
            assert meta["ok"] is True, (method, meta)
        envelope = '{"format": "klantcanvas", "version": 1, "canvas": "%s", "data": %s}' % (FLOW, data)
        meta, _ = _call(method="import", canvas=FLOW, text=envelope)
        assert meta["ok"] is False and "heel getal" in meta["message"]
        meta, _ = _call(method="open_link", canvas=FLOW, fragment=_link(envelope))
        assert meta["ok"] is False and "heel getal" in meta["message"]


def test_finding2_a_lone_surrogate_gives_valid_utf8_in_every_output() -> None:
    data = {"gebruiker": "Sanne \ud800 \udfff", "stappen": [{"soort": "actie", "tekst": "Kiest \ud83d"}]}
    for name, meta, body in _every_output(data):
        assert meta["ok"] is True, (name, meta)
        if name not in ("pdf", "share", "preview", "xlsx"):
            body.decode("utf-8")  # strict: raises on any surrogate
        if name != "pdf":  # Inter has no glyph for U+FFFD, so the PDF shows nothing there
            assert "Sanne \ufffd \ufffd" in _text_of(name, meta, body), name


def test_finding3_svg_is_well_formed_with_xml_illegal_code_points() -> None:
    data = {"gebruiker": "A\uffffB\ufffeC\x01D\x1bE", "doel": "\ud800"}
    for name, meta, body in _every_output(data):
        if name in ("preview", "svg", "png"):
            root = ElementTree.fromstring(_text_of(name, meta, body))
            assert "ABCDE" in "".join(root.itertext()), name


@pytest.mark.parametrize(
    ("request_text", "key"),
    [
        ('{"method": "export_all", "canvases": "x"}', "request.not_a_list"),
        ('{"method": "export_all", "canvases": {"canvas": "persona"}}', "request.not_a_list"),
        ('{"method": "import", "canvas": "persona", "size": "12", "text": "{}"}', "import.not_klantcanvas"),
        ('{"method": "import", "canvas": "persona", "text": null}', "import.not_json"),
        ('{"method": "import_all", "text": 5}', "import.not_json"),
        ('{"method": "open_link", "canvas": "persona", "fragment": null}', "share.bad_link"),
        ('{"method": "preview", "canvas": "persona", "paper": "A5"}', "request.unknown_paper"),
        ('{"method": "preview", "canvas": "persona", "paper": 4}', "request.unknown_paper"),
        ('{"method": "preview", "canvas": "persona", "orientation": "schuin"}', "request.unknown_orientation"),
        ('{"method": "export", "canvas": "persona", "format": "docx"}', "request.unknown_format"),
        ('{"method": "export", "canvas": "persona"}', "request.unknown_format"),
        ('{"method": "verwijder", "canvas": "persona"}', "request.unknown_method"),
        ('{"canvas": "persona"}', "request.unknown_method"),
        ('{"method": "preview"}', "request.unknown_canvas"),
        ('{"method": "share", "canvas": "onbekend"}', "request.unknown_canvas"),
        ('{"method": "example", "canvas": ["persona"]}', "request.unknown_canvas"),
        ('[1, 2]', "request.unreadable"),
        ('"preview"', "request.unreadable"),
        ('{"method": "preview", "canvas": ', "request.unreadable"),
        pytest.param('[' * 100_000, "request.unreadable", id="nested-too-deep"),
    ],
)
def test_finding4_bad_requests_get_a_dutch_message_and_no_body(request_text: str, key: str) -> None:
    meta, body = _raw(request_text)
    assert meta["ok"] is False and body is None
    prefix = t(key, method="", canvas="", paper="", papers="", orientation="", format="", formats="").split("‘")[0]
    assert meta["message"].startswith(prefix[:30]), meta["message"]


def test_finding4_lower_case_paper_and_null_texts_are_fine() -> None:
    meta, _ = _call(method="preview", canvas="persona", paper="a4", orientation="Staand", data={"persona_naam": None})
    assert meta["ok"] is True and 'viewBox="0 0 210 297"' in meta["svg"]
    meta, _ = _call(method="preview", canvas="persona", data=None)
    assert meta["ok"] is True and meta["empty"] is True


def test_finding4_an_unexpected_error_is_an_answer_too(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(request):  # type: ignore[no-untyped-def]
        raise RuntimeError("kapot \ud800")

    monkeypatch.setitem(browser.METHODS, "broken", broken)
    meta, body = _call(method="broken")
    assert meta == {"ok": False, "message": t("request.failed"), "detail": "RuntimeError: kapot \ufffd"} and body is None


def test_finding5_round_trips_are_exact_for_a_text_cut_at_its_limit() -> None:
    from klantcanvas import get_canvas

    limit = get_canvas(FLOW).field("doel").max_length
    data = {"doel": "x" * (limit - 1) + " yz", "stappen": [{"soort": "actie", "tekst": "a" * 199 + " b"}]}
    _, saved = _call(method="export", canvas=FLOW, data=data, format="json")
    checked = json.loads(saved)["data"]  # exactly what fill() made of ``data``
    assert checked["doel"] == "x" * (limit - 1)
    imported, _ = _call(method="import", canvas=FLOW, text=saved.decode("utf-8"))
    assert imported["ok"] is True and imported["data"] == checked
    shared, _ = _call(method="share", canvas=FLOW, data=data)
    opened, _ = _call(method="open_link", canvas=FLOW, fragment=shared["fragment"])
    assert opened["data"] == imported["data"]
    _, backup = _call(method="export_all", canvases=[{"canvas": FLOW, "name": "n" * 119 + " m", "data": data}])
    restored, _ = _call(method="import_all", text=backup.decode("utf-8"))
    assert restored["ok"] is True and restored["canvases"][0]["data"] == checked
    assert restored["canvases"][0]["name"] == json.loads(backup)["canvases"][0]["name"] == "n" * 119


def test_finding6_a_hidden_field_appears_in_no_export_and_no_preview() -> None:
    data = {"stappen": [
        {"soort": "beslissing", "tekst": "Betalen?", "takken": [{"label": "Zichtbaar"}]},
        {"soort": "actie", "tekst": "Betaalt", "takken": [{"label": "Verborgentak"}]},
    ]}
    for name, meta, body in _every_output(data):
        text = _text_of(name, meta, body)
        assert "Zichtbaar" in text and "Verborgentak" not in text, name


def test_a_drawing_comes_as_bytes_when_the_worker_asks() -> None:
    """The worker asks every request with svg_as_bytes: the preview's and a comparison's drawing
    then come as UTF-8 bytes, the rest of the answer as before; an export's bytes stay its file."""
    request = {"method": "preview", "canvas": "persona", "data": {"persona_naam": "Zoë <&> ›"}, "editable": True}
    text, _ = _call(**request)
    meta, body = handle(json.dumps({**request, "svg_as_bytes": True}))
    answer = json.loads(meta)
    assert answer.pop("svg_bytes") is True and body is not None and body.decode("utf-8") == text.pop("svg")
    assert answer == text and "Zoë &lt;&amp;&gt; ›" in body.decode("utf-8")
    meta, body = handle(json.dumps({"method": "export", "format": "json", "canvas": "persona", "data": {}, "svg_as_bytes": True}))
    assert "svg_bytes" not in json.loads(meta) and body is not None and body.startswith(b"{")
    meta, body = handle(json.dumps({"method": "preview", "canvas": "nope", "svg_as_bytes": True}))
    assert json.loads(meta)["ok"] is False and body is None
