// Build step: which standard-library modules the worker's start and the preview import, measured
// (never guessed) by doing what worker.js does in Pyodide under Node, with an import hook:
// boot, unpack the engine wheel, install the finder for the rest of the standard library, import
// klantcanvas.runtime and klantcanvas.browser, then preview every canvas in every language (its
// worked example and empty, on each paper and orientation), and make a memory snapshot.
// usage: node stdlib_trace.mjs ENGINE_WHEEL [CUT_ZIP REST_JSON]   prints {"modules": {name: origin}}
// With a cut (its zip, and a JSON list of the modules only the full library has, as the worker
// gets them), Python starts from it and any import outside it fails the run (exit 3).
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [wheel, stdLibURL, restJson] = process.argv.slice(2);
const pyodide = await loadPyodide({ ...(stdLibURL ? { stdLibURL } : {}), _makeSnapshot: true });
// The import hook goes in first: whatever is imported from here on is seen by name, found or not.
pyodide.runPython(`
import sys
class _Seen:
    names = set()
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        cls.names.add(name)
        return None
sys.meta_path.insert(0, _Seen)
`);
pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
// The finder as the worker installs it, with a fetch that fails: a trace on a cut (or with every
// module in the names) must never need the rest of the library.
const names = stdLibURL ? JSON.parse(readFileSync(restJson, "utf8")) : [];
const out = pyodide.runPython(`
import json, sys
fetched = []
def _outside():
    fetched.append(1)
    raise ImportError("outside the cut")
failed = []
try:
    from klantcanvas import stdlib_rest  # (its package imports the catalogue before the finder is in)
    stdlib_rest.install(${JSON.stringify(JSON.stringify(names))}, "/lib/python_stdlib_full.zip", "").fetch = _outside
    import klantcanvas.runtime
    from klantcanvas.browser import handle
    from klantcanvas.catalog import all_canvases
    from klantcanvas.i18n import LANGUAGES
    from klantcanvas.paper import PAPERS
    from klantcanvas.runtime import needs
    for lang in LANGUAGES:
        for cid, canvas in all_canvases().items():
            for data in (dict(canvas.example), {}):
                for paper in PAPERS:
                    for orientation in ("portrait", "landscape"):
                        request = json.dumps({"method": "preview", "canvas": cid, "lang": lang, "data": data,
                                              "paper": paper, "orientation": orientation})
                        assert needs(request) == []
                        meta, _ = handle(request)
                        if not json.loads(meta)["ok"]:
                            failed.append((cid, lang, paper, orientation, meta))
except Exception as error:  # an import the cut lacks stops the trace itself
    failed.append(repr(error))
found = {}
for name in sorted(set(sys.modules) | _Seen.names):
    module = sys.modules.get(name)
    spec = getattr(module, "__spec__", None)
    found[name] = getattr(spec, "origin", None) if module is not None else None
json.dumps({"modules": found, "failed": failed, "fetched": len(fetched)})
`);
pyodide.makeMemorySnapshot();
const result = JSON.parse(out);
if (stdLibURL && (result.fetched || result.failed.length)) {
  console.error(`outside the cut: ${result.fetched} fetches; failed previews: ${JSON.stringify(result.failed).slice(0, 2000)}`);
  process.exit(3);
}
if (result.failed.length) {
  console.error(`previews failed: ${JSON.stringify(result.failed).slice(0, 2000)}`);
  process.exit(2);
}
console.log(JSON.stringify({ modules: result.modules }));
