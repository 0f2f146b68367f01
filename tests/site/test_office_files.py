"""Every PowerPoint and Excel file Klantcanvas makes is valid Office Open XML, so Microsoft Office
opens it without a repair: each is checked against the ECMA-376 schemas by openxml-audit, for the
first edition (Office 2007) and for Microsoft 365, in its strict policy. The matrix: the worked
example of every canvas on A4 in its own orientation and on A0 in the other, in both languages,
and every blank template of the built site. A golden file pins the structure of the package and of the slide, so a
pptxgenjs upgrade that brings back one of the upstream defects (docs/assets/klantcanvas/
pptx-tidy.js) fails here. Regenerate it deliberately with KLANTCANVAS_REGENERATE_GOLDEN=1."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from klantcanvas.catalog import all_canvases
from klantcanvas.export import export
from klantcanvas.fill import fill
from klantcanvas.i18n import LANGUAGES, use_locale

openxml_audit = pytest.importorskip("openxml_audit")

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden" / "pptx-structure.json"
REGENERATE = os.environ.get("KLANTCANVAS_REGENERATE_GOLDEN") == "1"
TARGETS = (openxml_audit.FileFormat.OFFICE_2007, openxml_audit.FileFormat.MICROSOFT_365)
OTHER = {"portrait": "landscape", "landscape": "portrait"}


def _findings(path: Path) -> list[str]:
    found = []
    for target in TARGETS:
        result = openxml_audit.OpenXmlValidator(file_format=target, max_errors=0, strict=True).validate(path)
        found += [f"{target.value}: {error}" for error in result.errors]
    return found


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The filled example of every canvas as .pptx (A4 and A0) and .xlsx, in every language."""
    folder = tmp_path_factory.mktemp("office")
    files: dict[str, Path] = {}
    pairs: list[str] = []
    for language in LANGUAGES:
        with use_locale(language):
            for canvas_id, canvas in all_canvases(language).items():
                filled = fill(canvas, dict(canvas.example), strict=True)
                for paper, orientation in (("A4", canvas.orientation), ("A0", OTHER[canvas.orientation])):
                    name = f"{language}-{canvas_id}-{paper}-{orientation}"
                    (folder / f"{name}.json").write_bytes(export(filled, "pptx", paper, orientation).content)
                    pairs += [str(folder / f"{name}.json"), str(folder / f"{name}.pptx")]
                    files[f"{name}.pptx"] = folder / f"{name}.pptx"
                (folder / f"{language}-{canvas_id}.xlsx").write_bytes(export(filled, "xlsx").content)
                files[f"{language}-{canvas_id}.xlsx"] = folder / f"{language}-{canvas_id}.xlsx"
    subprocess.run(["node", str(ROOT / "tests/js/spec_to_pptx.mjs"), *pairs], check=True, cwd=ROOT, timeout=600)
    return files


def test_every_powerpoint_and_excel_file_is_valid_office_open_xml(office_files: dict[str, Path]) -> None:
    assert len(office_files) == len(LANGUAGES) * len(all_canvases()) * 3
    findings = {name: found for name, path in office_files.items() if (found := _findings(path))}
    assert findings == {}, json.dumps(findings, indent=1)[:6000]


def test_every_blank_template_is_valid_office_open_xml(built_site: Path) -> None:
    templates = sorted((built_site / "assets" / "templates").glob("*.pptx"))
    assert len(templates) >= len(LANGUAGES) * len(all_canvases())
    findings = {path.name: found for path in templates if (found := _findings(path))}
    assert findings == {}, json.dumps(findings, indent=1)[:6000]


def test_the_validator_finds_the_upstream_defect_the_tidy_step_removes(office_files: dict[str, Path], tmp_path: Path) -> None:
    """The check can fail: the order pptxgenjs writes (slide list before the notes master list) is refused."""
    source = next(path for name, path in office_files.items() if name.endswith(".pptx"))
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(broken, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "ppt/presentation.xml":
                text = data.decode("utf-8")
                slides = re.search(r"<p:sldIdLst>.*?</p:sldIdLst>", text)
                assert slides
                text = text.replace(slides.group(0), "").replace("</p:sldMasterIdLst>", "</p:sldMasterIdLst>" + slides.group(0))
                text = text.replace("<p:sldSz", '<p:notesMasterIdLst><p:notesMasterId r:id="rId99"/></p:notesMasterIdLst><p:sldSz')
                data = text.encode("utf-8")
            copy.writestr(item, data)
    assert any("notesMasterIdLst" in finding for finding in _findings(broken))


def _shape(element: ElementTree.Element, path: str = "") -> set[str]:
    """Every element path under ``element`` with its attribute names: the structure, not the values."""
    tag = re.sub(r"\{[^}]+\}", "", element.tag)
    here = f"{path}/{tag}" + (f"[{','.join(sorted(re.sub(r'{[^}]+}', '', a) for a in element.attrib))}]" if element.attrib else "")
    found = {here}
    for child in element:
        found |= _shape(child, here)
    return found


def _structure(pptx: bytes) -> dict[str, object]:
    with zipfile.ZipFile(io.BytesIO(pptx)) as package:
        names = sorted(package.namelist())
        types = ElementTree.fromstring(package.read("[Content_Types].xml"))
        presentation = ElementTree.fromstring(package.read("ppt/presentation.xml"))
        slide = ElementTree.fromstring(package.read("ppt/slides/slide1.xml"))
    local = lambda element: re.sub(r"\{[^}]+\}", "", element.tag)  # noqa: E731
    return {
        "parts": names,
        "content_types": sorted(f"{local(t)} {t.get('Extension') or t.get('PartName')} {t.get('ContentType')}" for t in types),
        "presentation_children": [local(child) for child in presentation],
        "slide_elements": sorted(_shape(slide)),
    }


def test_the_package_and_slide_structure_match_the_golden_file(office_files: dict[str, Path]) -> None:
    """Every text box stays a native, editable shape (p:sp with p:txBody); nothing is a picture."""
    structure = _structure(office_files["nl-customer-journey-canvas-A4-landscape.pptx"].read_bytes())
    elements = structure["slide_elements"]
    assert isinstance(elements, list)
    bare = {re.sub(r"\[[^]]*\]", "", e) for e in elements}
    assert "/sld/cSld/spTree/sp/txBody/p/r/t" in bare
    assert not any("/pic" in e for e in bare)
    if REGENERATE:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(structure, indent=1, ensure_ascii=False) + "\n", "utf-8")
    assert GOLDEN.exists(), f"no golden file {GOLDEN.name}; run with KLANTCANVAS_REGENERATE_GOLDEN=1"
    assert structure == json.loads(GOLDEN.read_text("utf-8"))
