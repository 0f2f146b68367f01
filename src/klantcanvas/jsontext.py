"""JSON from outside (files, links, requests) read with a bound on nesting.

CPython turns very deep nesting into a RecursionError, but inside Pyodide the JavaScript stack
can overflow first, which kills the whole interpreter. So the depth is counted before parsing:
a file nested deeper than any canvas can be is refused as not readable (ValueError).
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

__all__ = ["MAX_DEPTH", "loads"]

#: A saved canvas nests about 6 deep (envelope, data, group, record, group, record, list).
MAX_DEPTH = 64

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')  # unrolled: one step per run of plain characters
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def loads(text: str) -> Any:
    """``json.loads`` that raises ValueError for nesting deeper than MAX_DEPTH, in linear time."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if brackets and max(accumulate(1 if ch in "[{" else -1 for ch in brackets)) > MAX_DEPTH:
        raise ValueError(f"JSON nested deeper than {MAX_DEPTH}")
    return json.loads(text)
