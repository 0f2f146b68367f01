"""Small JSON messages in a link fragment or a file: workshop invitations, contributions and votes.

``pack(prefix, data)`` gives ``<prefix><base64url(deflate(compact json))>``; ``unpack`` reads it
back from a fragment, a whole link or the text of a file (the JSON itself), checked for size and
depth first. Anything unreadable raises ``ImportProblem`` with the message key given, so each kind
of message tells the user what it expected. Standard library only.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Any

from klantcanvas import jsontext
from klantcanvas.fill import ImportProblem
from klantcanvas.i18n import t

__all__ = ["MAX_PACKED", "pack", "unpack"]

#: A contribution or a vote is a few hundred bytes; anything much larger is not one.
MAX_PACKED = 200_000


def pack(prefix: str, data: Any) -> str:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return prefix + base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


def unpack(prefix: str, value: object, problem: str) -> Any:
    """The JSON data in ``value``: a packed fragment (alone, after ``#`` or ``=`` in a link) or
    plain JSON text (a file). Raises ImportProblem(t(problem)) for anything else."""
    if not isinstance(value, str) or len(value) > MAX_PACKED:
        raise ImportProblem(t(problem))
    text = value.strip().lstrip("\ufeff")
    if text.startswith("{"):
        raw = text
    else:
        at = text.find(prefix)
        if at < 0 or (at > 0 and text[at - 1] not in "#=&/"):
            raise ImportProblem(t(problem))
        body = text[at + len(prefix):].split("&")[0]
        try:
            packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            inflater = zlib.decompressobj()
            data = inflater.decompress(packed, MAX_PACKED)
            if inflater.unconsumed_tail or not inflater.eof:
                raise ImportProblem(t(problem))
            raw = data.decode("utf-8")
        except (binascii.Error, ValueError, zlib.error, UnicodeDecodeError):
            raise ImportProblem(t(problem)) from None
    try:
        return jsontext.loads(raw)
    except (ValueError, RecursionError):
        raise ImportProblem(t(problem)) from None
