"""Fixtures shared by the site and end-to-end tests: one strict build of the site per test run,
shared by all of pytest-xdist's workers (the first one to get the lock builds it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent


def _build(site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", **os.environ},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """``mkdocs build --strict`` into a temporary folder, exactly as the deploy workflow builds."""
    if worker_id == "master":  # not under xdist
        site = tmp_path_factory.mktemp("build") / "site"
        _build(site)
        return site
    shared = tmp_path_factory.getbasetemp().parent  # the same for every worker of this run
    site = shared / "build" / "site"
    with FileLock(str(shared / "build.lock")):
        if not (shared / "build" / "done").exists():
            _build(site)
            (shared / "build" / "done").touch()
    return site
