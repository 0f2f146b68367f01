"""Build step: a ``python_stdlib.zip`` cut to what the browser's first preview imports.

Pyodide's own archive holds the whole standard library (2.5 MB to download); the worker's start
and the preview import a small part of it. ``stdlib_trace.mjs`` measures which part, in Pyodide
under Node with an import hook, on the engine wheel as shipped (every canvas, language, paper and
orientation); ``cut`` keeps those modules, and names every other module of the full archive (the
worker's finder, ``klantcanvas.stdlib_rest``, imports those from the full archive when first
needed). The cut holds lean bytecode, not source (``bytecode.py``, compiled inside Pyodide by
``precompile.mjs``): Python compiled the start's 2.6 MB of source on every visit, about 1.3 s under
Node, for an archive of the same size. The cut is then proved: the same trace run again from the
cut itself must import nothing outside it, or the build stops. Cached by the engine wheel, these
build scripts and the archive.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRACE = ROOT / "hooks" / "stdlib_trace.mjs"
PRECOMPILE = ROOT / "hooks" / "precompile.mjs"
#: Where Pyodide mounts its standard-library archive (``sys.path``), as the trace reports origins.
MOUNT = "/lib/python314.zip/"
CUT_NAME = "python_stdlib_preview.zip"


@dataclass(frozen=True)
class Cut:
    zip: Path  # the cut archive
    members: tuple[str, ...]  # its files, as named in the full archive
    rest: tuple[str, ...]  # every module only the full archive has, dotted


def members_for(modules: dict[str, str | None], mount: str = MOUNT) -> list[str]:
    """The archive members behind the traced modules loaded from the archive mounted at ``mount``,
    named as their source in the full archive (a module of the cut is its ``.pyc``)."""
    return sorted({origin.removeprefix(mount).removesuffix("c") if origin.endswith(".pyc") else origin.removeprefix(mount)
                   for origin in modules.values() if origin and origin.startswith(mount)})


def module_name(member: str) -> str | None:
    """``a/b.py`` -> ``a.b``, ``a/__init__.py`` -> ``a``; None for what is not a module."""
    if not member.endswith(".py"):
        return None
    parts = member.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) if parts and all(p.isidentifier() for p in parts) else None


def rest_of(full: Path, members: list[str]) -> list[str]:
    """Every module of ``full`` that ``members`` do not hold."""
    kept = {module_name(m) for m in members}
    with zipfile.ZipFile(full) as archive:
        names = {module_name(n) for n in archive.namelist()}
    return sorted(n for n in names if n is not None and n not in kept)


def write_cut(full: Path, members: list[str], out: Path) -> None:
    """``out``: the members of ``full``, compressed as there (a member it lacks is an error)."""
    with zipfile.ZipFile(full) as src, zipfile.ZipFile(out, "w") as dst:
        for name in members:
            info = src.getinfo(name)
            dst.writestr(info, src.read(info), compress_type=info.compress_type)


def _trace(wheel: Path, *cut: Path) -> dict[str, str | None]:
    result = subprocess.run(["node", str(TRACE), str(wheel), *map(str, cut)], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"stdlib_cut: the trace failed ({result.returncode}): {result.stderr[-3000:]}")
    modules: dict[str, str | None] = json.loads(result.stdout)["modules"]
    return modules


def cut(wheel: Path, full: Path) -> Cut:
    """The cut for ``wheel`` (the engine as shipped) from ``full``, measured and proved, cached."""
    digest = hashlib.sha256()
    for path in (wheel, TRACE, full, PRECOMPILE, ROOT / "hooks" / "bytecode.py", ROOT / "hooks" / "stdlib_cut.py"):
        digest.update(path.read_bytes())
    out = ROOT / ".cache" / "stdlib" / digest.hexdigest()[:16]
    if not (out / "done").exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=out.parent))
        members = members_for(_trace(wheel))
        write_cut(full, members, work / "source.zip")
        subprocess.run(["node", str(PRECOMPILE), "--stdlib", str(work / "source.zip"), str(work / CUT_NAME)], check=True, cwd=ROOT)
        (work / "source.zip").unlink()
        (work / "members.json").write_text(json.dumps(members, indent=0), "utf-8")
        (work / "rest.json").write_text(json.dumps(rest_of(full, members)), "utf-8")
        _trace(wheel, work / CUT_NAME, work / "rest.json")  # the proof: raises when it fails
        (work / "done").write_text("ok")
        shutil.rmtree(out, ignore_errors=True)
        try:
            work.rename(out)
        except OSError:  # another build finished first: its result is the same
            shutil.rmtree(work, ignore_errors=True)
    members = json.loads((out / "members.json").read_text("utf-8"))
    rest = json.loads((out / "rest.json").read_text("utf-8"))
    return Cut(out / CUT_NAME, tuple(members), tuple(rest))
