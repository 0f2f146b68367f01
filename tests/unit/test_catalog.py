"""Definitions load into typed objects, and malformed ones fail with a message naming the problem."""

from __future__ import annotations

from importlib.resources import files

import pytest

from klantcanvas.catalog import DefinitionError, all_canvases, canvas_ids, find_canvas, get_canvas, load_definition
from klantcanvas.model import Field, Option



def test_the_pyramid_definition_loads_with_its_fields_in_order() -> None:
    canvas = get_canvas("klanttype-piramide")
    assert [f.id for f in canvas.fields] == [
        "segment", "beslisser", "economische_koper", "aanbeveler", "beinvloeder", "eindgebruiker", "saboteur", "buiten",
    ]
    assert canvas.field("beinvloeder").label == "Beïnvloeder"
    assert all(f.hint for f in canvas.fields)


def test_every_shipped_definition_loads_and_is_named_after_its_file() -> None:
    folder = files("klantcanvas").joinpath("definitions")
    stems = sorted(e.name.removesuffix(".toml") for e in folder.iterdir() if e.name.endswith(".toml"))
    # One canvas per file, none skipped and none lost to a duplicate id, in file-name order.
    assert list(canvas_ids()) == stems and len(stems) >= 7
    for canvas_id, canvas in all_canvases().items():
        assert canvas.id == canvas_id
        assert canvas.title and canvas.fields


def test_unknown_canvas_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="klanttype-piramide"):
        get_canvas("bestaat-niet")


def test_minimal_definition_loads(minimal_definition: str) -> None:
    assert load_definition(minimal_definition, "probe.toml").id == "probe"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('kind = "text"', 'kind = "essay"'), "kind 'essay' is not one of"),
        (('kind = "pyramid"', 'kind = "nope"'), "no layout module 'nope'"),
        (('side = "c"', 'side = "zz"'), "unknown field 'zz'"),
        (('id = "b"', 'id = "a"'), "used twice"),
        (('title = "Probe"', ""), "missing key 'title'"),
        (('id = "a"\nlabel', 'id = "a"\ncolour = "red"\nlabel'), "unknown keys"),
        (("[layout]", 'paper = "B5"\n[layout]'), "paper 'B5'"),
        (("[layout]", "[example]\nb = 3\n[layout]"), "example does not fit"),
        (("[layout]", "[layout"), "not valid TOML"),
    ],
)
def test_malformed_definitions_are_refused_with_a_reason(minimal_definition: str, change: tuple[str, str], message: str) -> None:
    text = minimal_definition.replace(*change, 1)
    with pytest.raises(DefinitionError, match=message):
        load_definition(text, "probe.toml")


def test_groups_nest_two_deep_but_not_three(minimal_definition: str) -> None:
    def group(inner: str, depth: int) -> str:
        return f'{{ id = "g{depth}", label = "G", kind = "group", fields = [{inner}] }}'

    leaf = '{ id = "t", label = "T", kind = "text" }'
    two = minimal_definition + f"\n[[fields]]\n" + "\n".join(f"{k} = {v}" for k, v in [
        ("id", '"d"'), ("label", '"D"'), ("kind", '"group"'), ("fields", f"[{group(leaf, 1)}]")])
    assert load_definition(two, "probe.toml").field("d").fields[0].fields[0].id == "t"
    three = two.replace(f"[{group(leaf, 1)}]", f"[{group(group(leaf, 2), 1)}]")
    with pytest.raises(DefinitionError, match="nest at most 2"):
        load_definition(three, "probe.toml")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('show_when = { zz = "x" }', "show_when of 'a' refers to unknown field 'zz'"),
    ],
)
def test_conditions_must_name_a_sibling(minimal_definition: str, extra: str, message: str) -> None:
    text = minimal_definition.replace('id = "a"\nlabel = "A"', f'id = "a"\n{extra}\nlabel = "A"', 1)
    with pytest.raises(DefinitionError, match=message):
        load_definition(text, "probe.toml")


def test_suggestions_point_at_text_fields_of_existing_canvases() -> None:
    from klantcanvas.catalog import suggestion_source

    canvases = all_canvases()
    canvas, field = suggestion_source(canvases, "klantsegmenten/segmenten/naam")
    assert canvas.id == "klantsegmenten" and field.kind == "text"
    for bad in ("nergens/naam", "klantsegmenten/segmenten", "klantsegmenten/bestaat-niet", "klantsegmenten/segmenten/taken"):
        with pytest.raises(DefinitionError, match="suggest"):
            suggestion_source(canvases, bad)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_one_canvas_found_alone_is_the_catalogues_own(language: str) -> None:
    for canvas_id, canvas in all_canvases(language).items():
        assert find_canvas(canvas_id, language) is canvas


@pytest.mark.parametrize("name", ["", "onbekend", "../pyproject", "en/persona", "persona.toml", "__init__", "en"])
def test_find_canvas_knows_only_the_shipped_definitions(name: str) -> None:
    assert find_canvas(name) is None


def test_an_option_value_is_named_by_the_first_option_that_has_it() -> None:
    kind = Field("soort", "Soort", "choice", options=(Option("a", "Eerste"), Option("b", "Tweede"), Option("a", "Later")))
    assert [kind.option_label(v) for v in ("a", "b", "onbekend", "")] == ["Eerste", "Tweede", "onbekend", ""]
