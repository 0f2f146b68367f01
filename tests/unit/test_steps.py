"""Every canvas definition carries a workshop plan ([[steps]]); malformed plans fail with a message."""

from __future__ import annotations

import pytest

from klantcanvas.catalog import DefinitionError, all_canvases, get_canvas, load_definition
from klantcanvas.i18n import use_locale

def test_every_canvas_has_a_plan_whose_fields_exist(language: str) -> None:
    for canvas in all_canvases().values():
        assert canvas.steps, canvas.id
        for step in canvas.steps:
            assert step.title and step.instruction and 1 <= step.minutes <= 60
            for path in step.fields:
                canvas.field_path(path)
            if step.alone or step.vote:
                assert step.items


def test_the_customer_journey_plan_follows_the_guide() -> None:
    canvas = get_canvas("customer-journey-canvas")
    assert [s.id for s in canvas.steps] == ["doel", "persona", "scope", "fases", "touchpoints", "emotie", "cruciaal", "review"]
    assert sum(s.minutes for s in canvas.steps) == 45  # the guide: set aside at least 45 minutes
    touchpoints = canvas.step("touchpoints")
    assert touchpoints.alone and touchpoints.items == "fases/contactmomenten/omschrijving"
    assert canvas.step("cruciaal").vote and "fases/contactmomenten/cruciaal" in canvas.step("cruciaal").fields


def test_the_english_plan_has_the_same_steps_in_english_words() -> None:
    dutch = get_canvas("customer-journey-canvas")
    with use_locale("en"):
        english = get_canvas("customer-journey-canvas")
    assert [(s.id, s.minutes, s.fields, s.alone, s.vote) for s in english.steps] == [
        (s.id, s.minutes, s.fields, s.alone, s.vote) for s in dutch.steps]
    assert english.step("doel").title == "Set the goal" and dutch.step("doel").title == "Bepaal het doel"


def test_a_step_loads_into_a_frozen_dataclass(minimal_definition: str) -> None:
    canvas = load_definition(minimal_definition + ('[[steps]]\nid = "s"\ntitle = "S"\nminutes = 3\ninstruction = "Do"\n'
                                   'fields = ["b"]\nitems = "b"\nalone = true\n'), "probe.toml")
    step = canvas.steps[0]
    assert (step.id, step.minutes, step.fields, step.items, step.alone, step.vote) == ("s", 3, ("b",), "b", True, False)
    with pytest.raises(AttributeError):
        step.minutes = 4  # type: ignore[misc]


@pytest.mark.parametrize(("steps", "problem"), [
    ('[[steps]]\nid = "s"\ntitle = "S"\nminutes = 0\ninstruction = "I"\n', "minutes"),
    ('[[steps]]\nid = "s"\ntitle = "S"\nminutes = true\ninstruction = "I"\n', "minutes"),
    ('[[steps]]\nid = "s"\ntitle = "S"\ninstruction = "I"\n', "missing key 'minutes'"),
    ('[[steps]]\nid = "s"\ntitle = "S"\nminutes = 2\ninstruction = "I"\nfields = ["nope"]\n', "no field 'nope'"),
    ('[[steps]]\nid = "s"\ntitle = "S"\nminutes = 2\ninstruction = "I"\nitems = "a"\n', "must end at a list"),
    ('[[steps]]\nid = "s"\ntitle = "S"\nminutes = 2\ninstruction = "I"\nalone = true\n', "needs items"),
    ('[[steps]]\nid = "s"\ntitle = "S"\nminutes = 2\ninstruction = "I"\ncolour = "red"\n', "unknown keys"),
    ('[[steps]]\nid = "s"\ntitle = "S"\nminutes = 2\ninstruction = "I"\n'
     '[[steps]]\nid = "s"\ntitle = "T"\nminutes = 2\ninstruction = "I"\n', "used twice"),
    ('steps = 3\n', "array of tables"),
])
def test_a_malformed_step_is_refused_with_its_problem(minimal_definition: str, steps: str, problem: str) -> None:
    text = minimal_definition + steps if not steps.startswith("steps =") else steps + minimal_definition
    with pytest.raises(DefinitionError, match=problem):
        load_definition(text, "probe.toml")


def test_a_translation_gives_a_step_its_words_and_refuses_an_unknown_step(minimal_definition: str) -> None:
    dutch = minimal_definition + ('[[steps]]\nid = "s"\ntitle = "Stap"\nminutes = 2\ninstruction = "Doe"\n')
    canvas = load_definition(dutch, "probe.toml", '[steps.s]\ntitle = "Step"\ninstruction = "Do"\n', "en/probe.toml")
    assert (canvas.steps[0].title, canvas.steps[0].instruction, canvas.steps[0].minutes) == ("Step", "Do", 2)
    with pytest.raises(DefinitionError, match="steps.x.title"):
        load_definition(dutch, "probe.toml", '[steps.x]\ntitle = "Step"\n', "en/probe.toml")
