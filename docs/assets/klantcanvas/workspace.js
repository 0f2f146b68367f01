// "Mijn canvassen": several canvases per method, kept in this browser's localStorage under one
// key per method: {active, docs: {id: {name, data, options, changed, versions}}}, where versions
// is {id: {name, saved, data, options}}: named snapshots that live and die with their canvas.
// Nothing leaves the browser. Several tabs share one truth: every save merges this tab's changes,
// field by field, into what is stored now, and a change stored by another tab is merged in here
// (the `storage` event). A version saved in either tab is kept; one deleted in either stays gone.
const PREFIX = "klantcanvas:v2:";
const LEGACY = "klantcanvas:v1:";
// At most this many versions per canvas (the page says so when it is reached; the engine's
// klantcanvas.workspace.MAX_VERSIONS keeps the same number when reading a backup).
export const MAX_VERSIONS = 20;

const newId = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const newVersionId = () => `v${newId().slice(1)}`;
const newVersion = (name, data, options) => ({ name, saved: now(), data: copy(data), options: copy(options) });
// Versions in the order they were saved (``direction`` -1: newest first).
const bySaved = (direction = 1) => (a, b) => direction * (a.saved < b.saved ? -1 : a.saved > b.saved ? 1 : 0);
const now = () => new Date().toISOString();
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const copy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

function readRaw(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    return null; // a damaged entry or a browser without storage must never stop the page
  }
}

function read(key) {
  const state = readRaw(key);
  return state && typeof state.docs === "object" && state.docs ? state : null;
}

// What ``mine`` changed since ``base`` wins; everything else comes from ``theirs``.
function pick(base, mine, theirs) {
  return same(mine, base) ? theirs : mine;
}

// Versions never change once saved: each side's additions are kept, each side's deletions hold.
function mergeVersions(base, mine, theirs) {
  const [b, m, t] = [base || {}, mine || {}, theirs || {}];
  const out = {};
  for (const id of new Set([...Object.keys(m), ...Object.keys(t)])) {
    if (m[id] && t[id]) out[id] = m[id];
    else if (m[id] && !b[id]) out[id] = m[id]; // saved here
    else if (t[id] && !b[id]) out[id] = t[id]; // saved elsewhere
  }
  return out;
}

function mergeDoc(base, mine, theirs) {
  const data = {};
  const b = base?.data || {};
  const m = mine.data || {};
  const t = theirs.data || {};
  for (const key of new Set([...Object.keys(m), ...Object.keys(t)])) {
    const value = pick(b[key], m[key], t[key]);
    if (value !== undefined) data[key] = value;
  }
  const emptyData = mine.data === null && theirs.data === null;
  return {
    name: pick(base?.name, mine.name, theirs.name),
    data: emptyData ? null : data,
    options: pick(base?.options, mine.options, theirs.options),
    changed: mine.changed > theirs.changed ? mine.changed : theirs.changed,
    versions: mergeVersions(base?.versions, mine.versions, theirs.versions),
  };
}

// Three-way merge of whole workspaces: a canvas deleted on either side stays deleted, one added on
// either side is kept, and within a canvas each field keeps the side that changed it.
export function merge(base, mine, theirs) {
  const docs = {};
  for (const id of new Set([...Object.keys(mine.docs), ...Object.keys(theirs.docs)])) {
    const [b, m, t] = [base?.docs[id], mine.docs[id], theirs.docs[id]];
    if (m && t) docs[id] = mergeDoc(b, m, t);
    else if (m && !b) docs[id] = m; // added here
    else if (t && !b) docs[id] = t; // added elsewhere
    else if (m && t === undefined && b && !same(m, b)) docs[id] = m; // deleted elsewhere, edited here: keep the work
  }
  const active = docs[mine.active] ? mine.active : docs[theirs.active] ? theirs.active : Object.keys(docs)[0];
  return { active, docs };
}

export class Workspace {
  // ``events.changed(previous)`` runs when another tab changed this method's canvases;
  // ``events.saved(ok, error)`` after every attempt to store them.
  constructor(canvasId, defaultName, events = {}) {
    this.canvasId = canvasId;
    this.key = PREFIX + canvasId;
    this.defaultName = defaultName;
    this.events = events;
    let state = read(this.key);
    if (!state || !Object.keys(state.docs).length) {
      this.base = state;
      const legacy = readRaw(LEGACY + canvasId);
      state = { active: null, docs: {} };
      const id = newId();
      state.docs[id] = { name: defaultName, data: legacy?.data ?? null, options: legacy?.options ?? null, changed: legacy?.savedAt ?? now() };
      state.active = id;
    } else {
      this.base = copy(state);
    }
    if (!state.docs[state.active]) state.active = Object.keys(state.docs)[0];
    this.state = state;
    addEventListener("storage", (event) => {
      if (event.key === this.key || event.key === null) this.pull();
    });
  }

