"""Runs the page script's pure functions under Node's own test runner (tests/js/*.test.mjs)."""

from __future__ import annotations

import subprocess
from pathlib import Path

HERE = Path(__file__).parent


def test_page_script_units_pass_under_node() -> None:
    files = sorted(str(p) for p in HERE.glob("*.test.mjs"))
    assert files, "no JavaScript tests found"
    result = subprocess.run(["node", "--test", *files], capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "# fail 0" in output and "# pass 0" not in output, output[-2000:]
