"""The bench's view of the network: the built site served under /klantcanvas/ with every request logged.

Counting at the server sees every byte that really went over the network, whoever asked for it:
the page, the Web Worker (Pyodide's .wasm and zip, the wheels) or the service worker. A request
answered by the service worker or the browser's cache never reaches it. Also writes the bench-only
page that boots a bare Pyodide into the served site (never into docs/).
"""

from __future__ import annotations

import functools
import gzip
import json
import shutil
import threading
import time
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from subpath_server import PREFIX, SubPathHandler

BARE_DIR = "_bench"
RUNTIME_DIRS = ("assets/pyodide/", "assets/wheels/")


@dataclass
class Hit:
    at: float  # time.monotonic() when the answer started
    path: str  # URL path without the /klantcanvas prefix
    status: int
    dest: str  # Sec-Fetch-Dest: document, script, worker, empty (fetch), ...
    file: str = ""  # the file on disk that was sent, if any
    size: int = 0  # body bytes sent


class Log:
    """Every request the server answered, in order; ``mark()`` and ``since(mark)`` cut out a visit.

    ``throttle(rtt_s, bits_per_s)`` makes the server behave like a slow mobile link shared by every
    request (page, Web Worker, service worker alike, which Chromium's own throttling does not
    reliably reach): each answer waits one round trip, and its body takes the link for the time its
    gzip size needs (as if served compressed); ``throttle(0, 0)`` ends it.
    """

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self._gzip: dict[str, int] = {}
        self.rtt = 0.0
        self.rate = 0.0  # bytes per second; 0 = not throttled
        self._link = threading.Lock()
        self._link_free = 0.0

    def throttle(self, rtt_s: float, bits_per_s: float) -> None:
        self.rtt, self.rate = rtt_s, bits_per_s / 8

    def take_link(self, nbytes: float) -> None:
        """Wait until ``nbytes`` went over the shared link (no wait when not throttled)."""
        if not self.rate:
            return
        with self._link:
            start = max(time.monotonic(), self._link_free)
            self._link_free = start + nbytes / self.rate
            until = self._link_free
        time.sleep(max(0.0, until - time.monotonic()))

    def gzip_file(self, file: str) -> int:
        if file not in self._gzip:
            self._gzip[file] = len(gzip.compress(Path(file).read_bytes(), compresslevel=6))
        return self._gzip[file]

    def mark(self) -> int:
        return len(self.hits)

    def since(self, mark: int) -> list[Hit]:
        return self.hits[mark:]

    def quiet(self, seconds: float = 1.5, timeout: float = 60) -> None:
        """Wait until no request arrived for ``seconds`` (catches fetches the page does not see)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            last = self.hits[-1].at if self.hits else 0.0
            if time.monotonic() - last >= seconds:
                return
            time.sleep(0.2)

    def gzip_size(self, hit: Hit) -> int:
        """The body's size at gzip level 6, as a proxy for a server that compresses."""
        if not hit.file or not hit.size:
            return hit.size
        return self.gzip_file(hit.file)

    def totals(self, hits: list[Hit]) -> dict[str, float]:
        runtime = [h for h in hits if h.path.lstrip("/").startswith(RUNTIME_DIRS)]
        return {
            "requests": len(hits),
            "raw": sum(h.size for h in hits),
            "gzip": sum(self.gzip_size(h) for h in hits),
            "runtime_requests": len(runtime),
            "runtime_raw": sum(h.size for h in runtime),
        }


class CountingHandler(SubPathHandler):
    log: Log

    def send_response(self, code: int, message: str | None = None) -> None:
        self._hit = Hit(time.monotonic(), self.path.split("?")[0].removeprefix(PREFIX), code,
                        self.headers.get("Sec-Fetch-Dest", ""))
        self.log.hits.append(self._hit)
        super().send_response(code, message)

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        start = source.tell()
        name = getattr(source, "name", "")
        if self.log.rate and name:
            time.sleep(self.log.rtt)
            raw = max(1, Path(name).stat().st_size)
            share = self.log.gzip_file(name) / raw  # the link carries the gzip size
            try:
                while chunk := source.read(64 * 1024):
                    self.log.take_link(len(chunk) * share)
                    outputfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the context closed mid-download (a prefetch after ready): nothing to count
        else:
            super().copyfile(source, outputfile)
        self._hit.file = name
        self._hit.size = source.tell() - start


def start(site: Path) -> tuple[ThreadingHTTPServer, Log]:
    log = Log()
    handler = functools.partial(type("Handler", (CountingHandler,), {"log": log}), directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, log


BARE_PAGE = """<!doctype html>
<meta charset="utf-8"><title>bench: bare loadPyodide()</title>
<p>Bench only: a module Web Worker that runs nothing but loadPyodide().</p>
<script type="module">
  const worker = new Worker(new URL("./bare-worker.mjs", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => {
    window.__bare = { ...data, at: performance.now() };
    document.body.dataset.bare = data.ok ? "ready" : "failed";
  };
</script>
"""

BARE_WORKER = """// Bench only: the same Pyodide files and options as the site's worker, and nothing else.
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";

const started = performance.now();
const options = { indexURL: new URL("../assets/pyodide/", import.meta.url).href };
const lock = __LOCK__;
if (lock) options.lockFileURL = new URL("../assets/pyodide/" + lock, import.meta.url).href;
loadPyodide(options).then(
  () => postMessage({ ok: true, ms: performance.now() - started }),
  (error) => postMessage({ ok: false, error: String(error) }),
);
"""


def write_bare_page(site: Path) -> str:
    """Write the bare-Pyodide page into the served site; returns its path under the prefix."""
    folder = site / BARE_DIR
    folder.mkdir(exist_ok=True)
    lock = "pyodide-lock.json" if (site / "assets" / "pyodide" / "pyodide-lock.json").exists() else ""
    (folder / "index.html").write_text(BARE_PAGE, "utf-8")
    (folder / "bare-worker.mjs").write_text(BARE_WORKER.replace("__LOCK__", json.dumps(lock)), "utf-8")
    return f"{BARE_DIR}/"


def remove_bare_page(site: Path) -> None:
    shutil.rmtree(site / BARE_DIR, ignore_errors=True)
