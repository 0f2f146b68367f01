"""The engine's modules form no import cycle, counting imports inside functions too (so a
function-local import can never hide one), and none reaches for another module's private names."""

from __future__ import annotations

import ast
from importlib.resources import files
from pathlib import Path

import pytest

PACKAGE = Path(str(files("klantcanvas")))


def _module_name(path: Path) -> str:
    parts = ["klantcanvas", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str) -> list[tuple[str, list[str]]]:
    """(module, imported names) for every klantcanvas import in ``path``, wherever it stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names if a.name.startswith("klantcanvas")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.startswith("klantcanvas"):
                out.append((base, [a.name for a in node.names]))
    return out


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, names in _imports(path, name):
            # "from klantcanvas import fill" imports the module klantcanvas.fill
            targets = [f"{target}.{n}" for n in names if f"{target}.{n}" in modules] or [target]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


@pytest.mark.host_only
def test_the_engine_has_no_import_cycle() -> None:
    graph = _graph()
    # The package's own __init__ re-exports the public API; it imports, nothing imports it back.
    graph = {k: {t for t in v if t != "klantcanvas"} for k, v in graph.items()}
    assert len(graph) > 20, "the walk found too few modules"
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


@pytest.mark.host_only
def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.host_only
def test_no_module_imports_another_modules_private_names() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for target, names in _imports(path, _module_name(path)):
            offenders += [f"{path.name}: {target}.{n}" for n in names if n.startswith("_") and n != "__version__"]
    assert offenders == []
