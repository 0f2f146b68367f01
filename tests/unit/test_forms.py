"""The generated form: a visible label and hint for every field, unique ids, escaped text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from klantcanvas import get_canvas
from klantcanvas.catalog import all_canvases
from klantcanvas.fill import content_rule
from klantcanvas.forms import render_form
from klantcanvas.model import Canvas, Field


class Collector(HTMLParser):
    """The tags of the block as listen.js builds it: inside the template the block waits in, and
    outside the row templates in it (those are the shapes of new rows)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.templates: list[bool] = []  # per open template: is it a row template?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "template":
            self.templates.append("data-kc-block" not in dict(attrs))
        elif not any(self.templates):
            self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self.templates.pop()


def _parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


def test_every_top_level_control_has_a_label_and_a_described_hint(language: str) -> None:
    for canvas in all_canvases().values():
        html = render_form(canvas)
        tags = _parse(html).tags
        ids = [a["id"] for _, a in tags if a.get("id")]
        assert len(ids) == len(set(ids)), canvas.id
        labelled = {a["for"] for t, a in tags if t == "label" and a.get("for")}
        for tag, attrs in tags:
            if tag in ("input", "textarea", "select") and attrs.get("data-value") is not None:
                assert attrs["id"] in labelled, (canvas.id, attrs)
                if attrs.get("aria-describedby"):
                    assert attrs["aria-describedby"] in ids


def _labels(fields: tuple[Field, ...]) -> list[str]:
    return [f.label for f in fields] + [l for f in fields for l in _labels(f.fields)]


def test_labels_and_hints_from_the_definition_are_shown(language: str) -> None:
    for canvas in all_canvases().values():
        html = render_form(canvas)
        for label in _labels(canvas.fields):
            assert f">{label}<" in html.replace("&#x27;", "'"), (canvas.id, label)


def test_download_buttons_name_their_format() -> None:
    html = render_form(get_canvas("klanttype-piramide"))
    for name in ("Download PDF", "Download PNG", "Download SVG", "Download JSON", "Laad het voorbeeld", "Wis alles"):
        assert f">{name}<" in html
    assert "Open een bewaard bestand (JSON, PDF, PNG, SVG, PowerPoint, Excel of Markdown)" in html


def test_lists_offer_named_add_buttons() -> None:
    html = render_form(get_canvas("klanttype-piramide"))
    assert ">Beslisser toevoegen<" in html and ">Saboteur toevoegen<" in html


def test_example_and_messages_are_embedded_as_safe_json() -> None:
    canvas = get_canvas("klanttype-piramide")
    html = render_form(canvas)
    example = re.search(r"<script type=\"application/json\" data-example>(.*?)</script>", html, re.S)
    assert example and json.loads(example.group(1))["segment"] == canvas.example["segment"]
    messages = re.search(r"data-messages>(.*?)</script>", html, re.S)
    assert messages and json.loads(messages.group(1))["clear_confirm"].startswith("Weet je zeker")


def test_the_content_rule_is_embedded_with_every_field_and_its_condition() -> None:
    flow = get_canvas("user-flow")
    html = render_form(flow)
    block = re.search(r"<script type=\"application/json\" data-content>(.*?)</script>", html, re.S)
    assert block and json.loads(block.group(1)) == json.loads(json.dumps(content_rule(flow)))
    rule = json.loads(block.group(1))
    assert [f["id"] for f in rule["fields"]] == [f.id for f in flow.fields]
    steps = next(f for f in rule["fields"] if f["kind"] == "group")["entries"]["fields"]
    assert any(f.get("show_when") == {"soort": "beslissing"} for f in steps)
    assert rule["blank"]["flag"] is False and rule["blank"]["scale"] is None
    assert rule["blank_characters"][0] == [0, 32]  # controls and the space


def test_definition_text_is_escaped() -> None:
    base = get_canvas("klanttype-piramide")
    evil_field = Field(id="x", label="<b>vet</b>", kind="text", hint='"><script>', placeholder="<i>")
    canvas = Canvas(base.id, "<Titel>", "", (evil_field,), base.layout, {}, paper="A4")
    html = render_form(canvas)
    assert "<b>vet</b>" not in html and "<script>" not in html.split("data-messages>")[0]
    assert "&lt;b&gt;vet&lt;/b&gt;" in html


def test_linked_fields_get_a_datalist_and_conditional_fields_their_condition() -> None:
    html = render_form(get_canvas("klanttype-piramide"))
    assert 'list="kc-suggest-klantsegmenten-segmenten-naam"' in html
    assert '<datalist id="kc-suggest-klantsegmenten-segmenten-naam" data-suggest-source="klantsegmenten/segmenten/naam">' in html
    flow = render_form(get_canvas("user-flow"))
    assert 'data-show-when="{&quot;soort&quot;: &quot;beslissing&quot;}"' in flow


def test_the_preview_offers_a_large_view_dialog_and_a_text_version() -> None:
    html = render_form(get_canvas("klanttype-piramide"))
    parser = Collector()
    parser.feed(html)
    ids = {a.get("id") for _, a in parser.tags}
    # The large view, a version opened read-only, and the workshop's room screen.
    dialogs = [a for tag, a in parser.tags if tag == "dialog"]
    assert len([d for d in dialogs if "data-viewer" in d]) == 1 and len(dialogs) == 3
    assert all(d["aria-labelledby"] in ids and d["aria-describedby"] in ids for d in dialogs)
    assert '<button type="button" class="md-button" data-action="viewer-open">Groot bekijken</button>' in html
    for name in ("Inzoomen", "Uitzoomen", "Passend maken"):  # icon buttons have a name in words
        assert f'aria-label="{name}"' in html
    assert re.search(r'<details class="kc-text-version" data-text-version><summary>Tekstversie</summary>', html)
    # the text version and the large view sit in the preview column, right after the preview
    output = html[html.index('class="kc-output"'):]
    assert output.index("data-preview") < output.index("data-viewer") < output.index("data-text-version") < output.index("kc-downloads")


def test_an_entry_with_scales_in_a_row_is_marked_to_set_them_two_to_a_row() -> None:
    journey = render_form(get_canvas("customer-journey-canvas"))
    template = journey.split('data-field="contactmomenten"', 1)[1].split("</template>", 1)[0]
    assert '<fieldset class="kc-scales">' in template  # the emotion now and the desired one
    pyramid = render_form(get_canvas("klanttype-piramide"))
    assert "kc-scales" not in pyramid
