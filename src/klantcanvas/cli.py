"""The command line: render a saved canvas (or an empty template) to a file, list the canvases.

The saved canvas may be any Klantcanvas download: each carries the JSON (klantcanvas.embedded).

    python -m klantcanvas list
    python -m klantcanvas render canvas.json --format pdf --size A1 -o poster.pdf
    python -m klantcanvas render --blank klanttype-piramide --size A0 -o leeg.pdf
    python -m klantcanvas render canvas.json --lang en -o persona.pdf

It makes every format the engine finishes in Python (pdf, svg, json, xlsx, md) through the same
``export`` as the website; PNG is rasterised by the browser, so it is refused here. ``--lang``
(before or after the command; default nl) chooses the language of the output, the messages and
the help (i18n ``cli.*`` and the engine's own ``import.*`` messages). Exit codes: 0 done, 2 the
input or an option cannot be used (the message says why), 1 the output cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from klantcanvas import jsontext
from klantcanvas.catalog import all_canvases
from klantcanvas.embedded import MAX_UPLOAD_BYTES, extract_saved_json
from klantcanvas.fill import (
    FILE_FORMAT, FILE_VERSION, MAX_FILE_BYTES, Filled, ImportProblem, clean_text, fill, parse_saved_file,
)
from klantcanvas.i18n import DEFAULT_LANGUAGE, LANGUAGES, t, use_locale
from klantcanvas.model import Canvas
from klantcanvas.paper import PAPERS

if TYPE_CHECKING:
    from klantcanvas.export import Format

__all__ = ["main"]

BROWSER_ONLY = ("png",)
ORIENTATIONS = {"landscape": "landscape", "portrait": "portrait", "liggend": "landscape", "staand": "portrait"}
EXIT_OK, EXIT_WRITE, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A problem with the input or the options; ``str(exc)`` is the message."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """argparse with its error line from the catalogue (argparse's own detail text stays English)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, t("cli.usage_error", prog=self.prog, message=message) + "\n")


def _formats() -> dict[str, Format]:
    """The formats made here, and PNG, which is refused with a word on where to make it."""
    from klantcanvas.export import FORMATS

    return {fmt: spec for fmt, spec in FORMATS.items() if spec.finish is None or fmt in BROWSER_ONLY}


def _known() -> str:
    return ", ".join(all_canvases())


def _canvas(canvas_id: str) -> Canvas:
    canvas = all_canvases().get(canvas_id)
    if canvas is None:
        raise CliError(t("cli.unknown_canvas", canvas=canvas_id, known=_known()))
    return canvas


def _reason(exc: OSError, writing: bool = False) -> str:
    if isinstance(exc, FileNotFoundError):
        return t("cli.reason_no_folder" if writing else "cli.reason_missing")
    if isinstance(exc, IsADirectoryError):
        return t("cli.reason_directory")
    if isinstance(exc, PermissionError):
        return t("cli.reason_permission")
    return exc.strerror or str(exc)


def _read(path: str) -> bytes:
    """At most one byte more than a download may have, so a huge file is refused, not loaded."""
    try:
        if path == "-":
            return sys.stdin.buffer.read(MAX_UPLOAD_BYTES + 1)
        with open(path, "rb") as handle:
            return handle.read(MAX_UPLOAD_BYTES + 1)
    except OSError as exc:
        raise CliError(t("cli.cannot_read", path=path, reason=_reason(exc))) from None


def _envelope(content: bytes) -> Any:
    if len(content) > MAX_FILE_BYTES:
        return None
    try:
        return jsontext.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _read_canvas(content: bytes, expected: str | None) -> Filled:
    """The saved canvas in ``content``; which canvas it is comes from the file's envelope.

    Every problem the engine knows (not JSON, not a Klantcanvas file, a newer version, another
    canvas than ``expected``, a damaged field) raises its ImportProblem with the same
    message the website shows. ``content`` may be any Klantcanvas download (PDF, SVG, ...).
    """
    content = extract_saved_json(content).encode("utf-8")
    if expected is not None:
        return parse_saved_file(_canvas(expected), content, all_canvases())
    envelope = _envelope(content)
    canvases = all_canvases()
    named = envelope.get("canvas") if isinstance(envelope, dict) else None
    if isinstance(named, str) and named in canvases:
        return parse_saved_file(canvases[named], content)
    version = envelope.get("version") if isinstance(envelope, dict) else None
    if (
        isinstance(envelope, dict) and envelope.get("format") == FILE_FORMAT and "data" in envelope
        and isinstance(version, int) and version <= FILE_VERSION
    ):
        name = clean_text(str(envelope.get("title") or named))[:80]
        raise CliError(t("cli.unknown_canvas_in_file", canvas=name, known=_known()))
    # Not a usable canvas file at all: let the engine say what is wrong with it. Checked against
    # any canvas, it fails before the canvas id matters (too large, not JSON, not ours, newer).
    parse_saved_file(next(iter(canvases.values())), content)
    raise CliError(t("import.not_klantcanvas"))  # pragma: no cover - the line above always raises


def _choose_format(args: argparse.Namespace) -> str:
    formats = _formats()
    listed = ", ".join(f for f in formats if f not in BROWSER_ONLY)
    if args.format:
        fmt = args.format.lower().lstrip(".")
        if fmt not in formats:
            raise CliError(t("cli.unknown_format", format=args.format, formats=listed))
    elif args.output and args.output != "-":
        suffix = Path(args.output).suffix.lower().lstrip(".")
        by_extension = {spec.extension: fid for fid, spec in formats.items()} | {"markdown": "md"}
        if suffix not in by_extension:
            raise CliError(t("cli.unknown_extension", path=args.output, formats=listed))
        fmt = by_extension[suffix]
    else:
        fmt = "pdf"
    if fmt in BROWSER_ONLY:
        raise CliError(t("cli.browser_only"))
    return str(fmt)


def _choose_paper(args: argparse.Namespace) -> tuple[str | None, str | None]:
    paper = orientation = None
    if args.size:
        paper = args.size.upper()
        if paper not in PAPERS:
            raise CliError(t("cli.unknown_size", size=args.size, sizes=", ".join(PAPERS)))
    if args.orientation:
        orientation = ORIENTATIONS.get(args.orientation.lower())
        if orientation is None:
            raise CliError(t("cli.unknown_orientation", orientation=args.orientation))
    return paper, orientation


def _render(args: argparse.Namespace) -> int:
    if (args.file is None) == (args.blank is None):
        raise CliError(t("cli.file_or_blank"))
    fmt = _choose_format(args)
    paper, orientation = _choose_paper(args)
    if args.blank is not None:
        filled = fill(_canvas(args.blank), {})
    else:
        filled = _read_canvas(_read(args.file), args.canvas)

    from klantcanvas.export import export

    result = export(filled, fmt, paper, orientation)
    if args.output == "-":
        try:
            sys.stdout.buffer.write(result.content)
            sys.stdout.buffer.flush()
        except OSError as exc:  # a closed pipe or a full disk
            raise CliError(t("cli.cannot_write", path="-", reason=_reason(exc, writing=True)), EXIT_WRITE) from None
        return EXIT_OK
    target = args.output or result.filename
    try:
        Path(target).write_bytes(result.content)
    except OSError as exc:
        raise CliError(t("cli.cannot_write", path=target, reason=_reason(exc, writing=True)), EXIT_WRITE) from None
    _say(t("cli.written", path=target), sys.stdout)
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    canvases = all_canvases()
    width = max((len(cid) for cid in canvases), default=0)
    for cid, canvas in canvases.items():
        print(f"{cid:<{width}}  {canvas.title} ({canvas.paper}, {t('ui.' + canvas.orientation).lower()})")
    return EXIT_OK


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", metavar="LANG", default=argparse.SUPPRESS,
                        help=t("cli.lang_help", languages=", ".join(LANGUAGES)))


