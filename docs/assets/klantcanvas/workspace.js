// "Mijn canvassen": several canvases per method, kept in the store (store.js: IndexedDB) as one
// record per method: {active, docs: {id: {name, data, options, changed, versions}}}, where versions
// is {id: {name, saved, data, options}}: named snapshots that live and die with their canvas.
// Nothing leaves the browser. This tab changes its own copy (``state``) at once; writes follow one
// by one, each merged into what is stored at that moment (merge.js), and what another tab stores
// is merged in here. Only the store says whether a change was kept (``events.saved``).
import { merge, sameWork } from "./merge.js";
import { migrate, PREFIX } from "./migrate.js";
import { openIndexedStore } from "./store.js";

export { merge };
// At most this many versions per canvas (the page says so when it is reached; the engine's
// klantcanvas.workspace.MAX_VERSIONS keeps the same number when reading a backup).
export const MAX_VERSIONS = 20;
// A method's first canvas has the same id in every tab, so two tabs that start typing at once on
// a first visit make one canvas together, not two called "Mijn canvas".
const FIRST = "first";
// The longest a write waits for what ``save(after)`` names: typing is stored within this.
export const HOLD_MS = 200;

const newId = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const newVersionId = () => `v${newId().slice(1)}`;
const newVersion = (name, data, options) => ({ name, saved: now(), data: copy(data), options: copy(options) });
// Versions in the order they were saved (``direction`` -1: newest first).
const bySaved = (direction = 1) => (a, b) => direction * (a.saved < b.saved ? -1 : a.saved > b.saved ? 1 : 0);
const now = () => new Date().toISOString();
const copy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
const valid = (state) => (state && typeof state.docs === "object" && state.docs ? state : null);

let opened = null;
// The page's one store, with what localStorage held moved into it on the first call.
export function openStore(defaultName) {
  opened ??= openIndexedStore().then(async (store) => {
    await migrate(store, defaultName);
    return store;
  });
  return opened;
}

// Another store (the tests' in-memory one).
export function useStore(store) {
  opened = Promise.resolve(store);
}

async function stored(store, key) {
  try {
    return valid(await store.get(key));
  } catch {
    return null; // a damaged record or a refusing browser must never stop the page
  }
}

// The page is closing before the store opened, with something typed: localStorage keeps it as the
// method's first canvas (what a first visit makes), and the next visit moves it into the store
// (migrate.js), where its filled fields join what is stored. A copy already there is left as it is.
export function rescueTyping(canvasId, defaultName, data, options) {
  try {
    if (localStorage.getItem(PREFIX + canvasId) !== null) return;
    const state = { active: FIRST, docs: { [FIRST]: { name: defaultName, data, options, changed: now() } } };
    localStorage.setItem(PREFIX + canvasId, JSON.stringify(state));
  } catch {
    /* nothing more can be done while the page closes */
  }
}

export class Workspace {
  // ``events.changed(previous)`` runs when another tab changed this method's canvases;
  // ``events.saved(ok, error)`` after every attempt to store them.
  static async open(canvasId, defaultName, events = {}) {
    const store = await openStore(defaultName);
    return new Workspace(canvasId, defaultName, events, store, await stored(store, PREFIX + canvasId));
  }

  constructor(canvasId, defaultName, events, store, state) {
    Object.assign(this, { canvasId, defaultName, events, store, key: PREFIX + canvasId });
    this.queue = Promise.resolve();
    this.waiting = null;
    this.base = copy(state);
    this.state = state && Object.keys(state.docs).length ? copy(state) : { active: FIRST, docs: { [FIRST]: { name: defaultName, data: null, options: null, changed: now() } } };
    if (!this.state.docs[this.state.active]) this.state.active = Object.keys(this.state.docs)[0];
    store.subscribe((keys) => keys.includes(this.key) && this.pull());
    this.dirty = false; // changed here, not yet read back from the store
    globalThis.addEventListener?.("pagehide", () => this.rescue());
  }

