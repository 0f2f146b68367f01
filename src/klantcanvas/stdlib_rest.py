"""The rest of the standard library, for a Python started from a cut one.

In the browser, Python starts from a ``python_stdlib.zip`` cut to the modules that the worker's
start and the preview import (measured at build time by ``hooks/stdlib_trace.mjs``). Every other
standard-library module stays importable: ``install`` puts a finder at the end of
``sys.meta_path`` which, for a module only the full library has, asks ``fetch`` once to put the
full archive at ``path`` and imports the module from there. The worker has usually put it there
already, while loading a wheel (``klantcanvas.runtime``) or after the first preview; if not,
``fetch_sync`` gets it with a synchronous request (allowed in a Web Worker). A package cut short (``email`` with
only some of its submodules) finds its other submodules the same way.

Only the standard library (``zipimport``, ``importlib``) is used here; ``js`` only inside
``fetch_sync``, when the browser calls it (no JavaScript object is kept, so the worker's memory
snapshot can still be made). The finder is tested on CPython like the rest.
"""

from __future__ import annotations

import json
import os
import sys
import zipimport
from collections.abc import Callable, Iterable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = ["RestOfStdlib", "fetch_sync", "install"]


def fetch_sync(url: str, path: str) -> None:
    """Download ``url`` to ``path`` with a synchronous XMLHttpRequest (a Web Worker may block)."""
    import js  # type: ignore[import-not-found]  # Pyodide's bridge: only in the browser

    request = js.XMLHttpRequest.new()
    request.open("GET", url, False)
    request.responseType = "arraybuffer"
    request.send(None)
    if request.status != 200:
        raise ImportError(f"{url}: HTTP {request.status}")
    data = js.Uint8Array.new(request.response).to_bytes()
    with open(path + ".part", "wb") as file:
        file.write(data)
    os.replace(path + ".part", path)


class RestOfStdlib:
    """A meta-path finder for the modules named in ``names``, from the zip archive at ``path``."""

    def __init__(self, names: Iterable[str], path: str, fetch: Callable[[], object]) -> None:
        self.names = frozenset(names)
        self.path = path
        self.fetch = fetch

    def mounted(self) -> bool:
        return os.path.exists(self.path)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        if not self.mounted():
            self.fetch()  # puts the archive at self.path, or raises
            if not self.mounted():
                raise ImportError(f"{fullname}: the standard library archive did not arrive", name=fullname)
        parent = fullname.rpartition(".")[0]
        prefix = self.path + "/" + (parent.replace(".", "/") + "/" if parent else "")
        return zipimport.zipimporter(prefix).find_spec(fullname)


def install(names_json: str, path: str, url: str) -> RestOfStdlib:
    """Add the finder (once) for the module names in ``names_json`` (a JSON list), which fetches
    the full archive from ``url`` into ``path`` when it is not there yet."""
    names = json.loads(names_json)
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ValueError("names_json: a JSON list of module names")
    for finder in sys.meta_path:
        if isinstance(finder, RestOfStdlib):
            sys.meta_path.remove(finder)
            break
    finder = RestOfStdlib(names, path, lambda: fetch_sync(url, path))
    sys.meta_path.append(finder)
    return finder
