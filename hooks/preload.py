"""Names the page glue's ES modules for canvas pages: app.js, tools.js (which app.js imports as
soon as the form listens) and every module they import, however deep, so overrides/main.html can
ask for them all at once (``<link rel="modulepreload">``) instead of the browser finding them one
import level at a time (four round trips on a real network).

Only static ``import … from "./x.js"`` lines count; what a module imports later (the worker, its
snapshot code) is not preloaded, so a reader still pays nothing for it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

GLUE = Path(__file__).resolve().parent.parent / "docs" / "assets" / "klantcanvas"
IMPORT = re.compile(r'^import\s[^;]*?\sfrom\s+"\./([\w.-]+\.js)";', re.MULTILINE)


def module_closure(folder: Path = GLUE, entries: tuple[str, ...] = ("app.js", "tools.js")) -> list[str]:
    """``entries`` and the modules they import statically, in the order they are first found."""
    found, queue = list(entries), list(entries)
    while queue:
        for name in IMPORT.findall((folder / queue.pop(0)).read_text("utf-8")):
            if name not in found:
                found.append(name)
                queue.append(name)
    return found


def on_config(config: Any, **kwargs: Any) -> Any:
    config.extra["kc_modules"] = module_closure()
    return config
