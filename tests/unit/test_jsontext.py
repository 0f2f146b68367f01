"""Nesting is bounded before JSON is parsed, so no file can overflow the browser's stack."""

from __future__ import annotations

import json

import pytest

from klantcanvas import jsontext
from klantcanvas.fill import ImportProblem, parse_saved_file
from klantcanvas.catalog import all_canvases


def test_reads_ordinary_json_exactly_as_json_does() -> None:
    value = {"a": "[[[ {{{ \\\" ]]", "b": [[1, {"c": None}]], "d": "x\\", "e": "ë€😀"}
    text = json.dumps(value, ensure_ascii=False)
    assert jsontext.loads(text) == json.loads(text) == value


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_too_deep_is_refused_before_parsing(opening: str) -> None:
    with pytest.raises(ValueError, match="deeper"):
        jsontext.loads(opening * 100_000)
    jsontext.loads("[" * jsontext.MAX_DEPTH + "]" * jsontext.MAX_DEPTH)  # the bound itself is fine


def test_brackets_inside_strings_do_not_count() -> None:
    deep_looking = json.dumps({"text": "[" * 10_000})
    assert jsontext.loads(deep_looking) == {"text": "[" * 10_000}


def test_a_deeply_nested_saved_file_gets_the_dutch_message() -> None:
    canvas = all_canvases()["persona"]
    with pytest.raises(ImportProblem, match="geen geldig JSON-bestand"):
        parse_saved_file(canvas, '{"format": "klantcanvas", "data": ' + "[" * 50_000)
