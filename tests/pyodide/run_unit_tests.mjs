// Runs the engine's unit tests inside real Pyodide on Node (the npm package, no CDN).
// usage: node run_unit_tests.mjs TESTS_DIR WHEEL... ; exits with pytest's exit code.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { loadPyodide } from "pyodide";

const [testsDir, ...wheels] = process.argv.slice(2);
const started = performance.now();
const pyodide = await loadPyodide({ stdout: (s) => console.log(s), stderr: (s) => console.error(s) });
const booted = performance.now();
for (const wheel of wheels) pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");

function copyTree(dir, target) {
  pyodide.FS.mkdirTree(target);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "__pycache__") continue;
    if (statSync(path).isDirectory()) copyTree(path, `${target}/${name}`);
    else if (name.endsWith(".py")) pyodide.FS.writeFile(`${target}/${name}`, readFileSync(path));
  }
}
copyTree(testsDir, "/home/pyodide/tests/unit");
console.log(`pyodide boot ${Math.round(booted - started)} ms, ${wheels.length} wheels unpacked`);
const code = pyodide.runPython(`
import sys, pytest
sys.platform  # 'emscripten': tests/unit/conftest.py skips the host-only tests
pytest.main(["-q", "-p", "no:cacheprovider", "-W", "error", "-W", "ignore::DeprecationWarning",
             "-W", "ignore:.*Pillow.*:UserWarning", "/home/pyodide/tests/unit"])
`);
process.exit(Number(code));