  // The page is closing with a change the store has not confirmed: localStorage takes a copy at
  // once (it is synchronous), and the next visit moves it into the store (migrate.js).
  rescue() {
    if (!this.dirty) return;
    try {
      localStorage.setItem(this.key, JSON.stringify(this.state));
    } catch {
      /* nothing more can be done while the page closes */
    }
  }

  get current() {
    return this.state.docs[this.state.active];
  }

  // Runs ``task`` after every read and write before it.
  enqueue(task) {
    const run = this.queue.then(task);
    this.queue = run.catch(() => {});
    return run;
  }

  // Merge what another tab stored; tell the page what changed.
  pull() {
    return this.enqueue(async () => {
      const theirs = await stored(this.store, this.key);
      if (!theirs) return;
      const previous = copy(this.state);
      this.state = merge(this.base, this.state, theirs);
      this.base = copy(theirs);
      this.settle(previous);
    });
  }

  settle(previous) {
    if (!this.state.docs[this.state.active]) this.state.active = Object.keys(this.state.docs)[0];
    if (!this.state.active) this.add(this.defaultName);
    if (!sameWork(previous, this.state)) this.events.changed?.(previous);
  }

  // Stores this tab's state; true once the store read it back. Saves asked for while one waits
  // to start are one save. ``after``: the write starts once it settles, or after HOLD_MS at the
  // latest (typing holds its write until the preview it asked for is drawn, so the worker is not
  // drawing while the store writes; the state is already changed here, and rescue() covers a
  // page that closes meanwhile).
  save(after) {
    this.dirty = true;
    if (!this.waiting) {
      const hurried = new Promise((go) => (this.hurry = go)); // flush() starts the write at once
      this.waiting = this.enqueue(async () => {
        if (after) await Promise.race([after.catch(() => {}), hurried, new Promise((go) => setTimeout(go, HOLD_MS))]);
        this.hurry = null;
        this.waiting = null;
        return this.write();
      });
    }
    return this.waiting;
  }

  // Settles once every change made here so far is in the store (a held write starts now): for
  // what reads the store rather than this tab, such as "Exporteer alle canvassen".
  flush() {
    this.hurry?.();
    return this.queue;
  }

  async write() {
    const [sent, base] = [copy(this.state), this.base];
    let merged;
    try {
      ({ [this.key]: merged } = await this.store.update([this.key], (found) => {
        const theirs = valid(found[this.key]);
        const out = theirs ? merge(base, sent, theirs) : sent;
        if (sent.docs[sent.active]) out.active = sent.active;
        return { [this.key]: out };
      }));
    } catch (error) {
      this.events.saved?.(false, error); // stored work stays as it was
      return false;
    }
    const previous = copy(this.state);
    this.state = merge(sent, this.state, merged); // what changed here meanwhile stays
    this.base = copy(merged);
    this.dirty = Boolean(this.waiting) || !sameWork(sent, previous); // changed again meanwhile
    this.events.saved?.(true);
    this.settle(previous);
    return true;
  }

  update(data, options, after) {
    Object.assign(this.current, { data, options, changed: now() });
    return this.save(after);
  }

  // Stores a change made by ``change()``; when the store will not keep it, the change is undone
  // here (anything else changed meanwhile stays) and the answer is false.
  async attempt(change) {
    const before = copy(this.state);
    change();
    const after = copy(this.state);
    if (await this.save()) return true;
    this.state = merge(after, this.state, before);
    this.save(); // shows the warning again if nothing can be stored at all; clears it otherwise
    return false;
  }

  // This canvas's versions, newest first.
  versions(docId = this.state.active) {
    return Object.entries(this.state.docs[docId]?.versions || {})
      .map(([id, version]) => ({ id, ...version }))
      .sort(bySaved(-1));
  }

  version(id) {
    return this.current.versions?.[id];
  }

