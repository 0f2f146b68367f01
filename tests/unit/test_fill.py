"""Form data and saved files become checked values; bad files give Dutch messages, never a crash."""

from __future__ import annotations

import json

import pytest

from klantcanvas import ImportProblem, fill, parse_saved_file, saved_file


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
