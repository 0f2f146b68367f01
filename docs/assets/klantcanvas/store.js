// Where "Mijn canvassen" lives: the browser's IndexedDB, one record per method under the key
// "klantcanvas:v2:<canvas>" (the workspace object that localStorage held before), and a few
// settings beside it (the file to keep in step, when the last back-up was made). Every write runs
// in one transaction (other tabs wait their turn), is read back and compared before it counts, and
// is announced to the other tabs; a write that fails leaves what was stored as it was. Photos are
// kept once per record, however many canvases and versions show them (photo-store.js).
import { packPhotos, unpackPhotos } from "./photo-store.js";

const DB = "klantcanvas";
const WORK = "workspaces";
const SETTINGS = "settings";
const CHANNEL = "klantcanvas-storage";

// Why a write did not count: "quota" (storage full), "readback" (the browser kept something else),
// "unavailable" (no storage at all, as in some private windows) or "other".
export class StorageError extends Error {
  constructor(reason, cause) {
    super(cause?.message || reason);
    this.name = "StorageError";
    this.reason = reason;
    this.cause = cause;
  }
}

export const reasonOf = (error) =>
  error instanceof StorageError ? error.reason : error?.name === "QuotaExceededError" ? "quota" : error?.name === "InvalidStateError" || error?.name === "SecurityError" ? "unavailable" : "other";

const asked = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const finished = (tx) =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error || new DOMException("The write was aborted.", "AbortError"));
  });

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

class IndexedStore {
  constructor(db) {
    this.db = db;
    this.channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : null;
  }

  async get(key) {
    return unpackPhotos(await this.raw(key));
  }

  // A record as it is stored (photos by key).
  async raw(key) {
    return (await asked(this.db.transaction(WORK).objectStore(WORK).get(key))) ?? null;
  }

  // Every stored record whose key starts with ``prefix``, as [key, value] pairs.
  async entries(prefix) {
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const os = this.db.transaction(WORK).objectStore(WORK);
    const [keys, values] = await Promise.all([asked(os.getAllKeys(range)), asked(os.getAll(range))]);
    return keys.map((key, i) => [key, unpackPhotos(values[i])]);
  }

  // Runs ``change({key: stored})`` on what is stored now, inside one transaction, and writes the
  // records it answers ({key: value}; undefined keeps a record as it is). The result counts only
  // once it is read back unchanged; otherwise the records go back to what they were and a
  // StorageError says why. Each record carries this write's token: a record that another tab
  // wrote after this one (merging it, in its own transaction) is no failed read-back.
  async update(keys, change) {
    const written = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
    let before, after;
    try {
      const tx = this.db.transaction(WORK, "readwrite");
      const done = finished(tx);
      done.catch(() => {}); // awaited below; an abort must not count as unhandled meanwhile
      const os = tx.objectStore(WORK);
      try {
        const found = await Promise.all(keys.map((key) => asked(os.get(key))));
        before = Object.fromEntries(keys.map((key, i) => [key, found[i] ?? null]));
        const seen = Object.fromEntries(keys.map((key) => [key, unpackPhotos(before[key])]));
        after = Object.fromEntries(Object.entries(change(seen)).filter(([, v]) => v !== undefined).map(([k, v]) => [k, { ...packPhotos(v), written }]));
        for (const [key, value] of Object.entries(after)) os.put(value, key);
      } catch (error) {
        try {
          tx.abort();
        } catch {
          /* already over */
        }
        throw error;
      }
      await done;
    } catch (error) {
      throw new StorageError(reasonOf(error), error);
    }
    const back = await Promise.all(Object.keys(after).map((key) => this.raw(key)));
    if (Object.values(after).some((value, i) => back[i]?.written === written ? !same(value, back[i]) : !back[i])) {
      await this.restore(before, Object.keys(after)).catch(() => {});
      throw new StorageError("readback");
    }
    this.channel?.postMessage(Object.keys(after));
    return Object.fromEntries(Object.entries(after).map(([key, value]) => [key, unpackPhotos(value)]));
  }

  async restore(before, keys) {
    const tx = this.db.transaction(WORK, "readwrite");
    for (const key of keys) before[key] === null ? tx.objectStore(WORK).delete(key) : tx.objectStore(WORK).put(before[key], key);
    await finished(tx);
  }

  // Calls ``listener(keys)`` when another tab (or another Workspace on this page) stored records.
  subscribe(listener) {
    if (typeof BroadcastChannel !== "function") return;
    new BroadcastChannel(CHANNEL).addEventListener("message", (event) => listener(event.data));
  }

  async setting(name) {
    return (await asked(this.db.transaction(SETTINGS).objectStore(SETTINGS).get(name))) ?? null;
  }

  async setSetting(name, value) {
    const tx = this.db.transaction(SETTINGS, "readwrite");
    if (value === null) tx.objectStore(SETTINGS).delete(name);
    else tx.objectStore(SETTINGS).put(value, name);
    await finished(tx);
    this.channel?.postMessage([`setting:${name}`]);
  }
}

// A browser without IndexedDB (or one that refuses it): nothing can be stored, and every write
// says so, so the page shows "Niet bewaard" from the first keystroke.
class NoStore {
  async get() {
    return null;
  }
  async raw() {
    return null;
  }
  async entries() {
    return [];
  }
  async update() {
    throw new StorageError("unavailable");
  }
  subscribe() {}
  async setting() {
    return null;
  }
  async setSetting() {
    throw new StorageError("unavailable");
  }
}

// The page's store is opened once (early.js starts it while app.js loads); another factory
// (the tests' fake) opens its own.
let pageStore = null;
export function openIndexedStore(factory = globalThis.indexedDB) {
  if (factory !== globalThis.indexedDB) return openWith(factory);
  pageStore ??= openWith(factory);
  return pageStore;
}

async function openWith(factory) {
  try {
    const request = factory.open(DB, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(WORK);
      request.result.createObjectStore(SETTINGS);
    };
    const db = await asked(request);
    db.onversionchange = () => db.close(); // a newer page wants to upgrade: let it
    return new IndexedStore(db);
  } catch {
    return new NoStore();
  }
}