  get current() {
    return this.state.docs[this.state.active];
  }

  // Merge what another tab stored; tell the page what changed.
  pull() {
    const theirs = read(this.key);
    if (!theirs) return;
    const previous = copy(this.state);
    this.state = merge(this.base, this.state, theirs);
    this.base = copy(theirs);
    if (!this.state.docs[this.state.active]) this.state.active = Object.keys(this.state.docs)[0];
    if (!this.state.active) this.add(this.defaultName);
    if (!same(previous, this.state)) this.events.changed?.(previous);
  }

  save() {
    const stored = read(this.key);
    const merged = stored ? merge(this.base, this.state, stored) : this.state;
    merged.active = this.state.docs[this.state.active] ? this.state.active : merged.active;
    try {
      localStorage.setItem(this.key, JSON.stringify(merged));
    } catch (error) {
      this.events.saved?.(false, error); // quota or storage switched off: stored work stays as it was
      return false;
    }
    const previous = copy(this.state);
    this.state = merged;
    this.base = copy(merged);
    try {
      localStorage.removeItem(LEGACY + this.canvasId);
    } catch {
      /* nothing to clean */
    }
    this.events.saved?.(true);
    if (!same(previous.docs, merged.docs)) this.events.changed?.(previous);
    return true;
  }

  update(data, options) {
    Object.assign(this.current, { data, options, changed: now() });
    return this.save();
  }

  // Stores a change made by ``change()``; when the browser will not store it, everything goes
  // back to how it was (in this tab and in storage) and the answer is false.
  attempt(change) {
    const before = copy(this.state);
    change();
    if (this.save()) return true;
    this.state = before;
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

  // Saves the current canvas as a version. Returns its id, "full" at the limit, or null when the
  // browser would not store it (nothing changed then).
  addVersion(name, data, options) {
    if (this.versions().length >= MAX_VERSIONS) return "full";
    const id = newVersionId();
    const ok = this.attempt(() => {
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
  // ``backupName`` (so a restore is undone by restoring that one). Returns the new version's id,
  // "full" when there is no room for it, or null when the browser would not store it.
  restoreVersion(id, backupName, data, options) {
    const version = this.version(id);
    if (!version) return null;
    if (this.versions().length >= MAX_VERSIONS) return "full";
    const backupId = newVersionId();
    const ok = this.attempt(() => {
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
  static valuesOf(canvasId, path) {
    const out = [];
    for (const doc of Object.values(read(PREFIX + canvasId)?.docs || {})) {
      let values = [doc.data || {}];
      for (const key of path) values = values.flatMap((v) => (v && typeof v === "object" ? [v[key]].flat() : []));
      out.push(...values.filter((v) => typeof v === "string" && v.trim()).map((v) => v.trim()));
    }
    return [...new Set(out)];
  }

  // Every canvas of every method, for "Exporteer alle canvassen".
  static everything() {
    const out = [];
    let keys = [];
    try {
      keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i));
    } catch {
      return out;
    }
    for (const key of keys) {
      if (!key || !key.startsWith(PREFIX)) continue;
      for (const doc of Object.values(read(key)?.docs || {})) {
        const versions = Object.values(doc.versions || {}).sort(bySaved());
        out.push({ canvas: key.slice(PREFIX.length), name: doc.name, changed: doc.changed, data: doc.data || {}, options: doc.options || null, versions });
      }
    }
    return out;
  }

  // Adds checked entries as new canvases; existing work is never replaced. False when the browser
  // would not store them (nothing was changed then).
  static addAll(entries) {
    const byCanvas = new Map();
    for (const entry of entries) {
      const key = PREFIX + entry.canvas;
      const state = byCanvas.get(key) || read(key) || { active: null, docs: {} };
      const id = newId();
      const versions = Object.fromEntries((entry.versions || []).map((v) => [newVersionId(), { name: v.name, saved: v.saved || now(), data: v.data, options: v.options || null }]));
      state.docs[id] = { name: entry.name, data: entry.data, options: entry.options || null, changed: entry.changed || now(), versions };
      state.active ||= id;
      byCanvas.set(key, state);
    }
    const written = [];
    try {
      for (const [key, state] of byCanvas) {
        const before = localStorage.getItem(key);
        localStorage.setItem(key, JSON.stringify(state));
        written.push([key, before]);
      }
    } catch {
      for (const [key, before] of written) {
        try {
          if (before === null) localStorage.removeItem(key);
          else localStorage.setItem(key, before);
        } catch {
          /* already as it was */
        }
      }
      return false;
    }
    return true;
  }
}
