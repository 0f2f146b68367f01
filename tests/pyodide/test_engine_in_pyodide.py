"""Runs tests/unit inside real Pyodide on Node, from the pinned npm package and PyPI wheels."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))
import pyodide_bundle  # noqa: E402

TEST_WHEELS = ("pytest", "pluggy", "iniconfig", "packaging", "pygments", "pypdf")


@pytest.mark.pyodide
def test_the_engine_unit_tests_pass_inside_pyodide() -> None:
    cache = ROOT / ".cache" / "wheels"
    runtime = [pyodide_bundle._wheel_for(r, cache) for r in pyodide_bundle._runtime_requirements()]
    test_wheels = [w for w in cache.glob("*.whl") if w.name.split("-")[0].lower() in TEST_WHEELS]
    assert len(test_wheels) == len(TEST_WHEELS), "run ./dev setup: test wheels are missing"
    wheels = [*runtime, *test_wheels, pyodide_bundle._engine_wheel()]
    result = subprocess.run(
        ["node", str(ROOT / "tests/pyodide/run_unit_tests.mjs"), str(ROOT / "tests/unit"), *map(str, wheels)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    output = result.stdout + result.stderr
    print(output[-3000:])
    assert result.returncode == 0, output[-5000:]
    summary = re.search(r"(\d+) passed", output)
    assert summary and int(summary.group(1)) >= 50, "too few tests ran inside Pyodide"
    assert "emscripten" in output or "pyodide boot" in output
