"""Build step, run inside Pyodide (so the bytecode's magic number is the browser's): lean bytecode.

Python compiles a module's source each time it is imported from a zip (zipimport writes no cache),
and the standard library's start alone costs the browser more than a second of that. Bytecode skips
it, but plain ``.pyc`` files are far larger than the source they replace (column positions for
every instruction, and docstrings). ``lean_code`` compiles without docstrings (where nothing reads
them) and keeps line numbers but not columns, so tracebacks and warnings still name their line:
about the source's size, compressed, and no compiling in the browser.

``hooks/precompile.mjs`` calls ``pyc`` for the wheels and ``python_stdlib_preview.zip``; the unit
tests run the same functions on CPython (whose line-table format is the same since 3.11).
"""

from __future__ import annotations

import ast
import importlib.util
import marshal
import types

#: Packages whose docstrings are read at run time (Pyodide's own copies them onto its JS types).
KEEP_DOCSTRINGS = ("_pyodide", "pyodide")

_NO_COLUMNS = 13  # location-table entry kind: a line delta, no columns (CPython's Objects/locations.md)
_NO_LOCATION = 15


def _svarint(value: int) -> bytes:
    return _varint((-value << 1) | 1 if value < 0 else value << 1)


def _varint(value: int) -> bytes:
    out = bytearray()
    while value >= 64:
        out.append((value & 63) | 64)
        value >>= 6
    out.append(value)
    return bytes(out)


def _lines_only(code: types.CodeType) -> bytes:
    """``code``'s location table with each instruction's line and no columns."""
    table = bytearray()
    line = code.co_firstlineno
    for start, end, number in code.co_lines():
        units = (end - start) // 2
        while units > 0:
            length = min(units, 8)
            if number is None:
                table.append(0x80 | (_NO_LOCATION << 3) | (length - 1))
            else:
                table.append(0x80 | (_NO_COLUMNS << 3) | (length - 1))
                table += _svarint(number - line)
                line = number
            units -= length
    return bytes(table)


def _lean(code: types.CodeType) -> types.CodeType:
    consts = tuple(_lean(c) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_linetable=_lines_only(code), co_consts=consts)


class _NoDocstrings(ast.NodeTransformer):
    def _strip(self, node: ast.AST) -> ast.AST:
        self.generic_visit(node)
        body = node.body  # type: ignore[attr-defined]
        first = body[0] if body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            node.body = body[1:] or [ast.copy_location(ast.Pass(), first)]  # type: ignore[attr-defined]
        return node

    visit_Module = visit_ClassDef = visit_FunctionDef = visit_AsyncFunctionDef = _strip


def lean_code(source: bytes, filename: str, docstrings: bool = False) -> types.CodeType:
    """``source`` compiled as a module: lines but no columns, and without docstrings unless asked."""
    tree = ast.parse(source, filename)
    if not docstrings:
        tree = ast.fix_missing_locations(_NoDocstrings().visit(tree))
    return _lean(compile(tree, filename, "exec", dont_inherit=True))


def pyc(source: bytes, filename: str, docstrings: bool = False) -> bytes:
    """A ``.pyc`` for ``source`` (unchecked: the archive it sits in is replaced as a whole).

    Docstrings go unless asked for, or in a package that reads its own (``KEEP_DOCSTRINGS``).
    """
    keep = docstrings or filename.split("/", 1)[0] in KEEP_DOCSTRINGS
    code = lean_code(source, filename, docstrings=keep)
    flags = (0b01).to_bytes(4, "little")  # hash-based, unchecked
    return importlib.util.MAGIC_NUMBER + flags + bytes(8) + marshal.dumps(code)
