"""Layouts turn a Filled canvas into a Scene for one page; a definition names its layout kind.

A layout kind is the name of a module in this package with ``build(filled, page) -> Scene`` and
``field_refs(options)`` (the field ids its options point at, checked when a definition loads).
Adding a layout is adding a module; nothing needs registering. The other modules here are parts
that layouts compose: ``frame`` (title, footer, palette), ``parts`` (legends, emotion scale, card
stacks, one-size fitting), ``avatar``, and the pieces of the board, flow and journey layouts.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType

from klantcanvas.model import Filled
from klantcanvas.paper import Page
from klantcanvas.scene import Scene

__all__ = ["build_scene", "layout_module"]

_NOT_LAYOUTS = {
    "frame", "parts", "colours", "journey_lines", "avatar", "board_panels", "board_records", "flow_plan", "flow_route", "journey_plan",
}


def layout_module(kind: str) -> ModuleType:
    """The module for ``kind``; ValueError for a name that is not a layout."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", kind) or kind in _NOT_LAYOUTS:
        raise ValueError(f"{kind!r} is not a layout name")
    try:
        module = importlib.import_module(f"{__name__}.{kind}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{kind}":
            raise
        raise ValueError(f"no layout module {kind!r} in klantcanvas.layouts") from None
    if not (hasattr(module, "build") and hasattr(module, "field_refs")):
        raise ValueError(f"klantcanvas.layouts.{kind} has no build() and field_refs()")
    return module


def build_scene(filled: Filled, page: Page) -> Scene:
    scene: Scene = layout_module(filled.canvas.layout.kind).build(filled, page)
    return scene
