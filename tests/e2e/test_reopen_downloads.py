"""Every download of a canvas opens again and restores it exactly: PDF, PNG, SVG, PowerPoint, Excel
and Markdown, as the browser made them, and PowerPoint and Excel also after LibreOffice opened and
saved them. Text downloads go through "Open een bewaard bestand"; every download also goes through
the page's own engine (worker and Pyodide) as the bytes the file input reads."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pagetools import download, open_canvas, wait_for_preview_text

CANVAS = "klantreis-in-kaart"  # a canvas with records, so it has an Excel download too
OPEN_LABEL = "Open een bewaard bestand"
FORMATS = ("PDF", "PNG", "SVG", "PowerPoint", "Excel", "Markdown")
AUDIENCE = "Tandartspraktijken in Drenthe — “één” <b>stem</b>"
LESSON = "Mondhygiënist\nmet twee regels & een <!-- commentaar -->"


def _fill(page) -> None:  # type: ignore[no-untyped-def]
    page.on("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Laad het voorbeeld").click()
    page.get_by_label("Doelgroep", exact=True).fill(AUDIENCE)
    page.get_by_label("Wat het team ervan leert", exact=True).fill(LESSON)
    wait_for_preview_text(page, "Tandartspraktijken in Drenthe")


def _downloads(page) -> tuple[dict[str, object], dict[str, tuple[str, bytes]]]:  # type: ignore[no-untyped-def]
    _, saved = download(page, "Download JSON")
    return json.loads(saved)["data"], {label: download(page, f"Download {label}") for label in FORMATS}


def _engine_import(page, content: bytes) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What the page's engine answers for these bytes: a second Engine on the page's own modules."""
    return page.evaluate(
        """async ({ url, canvas, base64 }) => {
            const { Engine } = await import(url);
            window.kcTestEngine ||= new Engine();
            const { meta } = await window.kcTestEngine.call({ method: "import", canvas, base64 });
            return meta;
        }""",
        {"url": page.url.split("methoden/")[0] + "assets/klantcanvas/engine.js", "canvas": CANVAS,
         "base64": base64.b64encode(content).decode("ascii")},
    )


def _libreoffice_resave(tmp_path: Path, name: str, content: bytes) -> bytes:
    """Open and save again in LibreOffice (headless convert to the same format, another folder)."""
    assert shutil.which("soffice"), "./dev test installs libreoffice-impress and libreoffice-calc"
    source, target = tmp_path / "in", tmp_path / "out"
    source.mkdir(exist_ok=True)
    (source / name).write_bytes(content)
    extension = name.rsplit(".", 1)[1]
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", extension,
         "--outdir", str(target), str(source / name)],
        check=True, capture_output=True, timeout=180,
    )
    resaved = (target / name).read_bytes()
    assert resaved != content, "LibreOffice wrote its own file"
    return resaved


def _clear(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Wis alles").click()  # _fill accepts the question
    assert page.get_by_label("Doelgroep", exact=True).input_value() == ""


def _open_with_the_file_input(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Open ``path`` as a user does and wait until the page says it was opened (or refused)."""
    page.get_by_label(OPEN_LABEL).set_input_files(str(path))
    page.wait_for_function(
        """name => document.querySelector('[data-status]').textContent.includes(name)
                  || !document.querySelector('[data-alert]').hidden""",
        arg=path.name, timeout=60_000,
    )
    assert page.locator("[data-alert]").is_hidden(), page.locator("[data-alert]").inner_text()


def _assert_restored(page, expected: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    assert page.get_by_label("Doelgroep", exact=True).input_value() == AUDIENCE
    assert page.get_by_label("Wat het team ervan leert", exact=True).input_value() == LESSON
    wait_for_preview_text(page, "Tandartspraktijken in Drenthe")
    assert _engine_export_data(page) == expected


def _engine_export_data(page) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What the form holds now, as the page would save it (Download JSON)."""
    _, saved = download(page, "Download JSON")
    return json.loads(saved)["data"]  # type: ignore[no-any-return]


def test_every_download_opens_again_exactly_even_after_libreoffice(page, base_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS)
    _fill(page)
    expected, files = _downloads(page)
    for label, (name, content) in files.items():
        assert _engine_import(page, content) == {"ok": True, "data": expected}, label
    for label in ("PowerPoint", "Excel"):
        name, content = files[label]
        resaved = _libreoffice_resave(tmp_path, name, content)
        assert _engine_import(page, resaved) == {"ok": True, "data": expected}, f"{label} after LibreOffice"

    for label in ("SVG", "Markdown"):
        _clear(page)
        name, content = files[label]
        (tmp_path / name).write_bytes(content)
        _open_with_the_file_input(page, tmp_path / name)
        _assert_restored(page, expected)


def test_a_file_without_canvas_data_is_refused_and_changes_nothing(page, base_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS)
    page.get_by_label("Doelgroep", exact=True).fill("Huidig werk")
    note = tmp_path / "notitie.md"
    note.write_text("# Een gewone notitie\n\nZonder canvas.\n", "utf-8")
    page.get_by_label(OPEN_LABEL).set_input_files(str(note))
    page.get_by_role("alert").filter(has_text="geen canvasgegevens").wait_for(timeout=30_000)
    assert "Je huidige werk is niet veranderd" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Doelgroep", exact=True).input_value() == "Huidig werk"


def test_binary_downloads_open_with_the_file_input(page, base_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, CANVAS)
    _fill(page)
    expected, files = _downloads(page)
    for label in ("PDF", "PNG", "PowerPoint", "Excel"):
        _clear(page)
        name, content = files[label]
        (tmp_path / name).write_bytes(content)
        _open_with_the_file_input(page, tmp_path / name)
        _assert_restored(page, expected)
