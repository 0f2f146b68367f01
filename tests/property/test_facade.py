"""Property: every method of the browser facade answers every input with a valid result or a
message (in the request's language) that changes nothing; no exception escapes, and every output
file is valid."""

from __future__ import annotations

import json
from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st
from kc_strategies import (
    CANVAS_IDS, answer, canvas_and_data, check_file, count, dumps, hostile_text, json_scalar, json_value, languages,
    orientations, papers,
)

from klantcanvas.browser import METHODS

FORMATS = ["pdf", "svg", "png", "json", "xlsx", "md"]


requests_common = {
    "canvas": st.one_of(st.sampled_from(CANVAS_IDS), json_scalar),
    "paper": papers,
    "orientation": orientations,
    "saved_at": json_scalar,
    "lang": languages,
    "unknown": json_value,
}


@given(canvas_and_data(), papers, orientations, languages, st.booleans())
def test_preview(canvas_data, paper, orientation, lang, editable) -> None:  # type: ignore[no-untyped-def]
    count("preview")
    canvas, data = canvas_data
    meta, body = answer({"method": "preview", "canvas": canvas, "data": data, "paper": paper, "orientation": orientation,
                         "lang": lang, "editable": editable})
    if meta["ok"]:
        assert body is None and isinstance(meta["empty"], bool)
        ElementTree.fromstring(meta["svg"])
        # one element per line inside the <svg>: the page redraws only the lines that changed
        lines = meta["svg"].split("\n")
        assert lines[0].startswith("<svg ") and lines[-1] == "</svg>"
        for line in lines[1:-1]:
            ElementTree.fromstring(line)


@given(canvas_and_data(), st.one_of(st.sampled_from(FORMATS), json_scalar), papers, orientations, json_scalar, languages)
def test_export(canvas_data, fmt, paper, orientation, saved_at, lang) -> None:  # type: ignore[no-untyped-def]
    count("export")
    canvas, data = canvas_data
    meta, body = answer({"method": "export", "canvas": canvas, "data": data, "format": fmt, "paper": paper,
                          "orientation": orientation, "saved_at": saved_at, "lang": lang})
    if meta["ok"]:
        assert isinstance(body, bytes) and meta["filename"].isascii()
        check_file(meta["mime"], body)


@given(canvas_and_data(), papers, orientations)
def test_pptx(canvas_data, paper, orientation) -> None:  # type: ignore[no-untyped-def]
    count("pptx")
    canvas, data = canvas_data
    meta, body = answer({"method": "export", "format": "pptx", "canvas": canvas, "data": data, "paper": paper,
                          "orientation": orientation})
    if meta["ok"]:
        assert isinstance(json.loads(body.decode("utf-8")), (dict, list))


@given(canvas_and_data(), json_scalar)
def test_share(canvas_data, page_url) -> None:  # type: ignore[no-untyped-def]
    count("share")
    canvas, data = canvas_data
    meta, _ = answer({"method": "share", "canvas": canvas, "data": data, "page_url": page_url})
    if meta["ok"]:
        assert meta["fragment"].startswith("kc1.") and meta["fragment"].isascii()


@given(st.fixed_dictionaries({"text": st.one_of(hostile_text, json_value), "size": json_scalar}, optional=requests_common))
def test_import(request) -> None:  # type: ignore[no-untyped-def]
    count("import")
    meta, _ = answer({"method": "import", **request})
    if meta["ok"]:
        assert isinstance(meta["data"], dict)


@given(st.fixed_dictionaries({"fragment": st.one_of(hostile_text, json_value, st.text("kc1.=-_AZaz09#", max_size=80))},
                             optional=requests_common))
def test_open_link(request) -> None:  # type: ignore[no-untyped-def]
    count("open_link")
    answer({"method": "open_link", **request})


@given(st.fixed_dictionaries({}, optional={"canvases": st.one_of(json_value, st.lists(canvas_and_data().map(
    lambda cd: {"canvas": cd[0], "data": cd[1]}), max_size=3)), **requests_common}))
def test_export_all(request) -> None:  # type: ignore[no-untyped-def]
    count("export_all")
    meta, body = answer({"method": "export_all", **request})
    if meta["ok"]:
        check_file("application/json", body)


@given(st.fixed_dictionaries({"text": st.one_of(hostile_text, json_value.map(json.dumps))}, optional=requests_common))
def test_import_all(request) -> None:  # type: ignore[no-untyped-def]
    count("import_all")
    answer({"method": "import_all", **request})


@given(st.fixed_dictionaries({"method": st.sampled_from(["example", "warm"])}, optional=requests_common))
def test_example_and_warm(request) -> None:  # type: ignore[no-untyped-def]
    count("example+warm")
    answer(request)


@given(st.one_of(
    hostile_text,
    json_value.map(dumps),
    st.fixed_dictionaries({"method": st.one_of(st.sampled_from(sorted(METHODS)), json_scalar)},
                          optional={"data": json_value, **requests_common}).map(dumps),
))
def test_any_request_text(request_text) -> None:  # type: ignore[no-untyped-def]
    count("any request")
    answer(request_text)
