"""Every user-facing word comes from the catalogue (i18n/*.toml), engine and page alike.

The proof is the pseudo-locale ``qps``: with it active every message reads ``⟦key⟧`` (followed by
its placeholders' values). Every canvas is rendered with it (form, scene, SVG, Markdown, PowerPoint
spec, Excel, JSON, file names) for the worked example, an empty canvas and a canvas filled to the
brim. What comes from the definitions and from the user is taken out; no letter may remain.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import fields as dataclass_fields, is_dataclass, replace
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable, Iterator
from xml.etree import ElementTree

import pytest

from klantcanvas import fill, get_canvas
from klantcanvas.catalog import all_canvases, canvas_ids
from klantcanvas.export import FORMATS, export, filename
from klantcanvas.fill import saved_file
from klantcanvas.forms import EXPORT_FORMATS, render_form, template_files
from klantcanvas.i18n import (
    DEFAULT_LANGUAGE, PSEUDO, current_language, format_date, format_number, locale_tag, messages, placeholders, t,
    use_locale,
)
from klantcanvas.layouts import build_scene
from klantcanvas.model import Canvas, Layout, frozen_mapping
from klantcanvas.paper import page
from klantcanvas.render.markdown import as_markdown
from klantcanvas.render.pptx_spec import as_pptx_spec
from klantcanvas.render.svg import as_svg
from klantcanvas.scene import TextBox


SRC = Path(__file__).resolve().parents[2] / "src" / "klantcanvas"
PAGE_SCRIPTS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "klantcanvas"

#: Words that may remain although no catalogue message holds them. Keep this tiny.
ALLOWED_WORDS = {
    "Klantcanvas",  # the product's name (xlsx author), not a word to translate
    "klantcanvas",  # the saved file's format id ("format": "klantcanvas"), read back by the importer
}
#: Paper sizes (A4, a0 in file names): ISO 216 names, the same in every language.
PAPER = re.compile(r"(?<!\w)[Aa][0-9](?!\w)")
#: A message in the pseudo-locale: ⟦key⟧.
MARKED = re.compile(r"⟦[a-z_0-9.]+⟧")
#: User data of the brim-full canvas: digits and spaces only, so it can never hide a word.
USER_TEXT = "1234 5678 " * 80
SAVED_AT = "2026-11-23T10:00:00Z"


# --- what the definitions and the user contribute ----------------------------------------------

def _strings(value: Any) -> Iterator[str]:
    """Every string inside ``value`` (mappings, sequences, dataclasses), also line by line."""
    if isinstance(value, str):
        yield value
        for line in value.split("\n"):
            yield line.strip()
    elif is_dataclass(value):  # Canvas, Field, Option, Layout
        for f in dataclass_fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, dict) or hasattr(value, "items"):
        for key, item in value.items():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _definition_strings(canvas: Canvas) -> list[str]:
    """Title, summary, labels, hints, placeholders, options, layout options and worked example of
    ``canvas``, and the other canvases' titles (a hint may name one), longest first. Per canvas, so
    a word in one canvas's example ("Ja" in the user flow) cannot hide the same word elsewhere."""
    found = {s for s in _strings(canvas) if s.strip()} | {c.title for c in all_canvases().values()}
    # A legend names a persona by the text up to its first comma (layouts.journey_lines.short_name).
    found |= {s.split(",")[0].strip() for s in found if "," in s and s.split(",")[0].strip()}
    return sorted(found, key=len, reverse=True)


@cache
def definition_strings(canvas_id: str) -> list[str]:
    return _definition_strings(get_canvas(canvas_id))


def leftover(text: str, canvas: Canvas) -> list[str]:
    """The words in ``text`` that come neither from the catalogue, nor the definition, nor the user."""
    text = MARKED.sub(" ", text)
    shipped = canvas is get_canvas(canvas.id)
    for s in definition_strings(canvas.id) if shipped else _definition_strings(canvas):
        if s in text:
            text = re.sub(rf"(?<!\w){re.escape(s)}(?!\w)", " ", text)
    text = PAPER.sub(" ", text)
    return [word for word in re.findall(r"[^\W\d_]+", text) if word not in ALLOWED_WORDS]


def assert_no_stray_words(texts: Iterable[str], canvas: Canvas, where: str) -> None:
    stray = {(text[:120], tuple(words)) for text in texts if (words := leftover(text, canvas))}
    assert not stray, f"{where}: words outside the catalogue: {sorted(stray)[:10]}"


# --- what each output shows ---------------------------------------------------------------------

SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "label", "data-item-name", "data-format-label"}


