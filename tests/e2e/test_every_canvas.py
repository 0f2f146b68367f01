"""Every canvas in the catalog, end to end: fill by label, load the example, download every format.
A new definition is tested here without writing a new test."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from pagetools import download, open_canvas, pdf_reader, wait_for_preview_text
from PIL import Image

from klantcanvas import fill
from klantcanvas.catalog import all_canvases

CANVASES = sorted(all_canvases())


def _first_text_field(canvas):  # type: ignore[no-untyped-def]
    return next(f for f in canvas.fields if f.kind in ("text", "textarea"))


@pytest.mark.parametrize("canvas_id", CANVASES)
def test_canvas_fills_previews_and_downloads(page, base_url, canvas_id: str) -> None:  # type: ignore[no-untyped-def]
    canvas = all_canvases()[canvas_id]
    open_canvas(page, base_url, canvas_id)
    field = _first_text_field(canvas)
    page.get_by_label(field.label, exact=True).first.fill("Proefinvoer met ë en ï")
    wait_for_preview_text(page, "Proefinvoer met ë en ï")

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Laad het voorbeeld").click()
    example = fill(canvas, dict(canvas.example)).as_json_data()
    wait_for_preview_text(page, example[field.id][:40])
    assert page.locator(".kc-app").get_attribute("data-overflow") == ""

    _, pdf = download(page, "Download PDF")
    reader = pdf_reader(pdf)
    assert len(reader.pages) == 1
    assert canvas.title in " ".join(reader.pages[0].extract_text().split())

    _, png = download(page, "Download PNG")
    image = Image.open(io.BytesIO(png))
    assert image.width >= 2000 and len(image.convert("RGB").resize((60, 40)).getcolors(5000) or []) > 8

    _, svg = download(page, "Download SVG")
    assert ET.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"

    name, saved = download(page, "Download JSON")
    envelope = json.loads(saved)
    assert name == f"{canvas_id}.json" and envelope["canvas"] == canvas_id
    assert envelope["data"] == example