def _language(argv: Sequence[str] | None) -> str:
    """The --lang of ``argv`` (anywhere on the line), read before the parser is built: the help
    texts themselves are in that language. An unknown language stops with a message."""
    probe = argparse.ArgumentParser(add_help=False)
    probe.add_argument("--lang", default=DEFAULT_LANGUAGE)
    known, _ = probe.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    language = str(known.lang).strip().lower()
    if language not in LANGUAGES:
        raise CliError(t("cli.unknown_language", code=known.lang, languages=", ".join(LANGUAGES)))
    return language


def _parser() -> argparse.ArgumentParser:
    formats = ", ".join(f for f in _formats() if f not in BROWSER_ONLY)
    parser = _Parser(prog="klantcanvas", description=t("cli.description"))
    _add_lang(parser)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="{list,render}")
    listing = commands.add_parser("list", help=t("cli.list_help"), description=t("cli.list_help"))
    _add_lang(listing)
    listing.set_defaults(run=_list)
    render = commands.add_parser("render", help=t("cli.render_help"), description=t("cli.render_help"))
    _add_lang(render)
    render.add_argument("file", nargs="?", help=t("cli.file_help"))
    render.add_argument("--blank", metavar="CANVAS", help=t("cli.blank_help"))
    render.add_argument("--canvas", metavar="CANVAS", help=t("cli.canvas_help"))
    render.add_argument("-f", "--format", help=t("cli.format_help", formats=formats))
    render.add_argument("-s", "--size", help=t("cli.size_help", sizes=", ".join(PAPERS)))
    render.add_argument("--orientation", help=t("cli.orientation_help"))
    render.add_argument("-o", "--output", metavar="FILE", help=t("cli.output_help"))
    render.set_defaults(run=_render)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        language = _language(argv)
    except CliError as error:
        _say(str(error))
        return error.code
    with use_locale(language):
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.run(args)
        return code
    except ImportProblem as problem:
        _say(str(problem))
        return EXIT_USAGE
    except CliError as error:
        _say(str(error))
        return error.code
    except Exception as exc:  # noqa: BLE001 - a bug must still end in a message, not a traceback
        _say(t("cli.failed", reason=clean_text(f"{type(exc).__name__}: {exc}")[:300]))
        return EXIT_WRITE


def _say(message: str, stream: TextIO | None = None) -> None:
    """Print to stderr (or ``stream``); what the terminal cannot encode (a file name with broken
    bytes) is shown escaped instead of ending in a crash."""
    stream = stream or sys.stderr
    try:
        print(message, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(message.encode(encoding, "backslashreplace").decode(encoding, "replace"), file=stream)
