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
