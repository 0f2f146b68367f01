"""The standard-library cut the browser starts from holds everything the worker's start and the
preview import: the preview of every canvas, language, paper and orientation runs in Pyodide from
the cut alone, with a finder that fails the run if anything outside the cut is asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))
import pyodide_bundle  # noqa: E402
import stdlib_cut  # noqa: E402


def engine() -> Path:
    """The engine wheel as the site ships it (fonts split off, bytecode added)."""
    return pyodide_bundle._precompiled([pyodide_bundle._split_fonts(pyodide_bundle._engine_wheel())[0]])[0]


@pytest.mark.pyodide
def test_the_preview_imports_nothing_outside_the_cut(tmp_path: Path) -> None:
    cut = stdlib_cut.cut(engine(), ROOT / "node_modules" / "pyodide" / "python_stdlib.zip")
    (tmp_path / "rest.json").write_text(json.dumps(list(cut.rest)), "utf-8")
    result = subprocess.run(["node", str(stdlib_cut.TRACE), str(engine()), str(cut.zip), str(tmp_path / "rest.json")],
                            capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    traced = json.loads(result.stdout)["modules"]
    assert "klantcanvas.browser" in traced and "klantcanvas.layouts" in traced  # the previews did run
    assert set(stdlib_cut.members_for(traced)) <= set(cut.members)


@pytest.mark.pyodide
def test_the_trace_fails_when_the_preview_needs_a_module_the_cut_lacks(tmp_path: Path) -> None:
    cut = stdlib_cut.cut(engine(), ROOT / "node_modules" / "pyodide" / "python_stdlib.zip")
    smaller = tmp_path / "smaller.zip"
    stdlib_cut.write_cut(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip",
                         [m for m in cut.members if not m.startswith("tomllib/")], smaller)
    (tmp_path / "rest.json").write_text(json.dumps([*cut.rest, "tomllib", "tomllib._parser", "tomllib._re", "tomllib._types"]), "utf-8")
    result = subprocess.run(["node", str(stdlib_cut.TRACE), str(engine()), str(smaller), str(tmp_path / "rest.json")],
                            capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 3, result.stderr[-3000:]
    assert "outside the cut" in result.stderr


@pytest.mark.pyodide
def test_the_cut_holds_lean_bytecode_and_no_source() -> None:
    import zipfile

    cut = stdlib_cut.cut(engine(), ROOT / "node_modules" / "pyodide" / "python_stdlib.zip")
    names = zipfile.ZipFile(cut.zip).namelist()
    assert not [n for n in names if n.endswith(".py")]
    assert {m + "c" for m in cut.members if m.endswith(".py")} <= set(names)
