"""User-facing text, one TOML file per language; code only ever refers to message keys.

``t("import.not_json")`` returns the text in the active language (Dutch unless chosen otherwise);
``en.toml`` holds the English edition. ``use_locale("en")`` chooses the language for a block of
code (a context variable, so threads and tasks keep their own); ``language_for("en-GB")`` turns
what a page, a build or a command line asks for into one of ``LANGUAGES`` (Dutch when unknown).

The pseudo-locale ``qps`` turns every message into ``⟦key⟧`` followed by its placeholders' values,
so a test can render everything with it and see which words did not come from the catalogue.

Dates and numbers follow the locale too: ``[locale]`` in each catalogue holds the BCP 47 tag (for
the page script and the document language of exports), the separators and the month names.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Any

__all__ = [
    "DEFAULT_LANGUAGE", "LANGUAGES", "PSEUDO", "current_language", "format_date", "format_number", "language_for",
    "locale_tag", "messages", "placeholders", "t", "use_locale",
]

DEFAULT_LANGUAGE = "nl"
#: The pseudo-locale: every message is its key in ⟦ ⟧ (see ``messages``).
PSEUDO = "qps"
#: Locale settings that are data, not words: the pseudo-locale keeps them as they are in Dutch,
#: except the tag (``qps-ploc`` is the usual private-use tag of a pseudo-locale).
_SETTINGS = ("locale.tag", "locale.decimal", "locale.group")

# Package data is read beside this file, not through importlib.resources: importing that costs
# the browser about 0.2 s before its first preview (the engine is always unpacked on a file system).
_HERE = Path(__file__).parent
#: The languages the site and the engine are published in: one catalogue ``<code>.toml`` each
#: beside this file, so a new language needs no code. The default comes first.
LANGUAGES = (DEFAULT_LANGUAGE, *sorted(p.stem for p in _HERE.glob("*.toml") if p.stem != DEFAULT_LANGUAGE))

_active: ContextVar[str] = ContextVar("klantcanvas_language", default=DEFAULT_LANGUAGE)


def current_language() -> str:
    return _active.get()


def language_for(value: object) -> str:
    """The published language ``value`` names ("en", "EN", "en-GB", "en_US"), else Dutch."""
    if not isinstance(value, str):
        return DEFAULT_LANGUAGE
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@contextmanager
def use_locale(language: str) -> Iterator[str]:
    """Within the block, ``t``, ``messages`` and the formatters use ``language``."""
    messages(language)  # fails here, at once, for a language without a catalogue
    token = _active.set(language)
    try:
        yield language
    finally:
        _active.reset(token)


def placeholders(message: str) -> tuple[str, ...]:
    """The ``{names}`` in ``message``, in order, without repeats."""
    names = [name for _, name, _, _ in Formatter().parse(message) if name]
    return tuple(dict.fromkeys(names))


def messages(language: str | None = None) -> Mapping[str, str]:
    """Every message of ``language`` (default: the active one) by its dotted key."""
    return _messages(language or current_language())


@cache
def _messages(language: str) -> Mapping[str, str]:
    if language == PSEUDO:
        return _pseudo()
    raw = tomllib.loads((_HERE / f"{language}.toml").read_text("utf-8"))
    flat: dict[str, str] = {}

    def walk(prefix: str, node: Mapping[str, Any]) -> None:
        for key, value in node.items():
            name = f"{prefix}{key}"
            if isinstance(value, Mapping):
                walk(name + ".", value)
            else:
                flat[name] = str(value)

    walk("", raw)
    return flat


def _pseudo() -> dict[str, str]:
    out = {}
    for key, text in _messages(DEFAULT_LANGUAGE).items():
        if key in _SETTINGS:
            out[key] = "qps-ploc" if key == "locale.tag" else text
        else:
            out[key] = f"⟦{key}⟧" + "".join(f" {{{name}}}" for name in placeholders(text))
    return out


def t(key: str, language: str | None = None, **values: Any) -> str:
    """The message ``key`` in ``language`` (default: the active one) with ``{placeholders}`` filled in."""
    return messages(language)[key].format(**values)


def locale_tag(language: str | None = None) -> str:
    """The BCP 47 tag of ``language`` ("nl-NL"), for ``lang`` attributes and ``toLocaleString``."""
    return messages(language)["locale.tag"]


def format_number(value: float, language: str | None = None) -> str:
    """``value`` as the locale writes it, with at most two decimals and no trailing zeros:
    12345.5 -> "12.345,5" in Dutch. Four-digit numbers stay ungrouped ("1189"), as Dutch style has it."""
    table = messages(language)
    grouping = "," if abs(value) >= 10_000 else ""
    text = f"{value:{grouping}.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:{grouping}}"
    return text.replace(",", "\0").replace(".", table["locale.decimal"]).replace("\0", table["locale.group"])


def format_date(value: date | datetime | str, language: str | None = None) -> str:
    """A date as the locale writes it ("23 november 2026"); ISO strings are read first."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return t("locale.date", language, day=value.day, month=t(f"locale.month_{value.month}", language),
             year=value.year)