  // Saves the current canvas as a version. Resolves to its id, "full" at the limit, or null when
  // the store would not keep it (nothing changed then).
  async addVersion(name, data, options) {
    if (this.versions().length >= MAX_VERSIONS) return "full";
    const id = newVersionId();
    const ok = await this.attempt(() => {
      this.current.versions = { ...(this.current.versions || {}), [id]: newVersion(name, data, options) };
    });
    return ok ? id : null;
  }

  removeVersion(id) {
    const versions = { ...(this.current.versions || {}) };
    delete versions[id];
    return this.attempt(() => (this.current.versions = versions));
  }

  // Puts a version's data in the canvas, after saving what was there as a version named
  // ``backupName`` (so a restore is undone by restoring that one). Resolves to the new version's
  // id, "full" when there is no room for it, or null when the store would not keep it.
  async restoreVersion(id, backupName, data, options) {
    const version = this.version(id);
    if (!version) return null;
    if (this.versions().length >= MAX_VERSIONS) return "full";
    const backupId = newVersionId();
    const ok = await this.attempt(() => {
      this.current.versions = { ...this.current.versions, [backupId]: newVersion(backupName, data, options) };
      Object.assign(this.current, { data: copy(version.data), options: copy(version.options), changed: now() });
    });
    return ok ? backupId : null;
  }

  add(name, data = null, options = null) {
    const id = newId();
    this.state.docs[id] = { name, data, options, changed: now() };
    this.state.active = id;
    this.save();
    return id;
  }

  open(id) {
    this.state.active = id;
    this.save();
  }

  rename(id, name) {
    this.state.docs[id].name = name;
    this.save();
  }

  remove(id) {
    delete this.state.docs[id];
    if (!Object.keys(this.state.docs).length) this.add(this.defaultName);
    else if (this.state.active === id) this.state.active = this.list()[0].id;
    this.save();
  }

  list() {
    return Object.entries(this.state.docs)
      .map(([id, doc]) => ({ id, ...doc, active: id === this.state.active }))
      .sort((a, b) => (a.changed < b.changed ? 1 : -1));
  }

  // Texts another canvas holds at ``path`` (["segmenten", "naam"]), for linked suggestions.
  static async valuesOf(canvasId, path) {
    const out = [];
    for (const doc of Object.values((await stored(await openStore(), PREFIX + canvasId))?.docs || {})) {
      let values = [doc.data || {}];
      for (const key of path) values = values.flatMap((v) => (v && typeof v === "object" ? [v[key]].flat() : []));
      out.push(...values.filter((v) => typeof v === "string" && v.trim()).map((v) => v.trim()));
    }
    return [...new Set(out)];
  }

  // Every canvas of every method, for "Exporteer alle canvassen" and the file on disk.
  static async everything() {
    const out = [];
    let records = [];
    try {
      records = await (await openStore()).entries(PREFIX);
    } catch {
      return out;
    }
    for (const [key, state] of records) {
      for (const doc of Object.values(valid(state)?.docs || {})) {
        const versions = Object.values(doc.versions || {}).sort(bySaved());
        out.push({ canvas: key.slice(PREFIX.length), name: doc.name, changed: doc.changed, data: doc.data || {}, options: doc.options || null, versions });
      }
    }
    return out;
  }

  // Adds checked entries as new canvases; existing work is never replaced. False when the store
  // would not keep them (nothing was changed then).
  static async addAll(entries) {
    const keys = [...new Set(entries.map((entry) => PREFIX + entry.canvas))];
    try {
      await (await openStore()).update(keys, (found) => {
        const out = Object.fromEntries(keys.map((key) => [key, valid(found[key]) || { active: null, docs: {} }]));
        for (const entry of entries) {
          const state = out[PREFIX + entry.canvas];
          const id = newId();
          const versions = Object.fromEntries((entry.versions || []).map((v) => [newVersionId(), { name: v.name, saved: v.saved || now(), data: v.data, options: v.options || null }]));
          state.docs[id] = { name: entry.name, data: entry.data, options: entry.options || null, changed: entry.changed || now(), versions };
          state.active ||= id;
        }
        return out;
      });
    } catch {
      return false;
    }
    return true;
  }
}