class _Shown(HTMLParser):
    """Text a visitor sees or hears in the form: text nodes, labelling attributes, and the strings
    of the JSON blocks (the page script's messages and the worked example)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._script = tag == "script"
        self.texts += [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:  # the page script fills the messages' {placeholders} itself
            self.texts += [re.sub(r"\{[a-z_]+\}", " ", s) for s in _strings(json.loads(data))]
        elif data.strip():
            self.texts.append(data)


def form_texts(canvas: Canvas) -> list[str]:
    parser = _Shown()
    parser.feed(render_form(canvas))
    return parser.texts


def scene_texts(scene) -> list[str]:  # type: ignore[no-untyped-def]
    """The source paragraphs of every text box (before wrapping) and the scene's title."""
    return [scene.title] + [p.text for item in scene.items if isinstance(item, TextBox) for p in item.paras]


def svg_texts(svg: str, scene) -> list[str]:  # type: ignore[no-untyped-def]
    """The SVG's title, description and label; its drawn lines must be exactly the scene's lines."""
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    drawn = [el.text or "" for el in root.iter(f"{ns}text")]
    assert drawn == scene.texts()
    return [root.findtext(f"{ns}title") or "", root.findtext(f"{ns}desc") or "", root.get("aria-label") or ""]


def pptx_texts(spec: dict[str, Any]) -> list[str]:
    texts = [spec["title"]]
    for item in spec["items"]:
        texts += [p["text"] for p in item.get("paragraphs", ())]
    return texts


def xlsx_texts(content: bytes) -> list[str]:
    """Shared strings, sheet names, table headers and the document properties."""
    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        for name in book.namelist():
            root = ElementTree.fromstring(book.read(name)) if name.endswith(".xml") else None
            if root is None:
                continue
            if name in ("xl/sharedStrings.xml", "docProps/core.xml"):
                # created/modified are W3CDTF timestamps for programs, not text for people
                texts += [el.text for el in root.iter()
                          if el.text and el.text.strip() and not el.tag.endswith(("}created", "}modified"))]
            elif name == "xl/workbook.xml":
                texts += [el.get("name", "") for el in root.iter() if el.tag.endswith("}sheet")]
            elif name.startswith("xl/tables/"):
                texts += [el.get("name", "") for el in root.iter() if el.tag.endswith("}tableColumn")]
    return texts


def json_texts(content: bytes) -> list[str]:
    """Every string of the saved file but ``saved_at``: an ISO timestamp the page passes in, for programs."""
    envelope = json.loads(content)
    assert envelope.pop("saved_at") == SAVED_AT
    return list(_strings(envelope))


def markdown_texts(md: str) -> list[str]:
    """The Markdown, its escapes undone (the definitions' own punctuation comes back)."""
    return re.sub(r"\\([^\sA-Za-z0-9])", r"\1", md).split("\n")


def _fillings(canvas: Canvas, stress_data: Any) -> dict[str, Any]:
    return {
        "example": fill(canvas, dict(canvas.example), strict=True),
        "empty": fill(canvas, {}),
        "full": fill(canvas, stress_data(canvas, USER_TEXT)),
    }


# --- the tests ------------------------------------------------------------------------------------

@pytest.mark.parametrize("canvas_id", canvas_ids())
def test_the_form_shows_only_catalogue_and_definition_words(canvas_id: str) -> None:
    canvas = get_canvas(canvas_id)
    with use_locale(PSEUDO):
        texts = form_texts(canvas)
        names = [name for _, name in template_files(canvas)]
    assert any(MARKED.search(text) for text in texts)  # the pseudo-locale reached the form
    assert_no_stray_words(texts, canvas, f"{canvas_id} form")
    stems = [name.removeprefix(canvas.id).rsplit(".", 1)[0].replace("-", " ") for name in names]
    assert_no_stray_words(stems, canvas, f"{canvas_id} templates")


@pytest.mark.parametrize("canvas_id", canvas_ids())
def test_every_export_shows_only_catalogue_definition_and_user_words(canvas_id: str, stress_data: Any) -> None:
    canvas = get_canvas(canvas_id)
    with use_locale(PSEUDO):
        for state, filled in _fillings(canvas, stress_data).items():
            for orientation in ("landscape", "portrait"):
                scene = build_scene(filled, page("A4", orientation))
                where = f"{canvas_id} ({state}, {orientation})"
                assert_no_stray_words(scene_texts(scene), canvas, f"{where} scene")
                assert_no_stray_words(svg_texts(as_svg(scene), scene), canvas, f"{where} SVG")
                assert_no_stray_words(pptx_texts(as_pptx_spec(scene)), canvas, f"{where} PowerPoint")
            assert_no_stray_words(markdown_texts(as_markdown(filled)), canvas, f"{canvas_id} ({state}) Markdown")
            assert_no_stray_words(xlsx_texts(export(filled, "xlsx").content), canvas, f"{canvas_id} ({state}) Excel")
            assert_no_stray_words(json_texts(saved_file(filled, SAVED_AT).encode()), canvas, f"{canvas_id} ({state}) JSON")
            for fmt, spec in FORMATS.items():
                name = filename(filled, fmt, "A3", "portrait")
                stem = name.removesuffix(f".{spec.extension}").removeprefix(canvas.id)
                assert_no_stray_words([stem.replace("-", " ")], canvas, f"{canvas_id} {fmt} file name")


