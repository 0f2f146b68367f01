// "Mijn canvassen": several canvases per method, kept in this browser's localStorage under one
// key per method: {active, docs: {id: {name, data, options, changed}}}. Nothing leaves the browser.
const PREFIX = "klantcanvas:v2:";
const LEGACY = "klantcanvas:v1:";

const newId = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const now = () => new Date().toISOString();

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    return null; // a damaged entry must never stop the page
  }
}

export class Workspace {
  constructor(canvasId, defaultName) {
    this.canvasId = canvasId;
    this.key = PREFIX + canvasId;
    this.defaultName = defaultName;
    let state = read(this.key);
    if (!state || typeof state.docs !== "object" || !state.docs || !Object.keys(state.docs).length) {
      const legacy = read(LEGACY + canvasId);
      state = { active: null, docs: {} };
      const id = newId();
      state.docs[id] = { name: defaultName, data: legacy?.data ?? null, options: legacy?.options ?? null, changed: legacy?.savedAt ?? now() };
      state.active = id;
    }
    if (!state.docs[state.active]) state.active = Object.keys(state.docs)[0];
    this.state = state;
  }

  get current() {
    return this.state.docs[this.state.active];
  }

  save() {
    localStorage.setItem(this.key, JSON.stringify(this.state));
    localStorage.removeItem(LEGACY + this.canvasId);
  }

  update(data, options) {
    Object.assign(this.current, { data, options, changed: now() });
    this.save();
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
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key.startsWith(PREFIX)) continue;
      const state = read(key);
      for (const doc of Object.values(state?.docs || {})) {
        out.push({ canvas: key.slice(PREFIX.length), name: doc.name, changed: doc.changed, data: doc.data || {} });
      }
    }
    return out;
  }

  // Adds checked entries as new canvases; existing work is never replaced.
  static addAll(entries) {
    const byCanvas = new Map();
    for (const entry of entries) {
      const key = PREFIX + entry.canvas;
      const state = byCanvas.get(key) || read(key) || { active: null, docs: {} };
      const id = newId();
      state.docs[id] = { name: entry.name, data: entry.data, options: null, changed: entry.changed || now() };
      state.active ||= id;
      byCanvas.set(key, state);
    }
    for (const [key, state] of byCanvas) localStorage.setItem(key, JSON.stringify(state));
  }
}
