// Memory snapshots of a started Python, for the Web Worker (worker.js): after a visitor's first
// start, the worker keeps an image of Python's memory (pyodide.makeMemorySnapshot) in Cache
// Storage; the next visit starts from it instead of booting Python again.
//
// A snapshot is kept in the cache of the build that made it (the name in wheels/manifest.json), so
// a new build never finds an old one, and carries Pyodide's version and a SHA-256 of its kept
// bytes: anything that does not match is deleted and ignored, and the worker starts Python as usual.
// It is kept without its empty pages (snapshot-pages.js: about 12 MB of 31 MB).

import { pause } from "./pause.js";
import { pack, unpack } from "./snapshot-pages.js";

const VERSION = "X-Klantcanvas-Pyodide";
const DIGEST = "X-Klantcanvas-Sha256";
const ENCODING = "X-Klantcanvas-Encoding";
const PAGES = "pages";

async function sha256(bytes) {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
}

// key: {cache, version, url}; ``version`` may be a promise (Pyodide's version, known once its
// module is imported): the snapshot is read and checked meanwhile. The snapshot's bytes, or null
// when there is none that can be used.
export async function findSnapshot(key) {
  try {
    const response = await (await caches.open(key.cache)).match(key.url);
    if (!response) return null;
    if (response.headers.get(ENCODING) === PAGES) {
      const kept = new Uint8Array(await response.arrayBuffer());
      const fits = response.headers.get(DIGEST) === (await sha256(kept)) && response.headers.get(VERSION) === (await key.version);
      if (fits) return unpack(kept);
    }
  } catch {
    // no Cache Storage, no crypto.subtle (not a secure context), or kept bytes that do not add up
  }
  forgetSnapshot(key);
  return null;
}

// Packed with a pause every 1 MB (a preview asked for meanwhile is not held up).
export function keepSnapshot(key, bytes) {
  return pack(bytes, pause)
    .then(async (kept) => {
      const headers = { "Content-Type": "application/octet-stream", [VERSION]: key.version, [DIGEST]: await sha256(kept), [ENCODING]: PAGES };
      await (await caches.open(key.cache)).put(key.url, new Response(kept, { headers }));
    })
    .catch(() => {}); // not kept (storage full, private mode): the next visit starts as usual
}

export function forgetSnapshot(key) {
  return caches.open(key.cache).then((cache) => cache.delete(key.url)).catch(() => {});
}