#: Layout options with text; when a definition leaves one out, the layout takes the catalogue's.
TEXT_OPTIONS = ("in_label", "out_label", "overlap_heading", "overlap_label", "overlap_short", "outside_label",
                "scope_heading", "rows", "legend", "journey_heading")


@pytest.mark.parametrize("canvas_id", canvas_ids())
def test_the_layouts_own_words_come_from_the_catalogue(canvas_id: str, stress_data: Any) -> None:
    """The definitions name most headings and legends themselves; without them the layout's
    defaults show, and those come from the catalogue too."""
    shipped = get_canvas(canvas_id)
    text_options = TEXT_OPTIONS if shipped.layout.kind == "journey" else set(TEXT_OPTIONS) - {"rows"}  # a board's rows are sizes
    options = {k: v for k, v in shipped.layout.options.items() if k not in text_options}
    canvas = replace(shipped, layout=Layout(shipped.layout.kind, frozen_mapping(options)))
    with use_locale(PSEUDO):
        for data in (dict(canvas.example), stress_data(canvas, USER_TEXT)):
            scene = build_scene(fill(canvas, data), page("A4", "landscape"))
            assert_no_stray_words(scene_texts(scene), canvas, f"{canvas_id} without text options")


def test_the_check_finds_a_dutch_word_the_catalogue_does_not_hold() -> None:
    """The test above can fail: a hard-coded word, a wrong marker or a Dutch number word shows up."""
    persona, flow = get_canvas("persona"), get_canvas("user-flow")
    assert leftover("⟦render.more⟧ 3", persona) == []
    assert leftover("+ 3 meer", persona) == ["meer"]
    assert leftover("⟦render.yes⟧ Uitzoomen", persona) == ["Uitzoomen"]
    assert leftover("Download ⟦format.pdf⟧", persona) == ["Download"]
    assert leftover(f"{persona.title}: ⟦ui.form_heading⟧", persona) == []
    assert leftover(f"{persona.title}x", persona) != []  # a definition string counts only as a whole
    assert leftover("Nee", flow) == [] and leftover("Nee", persona) == ["Nee"]  # the flow's example says "Nee"


def test_the_dutch_rendering_has_no_markers_and_the_pseudo_one_has_them() -> None:
    canvas = get_canvas("klantreis-in-kaart")
    filled = fill(canvas, dict(canvas.example), strict=True)
    dutch = " ".join(scene_texts(build_scene(filled, page("A4", "landscape"))))
    with use_locale(PSEUDO):
        pseudo = " ".join(scene_texts(build_scene(filled, page("A4", "landscape"))))
    assert "⟦" not in dutch and t("render.made_with") in dutch
    assert "⟦render.made_with⟧" in pseudo and t("render.made_with") not in pseudo


# --- the catalogue itself ---------------------------------------------------------------------

def _keys_in_source() -> set[str]:
    keys: set[str] = set()
    for path in SRC.rglob("*.py"):
        keys |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9]*[a-z0-9])["']""", path.read_text("utf-8")))
    return keys


@pytest.mark.host_only
def test_every_key_the_engine_uses_is_in_the_dutch_catalogue() -> None:
    used = _keys_in_source()
    assert len(used) > 50  # the scan finds the calls
    # Keys the code builds from a prefix (t("format." + fmt), t(f"locale.month_{n}"), ...).
    used |= {f"format.{fmt}" for fmt in EXPORT_FORMATS}
    used |= {f"files.{o}" for o in ("landscape", "portrait")} | {f"ui.{o}" for o in ("landscape", "portrait")}
    used |= {f"locale.month_{n}" for n in range(1, 13)} | {f"render.journey_row_{n}" for n in range(1, 5)}
    used |= {f"ui.viewer_{k}" for k in ("zoom_in", "zoom_out", "fit")}
    assert sorted(used - set(messages(DEFAULT_LANGUAGE))) == []


