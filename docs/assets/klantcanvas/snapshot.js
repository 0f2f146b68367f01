// Memory snapshots of a started Python, for the Web Worker (worker.js): after a visitor's first
// start, the worker keeps an image of Python's memory (pyodide.makeMemorySnapshot) in Cache
// Storage; the next visit starts from it instead of booting Python again.
//
// A snapshot is kept in the cache of the build that made it (the name in wheels/manifest.json), so
// a new build never finds an old one, and carries Pyodide's version and a SHA-256 of its bytes:
// anything that does not match is deleted and ignored, and the worker starts Python as usual.

const VERSION = "X-Klantcanvas-Pyodide";
const DIGEST = "X-Klantcanvas-Sha256";

async function sha256(bytes) {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
}

// key: {cache, version, url}. The snapshot's bytes, or null when there is none that can be used.
export async function findSnapshot(key) {
  try {
    const response = await (await caches.open(key.cache)).match(key.url);
    if (!response) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (response.headers.get(VERSION) === key.version && response.headers.get(DIGEST) === (await sha256(bytes))) return bytes;
    forgetSnapshot(key);
  } catch {
    // no Cache Storage or no crypto.subtle (not a secure context): no snapshot
  }
  return null;
}

export function keepSnapshot(key, bytes) {
  return sha256(bytes)
    .then(async (digest) => {
      const headers = { "Content-Type": "application/octet-stream", [VERSION]: key.version, [DIGEST]: digest };
      await (await caches.open(key.cache)).put(key.url, new Response(bytes, { headers }));
    })
    .catch(() => {}); // not kept (storage full, private mode): the next visit starts as usual
}

export function forgetSnapshot(key) {
  return caches.open(key.cache).then((cache) => cache.delete(key.url)).catch(() => {});
}
