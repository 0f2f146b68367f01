"""A QR code for a participant or vote link, as inline SVG, made on the machine (never a web service).

segno (pure Python, pinned in pyproject.toml) is imported only here, when the room screen first
shows a code; ``klantcanvas.runtime`` tells the worker to load its wheel for the "qr" request.
"""

from __future__ import annotations

from html import escape

__all__ = ["MAX_LINK", "qr_svg"]

#: A version-40 code with medium error correction holds about 2,300 bytes; links stay far below.
MAX_LINK = 2000


def qr_svg(link: str, label: str) -> str:
    """``link`` as an SVG QR code (dark modules on white, a quiet zone of 4) titled ``label``."""
    import segno

    code = segno.make(link, error="m", micro=False)
    size = code.symbol_size(border=4)[0]
    rows = []
    for y, row in enumerate(code.matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                rows.append(f"M{start + 4} {y + 4}h{x - start}v1h{start - x}z")
            else:
                x += 1
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
            f'aria-label="{escape(label)}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
            f'<path fill="#000" d="{"".join(rows)}"/></svg>')
