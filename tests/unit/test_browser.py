"""The worker's facade: JSON in, (JSON, bytes) out, for every method the page calls."""

from __future__ import annotations

import json

from klantcanvas.browser import handle


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


def test_export_names_files_and_returns_bytes() -> None:
    example, _ = _call(method="example", canvas="klanttype-piramide")
    for fmt, mime, start in (("pdf", "application/pdf", b"%PDF"), ("svg", "image/svg+xml", b"<svg"), ("json", "application/json", b"{")):
        meta, body = _call(method="export", canvas="klanttype-piramide", data=example["data"], format=fmt, paper="A1", orientation="landscape")
        assert meta["mime"] == mime and body.startswith(start)
    assert meta["filename"] == "klanttype-piramide.json"
    meta, _ = _call(method="export", canvas="klanttype-piramide", data={}, format="png", paper="A1", orientation="landscape")
    assert meta["finish"] == "png" and meta["filename"] == "klanttype-piramide-a1-liggend.png"


def test_import_reports_problems_as_messages() -> None:
    meta, _ = _call(method="import", canvas="klanttype-piramide", text="kapot")
    assert meta["ok"] is False and "JSON" in meta["message"]
    example, _ = _call(method="example", canvas="klanttype-piramide")
    _, saved = _call(method="export", canvas="klanttype-piramide", data=example["data"], format="json")
    meta, _ = _call(method="import", canvas="klanttype-piramide", text=saved.decode())
    assert meta == {"ok": True, "data": example["data"]}


def test_a_file_too_large_to_read_is_refused_by_its_size() -> None:
    meta, _ = _call(method="import", canvas="klanttype-piramide", text="", size=5_000_000)
    assert meta["ok"] is False and "te groot (5000 kB)" in meta["message"]
