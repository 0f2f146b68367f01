"""The lean bytecode of the build (hooks/bytecode.py), on CPython: same line numbers as a plain
compile, no docstrings unless kept, and a sourceless import from a zip that runs and reports the
right line in a traceback."""

from __future__ import annotations

import importlib
import sys
import traceback
import types
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.host_only  # a build step: hooks/ is not in the engine (precompile.mjs runs it in Pyodide)
HOOKS = Path(__file__).resolve().parents[2] / "hooks"


@pytest.fixture(autouse=True, scope="module")
def _hooks_on_path() -> Iterator[None]:
    sys.path.insert(0, str(HOOKS))
    yield
    sys.path.remove(str(HOOKS))


def _bytecode() -> types.ModuleType:
    return importlib.import_module("bytecode")

SOURCE = b'''"""A module docstring."""
def greet(name):
    """A function docstring."""
    words = ["hallo", name]
    return " ".join(words)

class Box:
    """Only a docstring."""

def fail():
    x = 1
    raise ValueError(x)
'''


def codes(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from codes(const)


@pytest.mark.parametrize("module", ["textwrap", "dataclasses", "json.decoder", "typing"])
def test_every_instruction_keeps_its_line(module: str) -> None:
    path = Path(importlib.import_module(module).__file__ or "")
    plain = compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
    lean = _bytecode().lean_code(path.read_bytes(), str(path), docstrings=True)
    for a, b in zip(codes(plain), codes(lean), strict=True):
        assert list(a.co_lines()) == list(b.co_lines()), a.co_qualname
        assert [p[0] for p in a.co_positions()] == [p[0] for p in b.co_positions()], a.co_qualname
        assert all(p[2] is None for p in b.co_positions())  # no columns


def test_docstrings_go_unless_kept() -> None:
    space: dict[str, object] = {}
    exec(_bytecode().lean_code(SOURCE, "m.py"), space)
    assert space.get("__doc__") is None and space["greet"].__doc__ is None and space["Box"].__doc__ is None  # type: ignore[attr-defined]
    assert space["greet"]("Ada") == "hallo Ada"  # type: ignore[operator]
    kept: dict[str, object] = {}
    exec(_bytecode().lean_code(SOURCE, "m.py", docstrings=True), kept)
    assert kept["greet"].__doc__ == "A function docstring."  # type: ignore[attr-defined]


def test_a_sourceless_module_imports_from_a_zip_and_names_its_line(tmp_path: Path) -> None:
    archive = tmp_path / "lib.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("leanmod.pyc", _bytecode().pyc(SOURCE, "leanmod.py"))
    sys.path.insert(0, str(archive))
    try:
        module = importlib.import_module("leanmod")
        assert module.greet("Bo") == "hallo Bo"
        with pytest.raises(ValueError) as caught:
            module.fail()
        assert traceback.extract_tb(caught.value.__traceback__)[-1].lineno == 12
    finally:
        sys.path.remove(str(archive))
        sys.modules.pop("leanmod", None)


def test_lean_bytecode_is_smaller_than_plain() -> None:
    import marshal

    path = Path(importlib.import_module("typing").__file__ or "")
    plain = marshal.dumps(compile(path.read_bytes(), str(path), "exec"))
    assert len(marshal.dumps(_bytecode().lean_code(path.read_bytes(), str(path)))) < 0.8 * len(plain)
