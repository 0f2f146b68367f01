"""mkdocs-macros adapter: registers ``canvas_form(id)``, which delegates to the engine.

Nothing else lives here; the form markup is built and tested in ``klantcanvas.forms``.
"""

from __future__ import annotations

from typing import Any

from klantcanvas import get_canvas
from klantcanvas.forms import render_form


def assets_url(page_url: str) -> str:
    """Relative path from a page (``methoden/persona/``) to the site's ``assets/`` folder."""
    depth = len([part for part in page_url.split("/") if part])
    return "../" * depth + "assets/"


def define_env(env: Any) -> None:
    """Called by mkdocs-macros with its environment (untyped: the plugin ships no type information)."""

    def canvas_form(canvas_id: str) -> str:
        """The interactive canvas block for a definition id (see src/klantcanvas/definitions)."""
        return render_form(get_canvas(canvas_id), assets_url(env.page.url))

    env.macro(canvas_form)
