"""The finder for the standard library beyond the browser's cut: a module only the full archive
has is imported from it, fetched once and only when first needed; a package cut short finds its
other submodules; what the full archive lacks is still an ImportError."""

from __future__ import annotations

import importlib
import shutil
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from klantcanvas import stdlib_rest
from klantcanvas.stdlib_rest import RestOfStdlib, install

# Names no real module has, so the test never shadows the standard library.
PKG = "kc_rest_pkg"


@pytest.fixture
def archives(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A "full" archive and a "cut" one (on sys.path) holding the package without its submodule."""
    full, cut = tmp_path / "full.zip", tmp_path / "cut.zip"
    with zipfile.ZipFile(full, "w") as archive:
        archive.writestr(f"{PKG}/__init__.py", "WHERE = 'package'\n")
        archive.writestr(f"{PKG}/extra.py", "WHERE = 'extra'\n")
        archive.writestr("kc_rest_alone.py", "WHERE = 'alone'\n")
    with zipfile.ZipFile(cut, "w") as archive:
        archive.writestr(f"{PKG}/__init__.py", "WHERE = 'package'\n")
    sys.path.insert(0, str(cut))
    yield full, cut
    sys.path.remove(str(cut))
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, RestOfStdlib)]
    for name in [n for n in sys.modules if n.startswith(("kc_rest_",))]:
        del sys.modules[name]
    importlib.invalidate_caches()


def finder_for(full: Path, tmp_path: Path, calls: list[str]) -> RestOfStdlib:
    mounted = tmp_path / "mounted.zip"

    def fetch() -> None:
        calls.append("fetch")
        shutil.copy(full, mounted)

    finder = install('["kc_rest_pkg.extra", "kc_rest_alone"]', str(mounted), "unused")
    finder.fetch = fetch
    return finder


def test_a_module_outside_the_cut_is_fetched_once_and_imported(archives: tuple[Path, Path], tmp_path: Path) -> None:
    full, _ = archives
    calls: list[str] = []
    finder_for(full, tmp_path, calls)
    assert importlib.import_module(PKG).WHERE == "package"  # from the cut: nothing fetched
    assert calls == []
    assert importlib.import_module(f"{PKG}.extra").WHERE == "extra"  # a package cut short
    assert importlib.import_module("kc_rest_alone").WHERE == "alone"
    assert calls == ["fetch"]


def test_names_the_full_archive_lacks_fetch_nothing(archives: tuple[Path, Path], tmp_path: Path) -> None:
    full, _ = archives
    calls: list[str] = []
    finder_for(full, tmp_path, calls)
    with pytest.raises(ImportError):
        importlib.import_module("kc_rest_absent")
    with pytest.raises(ImportError):
        importlib.import_module(f"{PKG}.absent")
    assert calls == []


def test_a_fetch_that_brings_nothing_is_an_import_error(archives: tuple[Path, Path], tmp_path: Path) -> None:
    finder = install('["kc_rest_alone"]', str(tmp_path / "never.zip"), "unused")
    finder.fetch = lambda: None
    with pytest.raises(ImportError, match="did not arrive"):
        importlib.import_module("kc_rest_alone")


def test_install_keeps_one_finder_last_and_checks_its_names(archives: tuple[Path, Path], tmp_path: Path) -> None:
    first = install("[]", str(tmp_path / "a.zip"), "unused")
    second = install('["x"]', str(tmp_path / "b.zip"), "unused")
    finders = [f for f in sys.meta_path if isinstance(f, RestOfStdlib)]
    assert finders == [second] and sys.meta_path[-1] is second and first is not second
    with pytest.raises(ValueError):
        install('{"x": 1}', str(tmp_path / "c.zip"), "unused")


@pytest.mark.skipif(sys.platform == "emscripten", reason="the real fetch only works in a browser worker")
def test_the_real_fetch_needs_the_browser(tmp_path: Path) -> None:
    with pytest.raises(ImportError):  # no ``js`` module outside Pyodide
        stdlib_rest.fetch_sync("http://127.0.0.1:9/x.zip", str(tmp_path / "x.zip"))
