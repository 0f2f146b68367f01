"""Lighthouse (pinned in package.json) over one page of each kind in both editions, mobile and
desktop, on Debian's Chromium, with the site built for its address and served gzip-compressed
under /klantcanvas/ as GitHub Pages serves it. Prints the scores and CLS; never a pass or fail
(scores move with the machine's load).

``python bench/lighthouse.py`` (also run by ``./dev bench``); ``--site DIR`` benches a site
already built with ``SITE_URL=http://127.0.0.1:<port>/klantcanvas/`` and ``--port`` that port;
``--every-method`` audits every method page of both editions on the mobile profile (issue 20's
goal: at least 95 on each), beside the plain page.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from subpath_server import PREFIX, SubPathHandler  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("KLANTCANVAS_CHROMIUM", "/usr/bin/chromium")
PAGES = {  # page kind -> path, per edition
    "home": ("", "en/"),
    "method": ("methoden/klanttype-piramide/", "en/methoden/klanttype-piramide/"),
    "plain": ("over/", "en/over/"),
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm", ".zip")


class GzipHandler(SubPathHandler):
    """Answers with gzip when the browser accepts it, for text and the runtime, like GitHub Pages."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.endswith("/"):
            path = os.path.join(path, "index.html")
        if not (path.endswith(COMPRESSIBLE) and os.path.isfile(path) and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build(site: Path, site_url: str) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=ROOT,
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url})


def audit(url: str, desktop: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--only-categories={','.join(CATEGORIES)}",
                   "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
        if desktop:
            command.append("--preset=desktop")
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
        data = json.loads(report.read_text("utf-8"))
    scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failed = [a for a, r in data["audits"].items() if r.get("score") is not None and r["score"] < 1
              and any(a == ref["id"] for c in CATEGORIES[1:] for ref in data["categories"][c]["auditRefs"] if ref.get("weight"))]
    metrics = {name: data["audits"][audit]["numericValue"] for name, audit in
               (("cls", "cumulative-layout-shift"), ("tbt", "total-blocking-time"), ("fcp", "first-contentful-paint"),
                ("lcp", "largest-contentful-paint"))}
    return {**scores, **metrics, "failed": failed}  # type: ignore[dict-item]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--every-method", action="store_true")
    args = parser.parse_args()
    pages = PAGES
    if args.every_method:
        methods = sorted(p.stem for p in (ROOT / "docs" / "methoden").glob("*.md") if "." not in p.stem)
        pages = {"plain": ("over/", "en/over/"), **{m: (f"methoden/{m}/", f"en/methoden/{m}/") for m in methods}}
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}{PREFIX}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else Path(tmp) / "site"
        if not args.site:
            build(site, base)
        server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            print(f"{'page':<42} {'form':<8} perf a11y best  seo   CLS   TBT   FCP   LCP  below 100")
            for kind, paths in pages.items():
                for path in paths:
                    for desktop in (False,) if args.every_method else (False, True):
                        r = audit(base + path, desktop)
                        print(f"{kind + ' /' + path:<42} {'desktop' if desktop else 'mobile':<8} "
                              f"{r['performance']:>4} {r['accessibility']:>4} {r['best-practices']:>4} {r['seo']:>4} "
                              f"{r['cls']:.3f} {r['tbt']:5.0f} {r['fcp']:5.0f} {r['lcp']:5.0f}  {' '.join(r['failed'])}",  # type: ignore[arg-type]
                              flush=True)
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    main()
