"""Share links carry the whole canvas in the fragment and are checked like a saved file."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from klantcanvas import ImportProblem, fill
from klantcanvas.browser import handle
from klantcanvas.share import LINK_WARN, PREFIX, fragment, read_fragment


def test_a_fragment_round_trips_and_is_url_safe(pyramid_example) -> None:  # type: ignore[no-untyped-def]
    value = fragment(pyramid_example)
    assert value.startswith(PREFIX)
    assert all(c.isalnum() or c in "-_." for c in value)
    assert read_fragment(pyramid_example.canvas, "#" + value).values == pyramid_example.values


def test_compression_keeps_typical_links_short(pyramid_example) -> None:  # type: ignore[no-untyped-def]
    assert len(fragment(pyramid_example)) < len(json.dumps(pyramid_example.as_json_data(), ensure_ascii=False))


@pytest.mark.parametrize(
    "value",
    [
        "kc1.",
        "kc1.dGhpcyBpcyBub3QgZGVmbGF0ZQ",
        "kc1.!!!",
        "iets-anders",
        PREFIX + base64.urlsafe_b64encode(zlib.compress(b"{not json")).decode(),
        PREFIX + base64.urlsafe_b64encode(zlib.compress(b"\0" * 5_000_000)).decode(),  # a zip bomb
    ],
)
def test_damaged_links_are_refused(pyramid, value) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportProblem) as caught:
        read_fragment(pyramid, value)
    assert "niet veranderd" in str(caught.value)


def test_a_link_for_another_canvas_is_refused(pyramid) -> None:  # type: ignore[no-untyped-def]
    from klantcanvas import get_canvas

    persona = get_canvas("persona")
    value = fragment(fill(persona, dict(persona.example)))
    with pytest.raises(ImportProblem, match="hoort bij het canvas ‘Persona’"):
        read_fragment(pyramid, value)


def test_the_facade_warns_when_a_link_gets_too_long() -> None:
    short, _ = handle(json.dumps({"method": "share", "canvas": "klanttype-piramide", "data": {"segment": "Scholen"}, "page_url": "http://x/"}))
    assert json.loads(short)["warning"] == ""
    noisy = {"buiten": ["".join(chr(0x4E00 + (i * 7919 + j) % 20000) for j in range(180)) for i in range(30)]}
    long, _ = handle(json.dumps({"method": "share", "canvas": "klanttype-piramide", "data": noisy, "page_url": "http://x/"}))
    meta = json.loads(long)
    assert meta["length"] > LINK_WARN and str(meta["length"]) in meta["warning"]


def test_finding5_share_then_open_gives_back_exactly_what_fill_checked(pyramid) -> None:  # type: ignore[no-untyped-def]
    limit = pyramid.field("segment").max_length
    filled = fill(pyramid, {"segment": "s" * (limit - 1) + " t", "beslisser": ["b\ud800 ", "\uffff"]})
    assert read_fragment(pyramid, fragment(filled)).values == filled.values


@pytest.mark.parametrize("value", [None, 12, ["kc1."], "kc1.\u00e9\u00e9", "kc1." + "A" * 10_001, " #kc=kc1.eJw"])
def test_a_fragment_of_any_type_or_content_is_a_dutch_refusal(pyramid, value) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportProblem, match="Deze deellink is beschadigd"):
        read_fragment(pyramid, value)
