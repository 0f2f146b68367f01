// The standard library for the Web Worker (worker.js): Python starts from a python_stdlib.zip cut
// to what the start and the preview import (hooks/stdlib_cut.py measured it at build time). The
// full archive, Pyodide's own, is fetched (through the worker's caching fetch) and put where the
// finder of klantcanvas.stdlib_rest looks, as soon as a request needs another wheel (PDF needs zlib
// and more) or after the first preview; the finder fetches it itself, synchronously, if a module
// outside the cut is imported before that.

const FULL = "/lib/python_stdlib_full.zip";

export const stdlibUrl = (manifest, pyodideUrl) => (manifest.stdlib ? pyodideUrl(manifest.stdlib.cut).href : undefined);

// Puts the finder for every module the cut lacks at the end of sys.meta_path.
export function installRest(pyodide, manifest, pyodideUrl) {
  if (!manifest.stdlib) return;
  const finder = pyodide.pyimport("klantcanvas.stdlib_rest").install(
    JSON.stringify(manifest.stdlib.rest), FULL, pyodideUrl(manifest.stdlib.full).href,
  );
  finder.destroy();
}

let mounting = null;

// Fetches the full archive once and writes it where the finder looks (unless it is there).
export function mountFull(pyodide, manifest, pyodideUrl) {
  if (!manifest.stdlib) return Promise.resolve();
  mounting ??= (async () => {
    const response = await self.fetch(pyodideUrl(manifest.stdlib.full));
    if (!response.ok) throw new Error(`${manifest.stdlib.full}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!pyodide.FS.analyzePath(FULL).exists) pyodide.FS.writeFile(FULL, bytes);
  })();
  mounting.catch(() => (mounting = null)); // the next request that needs it tries again
  return mounting;
}
