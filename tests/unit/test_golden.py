"""Golden scenes: every canvas's worked example on A3 (its own orientation), shape by shape.

The scene of each example is written as JSON, one shape per line with floats rounded to a
thousandth of a millimetre (or point), and compared with ``golden/<canvas>-a3.json``. Any visual
change, however small, fails here; a refactor must leave every file identical. After an intended
change, regenerate the files and review the diff:

    KLANTCANVAS_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_golden.py

Host only: tests/pyodide copies only the Python files of tests/unit into Pyodide.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import pytest

from klantcanvas import fill
from klantcanvas.fill import parse_saved_file
from klantcanvas.catalog import all_canvases
from klantcanvas.layouts import build_scene
from klantcanvas.paper import page
from klantcanvas.scene import Scene

pytestmark = pytest.mark.host_only

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("KLANTCANVAS_REGENERATE_GOLDEN") == "1"
CANVASES = sorted(all_canvases())


def _plain(value: Any) -> Any:
    """Dataclasses and named tuples (text.Para, text.Line) as dicts (type first), other tuples as
    lists, floats rounded to 3 decimals."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"type": type(value).__name__}
        out.update({f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)})
        return out
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {"type": type(value).__name__, **{name: _plain(getattr(value, name)) for name in value._fields}}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        rounded = round(value, 3)
        return 0.0 if rounded == 0 else rounded  # no "-0.0"
    return value


def scene_json(scene: Scene) -> str:
    """The scene as deterministic JSON text: its header, then one item per line."""
    head = {"width": _plain(scene.width), "height": _plain(scene.height), "title": scene.title,
            "background": scene.background, "items": len(scene.items)}
    lines = [json.dumps(head, ensure_ascii=False, sort_keys=True)]
    lines += [json.dumps(_plain(item), ensure_ascii=False, sort_keys=True) for item in scene.items]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def example_scene(canvas_id: str) -> Scene:
    canvas = all_canvases()[canvas_id]
    filled = fill(canvas, dict(canvas.example), strict=True)
    return build_scene(filled, page("A3", canvas.orientation))


def test_scene_json_is_valid_json_and_rounds_floats() -> None:
    scene = example_scene(CANVASES[0])
    data = json.loads(scene_json(scene))
    assert data[0]["items"] == len(scene.items) == len(data) - 1
    assert _plain(1.23456) == 1.235 and _plain(-0.0001) == 0.0


@pytest.mark.parametrize("canvas_id", CANVASES)
def test_example_scene_matches_its_golden_file(canvas_id: str) -> None:
    path = GOLDEN / f"{canvas_id}-a3.json"
    actual = scene_json(example_scene(canvas_id))
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}; run with KLANTCANVAS_REGENERATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        got, want = actual.splitlines(), expected.splitlines()
        first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        pytest.fail(
            f"{canvas_id}: scene differs from {path.name} first at line {first + 1} "
            f"({len(got)} lines now, {len(want)} in the file)\n"
            f"now:    {got[first] if first < len(got) else '<end>'}\n"
            f"golden: {want[first] if first < len(want) else '<end>'}"
        )


#: Canvases that gained fields after files were saved with them: a file saved before (its worked
#: example then, ``legacy/<canvas>.json``) must still draw exactly as it did (``legacy/<canvas>-a3.json``).
LEGACY = ("customer-journey-canvas", "klantreis-in-kaart")


@pytest.mark.parametrize("canvas_id", LEGACY)
def test_a_file_saved_before_new_fields_draws_exactly_as_it_did(canvas_id: str) -> None:
    canvas = all_canvases()[canvas_id]
    saved = (GOLDEN / "legacy" / f"{canvas_id}.json").read_text(encoding="utf-8")
    filled = parse_saved_file(canvas, saved)
    actual = scene_json(build_scene(filled, page("A3", canvas.orientation)))
    expected = (GOLDEN / "legacy" / f"{canvas_id}-a3.json").read_text(encoding="utf-8")
    assert actual == expected, f"{canvas_id}: a file saved before the new fields draws differently now"
