"""Fixtures shared by the site and end-to-end tests: one strict build of the site per session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``mkdocs build --strict`` into a temporary folder, exactly as the deploy workflow builds."""
    site = tmp_path_factory.mktemp("build") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", **__import__("os").environ},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site
