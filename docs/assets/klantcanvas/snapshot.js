// Memory snapshots of a started Python, for the Web Worker (worker.js): after a visitor's first
// start, the worker keeps an image of Python's memory (pyodide.makeMemorySnapshot) in Cache
// Storage; the next visit starts from it instead of booting Python again.
//
// A snapshot is kept in the cache of the build that made it (the name in wheels/manifest.json), so
// a new build never finds an old one, and carries Pyodide's version and a SHA-256 of its bytes:
// anything that does not match is deleted and ignored, and the worker starts Python as usual.
// It is kept gzip-compressed where the browser can (about 7 MB instead of 31 MB on the disk).

import { pause } from "./pause.js";

const VERSION = "X-Klantcanvas-Pyodide";
const DIGEST = "X-Klantcanvas-Sha256";
const ENCODING = "X-Klantcanvas-Encoding";
const GZIP = typeof CompressionStream === "function" && typeof DecompressionStream === "function";

async function sha256(bytes) {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
}

// Compressed a slice at a time with a pause between (compressing 31 MB at once held a preview up
// for half a second).
const SLICE = 1 << 18;
async function gzipped(bytes) {
  const stream = new CompressionStream("gzip");
  const writer = stream.writable.getWriter();
  const out = new Response(stream.readable).arrayBuffer();
  for (let at = 0; at < bytes.byteLength; at += SLICE) {
    await writer.write(bytes.subarray(at, at + SLICE));
    await pause();
  }
  await writer.close();
  return out;
}

// key: {cache, version, url}; ``version`` may be a promise (Pyodide's version, known once its
// module is imported): the snapshot is read and checked meanwhile. The snapshot's bytes, or null
// when there is none that can be used.
export async function findSnapshot(key) {
  try {
    const response = await (await caches.open(key.cache)).match(key.url);
    if (!response) return null;
    // decompressed as it is read from the disk, not read whole first
    const gzipped = response.headers.get(ENCODING) === "gzip";
    const body = gzipped ? new Response(response.body.pipeThrough(new DecompressionStream("gzip"))) : response;
    const bytes = new Uint8Array(await body.arrayBuffer());
    const fits = response.headers.get(DIGEST) === (await sha256(bytes)) && response.headers.get(VERSION) === (await key.version);
    if (fits) return bytes;
  } catch {
    // no Cache Storage, no crypto.subtle (not a secure context) or a damaged gzip stream
  }
  forgetSnapshot(key);
  return null;
}

export function keepSnapshot(key, bytes) {
  return sha256(bytes)
    .then(async (digest) => {
      const headers = { "Content-Type": "application/octet-stream", [VERSION]: key.version, [DIGEST]: digest };
      if (GZIP) headers[ENCODING] = "gzip";
      const body = GZIP ? await gzipped(bytes) : bytes;
      await (await caches.open(key.cache)).put(key.url, new Response(body, { headers }));
    })
    .catch(() => {}); // not kept (storage full, private mode): the next visit starts as usual
}

export function forgetSnapshot(key) {
  return caches.open(key.cache).then((cache) => cache.delete(key.url)).catch(() => {});
}
