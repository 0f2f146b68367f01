// Service worker: makes Klantcanvas work offline after the first visit. Written into the site by
// hooks/pyodide_bundle.py, which fills in the build id and the list of small files to precache.
// Pages: network first, cache as fallback. Everything else, the Python runtime and the wheels
// included: cache first (the build id in the cache name changes with every build, so an update
// replaces the whole cache). The runtime and the blank templates are cached when first used, not at
// install: a visitor who only reads never downloads them. The Web Worker puts what it downloads into this
// same cache itself (its name is in assets/wheels/manifest.json), in case it started before this
// service worker took charge of the page.
const CACHE = "__CACHE__";
const PRECACHE = __PRECACHE__;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("klantcanvas-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // The runtime's xz twins go straight to the network: the Web Worker caches what they unpack to.
  if (request.url.endsWith(".xz")) return;
  const page = request.mode === "navigate" || request.url.endsWith(".html");
  event.respondWith(page ? networkFirst(request) : cacheFirst(request));
});
