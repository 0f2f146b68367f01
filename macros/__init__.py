"""mkdocs-macros adapter: registers ``canvas_form(id)``, which delegates to the engine.

Nothing else lives here; the form markup is built and tested in ``klantcanvas.forms``.
"""

from __future__ import annotations

from klantcanvas import get_canvas
from klantcanvas.forms import render_form


def canvas_form(canvas_id: str) -> str:
    """The interactive canvas block for a definition id (see src/klantcanvas/definitions)."""
    return render_form(get_canvas(canvas_id))


def define_env(env) -> None:  # type: ignore[no-untyped-def]
    env.macro(canvas_form)
