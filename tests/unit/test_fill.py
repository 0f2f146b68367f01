"""Form data and saved files become checked values; bad files give Dutch messages, never a crash."""

from __future__ import annotations

import json

import pytest

from klantcanvas import ImportProblem, fill, parse_saved_file, saved_file
from klantcanvas.fill import blank_characters, clean_text
from klantcanvas.model import has_content


def test_lenient_fill_cleans_what_a_form_sends(pyramid) -> None:  # type: ignore[no-untyped-def]
    filled = fill(pyramid, {
        "segment": "  Bakkerijen \n in  Gelderland ",
        "beslisser": ["Eigenaar", "", "   ", "Bedrijfsleider\x07"],
        "onbekend": "wordt genegeerd",
        "saboteur": "geen lijst",
    })
    assert filled.text("segment") == "Bakkerijen in Gelderland"
    assert filled.items("beslisser") == ("Eigenaar", "Bedrijfsleider")
    assert filled.items("saboteur") == ()
    assert "onbekend" not in filled.values


def test_lenient_fill_clips_to_the_definition_limits(pyramid) -> None:  # type: ignore[no-untyped-def]
    filled = fill(pyramid, {"segment": "x" * 1000, "buiten": ["y"] * 100})
    assert len(filled.text("segment")) == pyramid.field("segment").max_length
    assert len(filled.items("buiten")) == pyramid.field("buiten").max_items


def test_saved_file_round_trips(pyramid_example) -> None:  # type: ignore[no-untyped-def]
    text = saved_file(pyramid_example, "2026-11-23T10:00:00Z")
    envelope = json.loads(text)
    assert envelope["format"] == "klantcanvas" and envelope["canvas"] == "klanttype-piramide"
    again = parse_saved_file(pyramid_example.canvas, text)
    assert again.values == pyramid_example.values
    assert parse_saved_file(pyramid_example.canvas, text.encode("utf-8")).values == pyramid_example.values


def _envelope(**changes):  # type: ignore[no-untyped-def]
    base = {"format": "klantcanvas", "version": 1, "canvas": "klanttype-piramide", "data": {"segment": "Scholen"}}
    base.update(changes)
    return json.dumps(base)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("dit is geen json", "geen geldig JSON-bestand"),
        (b"\xff\xfe\x00garbage", "geen geldig JSON-bestand"),
        ('{"segment": "x"', "geen geldig JSON-bestand"),
        ("[1, 2, 3]", "geen Klantcanvas-bestand"),
        (json.dumps({"segment": "Scholen"}), "geen Klantcanvas-bestand"),
        (_envelope(canvas="persona-onbekend", title="Iets anders"), "hoort bij het canvas ‘Iets anders’"),
        (_envelope(version=99), "nieuwere versie"),
        (_envelope(data={"segment": ["lijst"]}), "‘Klantsegment’ moet een tekst zijn"),
        (_envelope(data={"beslisser": "tekst"}), "‘Beslisser’ moet een lijst met teksten zijn"),
        (_envelope(data={"beslisser": [{"a": 1}]}), "‘Beslisser’ moet een tekst zijn"),
        (_envelope(data={"segment": "x" * 5000}), "langer dan 160 tekens"),
        (_envelope(data="kapot"), "moet een verzameling velden zijn"),
        ("{" * 100_000, "geen geldig JSON-bestand"),
        ("x" * 3_000_000, "te groot"),
    ],
)
def test_bad_files_are_refused_with_a_dutch_reason(pyramid, content, expected) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportProblem) as caught:
        parse_saved_file(pyramid, content)
    message = str(caught.value)
    assert expected in message
    if "te groot" not in message:
        assert "Je huidige werk is niet veranderd." in message


def test_markup_is_kept_as_literal_text(pyramid) -> None:  # type: ignore[no-untyped-def]
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    filled = fill(pyramid, {"segment": evil})
    assert filled.text("segment") == evil


# --- "Nothing lost, nothing crashes": one test per finding -------------------------------------

