"""Which optional wheels a browser request needs, so the page loads them only when first needed.

The first preview needs nothing but the engine (the standard library only). PDF needs fpdf2
(with fontTools and defusedxml), Excel needs XlsxWriter. The worker asks ``needs``
before each request and unpacks those wheels (with what they depend on) if it has not yet.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["EXPORT_NEEDS", "METHOD_NEEDS", "OPTIONAL", "WORKSHOP_NEEDS", "needs"]

#: Every optional distribution the browser may load, by its PyPI name.
OPTIONAL = ("fpdf2", "fonttools", "xlsxwriter", "defusedxml", "segno")

#: Export format -> distributions it imports (their own dependencies are resolved by the worker).
#: SVG and PNG embed ready-made WOFF2 pieces of the font: the standard library is enough.
EXPORT_NEEDS: dict[str, tuple[str, ...]] = {
    "pdf": ("fpdf2",),
    "xlsx": ("xlsxwriter",),
}

#: Facade method -> distributions it imports whatever the request says.
METHOD_NEEDS: dict[str, tuple[str, ...]] = {"warm": ("fpdf2",)}

#: Workshop action -> distributions it imports (the report as PDF: fpdf2; a QR code: segno).
WORKSHOP_NEEDS: dict[str, tuple[str, ...]] = {"qr": ("segno",), "report": ("fpdf2",)}


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
