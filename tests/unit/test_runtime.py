"""klantcanvas.runtime names every third-party distribution a browser request imports, and no more."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from klantcanvas.runtime import DATA, OPTIONAL, needs

REQUESTS = [
    {"method": "preview", "canvas": "klanttype-piramide", "data": {"segment": "x"}},
    {"method": "share", "canvas": "klanttype-piramide", "data": {"segment": "x"}},
    {"method": "export", "canvas": "user-flow", "format": "pptx", "data": {}},
    *({"method": "export", "canvas": "persona", "format": f, "data": {}} for f in ("json", "md", "svg", "png", "pdf")),
    {"method": "export", "canvas": "klantsegmenten", "format": "xlsx", "data": {}},
    {"method": "warm", "canvas": "persona"},
]

# What each optional distribution depends on, as its wheel says (Pillow is never shipped).
DEPENDS = {"fpdf2": {"fonttools", "defusedxml"}}
MODULES = {"fpdf": "fpdf2", "fontTools": "fonttools", "xlsxwriter": "xlsxwriter", "defusedxml": "defusedxml"}


@pytest.mark.host_only
@pytest.mark.parametrize("request_data", REQUESTS, ids=lambda r: f"{r['method']}-{r.get('format', '')}")
def test_a_request_imports_only_what_needs_names(request_data) -> None:  # type: ignore[no-untyped-def]
    # Font files (the klantcanvas-fonts wheel in the browser) are seen by the files opened.
    code = (
        "import sys, json; from klantcanvas.browser import handle; before = set(sys.modules); fonts = []; "
        "sys.addaudithook(lambda e, a: e == 'open' and str(a[0]).endswith(('.ttf', '.woff2')) and fonts.append(1)); "
        f"meta, _ = handle({json.dumps(json.dumps(request_data))}); assert json.loads(meta)['ok'], meta; "
        "print(' '.join(sorted({m.split('.')[0] for m in set(sys.modules) - before} | ({'klantcanvas-fonts'} if fonts else set()))))"
    )
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    used = {MODULES.get(m, m) for m in imported if m in MODULES or m in DATA}
    named = set(needs(json.dumps(request_data)))
    allowed = named | set().union(*(DEPENDS.get(n, set()) for n in named))
    assert used <= allowed, f"imports {used - allowed} that needs() does not name"
    assert named <= used, f"needs() names {named - used}, which the request never imports"


def test_needs_answers_any_input_without_raising() -> None:
    for raw in ["", "null", "[]", "{}", '{"method": 3}', '{"method": "export", "format": ["pdf"]}', "{bad json"]:
        assert needs(raw) == []
    assert set(needs('{"method": "export", "format": "pdf"}')) <= set(OPTIONAL)
