"""Paper sizes (ISO 216, millimetres) and how type scales with them.

A bigger sheet gets bigger type, but less than proportionally, so an A0 poster holds more room
for text instead of being a blown-up A4.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ORIENTATIONS", "PAPERS", "Page", "page"]

ORIENTATIONS = ("landscape", "portrait")

PAPERS: dict[str, tuple[float, float]] = {
    "A4": (210, 297),
    "A3": (297, 420),
    "A2": (420, 594),
    "A1": (594, 841),
    "A0": (841, 1189),
}


@dataclass(frozen=True)
class Page:
    paper: str
    orientation: str
    width: float
    height: float

    @property
    def landscape(self) -> bool:
        return self.width >= self.height

    @property
    def scale(self) -> float:
        """Type and spacing factor: 1.0 on A4, about 2.3 on A1, 3.0 on A0."""
        return float((max(self.width, self.height) / 297) ** 0.8)


def page(paper: str = "A4", orientation: str = "landscape") -> Page:
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
    if orientation not in ORIENTATIONS:
        raise ValueError("orientation must be 'landscape' or 'portrait'")
    short, long = PAPERS[paper]
    w, h = (long, short) if orientation == "landscape" else (short, long)
    return Page(paper, orientation, float(w), float(h))
