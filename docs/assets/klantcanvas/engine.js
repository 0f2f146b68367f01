// The page's handle on the Python engine in worker.js, started only when a canvas needs it:
// a visitor who only reads never downloads Python. Calls made before the start wait for it.
// For a returning visitor, listen.js starts the worker as it builds the block; start() takes it over.
const RUNTIME_PROBE = new URL("../pyodide/pyodide.asm.wasm", import.meta.url).href;

export class Engine {
  constructor() {
    this.pending = new Map();
    this.next = 0;
    this.worker = null;
    this.refused = false;
    this.listeners = new Set();
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
  }

  // Runs ``callback(state)`` on "starting", then "ready" or "failed", and "prefetched" once every
  // wheel is loaded.
  onState(callback) {
    this.listeners.add(callback);
  }

  get started() {
    return this.worker !== null || this.refused;
  }

  start() {
    if (this.worker || this.refused) return this.ready;
    this.ready.then(
      () => this.listeners.forEach((f) => f("ready")),
      () => this.listeners.forEach((f) => f("failed")),
    );
    const fail = (message) => {
      this.rejectReady(new Error(message));
      for (const { reject } of this.pending.values()) reject(new Error(message));
      this.pending.clear();
    };
    // listen.js may have started it already, for a returning visitor (kept its events meanwhile)
    const early = self.klantcanvasWorker ?? {};
    let worker = early.worker;
    if (!worker) {
      try {
        worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
      } catch (error) {
        this.refused = true; // the browser will not start a worker (a policy, an extension): said once
        fail(String(error?.message ?? error));
        return this.ready;
      }
      performance.mark("klantcanvas:worker"); // as listen.js marks its own: once there is a worker
    }
    this.worker = worker;
    this.listeners.forEach((f) => f("starting"));
    const failed = (event) => fail(event.message || "worker");
    const told = ({ data }) => {
      if (data.type === "ready") {
        noteReady();
        timeline(data.boot);
        this.resolveReady(data.ms);
      }
      else if (data.type === "prefetched") this.listeners.forEach((f) => f("prefetched"));
      else if (data.type === "failed") fail(data.message);
      else {
        const call = this.pending.get(data.id);
        if (!call) return;
        this.pending.delete(data.id);
        if (data.error) call.reject(new Error(data.error));
        else call.resolve(data);
      }
    };
    worker.addEventListener("error", failed);
    worker.addEventListener("message", told);
    for (const event of early.events ?? []) (event.type === "error" ? failed : told)(event);
    early.events = null;
    return this.ready;
  }

  // Sends a request once Python is ready; starts Python if nothing has yet. Every request carries
  // the page's language ("nl", "en"), so messages, renders and file names come in that language.
  async call(request) {
    this.start();
    await this.ready;
    const id = ++this.next;
    const lang = (document.documentElement.lang || "nl").slice(0, 2).toLowerCase();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request: { lang, ...request } });
    });
  }

  prefetch() {
    this.worker?.postMessage({ type: "prefetch" });
  }
}

// For listen.js: Python was ready in this browser, so its runtime is cached, and the next page
// with a canvas may start it as soon as the block is built.
function noteReady() {
  try {
    localStorage.setItem("klantcanvas:python-was-ready", "");
  } catch {
    // no localStorage: the next page starts Python when app.js runs
  }
}

// The worker's start, step by step, as User Timing marks on the page's clock ("klantcanvas:pyodide",
// "klantcanvas:restored" when it started from a memory snapshot, ...): seen in the browser's
// performance tools, read by the bench and the tests.
function timeline(boot) {
  if (!boot) return;
  for (const [step, at] of Object.entries(boot.marks)) {
    performance.mark(`klantcanvas:${step}`, { startTime: Math.max(0, boot.origin + at - performance.timeOrigin) });
  }
}

// True when this browser already holds the runtime (a returning visitor): then starting costs no
// download, and the canvas can be ready by the time the visitor reaches it.
export async function runtimeCached() {
  try {
    return Boolean(await caches.match(RUNTIME_PROBE));
  } catch {
    return false; // no Cache Storage (private mode, old browser): start on demand
  }
}
