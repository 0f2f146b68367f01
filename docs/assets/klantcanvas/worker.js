// Web Worker: boots the self-hosted Pyodide, from a standard library cut to the preview's needs
// (stdlib.js), with only the engine wheel, loads the other wheels and the full standard library
// when a request first needs them (klantcanvas.runtime says which) and answers requests.
// Message API: {id, request} in; {id, meta, body} or {id, error} out; {type: "ready"|"failed"} once
// ("ready" carries `boot`: this worker's time origin and when each step of the start ended).
// {type: "prefetch"} in: load every remaining wheel now, while the user is not waiting;
// {type: "prefetched"} out when that is done.
//
// A returning visitor starts from a memory snapshot (snapshot.js) when one was made for this build.
//
// The large runtime files are downloaded as their xz twins (hooks/packed.py) and unpacked while
// they stream in (unxz.js): Pyodide, the caches and the rest of this file only see the originals.

import { findSnapshot, forgetSnapshot, keepSnapshot } from "./snapshot.js";
import { installRest, mountFull, stdlibUrl } from "./stdlib.js";
import { decoder, unxz } from "./unxz.js";

const assets = new URL("../", import.meta.url);
const started = performance.now();
const marks = { start: started }; // step -> performance.now() when it ended (for the bench)
const network = self.fetch.bind(self);
const manifestUrl = new URL("wheels/manifest.json", assets);
const pyodideUrl = (name) => new URL(`pyodide/${name}`, assets);

// A visit after the first finds the manifest in the cache it names (the service worker deletes
// that cache when a new build arrives, so a stale one is never found for long).
const cachedManifest = (self.caches ? caches.match(manifestUrl) : Promise.resolve(null)).catch(() => null);
const manifest = (async () => {
  const cached = await cachedManifest;
  if (cached) return cached.json();
  const response = await network(manifestUrl);
  if (!response.ok) throw new Error(`manifest.json: HTTP ${response.status}`);
  const index = await response.clone().json();
  if (index.cache && self.caches) (await caches.open(index.cache)).put(manifestUrl, response).catch(() => {});
  return index;
})();

// Which runtime files have an xz twin: hooks/packed.py's PACKED, the same pattern (tests/site checks).
const PACKED = /(\.wasm|\.zip|\.whl|\.asm\.mjs)$/;
const decoderUrl = pyodideUrl("xz.wasm").href;
const TYPES = { wasm: "application/wasm", mjs: "text/javascript", zip: "application/zip", whl: "application/zip" };

// The original's bytes, from its twin; the original itself when the twin or the decoder fails.
async function fromTwin(request) {
  try {
    const [twin, module] = await Promise.all([network(`${request.url}.xz`), decoder(() => self.fetch(decoderUrl))]);
    if (twin.ok) {
      const type = TYPES[request.url.split(".").pop()];
      return new Response(unxz(twin.body, module), { status: 200, headers: { "content-type": type } });
    }
  } catch {
    // the original follows
  }
  return network(request);
}

// Every runtime file (Pyodide's own fetches included) comes from, or goes into, the service
// worker's cache for this build: a second visit downloads nothing, even if on the first visit
// the service worker was not yet in charge when this worker started. On a first visit (no cached
// manifest) a file is fetched at once, without waiting for the manifest to name the cache.
const runtimeCache = manifest.then(({ cache }) => (cache && self.caches ? caches.open(cache) : null)).catch(() => null);
const preloaded = new Map(); // url -> Promise<Response>, started before Pyodide asks for it
self.fetch = async (input, init) => {
  const request = new Request(input, init);
  if (request.method !== "GET" || !request.url.startsWith(assets.href)) return network(request);
  if (preloaded.has(request.url)) {
    const early = preloaded.get(request.url);
    preloaded.delete(request.url); // used once: a later fetch (a retry) goes the usual way
    const response = await early.catch(() => null);
    if (response) return response;
  }
  if (await cachedManifest) {
    const cache = await runtimeCache;
    const hit = cache && (await cache.match(request).catch(() => null));
    if (hit) return hit;
  }
  const packed = PACKED.test(new URL(request.url).pathname) && request.url !== decoderUrl;
  const response = await (packed ? fromTwin(request) : network(request));
  if (response.ok) {
    // Read the copy at once, beside the caller (a clone left unread until the cache is known was
    // lost when the caller was WebAssembly's streaming compiler), and store it once it is known.
    const copy = response.clone();
    const body = copy.arrayBuffer();
    runtimeCache
      .then(async (cache) => cache && cache.put(request, new Response(await body, { status: copy.status, headers: copy.headers })))
      .catch(() => {});
  }
  return response;
};

// What loadPyodide() fetches only after importing its 1.2 MB module: asked for now, in parallel
// (the standard library by the name hooks/stdlib_cut.py gives the cut).
for (const name of ["pyodide.asm.wasm", "python_stdlib_preview.zip", "pyodide-lock.json"]) {
  const url = pyodideUrl(name).href;
  preloaded.set(url, self.fetch(url));
}

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
  const index = await manifest;
  const missing = closure(index.wheels, names).filter((w) => !unpacked.has(w.name));
  const full = missing.some((w) => !w.core) ? mountFull(pyodide, index, pyodideUrl) : null;
  const bytes = await Promise.all(missing.map(download)); // in parallel, unpacked in order
  await full;
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

