"""The preview measures text from metrics.json, with exactly the numbers the TTFs hold: line breaks
(and so the golden scenes) never depend on which of the two the engine reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from klantcanvas import fonts
from klantcanvas.fonts import metrics, metrics_from_ttf

HERE = Path(fonts.__file__).parent


@pytest.mark.parametrize("weight", ["regular", "bold"])
def test_the_metrics_file_holds_what_the_ttf_holds(weight: str) -> None:
    assert (HERE / "metrics.json").exists(), "run ./dev setup: hooks/fonts.py writes metrics.json"
    from_file, from_ttf = metrics(weight), metrics_from_ttf(weight)
    assert from_file == from_ttf
    assert len(from_file.widths) > 2000 and from_file.widths[ord("W")] > from_file.widths[ord("i")]


def test_the_metrics_file_is_small_beside_the_fonts() -> None:
    size = (HERE / "metrics.json").stat().st_size
    assert size * 10 < sum((HERE / name).stat().st_size for name in fonts.WEIGHTS.values())
    assert json.loads((HERE / "metrics.json").read_text("utf-8"))["weights"].keys() == fonts.WEIGHTS.keys()
