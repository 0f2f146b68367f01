"""MkDocs hook: puts the browser runtime into the built site, so ``mkdocs build`` is deployable.

After each build it copies the Pyodide core from node_modules (no CDN), a standard library cut to
what the preview imports (``stdlib_cut.py``; the full one stays beside it), the engine as a freshly
built wheel plus its pinned pure-Python dependencies (downloaded from PyPI by ./dev setup into
.cache/wheels), a lock file of our own, and the Inter fonts. Everything lands under
``assets/`` and is referenced relatively, so the site works under any sub-path. The large runtime
files also get an xz twin (``packed.py``), which is what the worker downloads.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from typing import Any
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import packed  # noqa: E402  (hooks/ is not a package; MkDocs loads this file by its path)
import stdlib_cut  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
SETUP_HINT = "run ./dev setup first (it installs node_modules and downloads the wheels)"


def _runtime_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return list(project["dependencies"])


def _wheel_for(requirement: str, folder: Path) -> Path:
    name, version = requirement.split("==")
    stem = name.replace("-", "_").lower()
    found = [p for p in folder.glob("*.whl") if p.name.lower().startswith(f"{stem}-{version}-")]
    if not found:
        raise SystemExit(f"pyodide_bundle: no wheel for {requirement} in {folder}: {SETUP_HINT}")
    return found[0]


def _source_digest() -> str:
    """A hash of the engine's sources, fonts included: the key of every build cache here."""
    sources = sorted(p for p in (ROOT / "src").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for path in sources + [ROOT / "pyproject.toml"]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _engine_wheel() -> Path:
    """Build the engine wheel, reusing it while the sources are unchanged."""
    out = ROOT / ".cache" / "engine" / _source_digest()
    wheels = list(out.glob("klantcanvas-*.whl"))
    if not wheels:
        if not (ROOT / "src" / "klantcanvas" / "fonts" / "Inter-Regular.ttf").exists():
            raise SystemExit(f"pyodide_bundle: the Inter fonts are missing: {SETUP_HINT}")
        # Built aside and moved into place whole: a test run in parallel may build it at the same time.
        out.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=out.parent))
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(work), str(ROOT)],
            check=True,
        )
        try:
            work.rename(out)
        except OSError:  # the other build got there first; its wheel is the same
            shutil.rmtree(work, ignore_errors=True)
        wheels = list(out.glob("klantcanvas-*.whl"))
    return wheels[0]


#: What the browser's engine wheel leaves to the klantcanvas-fonts wheel: the preview measures text
#: from fonts/metrics.json; the TTFs (PDF) and WOFF2 pieces (SVG download) come with their request.
FONT_FILES = re.compile(r"^klantcanvas/fonts/(.+\.(ttf|woff2)|LICENSE.*)$")


def _record(files: dict[str, bytes], dist_info: str) -> bytes:
    lines = []
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{name},sha256={digest},{len(data)}")
    lines.append(f"{dist_info}/RECORD,,")
    return ("\n".join(lines) + "\n").encode()


def _write_wheel(path: Path, files: dict[str, bytes], dist_info: str) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo(f"{dist_info}/RECORD", (2020, 1, 1, 0, 0, 0)), _record(files, dist_info))


