// Web Worker: boots the self-hosted Pyodide with only the engine wheel, loads the other wheels
// when a request first needs them (klantcanvas.runtime says which) and answers requests.
// Message API: {id, request} in; {id, meta, body} or {id, error} out; {type: "ready"|"failed"} once.
// {type: "prefetch"} in: load every remaining wheel now, while the user is not waiting;
// {type: "prefetched"} out when that is done.

const assets = new URL("../", import.meta.url);
const started = performance.now();
const network = self.fetch.bind(self);
const manifestUrl = new URL("wheels/manifest.json", assets);
const manifest = (async () => {
  // A visit after the first finds the manifest in the cache it names (the service worker deletes
  // that cache when a new build arrives, so a stale one is never found for long).
  const cached = self.caches && (await caches.match(manifestUrl).catch(() => null));
  if (cached) return cached.json();
  const response = await network(manifestUrl);
  if (!response.ok) throw new Error(`manifest.json: HTTP ${response.status}`);
  const index = await response.clone().json();
  if (index.cache && self.caches) (await caches.open(index.cache)).put(manifestUrl, response).catch(() => {});
  return index;
})();

// Every runtime file (Pyodide's own fetches included) comes from, or goes into, the service
// worker's cache for this build: a second visit downloads nothing, even if on the first visit
// the service worker was not yet in charge when this worker started.
const runtimeCache = manifest.then(({ cache }) => (cache && self.caches ? caches.open(cache) : null)).catch(() => null);
self.fetch = async (input, init) => {
  const request = new Request(input, init);
  if (request.method !== "GET" || !request.url.startsWith(assets.href)) return network(request);
  const cache = await runtimeCache;
  const hit = cache && (await cache.match(request).catch(() => null));
  if (hit) return hit;
  const response = await network(request);
  if (cache && response.ok) cache.put(request, response.clone()).catch(() => {});
  return response;
};
const downloads = new Map(); // wheel name -> Promise<Uint8Array>, each fetched once
const unpacked = new Set();

function download(wheel) {
  if (!downloads.has(wheel.name)) {
    const bytes = self.fetch(new URL(`wheels/${wheel.file}`, assets)).then(async (response) => {
      if (!response.ok) throw new Error(`${wheel.file}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    });
    bytes.catch(() => downloads.delete(wheel.name)); // the next request that needs it tries again
    downloads.set(wheel.name, bytes);
  }
  return downloads.get(wheel.name);
}

// The wheels named and what they require, dependencies first, each once.
function closure(wheels, names) {
  const byName = new Map(wheels.map((w) => [w.name, w]));
  const out = [];
  const visit = (name) => {
    const wheel = byName.get(name);
    if (!wheel || out.includes(wheel)) return;
    wheel.requires.forEach(visit);
    out.push(wheel);
  };
  names.forEach(visit);
  return out;
}

async function ensure(pyodide, names) {
  const { wheels } = await manifest;
  const missing = closure(wheels, names).filter((w) => !unpacked.has(w.name));
  const bytes = await Promise.all(missing.map(download)); // in parallel, unpacked in order
  missing.forEach((wheel, i) => {
    if (unpacked.has(wheel.name)) return;
    pyodide.unpackArchive(bytes[i], "wheel");
    unpacked.add(wheel.name);
  });
}

// A JavaScript module of the runtime, read through the caching fetch (a plain import would not be).
async function importCached(path) {
  const response = await self.fetch(new URL(path, assets));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const url = URL.createObjectURL(new Blob([await response.arrayBuffer()], { type: "text/javascript" }));
  try {
    return await import(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function boot() {
  const core = manifest.then(({ wheels }) => wheels.filter((w) => w.core)); // fetched while Python starts
  core.then((wheels) => wheels.forEach(download)).catch(() => {});
  const [{ loadPyodide }, emscripten] = await Promise.all([importCached("pyodide/pyodide.mjs"), importCached("pyodide/pyodide.asm.mjs")]);
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", assets).href,
    lockFileURL: new URL("pyodide/pyodide-lock.json", assets).href,
    createPyodideModule: emscripten.default,
  });
  await ensure(pyodide, (await core).map((w) => w.name));
  const needs = pyodide.pyimport("klantcanvas.runtime").needs;
  const handle = pyodide.pyimport("klantcanvas.browser").handle;
  return { pyodide, needs, handle };
}

const ready = boot();
ready.then(
  () => postMessage({ type: "ready", ms: Math.round(performance.now() - started) }),
  (error) => postMessage({ type: "failed", message: String(error) }),
);

// Downloads happen beside requests; only the short unpacking waits its turn in the queue.
async function prefetch() {
  const { wheels } = await manifest;
  await Promise.all(wheels.map(download));
  const { pyodide } = await ready;
  queue = queue.then(() => ensure(pyodide, wheels.map((w) => w.name))).then(() => postMessage({ type: "prefetched" }), () => {});
}

// Requests run one at a time, in order: unpacking a wheel never interleaves with a request.
let queue = Promise.resolve();

self.onmessage = ({ data }) => {
  if (data.type === "prefetch") {
    prefetch().catch(() => {}); // what failed is fetched again by the request that needs it
    return;
  }
  const { id, request } = data;
  queue = queue.then(async () => {
    try {
      const { pyodide, needs, handle } = await ready;
      const json = JSON.stringify(request);
      const needed = needs(json);
      await ensure(pyodide, needed.toJs());
      needed.destroy();
      const result = handle(json);
      const [meta, body] = result.toJs();
      result.destroy();
      const bytes = body ? new Uint8Array(body) : null;
      postMessage({ id, meta: JSON.parse(meta), body: bytes }, bytes ? [bytes.buffer] : []);
    } catch (error) {
      postMessage({ id, error: String(error && error.message ? error.message : error) });
    }
  });
};
