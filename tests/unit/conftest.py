"""Fixtures for the engine's unit tests; these also run inside Pyodide (tests/pyodide)."""

from __future__ import annotations

import sys

import pytest

from klantcanvas import fill, get_canvas

IN_PYODIDE = sys.platform == "emscripten"


def pytest_configure(config):  # type: ignore[no-untyped-def]
    # Declared here too, because inside Pyodide pyproject.toml is not there.
    config.addinivalue_line("markers", "host_only: needs the host; skipped inside Pyodide")


def pytest_collection_modifyitems(items):  # type: ignore[no-untyped-def]
    if IN_PYODIDE:
        skip = pytest.mark.skip(reason="needs the host (subprocess or files outside the package)")
        for item in items:
            if "host_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def pyramid():  # type: ignore[no-untyped-def]
    return get_canvas("klanttype-piramide")


@pytest.fixture
def pyramid_example(pyramid):  # type: ignore[no-untyped-def]
    return fill(pyramid, dict(pyramid.example), strict=True)
