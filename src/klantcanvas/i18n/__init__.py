"""User-facing text, one TOML file per language; code only ever refers to message keys.

``t("import.not_json")`` returns the Dutch text; an English edition adds ``en.toml`` beside it.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any, Mapping

__all__ = ["DEFAULT_LANGUAGE", "messages", "t"]

DEFAULT_LANGUAGE = "nl"


@cache
def messages(language: str = DEFAULT_LANGUAGE) -> Mapping[str, str]:
    raw = tomllib.loads(files(__name__).joinpath(f"{language}.toml").read_text("utf-8"))
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


def t(key: str, language: str = DEFAULT_LANGUAGE, **values: Any) -> str:
    """The message ``key`` in ``language`` with ``{placeholders}`` filled in."""
    return messages(language)[key].format(**values)
