"""``python -m klantcanvas``: render saved canvases and blank templates, list canvases, and say in
Dutch (or with --lang en, in English) what is wrong with a file or an option (exit 2)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from klantcanvas import saved_file
from klantcanvas.catalog import all_canvases
from klantcanvas.i18n import t

pytestmark = pytest.mark.host_only
MM = 72 / 25.4


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "klantcanvas", *args], cwd=cwd, capture_output=True, timeout=120)


def _stderr(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode("utf-8").strip()


@pytest.fixture
def saved(tmp_path: Path, pyramid_example) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "mijn canvas.json"
    path.write_text(saved_file(pyramid_example, "2026-03-01T10:00:00Z"), "utf-8")
    return path


def _pdf(path: Path):  # type: ignore[no-untyped-def]
    pypdf = pytest.importorskip("pypdf")
    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


def test_list_shows_every_canvas(tmp_path: Path, language: str) -> None:
    result = _run(tmp_path, "list", "--lang", language)
    assert result.returncode == 0, _stderr(result)
    out = result.stdout.decode("utf-8")
    for canvas_id, canvas in all_canvases().items():
        assert f"{canvas_id}  " in out and canvas.title in out
    assert f"(A3, {t('ui.landscape').lower()})" in out


def test_english_renders_a_dutch_saved_canvas_with_english_labels(tmp_path: Path, saved: Path) -> None:
    result = _run(tmp_path, "render", saved.name, "--lang", "en", "--format", "md", "-o", "-")
    assert result.returncode == 0, _stderr(result)
    out = result.stdout.decode("utf-8")
    assert out.startswith("# Customer Type Pyramid\n") and "## Decision maker" in out
    assert "- Algemeen directeur, die de investering tekent" in out  # what the user wrote stays as written
    result = _run(tmp_path, "--lang", "en", "render", saved.name)
    assert result.returncode == 0 and (tmp_path / "klanttype-piramide-a3-landscape.pdf").exists()
    assert _stderr(result) == "" and "Written: klanttype-piramide-a3-landscape.pdf" in result.stdout.decode("utf-8")


def test_help_and_messages_follow_the_language(tmp_path: Path) -> None:
    result = _run(tmp_path, "render", "--help", "--lang=en")
    assert result.returncode == 0 and "Make a file from a saved canvas" in result.stdout.decode("utf-8")
    result = _run(tmp_path, "render", "--lang", "en", "nergens.json")
    assert result.returncode == 2
    assert _stderr(result) == t("cli.cannot_read", "en", path="nergens.json", reason=t("cli.reason_missing", "en"))
    result = _run(tmp_path, "list", "--lang", "fr")
    assert result.returncode == 2 and _stderr(result) == t("cli.unknown_language", code="fr", languages="nl, en")


def test_render_a_saved_canvas_to_an_a1_landscape_pdf(tmp_path: Path, saved: Path) -> None:
    result = _run(tmp_path, "render", saved.name, "--format", "pdf", "--size", "A1", "--orientation", "landscape", "-o", "out.pdf")
    assert result.returncode == 0, _stderr(result)
    reader = _pdf(tmp_path / "out.pdf")
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(2383.94, abs=0.01)
    assert float(box.height) == pytest.approx(1683.78, abs=0.01)
    text = reader.pages[0].extract_text()
    assert "Klanttype-piramide" in text and "Algemeen directeur" in text and "€ 50.000" in text


def test_defaults_come_from_the_definition_and_the_output_name(tmp_path: Path, saved: Path, pyramid) -> None:  # type: ignore[no-untyped-def]
    result = _run(tmp_path, "render", saved.name)
    assert result.returncode == 0, _stderr(result)
    orientation = t("ui." + pyramid.orientation).lower()
    expected = tmp_path / f"{pyramid.id}-{pyramid.paper.lower()}-{orientation}.pdf"
    assert expected.exists() and expected.name in result.stdout.decode("utf-8")
    box = _pdf(expected).pages[0].mediabox
    assert float(box.width) > float(box.height)  # the pyramid's own orientation: landscape

    for name, start in (("poster.svg", b"<svg"), ("data.xlsx", b"PK"), ("wiki.md", b"# Klanttype-piramide"), ("kopie.json", b"{")):
        result = _run(tmp_path, "render", saved.name, "-o", name)
        assert result.returncode == 0, _stderr(result)
        assert (tmp_path / name).read_bytes().startswith(start), name
    assert json.loads((tmp_path / "kopie.json").read_text("utf-8"))["data"] == json.loads(saved.read_text("utf-8"))["data"]


def test_dash_writes_to_stdout(tmp_path: Path, saved: Path) -> None:
    result = _run(tmp_path, "render", saved.name, "--format", "md", "-o", "-")
    assert result.returncode == 0, _stderr(result)
    assert result.stdout.decode("utf-8").startswith("# Klanttype-piramide\n")
    assert "- Algemeen directeur, die de investering tekent" in result.stdout.decode("utf-8")
    assert list(tmp_path.iterdir()) == [saved]


@pytest.mark.parametrize("canvas_id", sorted(all_canvases()))
def test_blank_templates_render_for_every_canvas(tmp_path: Path, canvas_id: str, language: str) -> None:
    result = _run(tmp_path, "render", "--blank", canvas_id, "--format", "pdf", "--size", "A0", "-o", "blank.pdf", "--lang", language)
    assert result.returncode == 0, _stderr(result)
    box = _pdf(tmp_path / "blank.pdf").pages[0].mediabox
    canvas = all_canvases()[canvas_id]
    long, short = 1189 * MM, 841 * MM
    width, height = (long, short) if canvas.orientation == "landscape" else (short, long)
    assert float(box.width) == pytest.approx(width, abs=0.5) and float(box.height) == pytest.approx(height, abs=0.5)
    assert canvas.summary[:40] in " ".join(_pdf(tmp_path / "blank.pdf").pages[0].extract_text().split())


def test_a_damaged_file_prints_the_engines_message(tmp_path: Path) -> None:
    (tmp_path / "kapot.json").write_text('{"format": "klantcanvas", "versi', "utf-8")
    result = _run(tmp_path, "render", "kapot.json", "-o", "out.pdf")
    assert result.returncode == 2 and _stderr(result) == t("import.not_json")
    assert not (tmp_path / "out.pdf").exists()

    (tmp_path / "ander.json").write_text('{"hallo": 1}', "utf-8")
    result = _run(tmp_path, "render", "ander.json")
    assert result.returncode == 2 and _stderr(result) == t("import.not_klantcanvas")


def test_a_damaged_field_names_the_field(tmp_path: Path, saved: Path, pyramid) -> None:  # type: ignore[no-untyped-def]
    envelope = json.loads(saved.read_text("utf-8"))
    envelope["data"]["beslisser"] = "geen lijst"
    saved.write_text(json.dumps(envelope), "utf-8")
    result = _run(tmp_path, "render", saved.name)
    message = t("import.bad_field", label=pyramid.field("beslisser").label, problem=t("problem.not_list"))
    assert result.returncode == 2 and _stderr(result) == message


def test_a_file_of_another_canvas_is_refused(tmp_path: Path, pyramid) -> None:  # type: ignore[no-untyped-def]
    other = {"format": "klantcanvas", "version": 1, "canvas": "nog-niet-bestaand", "title": "Toekomstkaart", "data": {}}
    (tmp_path / "ander.json").write_text(json.dumps(other), "utf-8")
    result = _run(tmp_path, "render", "ander.json")
    assert result.returncode == 2 and "Toekomstkaart" in _stderr(result) and "klanttype-piramide" in _stderr(result)
    result = _run(tmp_path, "render", "ander.json", "--canvas", pyramid.id)
    assert result.returncode == 2
    assert _stderr(result) == t("import.other_canvas", other="Toekomstkaart", this=pyramid.title)


def test_png_is_browser_only(tmp_path: Path, saved: Path) -> None:
    for args in (("--format", "png"), ("-o", "plaatje.png")):
        result = _run(tmp_path, "render", saved.name, *args)
        assert result.returncode != 0 and _stderr(result) == t("cli.browser_only") and "browser" in _stderr(result)
    assert not list(tmp_path.glob("*.png"))


@pytest.mark.parametrize(("args", "key"), [
    (("--blank", "bestaat-niet"), "cli.unknown_canvas"),
    (("--blank", "klanttype-piramide", "--format", "docx"), "cli.unknown_format"),
    (("--blank", "klanttype-piramide", "--size", "B5"), "cli.unknown_size"),
    (("--blank", "klanttype-piramide", "--orientation", "schuin"), "cli.unknown_orientation"),
    (("--blank", "klanttype-piramide", "-o", "uit.txt"), "cli.unknown_extension"),
    (("ontbreekt.json",), "cli.cannot_read"),
    ((), "cli.file_or_blank"),
])
def test_bad_options_exit_2_with_a_dutch_message(tmp_path: Path, args: tuple[str, ...], key: str) -> None:
    result = _run(tmp_path, "render", *args)
    assert result.returncode == 2
    first_words = t(key, canvas="", format="", size="", orientation="", path="", reason="", known="", formats="", sizes="").split("‘")[0]
    assert _stderr(result).startswith(first_words.strip()), _stderr(result)
    assert list(tmp_path.iterdir()) == []


def test_dutch_orientation_names_and_lower_case_sizes_work(tmp_path: Path, saved: Path) -> None:
    result = _run(tmp_path, "render", saved.name, "--size", "a4", "--orientation", "staand", "-o", "a4.pdf")
    assert result.returncode == 0, _stderr(result)
    box = _pdf(tmp_path / "a4.pdf").pages[0].mediabox
    assert float(box.width) == pytest.approx(210 * MM, abs=0.5) and float(box.height) == pytest.approx(297 * MM, abs=0.5)


def test_main_runs_in_process_for_the_console_script(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from klantcanvas.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["render", "--blank", "klanttype-piramide", "-o", "leeg.md"]) == 0
    assert (tmp_path / "leeg.md").read_text("utf-8").startswith("# Klanttype-piramide")
    assert main(["render", "--blank", "klanttype-piramide", "--format", "png"]) == 2
    assert "PNG" in capsys.readouterr().err


# --- Robustness: every input ends in a file or a Dutch message, never a traceback ---------------

def _envelope_text(data: str, canvas: str = "user-flow", title: str = "User flow") -> str:
    return '{"format": "klantcanvas", "version": 1, "canvas": "%s", "title": "%s", "data": %s}' % (canvas, title, data)


@pytest.mark.parametrize(("content", "expected"), [
    (_envelope_text('{"stappen": [{"soort": "actie", "gevoel": 1e999}]}'), "heel getal"),
    (_envelope_text('{"stappen": [{"soort": "actie", "gevoel": Infinity}]}'), "heel getal"),
    (_envelope_text('{"stappen": [{"soort": "actie", "gevoel": NaN}]}'), "heel getal"),
    (_envelope_text('{"doel": 1' + "0" * 5000 + "}"), "geen geldig JSON-bestand"),
    ("[" * 100_000, "geen geldig JSON-bestand"),
    ("", "geen geldig JSON-bestand"),
    ("\x00\xff garbage", "geen canvasgegevens"),
    ("null", "geen Klantcanvas-bestand"),
    ('{"format": "klantcanvas", "version": "1", "canvas": "user-flow", "data": {}}', "nieuwere versie"),
    (_envelope_text("{}", canvas="onbekend-\\ud800", title="Titel \\ud800\\uffff"), "Titel \ufffd"),
    (_envelope_text('"kapot"'), "verzameling velden"),
])
def test_hostile_files_exit_2_with_a_dutch_message(tmp_path: Path, capsys, monkeypatch, content: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    from klantcanvas.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.json").write_bytes(content.encode("utf-8", "surrogatepass"))
    assert main(["render", "in.json", "-o", "uit.pdf"]) == 2
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "uit.pdf").exists()


@pytest.mark.parametrize("fmt", ["pdf", "svg", "json", "md", "xlsx"])
def test_hostile_text_renders_to_a_valid_file(tmp_path: Path, monkeypatch, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from xml.etree import ElementTree

    from klantcanvas.cli import main

    monkeypatch.chdir(tmp_path)
    text = "Sanne \\ud800 \\uffff\\ufffe\\u0001 \\u202eRTL\\u202c e\\u0301 😀 <b>&amp;"
    data = '{"gebruiker": "%s", "stappen": [{"soort": "actie", "tekst": "%s", "takken": [{"label": "Verborgentak"}]}]}' % (text, "x" * 5000)
    (tmp_path / "in.json").write_text(_envelope_text(data), "utf-8")
    assert main(["render", "in.json", "-o", f"uit.{fmt}"]) == 2  # a text over its limit: a damaged file
    (tmp_path / "in.json").write_text(_envelope_text(data.replace("x" * 5000, "x" * 200)), "utf-8")
    assert main(["render", "in.json", "-o", f"uit.{fmt}"]) == 0
    content = (tmp_path / f"uit.{fmt}").read_bytes()
    if fmt == "pdf":
        assert len(_pdf(tmp_path / "uit.pdf").pages) == 1
    elif fmt == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        values = [c.value for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]
        assert "Sanne \ufffd \u202eRTL\u202c e\u0301 😀 <b>&amp;" in values
    else:
        decoded = content.decode("utf-8")
        assert "\ufffd" in decoded and "\uffff" not in decoded and "Verborgentak" not in decoded
        if fmt == "svg":
            ElementTree.fromstring(decoded)


def test_an_unexpected_error_ends_in_a_dutch_message(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from klantcanvas import cli, export

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("kapot")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(export, "export", broken)
    assert cli.main(["render", "--blank", "persona", "-o", "uit.pdf"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(t("cli.failed", reason="").split(":")[0]) and "RuntimeError: kapot" in err
    assert list(tmp_path.iterdir()) == []


def test_a_closed_stdout_is_a_write_error(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from klantcanvas import cli

    class Closed(io.BytesIO):
        def write(self, data):  # type: ignore[no-untyped-def]
            raise BrokenPipeError(32, "Broken pipe")

    class Stdout:
        buffer = Closed()

    monkeypatch.setattr(cli.sys, "stdout", Stdout())
    assert cli.main(["render", "--blank", "persona", "--format", "md", "-o", "-"]) == 1
    assert capsys.readouterr().err.startswith(t("cli.cannot_write", path="-", reason="").split(":")[0])


def test_a_message_with_a_broken_file_name_still_prints(tmp_path: Path) -> None:
    """A file name with bytes that are not UTF-8 reaches the message; printing it must not crash."""
    name = b"kapot-\xff.json"
    (tmp_path / name.decode("utf-8", "surrogateescape")).write_text("geen json", "utf-8")
    result = subprocess.run([sys.executable, "-m", "klantcanvas", "render", name, "-o", name + b".md"],
                            cwd=tmp_path, capture_output=True, timeout=120, env={"PYTHONIOENCODING": "utf-8", "PATH": ""})
    assert result.returncode == 2 and b"Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("source", ["pdf", "svg", "md", "xlsx"])
def test_render_reads_any_download_as_its_saved_canvas(tmp_path: Path, saved: Path, source: str) -> None:
    first = _run(tmp_path, "render", saved.name, "--format", source, "-o", f"download.{source}")
    assert first.returncode == 0, _stderr(first)
    result = _run(tmp_path, "render", f"download.{source}", "--format", "json", "-o", "again.json")
    assert result.returncode == 0, _stderr(result)
    assert (tmp_path / "again.json").read_text("utf-8") == saved_file(_example(), "")


def test_render_says_when_a_file_has_no_canvas_data(tmp_path: Path) -> None:
    (tmp_path / "leeg.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    result = _run(tmp_path, "render", "leeg.pdf", "-o", "uit.svg")
    assert result.returncode == 2 and _stderr(result) == t("import.no_data")
    assert not (tmp_path / "uit.svg").exists()


def _example():  # type: ignore[no-untyped-def]
    from klantcanvas import fill, get_canvas

    pyramid = get_canvas("klanttype-piramide")
    return fill(pyramid, dict(pyramid.example), strict=True)