def _split_fonts(engine: Path) -> tuple[Path, Path]:
    """The engine wheel without its font files, and a klantcanvas-fonts wheel holding them (in the
    same folder, klantcanvas/fonts/, so unpacking it puts them where the engine reads them)."""
    out = engine.parent / "split"
    light, fonts = out / engine.name, out / engine.name.replace("klantcanvas-", "klantcanvas_fonts-", 1)
    if light.exists() and fonts.exists():
        return light, fonts
    out.mkdir(exist_ok=True)
    with zipfile.ZipFile(engine) as archive:
        files = {n: archive.read(n) for n in archive.namelist() if not n.endswith(".dist-info/RECORD")}
    dist_info = next(n.split("/")[0] for n in files if n.endswith(".dist-info/METADATA"))
    version = dist_info.removeprefix("klantcanvas-").removesuffix(".dist-info")
    kept = {n: d for n, d in files.items() if not FONT_FILES.match(n)}
    moved = {n: d for n, d in files.items() if FONT_FILES.match(n)}
    if not any(n.endswith(".ttf") for n in moved) or "klantcanvas/fonts/metrics.json" not in kept:
        raise SystemExit(f"pyodide_bundle: the engine wheel lacks its fonts or metrics.json: {SETUP_HINT}")
    fonts_info = f"klantcanvas_fonts-{version}.dist-info"
    moved[f"{fonts_info}/METADATA"] = (f"Metadata-Version: 2.1\nName: klantcanvas-fonts\nVersion: {version}\n"
                                       "Summary: The Inter fonts of the Klantcanvas engine, for PDF and SVG downloads\n"
                                       "License: OFL-1.1\n").encode()
    moved[f"{fonts_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: klantcanvas\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    _write_wheel(light.with_suffix(".part"), kept, dist_info)
    _write_wheel(fonts.with_suffix(".part"), moved, fonts_info)
    light.with_suffix(".part").replace(light)
    fonts.with_suffix(".part").replace(fonts)
    return light, fonts


def _precompiled(wheels: list[Path]) -> list[Path]:
    """The same wheels with Python 3.14 bytecode added (compiled inside Pyodide by precompile.mjs).

    Measured here: the first PDF drops from about 2.9 s to 1.4 s, because fpdf2 and fontTools no
    longer compile on import. The bytecode is lean (hooks/bytecode.py: line numbers without columns),
    so the wheels grow less (2.2 to 5.9 MB with plain .pyc). Cached by the wheels' content.
    """
    digest = hashlib.sha256((ROOT / "hooks" / "precompile.mjs").read_bytes() + (ROOT / "hooks" / "bytecode.py").read_bytes())
    for wheel in wheels:
        digest.update(wheel.name.encode())
        digest.update(wheel.read_bytes())
    out = ROOT / ".cache" / "pyc" / digest.hexdigest()[:16]
    if not (out / "done").exists():
        # Built aside and moved into place whole, so two builds at once never see half a folder.
        out.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=out.parent))
        (work / "in").mkdir()
        (work / "out").mkdir()
        for wheel in wheels:
            shutil.copy2(wheel, work / "in" / wheel.name)
        subprocess.run(["node", str(ROOT / "hooks" / "precompile.mjs"), str(work / "in"), str(work / "out")], check=True, cwd=ROOT)
        (work / "out" / "done").write_text("ok")
        if out.exists() and not (out / "done").exists():
            shutil.rmtree(out, ignore_errors=True)  # left half-made by a build that was stopped
        try:
            (work / "out").rename(out)
        except OSError:  # another build finished first: its result is the same
            pass
        shutil.rmtree(work, ignore_errors=True)
    return [out / wheel.name for wheel in wheels]


def _dist_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _manifest(wheels: list[Path]) -> dict[str, object]:
    """What the worker needs to load wheels on demand: each wheel's distribution name, the
    distributions it requires (only those shipped here: Pillow is absent on purpose) and whether
    it is the engine, the one wheel every preview needs."""
    names = {_dist_name(w.name.split("-")[0]) for w in wheels}
    entries = []
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            meta_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            metadata = archive.read(meta_name).decode("utf-8")
        requires = []
        for line in metadata.splitlines():
            if line.startswith("Requires-Dist:") and "extra ==" not in line:
                dist = _dist_name(re.split(r"[\s;<>=!~\[(]", line.split(":", 1)[1].strip())[0])
                if dist in names and dist not in requires:
                    requires.append(dist)
        name = _dist_name(wheel.name.split("-")[0])
        core = name == "klantcanvas"
        entries.append({
            # The engine's own dependencies are loaded per request (klantcanvas.runtime), not with it.
            "file": wheel.name, "name": name, "requires": [] if core else requires, "core": core,
            "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(), "bytes": wheel.stat().st_size,
        })
    return {"wheels": entries}


