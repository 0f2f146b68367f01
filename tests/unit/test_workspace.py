"""The backup of every canvas in the browser: written clean, read back strictly."""

from __future__ import annotations

import json

import pytest

from klantcanvas import ImportProblem
from klantcanvas.workspace import bundle, read_bundle


def test_backup_round_trips_every_canvas_with_its_name() -> None:
    entries = [
        {"canvas": "klanttype-piramide", "name": "Bakkers", "changed": "2026-11-23T10:00:00Z", "data": {"segment": "Bakkers"}},
        {"canvas": "persona", "name": "Femke", "changed": "", "data": {"persona_naam": "Femke"}},
        {"canvas": "bestaat-niet", "name": "weg", "data": {}},
    ]
    text = bundle(entries, "2026-11-23T12:00:00Z")
    back = read_bundle(text)
    assert [(e["canvas"], e["name"]) for e in back] == [("klanttype-piramide", "Bakkers"), ("persona", "Femke")]
    assert back[0]["data"]["segment"] == "Bakkers"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("geen json", "geen geldig JSON-bestand"),
        (json.dumps({"format": "klantcanvas", "version": 1, "canvas": "persona", "data": {}}), "geen back-up"),
        (json.dumps({"format": "klantcanvas-werkruimte", "version": 7, "canvases": []}), "nieuwere versie"),
        (json.dumps({"format": "klantcanvas-werkruimte", "version": 1, "canvases": [{"canvas": "zzz"}]}), "onbekend canvas"),
        (json.dumps({"format": "klantcanvas-werkruimte", "version": 1, "canvases": ["x"]}), "beschadigd"),
        (json.dumps({"format": "klantcanvas-werkruimte", "version": 1,
                     "canvases": [{"canvas": "klanttype-piramide", "data": {"segment": ["x"]}}]}), "moet een tekst zijn"),
    ],
)
def test_bad_backups_change_nothing_and_say_why(content: str, expected: str) -> None:
    with pytest.raises(ImportProblem, match=expected):
        read_bundle(content)


def test_finding5_export_all_then_import_all_gives_back_exactly_what_was_written() -> None:
    entries = [
        {"canvas": "persona", "name": "n" * 119 + " tweede", "changed": "2026 ", "data": {"persona_naam": "p" * 200 + " x"}},
        {"canvas": "user-flow", "name": "Flow\ud800\n\uffff", "data": {"stappen": [{"soort": "actie", "gevoel": 1e999}]}},
        {"canvas": "onbekend"}, "geen object", {"canvas": "persona", "name": 5, "changed": ["x"], "data": None},
    ]
    written = json.loads(bundle(entries, "2026-11-23"))["canvases"]
    assert [e["name"] for e in written] == ["n" * 119, "Flow\ufffd", "Persona"]
    assert read_bundle(bundle(entries, "2026-11-23")) == written


def test_a_bad_version_is_refused_without_echoing_it() -> None:
    text = json.dumps({"format": "klantcanvas-werkruimte", "version": ["x" * 10_000], "canvases": []})
    with pytest.raises(ImportProblem, match=r"versie \?") as problem:
        read_bundle(text)
    assert len(str(problem.value)) < 400
