"""The engine's core imports only the standard library: the browser bundle stays small and the
first preview never waits for fpdf2 or fontTools."""

from __future__ import annotations

import subprocess
import sys

import pytest

ALLOWED_THIRD_PARTY: set[str] = set()


@pytest.mark.host_only
def test_the_preview_path_imports_no_third_party_module() -> None:
    code = (
        "import sys, json; before = set(sys.modules); import klantcanvas.browser, klantcanvas.forms; "
        "from klantcanvas.browser import handle; "
        "handle(json.dumps({'method': 'preview', 'canvas': 'klanttype-piramide', 'data': {}})); "
        "print('\\n'.join(sorted(set(sys.modules) - before)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    stdlib = set(sys.stdlib_module_names)
    third_party = {m.split(".")[0] for m in out} - stdlib - {"klantcanvas"} - ALLOWED_THIRD_PARTY
    assert third_party == set()
    assert not any(m.startswith(("fpdf", "fontTools", "mkdocs", "js", "pyodide")) for m in out)


#: Standard-library packages the first preview must not import: each costs the browser tenths of a
#: second before its first preview (xml.sax.saxutils alone pulled in urllib, http and email).
HEAVY_STDLIB = ("xml.sax", "urllib.request", "http.client", "email", "importlib.resources")


def after_first_preview(report: str) -> list[str]:
    """What ``report`` (a Python expression) prints in a fresh interpreter after one first preview."""
    code = (
        "import sys, json; from klantcanvas import catalog; from klantcanvas.browser import handle; "
        "from klantcanvas.runtime import needs; "
        "handle(json.dumps({'method': 'preview', 'canvas': 'klanttype-piramide', 'data': {}})); "
        f"print({report})"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


@pytest.mark.host_only
def test_the_preview_path_skips_heavy_standard_library_packages() -> None:
    out = after_first_preview("'\\n'.join(sorted(sys.modules))")
    assert "klantcanvas.render.svg" in out
    assert [m for m in out if m.startswith(HEAVY_STDLIB)] == []


@pytest.mark.host_only
def test_the_first_preview_reads_only_its_own_definition() -> None:
    """Parsing all seven definitions cost the browser's first preview about a tenth of a second."""
    assert after_first_preview("catalog._one.cache_info().currsize, catalog._canvases.cache_info().currsize") == ["1", "0"]
