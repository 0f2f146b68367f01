"""PDFs have the right page size, the embedded Unicode font, selectable text and metadata."""

from __future__ import annotations

import io

import pytest

from klantcanvas.layouts import build_scene
from klantcanvas.paper import PAPERS, page
from klantcanvas.render.pdf import as_pdf

pypdf = pytest.importorskip("pypdf")
MM = 72 / 25.4


def _reader(pdf: bytes):  # type: ignore[no-untyped-def]
    return pypdf.PdfReader(io.BytesIO(pdf))


@pytest.mark.parametrize("paper", ["A4", "A1"])
def test_landscape_page_size_matches_the_paper(pyramid_example, paper) -> None:  # type: ignore[no-untyped-def]
    reader = _reader(as_pdf(build_scene(pyramid_example, page(paper, "landscape"))))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    short, long = PAPERS[paper]
    assert float(box.width) == pytest.approx(long * MM, abs=0.5)
    assert float(box.height) == pytest.approx(short * MM, abs=0.5)


def test_portrait_is_taller_than_wide(pyramid_example) -> None:  # type: ignore[no-untyped-def]
    box = _reader(as_pdf(build_scene(pyramid_example, page("A4", "portrait")))).pages[0].mediabox
    assert float(box.height) > float(box.width)


def test_text_is_selectable_and_accented_letters_survive(pyramid_example) -> None:  # type: ignore[no-untyped-def]
    text = _reader(as_pdf(build_scene(pyramid_example, page("A4")))).pages[0].extract_text()
    for expected in ("Beïnvloeder", "Klanttype-piramide", "hygiëne", "€ 50.000", "Saboteur"):
        assert expected in text


def test_the_font_is_embedded_and_the_metadata_set(pyramid_example) -> None:  # type: ignore[no-untyped-def]
    pdf = as_pdf(build_scene(pyramid_example, page("A4")))
    reader = _reader(pdf)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in fonts.values()]
    assert descriptors and all("/FontFile2" in d for d in descriptors)
    assert all("Inter" in str(f.get_object()["/BaseFont"]) for f in fonts.values())
    assert reader.metadata.title == "Klanttype-piramide"
    assert reader.trailer["/Root"]["/Lang"] == "nl"


def test_the_same_canvas_gives_the_same_bytes(pyramid_example) -> None:  # type: ignore[no-untyped-def]
    scene = build_scene(pyramid_example, page("A4"))
    assert as_pdf(scene) == as_pdf(scene)


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("paper", list(PAPERS))
def test_every_paper_size_gets_its_mediabox(pyramid_example, paper, orientation) -> None:  # type: ignore[no-untyped-def]
    box = _reader(as_pdf(build_scene(pyramid_example, page(paper, orientation)))).pages[0].mediabox
    short, long = PAPERS[paper]
    width, height = (long, short) if orientation == "landscape" else (short, long)
    assert float(box.width) == pytest.approx(width * MM, abs=0.5)
    assert float(box.height) == pytest.approx(height * MM, abs=0.5)
