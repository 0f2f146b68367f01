"""Klantcanvas: customer-insight canvases defined as data and rendered by one pure-Python engine.

The engine never imports MkDocs, JavaScript or Pyodide (except in ``browser``), so the same
code runs at build time, in tests on CPython and in the browser on Pyodide.
"""

from klantcanvas.catalog import canvas_ids, get_canvas
from klantcanvas.fill import Filled, ImportProblem, fill, parse_saved_file, saved_file
from klantcanvas.model import Canvas, Field

__all__ = [
    "Canvas",
    "Field",
    "Filled",
    "ImportProblem",
    "canvas_ids",
    "fill",
    "get_canvas",
    "parse_saved_file",
    "saved_file",
]
__version__ = "0.1.0"
