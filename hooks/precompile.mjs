// Build step: Python 3.14 bytecode, compiled inside Pyodide itself (so the magic number matches),
// lean as hooks/bytecode.py makes it, so the browser skips compiling on import.
//   node precompile.mjs IN_DIR OUT_DIR            every wheel of IN_DIR, into OUT_DIR
//   node precompile.mjs --stdlib IN_ZIP OUT_ZIP   a standard-library archive, bytecode only
// The engine's own wheel (klantcanvas-*, fetched before the first preview) and the cut standard
// library keep the bytecode alone, where each module was (a sourceless import): their sources
// would only add bytes that nothing reads. Other wheels keep their sources and gain __pycache__.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const args = process.argv.slice(2);
const stdlib = args[0] === "--stdlib";
const [inPath, outPath] = stdlib ? args.slice(1) : args;
const pyodide = await loadPyodide();
pyodide.FS.mkdirTree("/build/in");
pyodide.FS.mkdirTree("/build/out");
pyodide.FS.writeFile("/build/bytecode.py", readFileSync(join(dirname(fileURLToPath(import.meta.url)), "bytecode.py")));
const names = stdlib ? ["stdlib.zip"] : readdirSync(inPath).filter((n) => n.endsWith(".whl"));
for (const name of names) pyodide.FS.writeFile(`/build/in/${name}`, readFileSync(stdlib ? inPath : join(inPath, name)));
pyodide.runPython(`
import importlib.util, os, sys, zipfile
sys.path.insert(0, "/build")
from bytecode import pyc
for name in sorted(os.listdir("/build/in")):
    with zipfile.ZipFile(f"/build/in/{name}") as src, zipfile.ZipFile(f"/build/out/{name}", "w", zipfile.ZIP_DEFLATED) as dst:
        sourceless = name.startswith("klantcanvas-") or name == "stdlib.zip"
        for info in src.infolist():
            data = src.read(info)
            module = info.filename.endswith(".py") and ".dist-info/" not in info.filename
            if not (sourceless and module):
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
            if module:
                try:
                    code = pyc(data, info.filename, docstrings=not sourceless)
                except SyntaxError:
                    if sourceless:  # the module must compile: its source is not shipped
                        raise
                    continue
                dst.writestr(info.filename + "c" if sourceless else importlib.util.cache_from_source(info.filename), code)
`);
for (const name of names) writeFileSync(stdlib ? outPath : join(outPath, name), pyodide.FS.readFile(`/build/out/${name}`));
