"""Which optional wheels a browser request needs, so the page loads them only when first needed.

The first preview needs nothing but the engine (the standard library only; text is measured from
fonts/metrics.json). PDF needs fpdf2 (with fontTools and defusedxml) and the font files, SVG and
PNG the font files (their WOFF2 pieces), Excel needs XlsxWriter. In the browser the font files
come in a wheel of their own, klantcanvas-fonts (hooks/pyodide_bundle.py makes it). The worker asks ``needs``
before each request and unpacks those wheels (with what they depend on) if it has not yet.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["DATA", "EXPORT_NEEDS", "METHOD_NEEDS", "OPTIONAL", "WORKSHOP_NEEDS", "needs"]

#: Every optional distribution the browser may load, by its PyPI name.
OPTIONAL = ("fpdf2", "fonttools", "xlsxwriter", "defusedxml", "segno", "klantcanvas-fonts")

#: Distributions of data files only (read from the engine's own folders, never imported).
DATA = ("klantcanvas-fonts",)

#: Export format -> distributions it imports (their own dependencies are resolved by the worker).
#: SVG and PNG embed ready-made WOFF2 pieces of the font: the standard library and the font files.
EXPORT_NEEDS: dict[str, tuple[str, ...]] = {
    "pdf": ("fpdf2", "klantcanvas-fonts"),
    "svg": ("klantcanvas-fonts",),
    "png": ("klantcanvas-fonts",),
    "xlsx": ("xlsxwriter",),
}

#: Facade method -> distributions it imports whatever the request says.
METHOD_NEEDS: dict[str, tuple[str, ...]] = {"warm": ("fpdf2", "klantcanvas-fonts")}

#: Workshop action -> distributions it imports (the report as PDF: fpdf2; a QR code: segno).
WORKSHOP_NEEDS: dict[str, tuple[str, ...]] = {"qr": ("segno",), "report": ("fpdf2", "klantcanvas-fonts")}


def needs(request_json: str) -> list[str]:
    """The optional distributions ``request_json`` needs; never raises (a bad request needs none)."""
    try:
        request: Any = json.loads(request_json)
    except ValueError:
        return []
    if not isinstance(request, dict):
        return []
    method = request.get("method")
    found = list(METHOD_NEEDS.get(method, ())) if isinstance(method, str) else []
    fmt = request.get("format")
    if method == "export" and isinstance(fmt, str):
        found += EXPORT_NEEDS.get(fmt, ())
    action = request.get("action")
    if method == "workshop" and isinstance(action, str) and not (action == "report" and fmt == "md"):
        found += WORKSHOP_NEEDS.get(action, ())
    return found
