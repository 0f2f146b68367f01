"""Serves a built site under a sub-path (like a GitHub Pages project site) on 127.0.0.1.

``python tests/e2e/subpath_server.py SITE_DIR PORT`` serves SITE_DIR at /klantcanvas/; anything
outside the prefix is 404, so a URL that forgets the base path fails loudly.
"""

from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PREFIX = "/klantcanvas"


class SubPathHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".webmanifest": "application/manifest+json"}

    def translate_path(self, path: str) -> str:
        if not (path == PREFIX or path.startswith(PREFIX + "/")):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path(path[len(PREFIX):] or "/")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class QuietServer(ThreadingHTTPServer):
    """A browser that closes a page mid-download (a test that moves on) is no server error."""

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start(site: Path, port: int = 0) -> ThreadingHTTPServer:
    handler = functools.partial(SubPathHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    srv = start(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"http://127.0.0.1:{srv.server_port}{PREFIX}/", flush=True)
    threading.Event().wait()