@pytest.mark.host_only
def test_every_message_the_page_script_uses_is_in_the_catalogue() -> None:
    with use_locale(PSEUDO):
        form = render_form(get_canvas("persona"))
    client = json.loads(re.search(r"<script type=\"application/json\" data-messages>(.*?)</script>", form).group(1))
    used = set()
    for path in PAGE_SCRIPTS.glob("*.js"):
        used |= set(re.findall(r"\bmessages\.([a-z_]+)", path.read_text("utf-8")))
    assert len(used) > 20
    assert sorted(used - set(client)) == []


@pytest.mark.parametrize("language", [PSEUDO, "en"])
def test_other_catalogues_have_the_same_keys_and_placeholders_as_the_dutch_one(language: str) -> None:
    dutch, other = messages(DEFAULT_LANGUAGE), messages(language)
    assert set(other) == set(dutch)
    # {item_lower} is {item} with a small first letter, for languages that put it mid-sentence.
    same = lambda text: {"item" if p == "item_lower" else p for p in placeholders(text)}  # noqa: E731
    for key, text in dutch.items():
        assert same(other[key]) == same(text), key


def test_english_names_an_entry_in_lower_case_mid_sentence() -> None:
    assert "Fase toevoegen</button>" in render_form(all_canvases("nl")["customer-journey-canvas"])
    with use_locale("en"):
        html = render_form(all_canvases("en")["customer-journey-canvas"])
    assert "Add phase</button>" in html and 'data-item-name="Phase"' in html


def test_the_pseudo_locale_marks_every_message_and_keeps_its_values() -> None:
    with use_locale(PSEUDO):
        assert current_language() == PSEUDO
        assert t("ui.download", format="PDF") == "⟦ui.download⟧ PDF"
        assert t("render.made_with") == "⟦render.made_with⟧"
        assert locale_tag() == "qps-ploc"
    assert current_language() == DEFAULT_LANGUAGE
    assert t("ui.download", format="PDF") == "Download PDF"
    assert t("ui.download", PSEUDO, format="PDF") == "⟦ui.download⟧ PDF"


def test_use_locale_restores_the_language_after_an_error() -> None:
    with pytest.raises(RuntimeError), use_locale(PSEUDO):
        raise RuntimeError
    assert current_language() == DEFAULT_LANGUAGE


def test_an_unknown_language_fails_at_once() -> None:
    with pytest.raises(FileNotFoundError), use_locale("xx"):
        pass  # pragma: no cover


# --- dates and numbers ----------------------------------------------------------------------------

def test_dates_follow_the_locale() -> None:
    assert format_date("2026-11-23T10:00:00Z") == "23 november 2026"
    assert format_date("2026-03-01", "en") == "1 March 2026"
    with use_locale(PSEUDO):
        assert format_date("2026-11-23T10:00:00Z") == "⟦locale.date⟧ 23 ⟦locale.month_11⟧ 2026"


@pytest.mark.parametrize(("value", "dutch"), [
    (297.0, "297"), (1189, "1189"), (12345.5, "12.345,5"), (0.25, "0,25"), (-20000, "-20.000"),
])
def test_numbers_follow_the_locale(value: float, dutch: str) -> None:
    assert format_number(value) == dutch
    english = dutch.replace(".", "\0").replace(",", ".").replace("\0", ",")
    assert format_number(value, "en") == english


def test_the_form_tells_the_page_script_its_locale_and_format_names() -> None:
    form = render_form(get_canvas("klantsegmenten"))
    assert f'data-locale="{locale_tag()}"' in form and locale_tag() == "nl-NL"
    assert 'data-export="pptx" data-format-label="PowerPoint"' in form
    with use_locale(PSEUDO):
        pseudo = render_form(get_canvas("klantsegmenten"))
    assert 'data-locale="qps-ploc"' in pseudo and 'data-format-label="⟦format.pptx⟧"' in pseudo


def test_the_svg_description_writes_its_size_as_the_locale_does() -> None:
    canvas = get_canvas("persona")
    scene = build_scene(fill(canvas, {}), page("A0", "portrait"))
    assert "op 841 bij 1189 millimeter" in as_svg(scene)
    with use_locale("en"):
        assert "at 841 by 1189 millimetres" in as_svg(build_scene(fill(get_canvas("persona"), {}), page("A0", "portrait")))


def test_an_english_form_says_so_in_its_lang_locale_messages_and_templates() -> None:
    with use_locale("en"):
        form = render_form(get_canvas("klantrelaties"))
    assert 'lang="en-GB"' in form and 'data-locale="en-GB"' in form
    client = json.loads(re.search(r"<script type=\"application/json\" data-messages>(.*?)</script>", form).group(1))
    assert client["example"] == "Load the example" and client["share_bad_link"] == t("share.bad_link", "en")
    assert "klantrelaties-blank-a4.pdf" in form and "klantrelaties-leeg" not in form
    assert 'lang="nl-NL"' in render_form(get_canvas("klantrelaties"))
