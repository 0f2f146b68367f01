"""Share links: the whole canvas in the URL fragment, compressed, so no server ever sees it.

``fragment(filled)`` gives ``kc1.<base64url(deflate(json))>``; ``read_fragment`` checks it as
strictly as a saved file. Links over LINK_WARN characters are flagged: chat tools and some
browsers cut them.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Mapping

from klantcanvas.fill import Filled, ImportProblem, fill, parse_saved_file, saved_file
from klantcanvas.i18n import t
from klantcanvas.model import Canvas

__all__ = ["LINK_WARN", "PREFIX", "fragment", "read_fragment", "without_photos"]

PREFIX = "kc1."
#: Many chat tools and e-mail clients break or cut links beyond about 2000 characters.
LINK_WARN = 2000
MAX_INFLATED = 2_000_000


def without_photos(filled: Filled) -> Filled:
    """``filled`` with its photos left out (and what shows only with them, such as a caption);
    ``filled`` itself when it has none."""
    photos = [f.id for f in filled.canvas.fields if f.kind == "photo" and filled.values.get(f.id)]
    if not photos:
        return filled
    return fill(filled.canvas, {**filled.as_json_data(), **{p: "" for p in photos}})


def fragment(filled: Filled) -> str:
    raw = saved_file(filled).encode("utf-8")
    packed = zlib.compress(json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":")).encode(), 9)
    return PREFIX + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def read_fragment(canvas: Canvas, value: object, canvases: Mapping[str, Canvas] | None = None) -> Filled:
    if not isinstance(value, str):
        raise ImportProblem(t("share.bad_link"))
    value = value.strip().lstrip("#")
    if value.startswith("kc="):
        value = value[3:]
    if not value.startswith(PREFIX):
        raise ImportProblem(t("share.bad_link"))
    body = value[len(PREFIX):]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_INFLATED)
        if inflater.unconsumed_tail or not inflater.eof:  # too large, or cut off on the way
            raise ImportProblem(t("share.bad_link"))
    except (binascii.Error, ValueError, zlib.error, MemoryError):
        raise ImportProblem(t("share.bad_link")) from None
    return parse_saved_file(canvas, raw, canvases)
