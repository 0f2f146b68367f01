"""The built site is complete and self-contained: forms, runtime, fonts, relative URLs only."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from klantcanvas.catalog import all_canvases


def test_every_canvas_page_carries_its_form_and_the_glue(built_site: Path) -> None:
    for canvas_id in all_canvases():
        html = (built_site / "methoden" / canvas_id / "index.html").read_text("utf-8")
        assert f'data-canvas="{canvas_id}"' in html
        assert 'src="../../assets/klantcanvas/app.js"' in html


def test_pages_without_a_canvas_do_not_load_the_glue(built_site: Path) -> None:
    assert "klantcanvas/app.js" not in (built_site / "index.html").read_text("utf-8")
    assert "klantcanvas/app.js" not in (built_site / "over" / "index.html").read_text("utf-8")


def test_the_runtime_is_bundled_with_its_own_lock_and_wheels(built_site: Path) -> None:
    core = built_site / "assets" / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (core / name).stat().st_size > 1000
    lock = json.loads((core / "pyodide-lock.json").read_text())
    assert lock["packages"] == {} and lock["info"]["python"].startswith("3.")
    manifest = json.loads((built_site / "assets" / "wheels" / "manifest.json").read_text())
    names = [w["file"] for w in manifest["wheels"]]
    assert any(n.startswith("klantcanvas-") for n in names) and any(n.startswith("fpdf2-") for n in names)
    engine = next(built_site / "assets" / "wheels" / n for n in names if n.startswith("klantcanvas-"))
    with zipfile.ZipFile(engine) as wheel:
        members = wheel.namelist()
    assert "klantcanvas/fonts/metrics.json" in members  # the preview measures text with it
    assert not any(n.endswith((".ttf", ".woff2")) for n in members)  # the fonts wheel brings those
    fonts = next(built_site / "assets" / "wheels" / n for n in names if n.startswith("klantcanvas_fonts-"))
    with zipfile.ZipFile(fonts) as wheel:
        assert {"klantcanvas/fonts/Inter-Regular.ttf", "klantcanvas/fonts/Inter-Bold-latin.woff2"} <= set(wheel.namelist())
    assert not any(w["core"] for w in manifest["wheels"] if w["name"] == "klantcanvas-fonts")
    assert "klantcanvas/definitions/klanttype-piramide.toml" in members
    assert all(n.endswith("-none-any.whl") for n in names), "only pure-Python wheels can load in Pyodide"


def test_no_page_loads_anything_from_another_origin_or_the_site_root(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        loaded = re.findall(r'\ssrc="([^"]+)"', html) + re.findall(r'<link\b[^>]*\shref="([^"]+)"', html)
        for attr in loaded:
            assert not attr.startswith(("http://", "https://", "//")), (page, attr)
            # 404.html is served at any depth, so MkDocs makes its links absolute from site_url
            # (set by the deploy workflow); every other page must be relative.
            assert page.name == "404.html" or not attr.startswith("/"), (page, attr)
    for css in (built_site / "assets" / "klantcanvas").glob("*.css"):
        assert "url(http" not in css.read_text() and "@import" not in css.read_text()


def test_the_wheels_carry_bytecode_compiled_for_pyodide(built_site: Path) -> None:
    import importlib.util

    lock = json.loads((built_site / "assets" / "pyodide" / "pyodide-lock.json").read_text())
    major, minor = lock["info"]["python"].split(".")[:2]
    with zipfile.ZipFile(next((built_site / "assets" / "wheels").glob("fpdf2-*.whl"))) as wheel:
        names = set(wheel.namelist())
        pyc = f"fpdf/__pycache__/fpdf.cpython-{major}{minor}.pyc"
        assert pyc in names and "fpdf/fpdf.py" in names
        header = wheel.read(pyc)[:8]
    # Compiled by Pyodide's own interpreter (not the host's, whose magic number would be rejected),
    # as an unchecked hash-based pyc (PEP 552 flags == 1): no source stat on import.
    if f"{major}.{minor}" != "{}.{}".format(*__import__("sys").version_info[:2]):
        assert header[:4] != importlib.util.MAGIC_NUMBER
    assert int.from_bytes(header[4:8], "little") == 1


def test_blank_templates_exist_in_every_language_and_each_form_lists_its_own(built_site: Path) -> None:
    from klantcanvas.forms import template_files
    from klantcanvas.i18n import LANGUAGES, use_locale

    names: dict[str, set[str]] = {}
    for language in LANGUAGES:
        with use_locale(language):
            names[language] = {name for cid, c in all_canvases().items() for _, name in template_files(c)}
    for language, files in names.items():
        for name in files:
            assert (built_site / "assets" / "templates" / name).stat().st_size > 1000, (language, name)
    assert not names["nl"] & names["en"]
    html = (built_site / "methoden" / "persona" / "index.html").read_text("utf-8")
    assert "templates/persona-leeg-a4.pdf" in html and "persona-blank" not in html


def test_the_form_macro_takes_the_language_of_the_page() -> None:
    import sys
    from types import SimpleNamespace

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from macros import define_env, page_language

    def env(locale: str | None, theme: str | None) -> SimpleNamespace:
        page = SimpleNamespace(url="en/methods/persona/", file=SimpleNamespace(locale=locale) if locale else SimpleNamespace())
        conf = {"theme": {"language": theme}} if theme else {}
        return SimpleNamespace(page=page, conf=conf, macro=lambda f: setattr(env_used, "form", f))

    assert page_language(env("en", "nl")) == "en"
    assert page_language(env(None, "en")) == "en"
    assert page_language(env(None, None)) == "nl" and page_language(env("fr", None)) == "nl"
    env_used = env("en", "nl")
    define_env(env_used)
    form = env_used.form("persona")
    assert 'lang="en-GB"' in form and "Load the example" in form and "../../../assets/templates/persona-blank-a4.pdf" in form


def test_the_service_worker_precaches_what_pages_need_and_no_download(built_site: Path) -> None:
    """Installing it costs a reader the pages of both editions, styles, scripts, fonts and search,
    not the Python runtime (20 MB) nor the blank templates (1.6 MB): those are cached on first use."""
    text = (built_site / "sw.js").read_text("utf-8")
    urls = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", text, re.S).group(1))  # type: ignore[union-attr]
    assert {"./", "./en/", "./methoden/persona/", "./en/methoden/persona/", "./over/"} <= set(urls)
    assert any(u.endswith("canvas.css") for u in urls) and any(u.endswith("/app.js") for u in urls)
    assert any(u.endswith(".woff2") for u in urls) and any(u.endswith("lunr.nl.min.js") for u in urls)
    assert [u for u in urls if "/templates/" in u or "/pyodide/" in u or "/wheels/" in u or "lunr.de." in u] == []


def test_canvas_pages_ask_for_every_module_of_the_glue_at_once(built_site: Path) -> None:
    """app.js imports modules that import modules: without the preload list the browser finds them
    one level at a time. The list follows the imports, so a new module is in it by itself: what
    app.js imports, held with app.js in a template that listen.js puts into the head when it builds
    the block (issue 20: a reader fetches none of it, and a phone's first paint waits for none of
    it), and what only tools.js brings, in the template app.js puts into the head once the form
    listens."""
    glue = built_site / "assets" / "klantcanvas"

    def closure(entry: str) -> set[str]:  # the static import graph, read here independently of hooks/preload.py
        wanted, queue = {entry}, [entry]
        while queue:
            for name in re.findall(r'from "\./([\w.-]+\.js)"', (glue / queue.pop()).read_text("utf-8")):
                if name not in wanted:
                    wanted.add(name)
                    queue.append(name)
        return wanted

    first = closure("app.js")
    later = closure("tools.js") - first
    link = r'<link rel="modulepreload"(?: fetchpriority="low")? href="[./]*/assets/klantcanvas/([\w.-]+\.js)">'
    for page in ("methoden/persona/index.html", "en/methoden/persona/index.html"):
        html = (built_site / page).read_text("utf-8")
        head = html[: html.index("</head>")]
        held = re.search(r"<template data-kc-glue>(.*?)</template>", head, re.S)
        template = re.search(r"<template data-kc-later>(.*?)</template>", head, re.S)
        assert held and template, page
        assert set(re.findall(link, held.group(1))) == first and {"form-state.js", "workspace.js"} <= first, page
        assert re.search(r'<script type="module" async src="[^"]*/app\.js">', held.group(1)), page
        assert set(re.findall(link, template.group(1))) == later and {"preview.js", "canvas-edit.js"} <= later, page
        assert not (first | later) & {"pptx.js", "viewer.js", "text-version.js"}, page  # fetched when first used
        outside = head.replace(held.group(0), "").replace(template.group(0), "")
        assert "modulepreload" not in outside and "<script type=\"module\"" not in html.replace(held.group(0), ""), page
        # the block waits in a template too, and listen.js follows it
        assert re.search(r'<template data-kc-block>\s*<div class="kc-app"', html) and "listen.js\"></script>" in html, page
    assert "modulepreload" not in (built_site / "over" / "index.html").read_text("utf-8")


def test_python_starts_from_a_standard_library_cut_and_the_rest_stays_reachable(built_site: Path) -> None:
    core = built_site / "assets" / "pyodide"
    stdlib = json.loads((built_site / "assets" / "wheels" / "manifest.json").read_text())["stdlib"]
    assert (core / stdlib["full"]).exists()
    with zipfile.ZipFile(core / stdlib["cut"]) as cut, zipfile.ZipFile(core / stdlib["full"]) as full:
        # the cut holds Pyodide's own modules as bytecode (hooks/bytecode.py), other files unchanged
        kept = {n.removesuffix("c") if n.endswith(".pyc") else n for n in cut.namelist()}
        every = set(full.namelist())
        assert kept < every and (core / stdlib["cut"]).stat().st_size < (core / stdlib["full"]).stat().st_size / 2
        for name in cut.namelist():
            if name.endswith(".pyc"):
                assert cut.read(name)[16:] and name.removesuffix("c") in every
            else:
                assert cut.read(name) == full.read(name)
    assert {"json/__init__.py", "tomllib/_parser.py", "pyodide/__init__.py"} <= kept  # the preview reads TOML
    modules = {m.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for m in every if m.endswith(".py")}
    shipped = {m.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for m in kept}
    assert set(stdlib["rest"]) == {m for m in modules if all(p.isidentifier() for p in m.split("."))} - shipped
    assert "zlib" not in stdlib["rest"]  # built into the core: PDF compression needs no archive
    assert "xml.etree.ElementTree" in stdlib["rest"] and "email.utils" in stdlib["rest"]


def test_the_standard_library_cut_is_computed_from_a_trace() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))
    import stdlib_cut

    traced = {"json": "/lib/python314.zip/json/__init__.py", "sys": "built-in", "klantcanvas": "/home/pyodide/klantcanvas/__init__.py",
              "re._parser": "/lib/python314.zip/re/_parser.py", "absent": None, "re": "/lib/python314.zip/re/__init__.pyc"}
    assert stdlib_cut.members_for(traced) == ["json/__init__.py", "re/__init__.py", "re/_parser.py"]
    assert stdlib_cut.module_name("email/mime/text.py") == "email.mime.text"
    assert stdlib_cut.module_name("json/__init__.py") == "json"
    assert stdlib_cut.module_name("pyodide/py.typed") is None
    assert stdlib_cut.module_name("site-packages/README.txt") is None


def test_each_large_runtime_file_has_an_xz_twin_with_the_same_content(built_site: Path) -> None:
    """The worker downloads the twins (hooks/packed.py, worker.js): each must unpack to the
    original's bytes, or for a zip to the same members with the same bytes, and the worker must
    ask for a twin exactly where the build wrote one."""
    import gzip
    import io
    import lzma
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))
    import packed

    worker = (built_site / "assets" / "klantcanvas" / "worker.js").read_text("utf-8")
    pattern = re.search(r"const PACKED = /(.+)/;", worker)
    assert pattern and pattern.group(1) == packed.PACKED.pattern, "worker.js and hooks/packed.py differ"
    folders = [built_site / "assets" / "pyodide", built_site / "assets" / "wheels"]
    originals = [p for f in folders for p in f.iterdir() if packed.PACKED.search(p.name) and p.name != packed.DECODER_NAME]
    assert {p.name for p in originals} >= {"pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib_preview.zip"}
    for original in originals:
        twin = original.with_name(original.name + ".xz")
        plain = lzma.decompress(twin.read_bytes())
        if original.suffix in (".zip", ".whl"):
            with zipfile.ZipFile(original) as a, zipfile.ZipFile(io.BytesIO(plain)) as b:
                assert a.namelist() == b.namelist(), original.name
                assert all(a.read(n) == b.read(n) for n in a.namelist()), original.name
                assert all(i.compress_type == zipfile.ZIP_STORED for i in b.infolist()), original.name
        else:
            assert plain == original.read_bytes(), original.name
        assert twin.stat().st_size < 0.9 * len(gzip.compress(original.read_bytes(), 6)), original.name
    assert (built_site / "assets" / "pyodide" / packed.DECODER_NAME).read_bytes()[:4] == b"\0asm"
