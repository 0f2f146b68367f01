"""axe-core on every built page, in the light and the dark colour scheme; on a method page with an
empty canvas and again with the worked example loaded and its text version open. Any violation
of the WCAG 2.0/2.1/2.2 A and AA rules, or of axe's best practices, fails the test.

Also the preview's text alternatives: the SVG has a title and a description, and the text
version lists the canvas in reading order, the same text as the Markdown export."""

from __future__ import annotations

from pathlib import Path

import pytest
from pagetools import download, open_canvas, serve_asset, wait_for_preview_text

from klantcanvas.i18n import t

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NO_TRANSITIONS = b"*, *::before, *::after { transition: none !important; }"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCHEMES = {"light": "default", "dark": "slate"}
#: Both editions: the Dutch one at the root, the English one under en/.
EDITIONS = ("", "en/")
PAGES = [f"{edition}{page}" for edition in EDITIONS for page in ("", "over/", "toegankelijkheid/")]
CANVASES = sorted(p.stem for p in (ROOT / "docs" / "methoden").glob("*.md") if "." not in p.stem)


def _use_scheme(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Switch the scheme with Material's own palette switch, as the header toggle does.

    Not through the system preference: Material answers a change of it, on a busy machine
    possibly after this call, by re-applying the palette it stored when the page loaded."""
    page.emulate_media(reduced_motion="reduce")
    page.add_style_tag(url=serve_asset(page, "no-transitions.css", NO_TRANSITIONS, "text/css"))  # no colours mid-fade
    page.evaluate("s => document.querySelector(`input[data-md-color-scheme='${s}']`).click()", SCHEMES[name])
    # the page really renders in that scheme: white background in light, dark in dark
    page.wait_for_function(
        "dark => (getComputedStyle(document.body).backgroundColor === 'rgb(255, 255, 255)') !== dark",
        arg=name == "dark",
    )


def _violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(url=serve_asset(page, "axe.min.js", AXE.read_bytes(), "text/javascript"))
    # From the top: Material's header is fixed, so whatever a scroll leaves under it would count
    # as a target crowded by the search field, which depends on where the scroll stopped.
    page.evaluate("() => window.scrollTo(0, 0)")
    found = page.evaluate(
        """async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))
            .violations.map(v => `${v.id} (${v.nodes.length}): ` + v.nodes.slice(0, 4)
            .map(n => n.target.join(' ') + ' -- ' + n.failureSummary.replace(/\\s+/g, ' ')
              + ' [near: ' + n.any.concat(n.all, n.none).flatMap(c => c.relatedNodes).map(r => r.target.join(' ')).join(', ') + ']').join(' | '))""",
        TAGS,
    )
    return list(found)


def _check_both_schemes(page, what: str) -> list[str]:  # type: ignore[no-untyped-def]
    problems = []
    for name in SCHEMES:
        _use_scheme(page, name)
        problems += [f"{what}, {name}: {v}" for v in _violations(page)]
    return problems


def test_every_built_page_is_a_page_the_checks_visit(built_site: Path) -> None:
    built = {str(p.parent.relative_to(built_site)) for p in built_site.rglob("index.html") if "assets" not in p.parts}
    expected = {"."} | {p.rstrip("/") for p in PAGES if p} | {f"{e}methoden/{c}" for e in EDITIONS for c in CANVASES}
    assert built == expected


@pytest.mark.parametrize("path", PAGES)
def test_a_content_page_has_no_axe_violations(page, base_url, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + path)
    assert _check_both_schemes(page, path or "home") == []


@pytest.mark.parametrize(("edition", "language"), [("", "nl"), ("en/", "en")])
@pytest.mark.parametrize("canvas_id", CANVASES)
def test_a_method_page_has_no_axe_violations_empty_and_with_the_example(  # type: ignore[no-untyped-def]
    page, base_url, canvas_id: str, edition: str, language: str
) -> None:
    page.on("dialog", lambda d: d.accept())
    open_canvas(page, base_url + edition, canvas_id)
    page.wait_for_selector(".kc-preview svg")
    problems = _check_both_schemes(page, f"{canvas_id}, empty")

    page.get_by_role("button", name=t("ui.example", language)).click()
    page.wait_for_function("() => [...document.querySelectorAll('form[data-scope] [data-value]')].some(c => c.value)")
    page.get_by_text(t("ui.text_version", language), exact=True).click()
    page.locator("[data-text-version-body]").get_by_role("heading").first.wait_for()
    problems += _check_both_schemes(page, f"{canvas_id}, example")
    assert problems == []


def test_the_preview_has_a_title_a_description_and_a_text_version_like_the_markdown(page, base_url) -> None:  # type: ignore[no-untyped-def]
    open_canvas(page, base_url, "klanttype-piramide")
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Gemeenten in Drenthe")
    page.get_by_role("textbox", name="Beslisser 1", exact=True).fill("Wethouder *economie*")
    wait_for_preview_text(page, "Wethouder *economie*")
    svg = page.locator(".kc-preview svg")
    assert svg.get_attribute("role") == "group"  # its items can be edited on the canvas (issue 17)
    assert svg.locator("title").text_content() == "Klanttype-piramide"
    assert "Klanttype-piramide" in svg.locator("desc").text_content()
    assert page.get_by_role("group", name="Klanttype-piramide").count() == 1

    page.get_by_text("Tekstversie", exact=True).click()
    body = page.locator("[data-text-version-body]")
    body.get_by_role("heading", name="Beslisser").wait_for()
    headings = body.get_by_role("heading").all_inner_texts()
    assert headings[:3] == ["Klanttype-piramide", "Klantsegment", "Beslisser"]
    assert body.get_by_role("listitem").first.inner_text() == "Wethouder *economie*"

    _, markdown = download(page, "Download Markdown")
    text = markdown.decode("utf-8")
    for heading in headings:  # the same sections, in the same order
        assert f" {heading}\n" in text
    assert [line.lstrip("# ") for line in text.splitlines() if line.startswith("#")] == headings
    assert "- Wethouder \\*economie\\*" in text

    # typing again updates the open text version
    page.get_by_role("combobox", name="Klantsegment", exact=True).fill("Waterschappen")
    body.get_by_text("Waterschappen", exact=True).wait_for()


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1400, "height": 1000}], ids=["phone", "wide"])
def test_the_versions_controls_have_no_axe_violations(page, base_url, viewport) -> None:  # type: ignore[no-untyped-def]
    """The "Versies" block open with two versions and a comparison shown, and a version open read-only."""
    page.set_viewport_size(viewport)
    names = ["Workshop", "Na interviews"]
    page.on("dialog", lambda d: d.accept(names.pop(0)) if d.type == "prompt" else d.accept())
    open_canvas(page, base_url, "klanttype-piramide")
    page.get_by_role("button", name="Laad het voorbeeld").click()
    page.locator("[data-versions] summary").click()
    page.get_by_role("button", name="Bewaar versie").click()
    page.get_by_role("button", name="Open versie Workshop").wait_for()
    page.get_by_role("textbox", name="Beslisser 1", exact=True).fill("Wethouder")
    page.get_by_role("button", name="Bewaar versie").click()
    page.get_by_role("button", name="Vergelijk", exact=True).click()
    page.locator("[data-compare-preview] svg").wait_for()
    problems = _check_both_schemes(page, "versions, compared")
    page.get_by_role("button", name="Open versie Workshop").click()
    page.locator("[data-version-view][data-shown] svg").wait_for()
    problems += _check_both_schemes(page, "versions, one open")
    assert problems == []


@pytest.mark.parametrize("picker", [True, False], ids=["file-on-disk", "backup"])
def test_the_storage_panel_has_no_axe_violations(context, base_url, picker: bool) -> None:  # type: ignore[no-untyped-def]
    """"Waar je werk staat" open in "Mijn canvassen": with "Bewaar op schijf…" (Chrome, Edge) and
    with "Download een back-up" (Firefox, Safari), after a change has been stored."""
    if not picker:
        context.add_init_script("delete window.showSaveFilePicker;")
    page = open_canvas(context.new_page(), base_url, "persona", wait_ready=False)
    page.get_by_role("textbox", name="Naam", exact=True).fill("Ilse")
    page.get_by_text("Mijn canvassen:").click()
    page.get_by_role("region", name="Waar je werk staat").get_by_text("MB in gebruik").wait_for()
    assert _check_both_schemes(page, "storage panel") == []
