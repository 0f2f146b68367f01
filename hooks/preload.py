"""Names the page glue's ES modules for canvas pages, so overrides/main.html can ask for them all
at once (``<link rel="modulepreload">``) instead of the browser finding them one import level at
a time (four round trips on a real network): app.js and every module it imports, however deep
(``kc_modules``), in the template listen.js puts into the head when it builds the canvas block;
tools.js and the modules only it brings (``kc_later``) in a template that app.js puts into the
head once the form listens, so they never compete with the form's start (50 ms sooner on a
desktop).

Only static ``import … from "./x.js"`` lines count; what a module imports later (the worker, its
snapshot code) is not preloaded, so a reader still pays nothing for it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

GLUE = Path(__file__).resolve().parent.parent / "docs" / "assets" / "klantcanvas"
IMPORT = re.compile(r'^import\s[^;]*?\sfrom\s+"\./([\w.-]+\.js)";', re.MULTILINE)


def module_closure(folder: Path = GLUE, entries: tuple[str, ...] = ("app.js",)) -> list[str]:
    """``entries`` and the modules they import statically, in the order they are first found."""
    found, queue = list(entries), list(entries)
    while queue:
        for name in IMPORT.findall((folder / queue.pop(0)).read_text("utf-8")):
            if name not in found:
                found.append(name)
                queue.append(name)
    return found


def on_config(config: Any, **kwargs: Any) -> Any:
    first = module_closure()
    config.extra["kc_modules"] = first
    config.extra["kc_later"] = [name for name in module_closure(entries=("tools.js",)) if name not in first]
    return config
