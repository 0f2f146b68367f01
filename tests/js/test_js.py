"""Runs the page script's pure functions under Node's own test runner (tests/js/*.test.mjs), and
checks that the page and the engine agree on what counts as content in every canvas's form."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path
from typing import Any, Iterator

from klantcanvas.catalog import all_canvases
from klantcanvas.fill import fill
from klantcanvas.forms import render_form
from klantcanvas.model import Field

HERE = Path(__file__).parent

#: Texts on either side of the line: white space of every sort, controls, a byte order mark, a
#: zero-width space, a lone surrogate, XML-illegal code points, an emoji.
TEXTS = ["", " ", "\t\n ", "\u00a0", "\u3000\u2028", "\ufeff", "\x01\x7f\x85", "\u200b", "\ud800", "\uffff", "x",
         "  x  ", "😀", "\U0001f600 "]


def test_page_script_units_pass_under_node() -> None:
    files = sorted(str(p) for p in HERE.glob("*.test.mjs"))
    assert files, "no JavaScript tests found"
    result = subprocess.run(["node", "--test", *files], capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "# fail 0" in output and "# pass 0" not in output, output[-2000:]


def _blank_form(fields: tuple[Field, ...], nested: bool = False) -> dict[str, Any]:
    """What the page reads from a blank form (form-state.js writeScope): one empty entry per list
    and per group, except a group inside a record, which starts without entries."""
    blank: dict[str, Any] = {}
    for f in fields:
        if f.kind == "list":
            blank[f.id] = [""]
        elif f.kind == "group":
            blank[f.id] = [] if nested else [_blank_form(f.fields, nested=True)]
        else:
            blank[f.id] = {"flag": False, "scale": None}.get(f.kind, "")
    return blank


def _samples(f: Field) -> list[Any]:
    if f.kind in ("text", "textarea"):
        return TEXTS
    if f.kind == "choice":
        return ["", " ", f.options[0].value]
    if f.kind == "flag":
        return [False, True]
    if f.kind == "scale":
        return [None, f.minimum, f.maximum, *([0] if f.minimum <= 0 <= f.maximum else [])]
    if f.kind == "list":
        return [[], [""], ["", " ", "\u00a0"], ["", "x"], ["\ufeff"], ["\x00"]]
    if f.kind == "photo":  # the page holds only what the engine checked (photo.js): none, or a photo
        return ["", _tiny_photo()]
    return [[], [{}]]


def _tiny_photo() -> str:
    import base64
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 200, 10)).save(out, "JPEG")
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _holding(f: Field, wanted: Any) -> Any:
    """A value of ``f`` that meets ``wanted`` in a show_when: true asks for something, false for nothing."""
    if not isinstance(wanted, bool):
        return wanted
    if not wanted:
        return _blank_form((f,), nested=True)[f.id]
    return {"flag": True, "scale": f.minimum, "list": ["x"], "group": [{}]}.get(f.kind, "x")


def _cases(fields: tuple[Field, ...], blank: dict[str, Any],
           top: tuple[Field, ...]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """The blank form with one value changed, for every sample value of every field at any depth;
    a field with ``show_when`` both while it is not shown and while it is. Each case comes with
    what it needs at the top level (a show_when "/id" names a top-level field)."""
    by_id = {f.id: f for f in fields}
    top_by_id = {f.id: f for f in top}
    for f in fields:
        conditions = [{}, dict(f.show_when)] if f.show_when else [{}]
        for condition in conditions:
            own = {k: _holding(by_id[k], v) for k, v in condition.items() if not k.startswith("/")}
            root = {k[1:]: _holding(top_by_id[k[1:]], v) for k, v in condition.items() if k.startswith("/")}
            for value in _samples(f):
                yield {**copy.deepcopy(blank), **own, f.id: value}, root
            if f.kind == "group":
                for record, inner in _cases(f.fields, _blank_form(f.fields, nested=True), top):
                    yield {**copy.deepcopy(blank), **own, f.id: [record]}, {**root, **inner}


def test_the_page_and_the_engine_agree_on_what_counts_as_content() -> None:
    sent, expected = {}, {}
    for canvas in all_canvases().values():
        found = re.search(r'<script type="application/json" data-content>(.*?)</script>', render_form(canvas))
        assert found, canvas.id
        blank = _blank_form(canvas.fields)
        cases = [blank, *({**data, **root} for data, root in _cases(canvas.fields, blank, canvas.fields))]
        sent[canvas.id] = {"rule": json.loads(found.group(1)), "cases": cases}
        expected[canvas.id] = [not fill(canvas, data).is_empty() for data in cases]
    result = subprocess.run(["node", str(HERE / "page_content.mjs")], input=json.dumps(sent), capture_output=True,
                            text=True, timeout=120, check=True)
    answers = json.loads(result.stdout)
    for canvas_id, verdicts in expected.items():
        assert len(verdicts) > 20 and any(verdicts) and not all(verdicts), canvas_id
        cases = sent[canvas_id]["cases"]
        wrong = [(data, engine) for data, engine, page in zip(cases, verdicts, answers[canvas_id]) if engine != page]
        assert not wrong, f"{canvas_id}: {len(wrong)} disagreements (data, engine), first: {wrong[:3]!r}"


def test_the_worker_unpacks_what_the_build_packs(tmp_path: Path) -> None:
    """hooks/packed.py writes xz twins and docs/assets/klantcanvas/unxz.js reads them, whatever
    pieces the network cuts them into; a damaged or cut-off file is an error, never wrong bytes."""
    import hashlib
    import lzma
    import sys

    sys.path.insert(0, str(HERE.parent.parent / "hooks"))
    import packed

    text = b"".join(b"Klantcanvas %d\n" % i for i in range(30000))  # several output buffers long
    noise = hashlib.shake_256(b"klantcanvas").digest(200_000)  # does not compress: many input pieces
    expected = {}
    for name, data in {"text.bin": text, "noise.bin": noise, "empty.bin": b""}.items():
        (tmp_path / f"{name}.xz").write_bytes(packed.packed(data, name))
        expected[name] = hashlib.sha256(data).hexdigest()
    good = packed.packed(text, "text.bin")
    damaged = bytearray(good)
    damaged[len(good) // 2] ^= 0xFF
    (tmp_path / "damaged.bin.xz").write_bytes(bytes(damaged))
    (tmp_path / "short.bin.xz").write_bytes(good[: len(good) // 2])
    assert lzma.decompress(good) == text
    (tmp_path / "xz.wasm").write_bytes(packed.decoder())

    sizes = ["7", "4096", "1000000"]
    result = subprocess.run(["node", str(HERE / "unxz_check.mjs"), str(tmp_path), str(tmp_path / "xz.wasm"), *sizes],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout)
    for size in sizes:
        for name, digest in expected.items():
            assert seen[f"{name}.xz@{size}"] == digest, (name, size)
        assert seen[f"damaged.bin.xz@{size}"].startswith("error: xz: the file is damaged"), size
        assert seen[f"short.bin.xz@{size}"] == "error: xz: the file ends too soon", size