def _lock(core_lock: Path) -> dict[str, object]:
    """A lock with the core's info block and no packages: wheels are unpacked, never fetched."""
    info = json.loads(core_lock.read_text("utf-8"))["info"]
    return {"info": info, "packages": {}}


def on_post_build(config: Any, **kwargs: Any) -> None:
    site = Path(config["site_dir"])
    core = ROOT / "node_modules" / "pyodide"
    if not core.exists():
        raise SystemExit(f"pyodide_bundle: {core} is missing: {SETUP_HINT}")
    target = site / "assets" / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        shutil.copy2(core / name, target / name)
    (target / "pyodide-lock.json").write_text(json.dumps(_lock(core / "pyodide-lock.json")), "utf-8")

    wheels_dir = site / "assets" / "wheels"
    wheels_dir.mkdir(parents=True, exist_ok=True)
    cache = ROOT / ".cache" / "wheels"
    wheels = _precompiled([_wheel_for(r, cache) for r in _runtime_requirements()] + list(_split_fonts(_engine_wheel())))
    for wheel in wheels:
        shutil.copy2(wheel, wheels_dir / wheel.name)
    # The worker starts Python from the cut; klantcanvas.stdlib_rest imports the rest from the full one.
    engine = next(w for w in wheels if w.name.startswith("klantcanvas-"))
    cut = stdlib_cut.cut(engine, core / "python_stdlib.zip")
    shutil.copy2(cut.zip, target / cut.zip.name)
    stdlib = {"cut": cut.zip.name, "full": "python_stdlib.zip", "rest": list(cut.rest)}
    (wheels_dir / "manifest.json").write_text(json.dumps({**_manifest(wheels), "stdlib": stdlib}, indent=1), "utf-8")
    # What the worker downloads instead: an xz twin of each large file, and the decoder for them.
    packed.write_twins([target, wheels_dir])
    packed.write_decoder(target)

    fonts = site / "assets" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    # The engine's WOFF2 subsets (hooks/fonts.py): a browser fetches only the ranges a page shows.
    # font-display: optional, so text never reflows when Inter arrives late (layout shift); the
    # Latin regular piece is preloaded by overrides/main.html, so it is there for the first paint.
    engine_fonts = ROOT / "src" / "klantcanvas" / "fonts"
    if not (engine_fonts / "subsets.json").exists():
        raise SystemExit(f"pyodide_bundle: the font subsets are missing: {SETUP_HINT}")
    faces = []
    for face in json.loads((engine_fonts / "subsets.json").read_text("utf-8"))["faces"]:
        shutil.copy2(engine_fonts / face["file"], fonts / face["file"])
        faces.append(f'@font-face {{ font-family: "Inter"; font-weight: {face["weight"]}; font-display: optional; '
                     f'src: url("{face["file"]}") format("woff2"); unicode-range: {face["ranges"]}; }}')
    (fonts / "inter.css").write_text("\n".join(faces) + "\n", "utf-8")
    vendor = site / "assets" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "node_modules" / "pptxgenjs" / "dist" / "pptxgen.bundle.js", vendor / "pptxgen.bundle.js")
    templates = site / "assets" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    for path in _blank_templates().iterdir():
        if path.suffix in (".pdf", ".pptx"):
            shutil.copy2(path, templates / path.name)
    _write_service_worker(site)


