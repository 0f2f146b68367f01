"""The canvases' shared colours, and the WCAG contrast rules that keep every text on them readable.

Layouts take these through ``klantcanvas.layouts.parts``; tests/unit/test_palette.py checks them.
"""

from __future__ import annotations

from functools import lru_cache

from klantcanvas.layouts.frame import INK, PAPER

__all__ = [
    "AMBER", "AMBER_DARK", "AMBER_LIGHT", "CURVE", "EMOTION_COLORS", "EMOTION_LEVELS", "EMOTION_TEXT", "HEADER",
    "NO_EMOTION", "contrast", "ink_on", "readable",
]

#: Emotion score -> colour, from coral (-2) through grey to green (+2).
EMOTION_COLORS = {-2: "#C4533C", -1: "#E39A6B", 0: "#9AA5B1", 1: "#7DB58C", 2: "#388555"}
#: The scores from top (+2) to bottom (-2), as an emotion scale draws them.
EMOTION_LEVELS = (2, 1, 0, -1, -2)
NO_EMOTION = "#C9D1D9"
HEADER = "#17415F"
AMBER = "#F2A541"
AMBER_DARK = "#B8741A"
AMBER_LIGHT = "#FDF3E3"
CURVE = "#23618A"


@lru_cache(maxsize=512)  # a handful of colours, asked for on every preview
def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink_on(fill: str) -> str:
    """Text colour for a filled shape: white where it reads at 4.5:1, else the dark ink."""
    return PAPER if contrast(PAPER, fill) >= 4.5 else INK


@lru_cache(maxsize=512)
def readable(colour: str, background: str = PAPER) -> str:
    """``colour`` darkened just enough to read as text on ``background`` (WCAG AA, 4.5:1)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    step = 0
    while contrast(f"#{r:02X}{g:02X}{b:02X}", background) < 4.5 and step < 100:
        r, g, b, step = int(r * 0.95), int(g * 0.95), int(b * 0.95), step + 1
    return f"#{r:02X}{g:02X}{b:02X}"


#: The emotion colours as text on paper (labels, hollow dots): the light ones darkened.
EMOTION_TEXT = {value: readable(colour) for value, colour in EMOTION_COLORS.items()}
