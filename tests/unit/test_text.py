"""Font metrics, wrapping and shrink-to-fit: the guarantees that keep text inside its box."""

from __future__ import annotations

import pytest

from klantcanvas.fonts import metrics
from klantcanvas.text import ELLIPSIS, Para, fit, text_width, wrap


def test_metrics_match_fonttools_for_every_mapped_character() -> None:
    ttlib = pytest.importorskip("fontTools.ttLib")
    from klantcanvas.fonts import WEIGHTS
    from importlib.resources import as_file, files

    for weight, name in WEIGHTS.items():
        with as_file(files("klantcanvas.fonts").joinpath(name)) as path, ttlib.TTFont(str(path)) as font:
            advances = font["hmtx"]
            ours = metrics(weight)
            assert ours.units_per_em == font["head"].unitsPerEm
            mismatched = [cp for cp, glyph in font.getBestCmap().items() if ours.widths.get(cp) != advances[glyph][0]]
        assert mismatched == []


def test_width_grows_with_text_and_size() -> None:
    assert text_width("ii", 10) < text_width("WW", 10)
    assert text_width("Beïnvloeder", 20) == pytest.approx(2 * text_width("Beïnvloeder", 10))


def test_wrap_keeps_every_word_and_respects_the_width() -> None:
    text = "De beslisser hakt uiteindelijk de knoop door en kent de beweegredenen van de groep"
    lines = wrap(text, 40, 10)
    assert " ".join(lines) == text
    assert all(text_width(line, 10) <= 40 for line in lines)
    assert len(lines) > 1


def test_a_word_longer_than_the_line_is_broken() -> None:
    lines = wrap("x" * 300, 30, 10)
    assert "".join(lines) == "x" * 300
    assert all(text_width(line, 10) <= 30 for line in lines)


def test_fit_uses_the_largest_size_that_fits() -> None:
    short = fit([Para("Kort")], 100, 50, 20, 6)
    assert short.size == 20 and not short.overflow
    long = fit([Para("woord " * 80)], 60, 30, 20, 6)
    assert 6 <= long.size < 20 and not long.overflow
    assert long.height <= 30
    assert all(line.dx + line.width <= 60 + 1e-6 for line in long.lines)


def test_fit_truncates_with_an_ellipsis_and_reports_overflow() -> None:
    fitted = fit([Para("heel lange tekst " * 200)], 40, 15, 12, 8)
    assert fitted.overflow
    assert fitted.lines[-1].text.endswith(ELLIPSIS)
    assert fitted.lines[-1].baseline <= 15


def test_centered_lines_stay_inside_the_box() -> None:
    fitted = fit([Para("Titel", weight="bold"), Para("een regel die wat langer is dan de rest", bullet=True)], 50, 40, 14, 6, align="center")
    assert all(0 <= line.dx and line.dx + line.width <= 50 + 1e-6 for line in fitted.lines)


def _split_by_measuring_every_prefix(word: str, width: float, size: float) -> list[str]:
    """The obvious (quadratic) way to break a long word: the reference the fast way must match."""
    pieces, current = [], ""
    for ch in word:
        if current and text_width(current + ch, size) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return pieces + [current] if current else pieces


@pytest.mark.parametrize("word", ["Arbeidsongeschiktheidsverzekering" * 7, "W" * 300 + "i" * 300, "é\u0301ß€😀" * 40])
def test_finding7_long_words_break_exactly_where_prefix_measuring_breaks(word: str) -> None:
    for width, size in ((20.0, 9.0), (57.3, 11.5), (3.0, 30.0)):
        assert wrap(word, width, size) == _split_by_measuring_every_prefix(word, width, size)


def test_finding7_a_long_unbreakable_word_is_measured_in_linear_time(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Counts character look-ups instead of timing: a 20 000-character word must cost a few
    look-ups per character, not one per character per character already on the line."""
    import dataclasses

    from klantcanvas import text

    class Counting(dict):  # type: ignore[type-arg]
        lookups = 0

        def get(self, key, default=None):  # type: ignore[no-untyped-def]
            Counting.lookups += 1
            return super().get(key, default)

    counted = dataclasses.replace(metrics("regular"), widths=Counting(metrics("regular").widths))
    monkeypatch.setattr(text, "metrics", lambda weight="regular": counted)
    caches = [getattr(text, name) for name in ("_units", "_running_totals") if hasattr(text, name)]
    for cache in caches:
        cache.cache_clear()
    word = "x" * 20_000
    lines = wrap(word, 60.0, 10.0)
    for cache in caches:  # they hold widths from the counting font
        cache.cache_clear()
    assert "".join(lines) == word and len(lines) > 100
    assert Counting.lookups <= 4 * len(word)