def _blank_templates() -> Path:
    """Blank PDFs (every template paper) and a PPTX per canvas and language, made by the engine,
    cached by source. File names are the form's (``persona-leeg-a4.pdf``, ``persona-blank-a4.pdf``)."""
    from klantcanvas import fill
    from klantcanvas.catalog import all_canvases
    from klantcanvas.forms import TEMPLATE_PAPERS, template_files
    from klantcanvas.i18n import LANGUAGES, use_locale
    from klantcanvas.layouts import build_scene
    from klantcanvas.paper import page
    from klantcanvas.render.pdf import as_pdf
    from klantcanvas.render.pptx_spec import as_pptx_spec

    sources = [ROOT / "docs/assets/klantcanvas/pptx.js", ROOT / "docs/assets/klantcanvas/pptx-tidy.js", ROOT / "hooks/blank_pptx.mjs", ROOT / "package-lock.json"]
    digest = hashlib.sha256(_source_digest().encode())
    for path in sources:
        digest.update(path.read_bytes())
    out = ROOT / ".cache" / "templates" / digest.hexdigest()[:16]
    if (out / "done").exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        with use_locale(language):
            for canvas in all_canvases().values():
                blank = fill(canvas, {})
                names = [name for _, name in template_files(canvas)]
                for paper, name in zip(TEMPLATE_PAPERS, names):
                    (out / name).write_bytes(as_pdf(build_scene(blank, page(paper, canvas.orientation))))
                spec = as_pptx_spec(build_scene(blank, page(canvas.paper, canvas.orientation)))
                (out / names[-1]).with_suffix(".json").write_text(json.dumps(spec), "utf-8")
    subprocess.run(["node", str(ROOT / "hooks" / "blank_pptx.mjs"), str(out)], check=True, cwd=ROOT)
    (out / "done").write_text("ok")
    return out


def _other_search_language(path: Path) -> bool:
    """Material ships search support for some 30 languages (~1 MB); precache only the site's own."""
    if path.parent.name not in ("lunr", "min") or "lunr" not in path.parts:
        return False
    from klantcanvas.i18n import LANGUAGES

    wanted = {"lunr.js", "lunr.min.js", "lunr.stemmer.support.min.js", "lunr.multi.min.js"}
    return path.name not in wanted | {f"lunr.{code}.min.js" for code in LANGUAGES}


def _write_service_worker(site: Path) -> None:
    """sw.js with this build's id and the small files (pages, styles, scripts, fonts) to precache.

    The Pyodide core and the wheels are cached when a canvas page first uses them, so a visitor
    who only reads a guide does not download 20 MB.
    """
    runtime = (site / "assets" / "pyodide", site / "assets" / "wheels")
    files = sorted(
        p for p in site.rglob("*")
        if p.is_file() and not any(r in p.parents for r in runtime)
        and p.suffix not in (".map", ".gz", ".xml") and p.name not in ("sw.js", "404.html")
    )
    # Blank templates (PDF and PowerPoint per canvas, paper and language: ~1.6 MB) are downloads,
    # not what a page needs to work: cached when first downloaded, like the runtime.
    templates = site / "assets" / "templates"
    build = hashlib.sha256()
    manifest = site / "assets" / "wheels" / "manifest.json"
    # The Pyodide core counts too: a memory snapshot kept in this cache (snapshot.js) fits one core.
    runtime_files = sorted(p for p in (site / "assets" / "wheels").glob("*") if p != manifest)
    runtime_files += sorted((site / "assets" / "pyodide").glob("*"))
    for path in files + runtime_files:
        build.update(path.name.encode())
        build.update(path.read_bytes())
    cache = f"klantcanvas-{build.hexdigest()[:16]}"
    # The Web Worker caches what it downloads in this same cache (see worker.js), so a second
    # visit is free even when the first visit's worker started before the service worker did.
    index = json.loads(manifest.read_text("utf-8"))
    manifest.write_text(json.dumps({"cache": cache, **index}, indent=1), "utf-8")
    urls = [p.relative_to(site).as_posix() for p in files if not _other_search_language(p) and templates not in p.parents]
    urls = ["./" if u == "index.html" else "./" + u.removesuffix("index.html") for u in urls]
    # Material's language selector fetches the sitemap.xml beside every page, offline too; hooks/seo.py
    # writes one into every page's folder (it runs last), so each precached page brings its own.
    urls += [u + "sitemap.xml" for u in urls if u.endswith("/")]
    template = (ROOT / "hooks" / "sw.js").read_text("utf-8")
    text = template.replace("__CACHE__", cache).replace("__PRECACHE__", json.dumps(urls))
    (site / "sw.js").write_text(text, "utf-8")
