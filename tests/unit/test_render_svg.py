"""The SVG is well-formed, carries every text, escapes markup and keeps text inside its shapes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from klantcanvas import fill
from klantcanvas.layouts import build_scene
from klantcanvas.paper import page
from klantcanvas.render.svg import as_svg
from klantcanvas.scene import TextBox

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> list[str]:
    return [el.text or "" for el in ET.fromstring(svg).iter(f"{SVG}text")]


def test_svg_is_well_formed_and_sized_in_millimetres(pyramid_example) -> None:  # type: ignore[no-untyped-def]
    root = ET.fromstring(as_svg(build_scene(pyramid_example, page("A4"))))
    assert root.get("width") == "297mm" and root.get("height") == "210mm"
    assert root.get("viewBox") == "0 0 297 210"
    assert root.find(f"{SVG}title").text == "Klanttype-piramide"


def test_the_pyramid_has_six_layers_and_an_apex(pyramid_example) -> None:  # type: ignore[no-untyped-def]
    root = ET.fromstring(as_svg(build_scene(pyramid_example, page("A4"))))
    assert len(root.findall(f"{SVG}polygon")) == 7
    joined = " ".join(_texts(as_svg(build_scene(pyramid_example, page("A4")))))
    for label in ("Klantsegment", "Beslisser", "Economische koper", "Aanbeveler", "Beïnvloeder", "Eindgebruiker", "Saboteur", "Buiten de organisatie"):
        assert label in joined


def test_user_markup_stays_literal_text(pyramid) -> None:  # type: ignore[no-untyped-def]
    evil = ['<script>alert(1)</script>', '<img src=x onerror="alert(2)">', "a & b ]]> c"]
    svg = as_svg(build_scene(fill(pyramid, {"buiten": evil, "segment": "</svg><svg onload=alert(3)>"}), page("A4")))
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}img"))
    assert all(not key.startswith("on") for el in root.iter() for key in el.attrib)
    joined = "".join(_texts(svg))
    assert "<script>alert(1)</script>" in joined and "onerror" in joined and "a & b ]]> c" in joined


def test_embedded_fonts_are_only_in_the_download_variant(pyramid_example) -> None:  # type: ignore[no-untyped-def]
    scene = build_scene(pyramid_example, page("A4"))
    assert "@font-face" not in as_svg(scene)
    embedded = as_svg(scene, embed_fonts=True)
    # The Latin pieces of both weights, and no other script: the example is Dutch.
    assert embedded.count("@font-face") == 2 and embedded.count("font/woff2;base64,") == 2
    assert "font-weight:400" in embedded and "font-weight:700" in embedded
    ET.fromstring(embedded)


def test_embedded_fonts_cover_every_character_shown_and_no_more(pyramid_example) -> None:  # type: ignore[no-untyped-def]
    from klantcanvas.fonts import web_faces

    scene = build_scene(pyramid_example, page("A4"))
    texts = {400: "", 700: ""}
    for box in _boxes(scene):
        for line in box.lines:
            texts[700 if line.weight == "bold" else 400] += line.text
    texts[400] += "Ωμέγα Привет"  # Greek and Cyrillic bring in their own pieces, for that weight only
    faces = web_faces(texts)
    for weight, text in texts.items():
        covered = set().union(*(f.codepoints for f in faces if f.weight == weight))
        assert {ord(ch) for ch in text} <= covered
    assert {f.file for f in faces} == {
        "Inter-Regular-latin.woff2", "Inter-Regular-greek.woff2", "Inter-Regular-cyrillic.woff2", "Inter-Bold-latin.woff2",
    }


def _boxes(scene) -> list[TextBox]:  # type: ignore[no-untyped-def]
    return [i for i in scene.items if isinstance(i, TextBox) and i.lines]


def test_long_text_shrinks_and_nothing_leaves_its_box_or_overlaps(pyramid) -> None:  # type: ignore[no-untyped-def]
    long = "Een heel lange omschrijving van een klanttype die maar doorgaat en doorgaat " * 3
    data = {f.id: ([long] * 6 if f.kind == "list" else long[:160]) for f in pyramid.fields}
    for size in ("A4", "A1"):
        scene = build_scene(fill(pyramid, data), page(size))
        boxes = _boxes(scene)
        for box in boxes:
            for line in box.lines:
                assert 0 <= box.x + line.dx and box.x + line.dx + line.width <= scene.width
                assert line.dx + line.width <= box.w + 1e-6
                assert line.baseline <= box.h + 1e-6
        for a in boxes:
            for b in boxes:
                if a is not b:
                    apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
                    assert apart, (a.role, b.role)


def test_overflow_is_reported_when_even_the_smallest_size_is_too_big(pyramid) -> None:  # type: ignore[no-untyped-def]
    data = {"beslisser": ["woord " * 33] * 40, "buiten": ["x" * 200] * 40}
    scene = build_scene(fill(pyramid, data), page("A4"))
    assert "beslisser" in scene.overflow and "buiten" in scene.overflow


def test_escaping_matches_the_standard_library() -> None:
    from xml.sax import saxutils

    from klantcanvas.render.svg import escape, quoteattr

    from xml.etree import ElementTree

    for text in ["plain", 'say "hi"', "it's", "both \" and '", "<b>&amp;</b>", "line\nbreak\ttab\r", ""]:
        # line breaks in text as character references: the same text, and every element on one line
        assert escape(text) == saxutils.escape(text).replace("\n", "&#10;").replace("\r", "&#13;")
        assert "\n" not in escape(text) and (ElementTree.fromstring(f"<t>{escape(text)}</t>").text or "") == text
        assert quoteattr(text) == saxutils.quoteattr(text)
