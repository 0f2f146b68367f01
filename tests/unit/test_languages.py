"""The English edition beside the Dutch one: one structural definition, translated texts as data,
nothing Dutch in an English render, and saved work that opens in either language.

The check for Dutch leftovers works like the pseudo-locale check in test_catalogue.py, the other
way round: every text of the Dutch catalogue and the Dutch definitions that English does not share
(a word like "Persona" or "Download" is both) must be absent from every English output.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from importlib.resources import files
from typing import Any, Iterator

import pytest

from klantcanvas import fill, parse_saved_file, saved_file
from klantcanvas.browser import handle
from klantcanvas.catalog import DefinitionError, all_canvases, canvas_ids, load_definition, translation_languages
from klantcanvas.export import FORMATS, export
from klantcanvas.i18n import DEFAULT_LANGUAGE, LANGUAGES, language_for, messages, t, use_locale
from klantcanvas.layouts import build_scene
from klantcanvas.model import Canvas, Field
from klantcanvas.paper import page
from klantcanvas.render.markdown import as_markdown
from klantcanvas.render.pptx_spec import as_pptx_spec
from klantcanvas.render.svg import as_svg
from klantcanvas.share import fragment, read_fragment
from klantcanvas.translation import definition_texts, translation_texts
from klantcanvas.workspace import bundle, read_bundle

def _catalogue_tests() -> Any:
    """test_catalogue.py's output readers (the tests run with --import-mode=importlib, here and in
    Pyodide, so one test module cannot import another by name)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("kc_catalogue_outputs", Path(__file__).with_name("test_catalogue.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_outputs = _catalogue_tests()
SAVED_AT = _outputs.SAVED_AT
form_texts, json_texts, markdown_texts = _outputs.form_texts, _outputs.json_texts, _outputs.markdown_texts
pptx_texts, scene_texts, svg_texts, xlsx_texts = _outputs.pptx_texts, _outputs.scene_texts, _outputs.svg_texts, _outputs.xlsx_texts

OTHER = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
DEFINITIONS = files("klantcanvas").joinpath("definitions")


def _raw(canvas_id: str, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    folder = DEFINITIONS if language == DEFAULT_LANGUAGE else DEFINITIONS.joinpath(language)
    return tomllib.loads(folder.joinpath(f"{canvas_id}.toml").read_text("utf-8"))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


# --- the translations are complete, and only texts --------------------------------------------

def test_every_published_language_but_dutch_has_definition_translations() -> None:
    assert OTHER and set(OTHER) <= set(translation_languages())


@pytest.mark.parametrize("language", OTHER)
@pytest.mark.parametrize("canvas_id", canvas_ids())
def test_a_translation_has_exactly_the_texts_of_the_dutch_definition(canvas_id: str, language: str) -> None:
    dutch, other = definition_texts(_raw(canvas_id)), translation_texts(_raw(canvas_id, language))
    assert sorted(set(dutch) - set(other)) == [], "texts missing from the translation"
    assert sorted(set(other) - set(dutch)) == [], "texts the Dutch definition does not have"
    for path, text in dutch.items():
        assert type(other[path]) is type(text) and bool(other[path]), path
    assert _raw(canvas_id, language).get("example"), "a translation has its own worked example"


def _structure(fields: tuple[Field, ...]) -> list[Any]:
    return [(f.id, f.kind, f.max_length, f.max_items, f.minimum, f.maximum, f.default, f.suggest,
             dict(f.show_when), [o.value for o in f.options], _structure(f.fields)) for f in fields]


@pytest.mark.parametrize("language", OTHER)
@pytest.mark.parametrize("canvas_id", canvas_ids())
def test_a_translated_canvas_has_the_dutch_structure_and_other_words(canvas_id: str, language: str) -> None:
    dutch, other = all_canvases(DEFAULT_LANGUAGE)[canvas_id], all_canvases(language)[canvas_id]
    assert other is not dutch and other is all_canvases(language)[canvas_id]  # loaded once per language
    assert _structure(other.fields) == _structure(dutch.fields)
    assert (other.layout.kind, other.paper, other.orientation, other.version) == (
        dutch.layout.kind, dutch.paper, dutch.orientation, dutch.version)
    assert other.summary != dutch.summary and other.example != dutch.example


def test_the_active_language_chooses_the_canvas() -> None:
    assert all_canvases()["klantrelaties"].title == "Klantrelaties"
    with use_locale("en"):
        assert all_canvases()["klantrelaties"].title == "Customer Relationships"
    with use_locale("qps"):  # no translations: the Dutch texts
        assert all_canvases()["klantrelaties"] is all_canvases(DEFAULT_LANGUAGE)["klantrelaties"]


@pytest.fixture
def probe(minimal_definition: str) -> str:
    """The minimal definition with a choice field and a worked example: all a translation may word."""
    choice = 'id = "b"\nlabel = "B"\nkind = "choice"\noptions = [{ value = "x", label = "Iks" }, { value = "y", label = "Ei" }]'
    text = minimal_definition.replace('title = "Probe"', 'title = "Proef"').replace('id = "b"\nlabel = "B"\nkind = "list"', choice)
    assert "Proef" in text and "Iks" in text
    return text + '[example]\na = "Tekst"\nb = "x"\nc = ["een", "twee"]\n'


def test_a_translation_puts_its_words_in_and_keeps_everything_else(probe: str) -> None:
    canvas = load_definition(probe, "probe.toml", 'title = "Probe"\n[fields.b]\nlabel = "Bee"\noptions = { y = "Why" }\n'
                             '[example]\na = "Text"\nb = "x"\nc = ["one", "two"]\n')
    assert canvas.title == "Probe" and canvas.field("b").label == "Bee"
    assert [(o.value, o.label) for o in canvas.field("b").options] == [("x", "Iks"), ("y", "Why")]
    assert canvas.field("a").label == "A" and canvas.example["c"] == ["one", "two"]


@pytest.mark.parametrize(("translation", "message"), [
    ('[fields.zz]\nlabel = "Zed"', "fields.zz.label: the definition has no such text"),
    ('[fields.a]\ncolour = "red"', "fields.a.colour: the definition has no such text"),
    ('[fields.b]\noptions = { z = "Zed" }', "fields.b.options.z: the definition has no such text"),
    ('[layout]\napex = "b"', "layout.apex: the definition has no such text"),
    ('kind = "board"', "unknown keys"),
    ('[fields.a]\nlabel = ["A"]', "must be a text"),
    ('[example]\na = "Text"\nb = "y"\nc = ["one", "two"]', "same ids, entries, choices"),
    ('[example]\na = "Text"\nb = "x"\nc = ["one"]', "same ids, entries, choices"),
    ('[example]\na = "Text"\nb = "x"\nc = ["one", "two"]\nzz = "Zed"', "example.zz: the definition has no such field"),
    ('[example]\na = 3', "example does not fit"),
])
def test_a_translation_cannot_add_change_or_reorder_anything(probe: str, translation: str, message: str) -> None:
    with pytest.raises(DefinitionError, match=re.escape(message)):
        load_definition(probe, "probe.toml", translation, "xx/probe.toml")


# --- nothing Dutch in an English render ------------------------------------------------------

def _chunks(text: str) -> Iterator[str]:
    """The literal pieces of a message around its {placeholders}."""
    for piece in re.split(r"\{[a-z_]+\}", text):
        piece = piece.strip(" .,:;!?()‘’“”\"'-–+/·…")
        if re.search(r"[^\W\d_]{2}", piece):
            yield piece


@cache
def dutch_only(language: str) -> tuple[str, ...]:
    """Every Dutch catalogue and definition text (examples included) that ``language`` does not
    use anywhere itself, nor as an id, field kind or option value (those are the same in every language)."""
    settings = ("locale.tag", "locale.decimal", "locale.group")
    dutch = [m for k, m in messages(DEFAULT_LANGUAGE).items() if k not in settings]
    other = [m for k, m in messages(language).items() if k not in settings]
    ids: set[str] = set()
    for canvas_id in canvas_ids():
        dutch += list(_strings(_raw(canvas_id)))
        other += list(_strings(_raw(canvas_id, language)))
        ids |= {canvas_id, _raw(canvas_id)["layout"]["kind"]}
        ids |= {s for f in _walk(all_canvases(DEFAULT_LANGUAGE)[canvas_id].fields) for s in (f.id, f.kind, *(o.value for o in f.options))}
    corpus = "\n".join(other)
    found = {c for text in dutch for c in _chunks(text)}
    return tuple(sorted(c for c in found - ids if not re.search(rf"(?<!\w){re.escape(c)}(?!\w)", corpus)))


def _walk(fields: tuple[Field, ...]) -> Iterator[Field]:
    for f in fields:
        yield f
        yield from _walk(f.fields)


def dutch_in(texts: list[str], language: str) -> list[str]:
    """The Dutch-only texts in ``texts``; canvas ids (in file names and saved files) are no words."""
    joined = "\n".join(texts)
    for canvas_id in canvas_ids():
        joined = joined.replace(canvas_id, " ")
    return [c for c in dutch_only(language) if c in joined and re.search(rf"(?<!\w){re.escape(c)}(?!\w)", joined)]


def english_outputs(canvas: Canvas, filled: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"form": form_texts(canvas)}
    for orientation in ("landscape", "portrait"):
        scene = build_scene(filled, page("A4", orientation))
        out[f"scene {orientation}"] = scene_texts(scene) + scene.texts()
        out[f"svg {orientation}"] = svg_texts(as_svg(scene), scene)
        out[f"pptx {orientation}"] = pptx_texts(as_pptx_spec(scene))
    out["markdown"] = markdown_texts(as_markdown(filled))
    out["xlsx"] = xlsx_texts(export(filled, "xlsx").content)
    out["json"] = json_texts(saved_file(filled, SAVED_AT).encode())
    out["file names"] = [export(filled, fmt, "A3", "portrait").filename for fmt in FORMATS if fmt != "png"]
    return out


@pytest.mark.parametrize("language", OTHER)
@pytest.mark.parametrize("canvas_id", canvas_ids())
def test_no_dutch_text_remains_in_a_rendering(canvas_id: str, language: str) -> None:
    assert len(dutch_only(language)) > 300 and "Laad het voorbeeld" in dutch_only(language)
    with use_locale(language):
        canvas = all_canvases()[canvas_id]
        for state, data in (("example", dict(canvas.example)), ("empty", {})):
            for where, texts in english_outputs(canvas, fill(canvas, data)).items():
                assert dutch_in(texts, language) == [], f"{canvas_id} ({state}) {where}"


def test_the_check_finds_dutch_in_an_english_output() -> None:
    assert dutch_in(["Made with Klantcanvas", "Persona", "Download PDF"], "en") == []
    assert dutch_in(["Gemaakt met Klantcanvas"], "en") == ["Gemaakt met Klantcanvas"]
    assert dutch_in(["+ 3 meer"], "en") == ["meer"]
    assert dutch_in(["Economische koper"], "en") == ["Economische koper"]


# --- the language of a request, a page or a command line ---------------------------------------

@pytest.mark.parametrize(("asked", "language"), [
    ("en", "en"), ("EN", "en"), ("en-GB", "en"), ("en_US", "en"), ("nl-NL", "nl"), ("fr", "nl"), ("", "nl"),
    (None, "nl"), (3, "nl"), (["en"], "nl"),
])
def test_language_for_knows_the_published_languages_and_else_answers_dutch(asked: object, language: str) -> None:
    assert language_for(asked) == language


def _ask(**request: Any) -> tuple[dict[str, Any], bytes | None]:
    meta, body = handle(json.dumps(request))
    return json.loads(meta), body


def test_the_facade_answers_in_the_language_of_the_request() -> None:
    for lang, title, tail in (("en", "Customer Type Pyramid", "landscape"), ("nl", "Klanttype-piramide", "liggend"),
                              ("fr", "Klanttype-piramide", "liggend"), (None, "Klanttype-piramide", "liggend")):
        request = {"canvas": "klanttype-piramide", "data": {}} | ({"lang": lang} if lang else {})
        meta, body = _ask(method="export", format="md", **request)
        assert body is not None and body.decode().startswith(f"# {title}\n"), lang
        meta, _ = _ask(method="export", format="pdf", **request)
        assert meta["filename"] == f"klanttype-piramide-a3-{tail}.pdf"
        meta, _ = _ask(method="preview", **request)
        assert f"<title>{title}</title>" in meta["svg"]
    assert _ask(method="nope", lang="en")[0]["message"] == t("request.unknown_method", "en", method="nope")
    assert _ask(method="import", canvas="persona", text="{", lang="en")[0]["message"] == t("import.not_json", "en")
    assert _ask(method="export_all", canvases=[], lang="en")[0]["filename"] == "klantcanvas-my-canvases.json"
    assert _ask(method="example", canvas="persona", lang="en")[0]["data"]["persona_naam"] == "Femke the commuter"


# --- one set of saved work ----------------------------------------------------------------------

@pytest.mark.parametrize(("made", "opened"), [("nl", "en"), ("en", "nl")])
@pytest.mark.parametrize("canvas_id", canvas_ids())
def test_a_saved_file_opens_and_renders_in_the_other_language(canvas_id: str, made: str, opened: str) -> None:
    with use_locale(made):
        source = all_canvases()[canvas_id]
        text = saved_file(fill(source, dict(source.example), strict=True), SAVED_AT)
    with use_locale(opened):
        canvas = all_canvases()[canvas_id]
        filled = parse_saved_file(canvas, text)
        markdown = as_markdown(filled)
    assert filled.as_json_data() == json.loads(text)["data"]  # ids and option values, never labels
    assert markdown.startswith(f"# {canvas.title}\n") and canvas.summary in markdown and source.summary not in markdown
    labels = [f.label for f in canvas.fields]
    assert all(label in markdown for label in labels if label not in {f.label for f in source.fields})
    for f in canvas.fields:
        value = filled.values[f.id]
        if f.kind == "choice" and value:
            assert canvas.field(f.id).option_label(value) in markdown


def test_saved_data_is_the_same_whichever_language_saved_it() -> None:
    for canvas_id in canvas_ids():
        data = dict(all_canvases("nl")[canvas_id].example)
        dutch = json.loads(saved_file(fill(all_canvases("nl")[canvas_id], data)))
        with use_locale("en"):
            english = json.loads(saved_file(fill(all_canvases("en")[canvas_id], data)))
        assert dutch["data"] == english["data"] and dutch["canvas"] == english["canvas"]


def test_a_share_link_made_on_dutch_opens_on_english() -> None:
    meta, _ = _ask(method="example", canvas="persona", lang="nl")
    link, _ = _ask(method="share", canvas="persona", data=meta["data"], lang="nl", page_url="https://example.org/p/")
    opened, _ = _ask(method="open_link", canvas="persona", fragment=link["fragment"], lang="en")
    assert opened["ok"] and opened["data"] == meta["data"] and opened["data"]["klanttype"] == "beslisser"
    with use_locale("en"):
        canvas = all_canvases()["persona"]
        assert read_fragment(canvas, fragment(fill(all_canvases("nl")["persona"], meta["data"]))).values["naam"] == "Femke de Vries"
        assert "Decision maker" in as_markdown(fill(canvas, opened["data"]))


def test_a_workspace_backup_made_on_dutch_reads_back_on_english() -> None:
    entries = [{"canvas": cid, "name": f"Werk {n}", "changed": SAVED_AT, "data": dict(all_canvases("nl")[cid].example)}
               for n, cid in enumerate(canvas_ids())]
    text = bundle(entries, SAVED_AT)
    with use_locale("en"):
        back = read_bundle(text)
    assert [(e["canvas"], e["name"], e["data"]) for e in back] == [
        (e["canvas"], e["name"], e["data"]) for e in json.loads(text)["canvases"]]