// Set when this boot may leave a memory snapshot for the next visit (see snapshotWhenWarm).
let snapshotFor = null;

async function boot() {
  const core = manifest.then(({ wheels }) => wheels.filter((w) => w.core)); // fetched while Python starts
  core.then((wheels) => wheels.forEach(download)).catch(() => {});
  const modules = Promise.all([importCached("pyodide/pyodide.mjs"), importCached("pyodide/pyodide.asm.mjs")]);
  const index = await manifest.catch(() => ({}));
  const { cache } = index;
  const version = modules.then(([pyodideModule]) => pyodideModule.version);
  const key = cache ? { cache, version, url: pyodideUrl("klantcanvas.snapshot").href } : null;
  const found = key && findSnapshot(key); // read and checked while the modules load
  const [{ loadPyodide }, emscripten] = await modules;
  marks.modules = performance.now();
  const options = () => ({
    indexURL: pyodideUrl("").href,
    lockFileURL: pyodideUrl("pyodide-lock.json").href,
    createPyodideModule: emscripten.default,
    stdLibURL: stdlibUrl(index, pyodideUrl),
  });
  if (key) key.version = await version;
  let pyodide = null;
  const snapshot = await found;
  if (snapshot) {
    try {
      pyodide = await loadPyodide({ ...options(), _loadSnapshot: snapshot });
      pyodide.runPython("import klantcanvas.browser"); // the snapshot holds it: a check that it works
      marks.restored = performance.now();
    } catch (error) {
      pyodide = null; // a snapshot that does not load is dropped; the usual start follows
      forgetSnapshot(key);
      marks.rejected = performance.now();
    }
  }
  if (!pyodide) {
    pyodide = await loadPyodide({ ...options(), _makeSnapshot: Boolean(key) });
    if (key) snapshotFor = key;
  }
  marks.pyodide = performance.now();
  await ensure(pyodide, (await core).map((w) => w.name));
  installRest(pyodide, index, pyodideUrl);
  marks.unpacked = performance.now();
  const needs = pyodide.pyimport("klantcanvas.runtime").needs;
  const handle = pyodide.pyimport("klantcanvas.browser").handle;
  marks.imported = performance.now();
  return { pyodide, needs, handle };
}

// The snapshot is made when the prefetch starts (the visitor paused after a preview: the catalogue,
// texts and layouts are loaded by then), before any other wheel is unpacked: its files would be
// missing in the next visit's memory. Making it takes a few tens of ms; storing it runs aside,
// compressed a slice at a time.
function snapshotWhenWarm(pyodide) {
  const key = snapshotFor;
  snapshotFor = null;
  if (!key || unpacked.size !== 1) return;
  try {
    keepSnapshot(key, pyodide.makeMemorySnapshot());
  } catch {
    // no snapshot this time: the next visit starts as this one did
  }
}

const ready = boot();
ready.then(
  () => postMessage({ type: "ready", ms: Math.round(performance.now() - started), boot: { origin: performance.timeOrigin, marks } }),
  (error) => postMessage({ type: "failed", message: String(error) }),
);

// Downloads happen beside requests; the unpacking waits its turn in the queue, one wheel per turn,
// so a preview asked for meanwhile waits for one wheel at most, never for all of them.
async function prefetch() {
  const index = await manifest;
  const wheels = index.wheels.map(download);
  const { pyodide } = await ready;
  queue = queue.then(() => snapshotWhenWarm(pyodide));
  await Promise.all([...wheels, mountFull(pyodide, index, pyodideUrl)]);
  const order = closure(index.wheels, index.wheels.map((w) => w.name));
  const turn = (i) => {
    if (i === order.length) return postMessage({ type: "prefetched" });
    queue = queue.then(() => ensure(pyodide, [order[i].name])).then(() => turn(i + 1), () => {});
  };
  turn(0);
}

// Requests run one at a time, in order: unpacking a wheel never interleaves with a request.
let queue = Promise.resolve();
const utf8 = new TextDecoder();

self.onmessage = ({ data }) => {
  if (data.type === "prefetch") {
    prefetch().catch(() => {}); // what failed is fetched again by the request that needs it
    return;
  }
  const { id, request } = data;
  queue = queue.then(async () => {
    try {
      const { pyodide, needs, handle } = await ready;
      const json = JSON.stringify({ ...request, svg_as_bytes: true });
      const needed = needs(json);
      const names = needed.toJs();
      needed.destroy();
      await ensure(pyodide, names);
      const result = handle(json);
      const [meta, body] = result.toJs();
      result.destroy();
      const answer = JSON.parse(meta);
      const drawing = answer.svg_bytes; // a drawing comes as bytes (browser.py): the page gets it as text
      if (drawing) answer.svg = utf8.decode(body);
      delete answer.svg_bytes;
      const bytes = body && !drawing ? new Uint8Array(body) : null;
      postMessage({ id, meta: answer, body: bytes }, bytes ? [bytes.buffer] : []);
    } catch (error) {
      postMessage({ id, error: String(error && error.message ? error.message : error) });
    }
  });
};
