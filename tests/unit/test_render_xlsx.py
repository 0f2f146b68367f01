"""The Excel export: one sheet, a Veld | Waarde block, one table per group (nested groups
flattened), readable columns, and user text that can never become a formula."""

from __future__ import annotations

import io

import pytest

from klantcanvas import fill
from klantcanvas.catalog import all_canvases
from klantcanvas.export import export
from klantcanvas.i18n import t
from klantcanvas.model import Canvas, Field, Layout, Option
from klantcanvas.render.xlsx import MAX_WIDTH, as_xlsx, sheet_name

INJECTIONS = ["=1+1", "+31 6", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"klik\")"]


def _journey() -> Canvas:
    """A definition with every field kind and one nested group (phases -> touchpoints)."""
    touchpoint = Field("momenten", "Contactmomenten", "group", item_label="Contactmoment", fields=(
        Field("naam", "Contactmoment", "text"),
        Field("kanaal", "Kanaal", "choice", options=(Option("web", "Website"), Option("tel", "Telefoon"))),
        Field("emotie", "Emotie", "scale", minimum=1, maximum=5),
        Field("pijn", "Pijnpunt", "flag"),
        Field("notities", "Notities", "list"),
    ))
    phase = Field("fasen", "Fasen", "group", item_label="Fase", fields=(
        Field("naam", "Fase", "text"), Field("duur", "Duur", "text"), touchpoint,
    ))
    return Canvas("reis-proef", "Reis: proef [test]", "Een proefcanvas.", (
        Field("persona", "Persona", "text"),
        Field("verhaal", "Verhaal", "textarea"),
        Field("kanalen", "Kanalen", "list"),
        Field("hoofd", "Hoofdkanaal", "choice", options=(Option("web", "Website"),)),
        Field("zakelijk", "Zakelijk", "flag"),
        Field("score", "Score", "scale", minimum=0, maximum=10),
        phase,
    ), Layout("pyramid"), {})


JOURNEY = {
    "persona": "Anna", "verhaal": "Eerste regel\nTweede regel", "kanalen": ["Website", "Winkel"],
    "hoofd": "web", "zakelijk": True, "score": 7,
    "fasen": [
        {"naam": "Oriënteren", "duur": "2 weken", "momenten": [
            {"naam": "Google", "kanaal": "web", "emotie": 4, "notities": ["a", "b"]},
            {"naam": "Bellen", "kanaal": "tel", "emotie": 2, "pijn": True},
        ]},
        {"naam": "Kopen", "duur": "1 dag"},
    ],
}


def _sheet(content: bytes):  # type: ignore[no-untyped-def]
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert len(book.worksheets) == 1
    return book, book.worksheets[0]


def _rows(ws) -> list[list]:  # type: ignore[no-untyped-def]
    return [[c.value for c in row] for row in ws.iter_rows()]


def _header_row(ws, first: str) -> int:  # type: ignore[no-untyped-def]
    return next(c.row for c in ws["A"] if c.value == first)


def test_the_workbook_is_a_zip_and_the_same_bytes_every_time() -> None:
    filled = fill(_journey(), JOURNEY, strict=True)
    content = as_xlsx(filled)
    assert content.startswith(b"PK") and as_xlsx(filled) == content


def test_export_names_the_file_without_a_paper_size() -> None:
    result = export(fill(_journey(), JOURNEY), "xlsx", "A1", "portrait")
    assert result.filename == "reis-proef.xlsx" and result.finish is None
    assert result.mime == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(("title", "expected"), [
    ("Reis: proef [test]", "Reis proef test"),
    ("Wat/waarom? *alles*\\", "Watwaarom alles"),
    ("Een heel erg lange titel van een canvas die niet past", "Een heel erg lange titel van ee"),
    ("'quoted'", "quoted"),
    ("[]:*?", "Canvas"),
    ("History", "History canvas"),
])
def test_sheet_names_follow_excels_rules(title: str, expected: str) -> None:
    name = sheet_name(title)
    assert name == expected and len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_the_sheet_has_the_fields_block_and_a_flattened_table() -> None:
    book, ws = _sheet(as_xlsx(fill(_journey(), JOURNEY, strict=True)))
    assert ws.title == "Reis proef test"
    assert book.properties.title == "Reis: proef [test]"
    assert book.properties.created.year == 2026
    rows = _rows(ws)
    assert rows[0][:2] == ["Veld", "Waarde"]
    block = {r[0]: r[1] for r in rows[1:7]}
    assert block == {
        "Persona": "Anna", "Verhaal": "Eerste regel\nTweede regel", "Kanalen": "Website\nWinkel",
        "Hoofdkanaal": "Website", "Zakelijk": "ja", "Score (0 tot 10)": 7,
    }
    header = _header_row(ws, "Fase nr.")
    assert ws.cell(header - 1, 1).value == "Fasen"
    assert rows[header - 1][:8] == ["Fase nr.", "Fase", "Duur", "Contactmoment", "Kanaal", "Emotie (1 tot 5)", "Pijnpunt", "Notities"]
    body = [r[:8] for r in rows[header: header + 3]]
    assert body == [
        [1, "Oriënteren", "2 weken", "Google", "Website", 4, "nee", "a\nb"],
        [1, "Oriënteren", "2 weken", "Bellen", "Telefoon", 2, "ja", None],
        [2, "Kopen", "1 dag", None, None, None, None, None],
    ]
    (name, ref), = ws.tables.items()
    assert ref == f"A{header}:H{header + 3}"
    assert ws.tables[name].autoFilter is not None and ws.tables[name].autoFilter.ref == ref


