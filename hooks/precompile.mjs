// Build step: adds CPython 3.14 bytecode (compiled inside Pyodide itself, so the magic number
// matches) to each wheel in a folder, so the browser skips compiling on import. The engine's own
// wheel (klantcanvas-*, fetched before the first preview) keeps the bytecode alone, beside where
// each module was (a sourceless import): its sources would add 150 kB (gzip) that nothing reads.
// usage: node precompile.mjs IN_DIR OUT_DIR
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";

const [inDir, outDir] = process.argv.slice(2);
const pyodide = await loadPyodide();
pyodide.FS.mkdirTree("/wheels/in");
pyodide.FS.mkdirTree("/wheels/out");
const names = readdirSync(inDir).filter((n) => n.endsWith(".whl"));
for (const name of names) pyodide.FS.writeFile(`/wheels/in/${name}`, readFileSync(join(inDir, name)));
pyodide.runPython(`
import importlib.util, os, py_compile, tempfile, zipfile
for name in sorted(os.listdir("/wheels/in")):
    with zipfile.ZipFile(f"/wheels/in/{name}") as src, zipfile.ZipFile(f"/wheels/out/{name}", "w", zipfile.ZIP_DEFLATED) as dst:
        sourceless = name.startswith("klantcanvas-")
        for info in src.infolist():
            data = src.read(info)
            module = info.filename.endswith(".py") and ".dist-info/" not in info.filename
            if not (sourceless and module):
                dst.writestr(info, data)
            if module:
                with tempfile.TemporaryDirectory() as tmp:
                    path = os.path.join(tmp, "m.py")
                    with open(path, "wb") as fh:
                        fh.write(data)
                    try:
                        py_compile.compile(path, cfile=path + "c", dfile=info.filename, doraise=True,
                                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
                    except py_compile.PyCompileError:
                        if sourceless:  # the engine must compile: its source is not shipped
                            raise
                        continue
                    with open(path + "c", "rb") as fh:
                        dst.writestr(info.filename + "c" if sourceless else importlib.util.cache_from_source(info.filename), fh.read())
`);
for (const name of names) writeFileSync(join(outDir, name), pyodide.FS.readFile(`/wheels/out/${name}`));
