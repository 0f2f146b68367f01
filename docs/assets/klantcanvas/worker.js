// Web Worker: boots the self-hosted Pyodide, unpacks the engine's wheels and answers requests.
// Message API: {id, request} in; {id, meta, body} or {id, error} out; {type: "ready"|"failed"} once.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const assets = new URL("../", import.meta.url);
const started = performance.now();

async function fetchWheels() {
  const manifest = await (await fetch(new URL("wheels/manifest.json", assets))).json();
  return Promise.all(
    manifest.wheels.map(async ({ file }) => {
      const response = await fetch(new URL(`wheels/${file}`, assets));
      if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    }),
  );
}

async function boot() {
  const wheels = fetchWheels(); // downloads while the interpreter starts
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", assets).href,
    lockFileURL: new URL("pyodide/pyodide-lock.json", assets).href,
  });
  for (const bytes of await wheels) pyodide.unpackArchive(bytes, "wheel");
  return pyodide.pyimport("klantcanvas.browser").handle;
}

const ready = boot();
ready.then(
  () => postMessage({ type: "ready", ms: Math.round(performance.now() - started) }),
  (error) => postMessage({ type: "failed", message: String(error) }),
);

self.onmessage = async ({ data: { id, request } }) => {
  try {
    const handle = await ready;
    const result = handle(JSON.stringify(request));
    const [meta, body] = result.toJs();
    result.destroy();
    const bytes = body ? new Uint8Array(body) : null;
    postMessage({ id, meta: JSON.parse(meta), body: bytes }, bytes ? [bytes.buffer] : []);
  } catch (error) {
    postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
};
