"""Fixtures for the engine's unit tests; these also run inside Pyodide (tests/pyodide)."""

from __future__ import annotations

import sys

import pytest

from klantcanvas import fill, get_canvas
from klantcanvas.i18n import LANGUAGES, use_locale

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


#: The smallest valid definition (a pyramid of three fields), for tests that change one thing in it.
MINIMAL_DEFINITION = """
id = "probe"
title = "Probe"
[layout]
kind = "pyramid"
apex = "a"
layers = ["b"]
side = "c"
[[fields]]
id = "a"
label = "A"
kind = "text"
[[fields]]
id = "b"
label = "B"
kind = "list"
[[fields]]
id = "c"
label = "C"
kind = "list"
"""


@pytest.fixture
def minimal_definition() -> str:
    return MINIMAL_DEFINITION


@pytest.fixture(params=LANGUAGES)
def language(request):  # type: ignore[no-untyped-def]
    """Runs the test once per published language, with that language active (canvases, messages)."""
    with use_locale(request.param):
        yield request.param


@pytest.fixture
def pyramid():  # type: ignore[no-untyped-def]
    return get_canvas("klanttype-piramide")


@pytest.fixture
def pyramid_example(pyramid):  # type: ignore[no-untyped-def]
    return fill(pyramid, dict(pyramid.example), strict=True)


def stress_data(canvas, text: str, records: tuple[int, int] = (8, 6), entries: int = 15):  # type: ignore[no-untyped-def]
    """Every field of ``canvas`` filled to the brim: ``text`` everywhere, the last choice, every
    flag on, scales at their maximum, ``entries`` list entries and ``records`` group records
    (top level, nested), each capped by the definition's own limits."""

    def value(field, depth: int):  # type: ignore[no-untyped-def]
        if field.kind in ("text", "textarea"):
            return text[: field.max_length]
        if field.kind == "list":
            return [text[: field.max_length]] * min(field.max_items, entries)
        if field.kind == "choice":
            return field.options[-1].value
        if field.kind == "flag":
            return True
        if field.kind == "scale":
            return field.maximum
        count = min(field.max_items, records[min(depth, 1)])
        return [{sub.id: value(sub, depth + 1) for sub in field.fields} for _ in range(count)]

    return {f.id: value(f, 0) for f in canvas.fields}


@pytest.fixture(name="stress_data")
def stress_data_fixture():  # type: ignore[no-untyped-def]
    return stress_data
