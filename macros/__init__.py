"""mkdocs-macros adapter: registers ``canvas_form(id)``, which delegates to the engine.

Nothing else lives here; the form markup is built and tested in ``klantcanvas.forms``. The form
is rendered in the page's language: the page file's ``locale`` (set by mkdocs-static-i18n), else
the build's theme language, else Dutch.
"""

from __future__ import annotations

from typing import Any

from klantcanvas import get_canvas
from klantcanvas.forms import render_form
from klantcanvas.i18n import DEFAULT_LANGUAGE, language_for, use_locale


def assets_url(page_url: str) -> str:
    """Relative path from a page (``methoden/persona/``) to the site's ``assets/`` folder."""
    depth = len([part for part in page_url.split("/") if part])
    return "../" * depth + "assets/"


def page_language(env: Any) -> str:
    """The language of the page being rendered (see the module docstring)."""
    page = getattr(env, "page", None)
    locale = getattr(getattr(page, "file", None), "locale", None)
    if locale:
        return language_for(locale)
    try:
        theme_language = env.conf["theme"]["language"]
    except (AttributeError, KeyError, TypeError):
        return DEFAULT_LANGUAGE
    return language_for(theme_language)


def define_env(env: Any) -> None:
    """Called by mkdocs-macros with its environment (untyped: the plugin ships no type information)."""

    def canvas_form(canvas_id: str) -> str:
        """The interactive canvas block for a definition id (see src/klantcanvas/definitions)."""
        with use_locale(page_language(env)):
            return render_form(get_canvas(canvas_id), assets_url(env.page.url))

    env.macro(canvas_form)
