"""The backup of every canvas in the browser: written clean, read back strictly."""

from __future__ import annotations

import json

import pytest

from klantcanvas import ImportProblem
from klantcanvas.workspace import MAX_VERSIONS, bundle, read_backup, read_bundle


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


def _v2(*canvases: object) -> str:
    return json.dumps({"format": "klantcanvas-werkruimte", "version": 2, "saved_at": "", "canvases": list(canvases)})


def test_versions_and_options_travel_with_their_canvas_and_read_back_exactly() -> None:
    versions = [
        {"name": "Workshop", "saved": "2026-03-01T10:00:00Z", "data": {"segment": "Bakkers"}, "options": {"paper": "A3", "orientation": "portrait"}},
        {"name": "Na interviews", "saved": "2026-03-08T10:00:00Z", "data": {"segment": "Bakkers", "beslisser": ["Eigenaar"]}},
    ]
    entries = [{"canvas": "klanttype-piramide", "name": "Bakkers", "changed": "2026-03-09", "data": {"segment": "Bakkers"},
                "options": {"paper": "A1", "orientation": "liggend"}, "versions": versions}]
    text = bundle(entries, "2026-03-10")
    written = json.loads(text)
    assert written["version"] == 2
    canvas = written["canvases"][0]
    assert canvas["options"] == {"paper": "A1"}  # an orientation the page does not offer is left out
    assert [v["name"] for v in canvas["versions"]] == ["Workshop", "Na interviews"]
    assert canvas["versions"][0]["options"] == {"paper": "A3", "orientation": "portrait"}
    assert canvas["versions"][1]["data"]["beslisser"] == ["Eigenaar"]
    backup = read_backup(text)
    assert backup.canvases == written["canvases"] and backup.skipped == []


def test_a_version_1_backup_still_reads_without_versions() -> None:
    text = json.dumps({"format": "klantcanvas-werkruimte", "version": 1, "canvases": [
        {"canvas": "persona", "name": "Femke", "changed": "", "data": {"persona_naam": "Femke"},
         "versions": [{"name": "genegeerd", "data": {}}]}]})
    assert read_bundle(text) == [{"canvas": "persona", "name": "Femke", "changed": "", "data": read_bundle(text)[0]["data"],
                                  "options": None, "versions": []}]
    assert read_bundle(text)[0]["data"]["persona_naam"] == "Femke"


def test_a_damaged_version_is_skipped_with_a_message_and_the_rest_is_read() -> None:
    good = {"name": "Goed", "saved": "2026", "data": {"segment": "x"}}
    text = _v2({"canvas": "klanttype-piramide", "name": "Bakkers", "data": {}, "versions": [
        good, {"name": "Kapot", "data": {"segment": ["geen tekst"]}}, "geen object", {"name": "Leeg", "data": None}]},
        {"canvas": "persona", "name": "Femke", "data": {}, "versions": "geen lijst"})
    backup = read_backup(text)
    assert [v["name"] for v in backup.canvases[0]["versions"]] == ["Goed"]
    assert backup.canvases[1]["versions"] == []
    assert len(backup.skipped) == 4
    assert "‘Kapot’ van ‘Bakkers’" in backup.skipped[0] and "moet een tekst zijn" in backup.skipped[0]
    assert "Versie ‘3’" in backup.skipped[1] and "Versie ‘Leeg’" in backup.skipped[2]
    assert "De versies van ‘Femke’" in backup.skipped[3]


def test_a_damaged_canvas_still_refuses_the_whole_file() -> None:
    with pytest.raises(ImportProblem, match="moet een tekst zijn"):
        read_backup(_v2({"canvas": "klanttype-piramide", "data": {"segment": []}, "versions": []}))


def test_more_versions_than_the_limit_keep_the_newest_and_say_so() -> None:
    many = [{"name": f"v{n}", "saved": "", "data": {}} for n in range(MAX_VERSIONS + 3)]
    backup = read_backup(_v2({"canvas": "persona", "name": "Veel", "data": {}, "versions": many}))
    assert [v["name"] for v in backup.canvases[0]["versions"]] == [f"v{n}" for n in range(3, MAX_VERSIONS + 3)]
    assert backup.skipped == [f"‘Veel’ had meer dan {MAX_VERSIONS} versies; de 3 oudste zijn niet ingelezen."]


def test_hostile_versions_are_cleaned_when_written() -> None:
    entries = [{"canvas": "persona", "name": "x", "data": {}, "versions": [
        None, {"name": "\ud800" + "n" * 300, "saved": ["x"], "data": {"persona_naam": 5}, "options": "A4"}]}]
    written = json.loads(bundle(entries))["canvases"][0]["versions"]
    assert written == [{"name": "\ufffd" + "n" * 119, "saved": "", "data": written[0]["data"], "options": None}]
    assert written[0]["data"]["persona_naam"] == "5"
    assert read_backup(bundle(entries)).canvases[0]["versions"] == written