def _flow():  # type: ignore[no-untyped-def]
    from klantcanvas import get_canvas

    return get_canvas("user-flow")


@pytest.mark.parametrize("number", [float("inf"), float("-inf"), float("nan"), 1e999])
def test_finding1_an_infinite_or_nan_scale_is_dropped_or_refused(number: float) -> None:
    lenient = fill(_flow(), {"stappen": [{"soort": "actie", "tekst": "Kiest", "gevoel": number}]})
    assert lenient.values["stappen"][0]["gevoel"] is None
    with pytest.raises(ImportProblem, match="heel getal"):
        fill(_flow(), {"stappen": [{"soort": "actie", "tekst": "Kiest", "gevoel": number}]}, strict=True)
    text = '{"format": "klantcanvas", "version": 1, "canvas": "user-flow", "data": {"stappen": [{"gevoel": 1e999}]}}'
    with pytest.raises(ImportProblem, match="heel getal"):
        parse_saved_file(_flow(), text)


def test_finding2_a_lone_surrogate_becomes_a_replacement_character(pyramid) -> None:  # type: ignore[no-untyped-def]
    filled = fill(pyramid, {"segment": "Bak\ud800kers \ud83d\ude00", "beslisser": ["\udfff"]})
    assert filled.text("segment") == "Bak\ufffdkers \U0001F600"  # a split pair is joined again
    assert filled.items("beslisser") == ("\ufffd",)
    saved_file(filled).encode("utf-8")  # no UnicodeEncodeError


def test_finding3_xml_illegal_code_points_are_removed(pyramid) -> None:  # type: ignore[no-untyped-def]
    filled = fill(pyramid, {"segment": "a\uffffb\ufffec\x00d\x85e\u200f\u0301"})
    assert filled.text("segment") == "abcde\u200f\u0301"  # RTL mark and combining accent stay


def test_finding5_a_text_cut_at_its_limit_reads_back_exactly(pyramid) -> None:  # type: ignore[no-untyped-def]
    limit = pyramid.field("segment").max_length
    filled = fill(pyramid, {"segment": "x" * (limit - 1) + " yz"})
    assert filled.text("segment") == "x" * (limit - 1)  # not ending in the space it was cut after
    again = parse_saved_file(pyramid, saved_file(filled))
    assert again.values == filled.values


def test_finding6_a_hidden_field_is_blank() -> None:
    data = {"stappen": [
        {"soort": "actie", "tekst": "Kiest datum", "takken": [{"label": "Nee", "naar": 1}]},
        {"soort": "beslissing", "tekst": "Betalen?", "takken": [{"label": "Ja", "naar": 1}]},
        {"soort": "einde", "takken": [{"label": "Alleen verborgen"}]},
    ]}
    for strict in (False, True):
        steps = fill(_flow(), data, strict=strict).values["stappen"]
        assert steps[0]["takken"] == () and steps[1]["takken"][0]["label"] == "Ja"
        assert len(steps) == 3 and steps[2]["takken"] == ()
    # A step whose only content was hidden is empty, so it is dropped.
    only_hidden = fill(_flow(), {"stappen": [{"takken": [{"label": "Nee"}]}]})
    assert only_hidden.values["stappen"] == ()


def test_blank_characters_are_exactly_what_leaves_a_text_empty(pyramid) -> None:  # type: ignore[no-untyped-def]
    ranges = blank_characters()
    blank = {code for first, last in ranges for code in range(first, last + 1)}
    assert {0x20, 0x09, 0x0A, 0xA0, 0x3000, 0x00, 0x7F, 0xFFFE} <= blank and not {0xFEFF, 0x200B, 0x41} & blank
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert {ord(c) for c in everything if not has_content(clean_text(c))} == blank  # none beyond the BMP
    for code in sorted(blank)[::7]:
        assert fill(pyramid, {"segment": f"{chr(code)} {chr(code)}"}).is_empty(), hex(code)
