"""Every canvas in the catalog, in every edition, end to end: fill by label, load the example,
download every format. A new definition or language is tested here without writing a new test;
labels and button names come from that language's definitions and catalogue."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from pagetools import download, open_canvas, pdf_reader, wait_for_preview_text
from PIL import Image

from klantcanvas import fill
from klantcanvas.catalog import all_canvases
from klantcanvas.forms import is_tabular
from klantcanvas.i18n import t

CANVASES = sorted(all_canvases())
#: language -> the path of its edition under the site root
EDITIONS = {"nl": "", "en": "en/"}


def _first_text_field(fields):  # type: ignore[no-untyped-def]
    """The first text field and its path, looking into the first entry of groups."""
    for f in fields:
        if f.kind in ("text", "textarea"):
            return f, [f.id]
        if f.kind == "group":
            found = _first_text_field(f.fields)
            if found:
                return found[0], [f.id, 0, *found[1]]
    return None


def _at(data, path):  # type: ignore[no-untyped-def]
    for key in path:
        data = data[key]
    return data


def _download(page, fmt: str, language: str) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    return download(page, t("ui.download", language, format=t(f"format.{fmt}", language)))


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("canvas_id", CANVASES)
def test_canvas_fills_previews_and_downloads(page, base_url, canvas_id: str, language: str) -> None:  # type: ignore[no-untyped-def]
    canvas = all_canvases(language)[canvas_id]
    open_canvas(page, base_url + EDITIONS[language], canvas_id)
    field, path = _first_text_field(canvas.fields)
    page.get_by_label(field.label, exact=True).first.fill("Proefinvoer met ë en ï")
    wait_for_preview_text(page, "Proefinvoer met ë en ï")

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=t("ui.example", language)).click()
    example = fill(canvas, dict(canvas.example)).as_json_data()
    wait_for_preview_text(page, _at(example, path)[:40])
    assert page.locator(".kc-app").get_attribute("data-overflow") == ""

    _, pdf = _download(page, "pdf", language)
    reader = pdf_reader(pdf)
    assert len(reader.pages) == 1
    assert canvas.title in " ".join(reader.pages[0].extract_text().split())

    _, png = _download(page, "png", language)
    image = Image.open(io.BytesIO(png))
    assert image.width >= 2000 and len(image.convert("RGB").resize((60, 40)).getcolors(5000) or []) > 8

    _, svg = _download(page, "svg", language)
    assert ET.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"

    name, md = _download(page, "md", language)
    assert name == f"{canvas_id}.md" and md.decode("utf-8").startswith(f"# {canvas.title}")

    excel = page.get_by_role("button", name=t("ui.download", language, format=t("format.xlsx", language)))
    if is_tabular(canvas):
        import openpyxl

        _, xlsx = _download(page, "xlsx", language)
        book = openpyxl.load_workbook(io.BytesIO(xlsx))
        cells = [str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None]
        assert _at(example, path)[:20] in " ".join(cells)
    else:
        assert excel.count() == 0

    name, saved = _download(page, "json", language)
    envelope = json.loads(saved)
    assert name == f"{canvas_id}.json" and envelope["canvas"] == canvas_id
    assert envelope["data"] == example
