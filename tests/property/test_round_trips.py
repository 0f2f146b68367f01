"""Property: what the engine writes reads back exactly (JSON file, share link, workspace backup),
and crafted files, links and backups are either accepted clean or refused in Dutch."""

from __future__ import annotations

import base64
import json
import os
import tempfile
import zlib
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from kc_strategies import (
    CANVAS_IDS, answer, canvas_and_data, canvas_data, check_file, count, dumps, hostile_text, json_scalar, json_value,
)

from klantcanvas import fill
from klantcanvas.catalog import all_canvases


def _checked(canvas: str, data: Any) -> dict[str, Any]:
    """What fill() makes of ``data``: the exact data every round trip must give back."""
    return fill(all_canvases()[canvas], data).as_json_data()


@given(canvas_and_data())
def test_json_export_then_import_is_exact(canvas_data) -> None:  # type: ignore[no-untyped-def]
    count("round trip json")
    canvas, data = canvas_data
    meta, body = answer({"method": "export", "canvas": canvas, "data": data, "format": "json"})
    assert meta["ok"] and json.loads(body)["data"] == _checked(canvas, data)
    back, _ = answer({"method": "import", "canvas": canvas, "text": body.decode("utf-8")})
    assert back == {"ok": True, "data": _checked(canvas, data)}


@given(canvas_and_data())
def test_share_then_open_link_is_exact(canvas_data) -> None:  # type: ignore[no-untyped-def]
    count("round trip share")
    canvas, data = canvas_data
    meta, _ = answer({"method": "share", "canvas": canvas, "data": data, "page_url": "https://example.org/x/"})
    back, _ = answer({"method": "open_link", "canvas": canvas, "fragment": "#kc=" + meta["fragment"]})
    assert back == {"ok": True, "data": _checked(canvas, data)}


entries = st.lists(st.one_of(
    canvas_and_data().flatmap(lambda cd: st.fixed_dictionaries(
        {"canvas": st.just(cd[0]), "data": st.just(cd[1])}, optional={"name": json_scalar, "changed": json_scalar})),
    json_value,
), max_size=4)


@given(entries, json_scalar)
def test_export_all_then_import_all_is_exact(canvases, saved_at) -> None:  # type: ignore[no-untyped-def]
    count("round trip workspace")
    meta, body = answer({"method": "export_all", "canvases": canvases, "saved_at": saved_at})
    written = json.loads(body)["canvases"]
    kept = [e for e in canvases if isinstance(e, dict) and e.get("canvas") in CANVAS_IDS]
    assert [e["data"] for e in written] == [_checked(e["canvas"], e.get("data")) for e in kept]
    back, _ = answer({"method": "import_all", "text": body.decode("utf-8")})
    assert back == {"ok": True, "canvases": written, "skipped": []}


versions = st.lists(st.one_of(
    st.fixed_dictionaries({}, optional={"name": json_scalar, "saved": json_scalar, "data": json_value,
                                        "options": st.one_of(json_value, st.just({"paper": "A3", "orientation": "portrait"}))}),
    json_value,
), max_size=4)


@given(canvas_and_data(), versions, json_value)
def test_versions_export_then_import_is_exact(canvas_data, raw_versions, options) -> None:  # type: ignore[no-untyped-def]
    count("round trip workspace")
    canvas, data = canvas_data
    entry = {"canvas": canvas, "name": "n", "data": data, "options": options, "versions": raw_versions}
    _, body = answer({"method": "export_all", "canvases": [entry]})
    written = json.loads(body)["canvases"]
    kept = [v for v in raw_versions if isinstance(v, dict)]
    assert [v["data"] for v in written[0]["versions"]] == [_checked(canvas, v.get("data")) for v in kept]
    back, _ = answer({"method": "import_all", "text": body.decode("utf-8")})
    assert back == {"ok": True, "canvases": written, "skipped": []}


@st.composite
def crafted_envelope(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    canvas = draw(st.sampled_from(CANVAS_IDS))
    envelope = draw(st.fixed_dictionaries(
        {"data": canvas_data(all_canvases()[canvas])},
        optional={"format": st.one_of(st.just("klantcanvas"), json_scalar), "version": st.one_of(st.just(1), json_scalar),
                  "canvas": st.one_of(st.sampled_from(CANVAS_IDS), json_scalar), "title": hostile_text, "extra": json_value},
    ))
    if draw(st.booleans()):
        envelope.update(format="klantcanvas", version=1, canvas=canvas)
    return canvas, envelope


def _accepted_is_clean(canvas: str, meta: dict[str, Any]) -> None:
    if meta["ok"]:
        assert _checked(canvas, meta["data"]) == meta["data"]


@given(crafted_envelope())
def test_crafted_saved_files(canvas_envelope) -> None:  # type: ignore[no-untyped-def]
    count("crafted file")
    canvas, envelope = canvas_envelope
    meta, _ = answer({"method": "import", "canvas": canvas, "text": dumps(envelope)})
    _accepted_is_clean(canvas, meta)


@given(crafted_envelope(), st.integers(0, 40), st.booleans())
def test_crafted_share_fragments(canvas_envelope, cut, pad) -> None:  # type: ignore[no-untyped-def]
    count("crafted link")
    canvas, envelope = canvas_envelope
    packed = base64.urlsafe_b64encode(zlib.compress(dumps(envelope).encode("utf-8", "surrogatepass"))).decode("ascii")
    value = "kc1." + (packed if pad else packed.rstrip("="))
    meta, _ = answer({"method": "open_link", "canvas": canvas, "fragment": value[: len(value) - cut]})
    _accepted_is_clean(canvas, meta)


@given(st.lists(crafted_envelope().map(lambda ce: {"canvas": ce[1].get("canvas"), "name": ce[1].get("title"),
                                                    "data": ce[1]["data"]}), max_size=3),
       st.one_of(st.just(1), json_scalar))
def test_crafted_workspace_files(canvases, version) -> None:  # type: ignore[no-untyped-def]
    count("crafted workspace")
    text = dumps({"format": "klantcanvas-werkruimte", "version": version, "canvases": canvases})
    meta, _ = answer({"method": "import_all", "text": text})
    for entry in meta.get("canvases", []):
        assert _checked(entry["canvas"], entry["data"]) == entry["data"]


@given(crafted_envelope(), st.sampled_from(["md", "svg", "json", "xlsx"]), st.sampled_from([None, "a4", "A0", "A5"]))
def test_cli_render(canvas_envelope, fmt, size) -> None:  # type: ignore[no-untyped-def]
    from klantcanvas.cli import main

    count("cli render")
    _, envelope = canvas_envelope
    with tempfile.TemporaryDirectory() as folder:
        source, target = os.path.join(folder, "in.json"), os.path.join(folder, f"uit.{fmt}")
        with open(source, "wb") as handle:
            handle.write(dumps(envelope).encode("utf-8", "surrogatepass"))
        code = main(["render", source, "-o", target] + (["--size", size] if size else []))
        assert code in (0, 2)
        assert os.path.exists(target) == (code == 0)
        if code == 0:
            with open(target, "rb") as handle:
                check_file({"md": "text/markdown", "svg": "image/svg+xml", "json": "application/json",
                            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[fmt], handle.read())