def test_headers_are_bold_text_wraps_and_columns_fit_their_content() -> None:
    long = "Een lange zin met veel woorden, die niet op één smalle regel past " * 4
    _, ws = _sheet(as_xlsx(fill(_journey(), {**JOURNEY, "persona": long[:400]})))
    header = _header_row(ws, "Fase nr.")
    assert ws.cell(1, 1).font.b and ws.cell(1, 2).font.b
    assert all(ws.cell(header, col).font.b for col in range(1, 9))
    assert ws.cell(2, 2).alignment.wrap_text and ws.cell(header + 1, 2).alignment.wrap_text
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert widths["B"] == pytest.approx(MAX_WIDTH, abs=1)  # the long persona is capped, then wraps
    assert 10 <= widths["A"] < 30
    assert all(10 <= w <= MAX_WIDTH + 1 for w in widths.values())


def test_a_short_top_block_freezes_above_the_table_header() -> None:
    _, ws = _sheet(as_xlsx(fill(_journey(), JOURNEY)))
    assert ws.freeze_panes == f"A{_header_row(ws, 'Fase nr.') + 1}"


def test_a_tall_top_block_freezes_only_its_own_header() -> None:
    many = {**JOURNEY, "kanalen": [f"Kanaal {n}" for n in range(20)]}
    _, ws = _sheet(as_xlsx(fill(_journey(), many)))
    assert ws.freeze_panes == "A2"


def test_user_text_never_becomes_a_formula_number_or_link() -> None:
    data = {
        "persona": INJECTIONS[0], "verhaal": "\n".join(INJECTIONS), "kanalen": INJECTIONS,
        "fasen": [{"naam": text, "duur": text, "momenten": [{"naam": text}]} for text in INJECTIONS],
    }
    _, ws = _sheet(as_xlsx(fill(_journey(), data, strict=True)))
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert not any(c.hyperlink for c in cells)
    found = {c.value for c in cells}
    assert set(INJECTIONS) <= found
    for c in cells:
        if c.value in INJECTIONS or (isinstance(c.value, str) and "\n" in c.value):
            assert c.data_type == "s", c.coordinate
    assert ws["B2"].value == "=1+1" and ws["B2"].data_type == "s"


def test_an_empty_group_still_gets_a_table_to_fill_in() -> None:
    _, ws = _sheet(as_xlsx(fill(_journey(), {})))
    header = _header_row(ws, "Fase nr.")
    (name, ref), = ws.tables.items()
    assert ref == f"A{header}:H{header + 1}"
    assert ws.cell(2, 2).value is None and ws["B6"].value == "nee"


@pytest.mark.parametrize("canvas_id", sorted(all_canvases()))
def test_every_canvas_exports_its_example_and_a_blank_sheet(canvas_id: str, language: str) -> None:
    canvas = all_canvases()[canvas_id]
    example = fill(canvas, dict(canvas.example), strict=True)
    for filled in (example, fill(canvas, {})):
        book, ws = _sheet(as_xlsx(filled))
        assert ws.title == sheet_name(canvas.title)
        groups = [f for f in canvas.fields if f.kind == "group"]
        assert len(ws.tables) >= len(groups)
        for table in ws.tables.values():
            assert table.headerRowCount == 1 and table.autoFilter is not None
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    values = {c.value for row in ws.iter_rows() for c in row}  # the blank sheet
    simple = [f for f in canvas.fields if f.kind != "group"]
    if simple:
        assert t("export.field") in values


def test_the_browser_facade_serves_xlsx_and_markdown() -> None:
    import json

    from klantcanvas.browser import handle

    for fmt, mime, start in (("xlsx", "spreadsheetml", b"PK"), ("md", "text/markdown", b"# Klanttype-piramide")):
        meta, body = handle(json.dumps({"method": "export", "canvas": "klanttype-piramide", "data": {}, "format": fmt}))
        assert mime in json.loads(meta)["mime"] and body.startswith(start)
        assert json.loads(meta)["filename"] == f"klanttype-piramide.{fmt}"
