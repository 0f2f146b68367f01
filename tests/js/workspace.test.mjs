// The three-way merge that keeps several tabs' work: run by tests/js/test_js.py with node --test.
import assert from "node:assert/strict";
import { test } from "node:test";
import { merge } from "../../docs/assets/klantcanvas/workspace.js";

const doc = (data, name = "Mijn canvas", changed = "2026-01-01T00:00:00Z") => ({ name, data, options: null, changed });

test("each tab's changed fields survive, field by field", () => {
  const base = { active: "a", docs: { a: doc({ naam: "Ilse", woonplaats: "", motto: "" }) } };
  const mine = { active: "a", docs: { a: doc({ naam: "Ilse", woonplaats: "", motto: "Eerst zien" }, "Mijn canvas", "2026-01-03") } };
  const theirs = { active: "a", docs: { a: doc({ naam: "Ilse", woonplaats: "Zwolle", motto: "" }, "Mijn canvas", "2026-01-02") } };
  const merged = merge(base, mine, theirs);
  assert.deepEqual(merged.docs.a.data, { naam: "Ilse", woonplaats: "Zwolle", motto: "Eerst zien" });
  assert.equal(merged.docs.a.changed, "2026-01-03");
});

test("a stale tab that changed nothing never overwrites newer work", () => {
  const base = { active: "a", docs: { a: doc({ naam: "Oud" }) } };
  const theirs = { active: "a", docs: { a: doc({ naam: "Nieuw" }) } };
  assert.equal(merge(base, structuredClone(base), theirs).docs.a.data.naam, "Nieuw");
});

test("canvases added on either side are kept; deleted ones stay deleted", () => {
  const base = { active: "a", docs: { a: doc({}), b: doc({}) } };
  const mine = { active: "a", docs: { a: doc({}), b: doc({}), c: doc({ x: "mine" }) } };
  const theirs = { active: "a", docs: { a: doc({}), d: doc({ x: "theirs" }) } };
  assert.deepEqual(Object.keys(merge(base, mine, theirs).docs).sort(), ["a", "c", "d"]);
});

test("a canvas deleted elsewhere while edited here keeps the edit", () => {
  const base = { active: "b", docs: { a: doc({}), b: doc({ x: "1" }) } };
  const mine = { active: "b", docs: { a: doc({}), b: doc({ x: "2" }) } };
  const theirs = { active: "a", docs: { a: doc({}) } };
  const merged = merge(base, mine, theirs);
  assert.equal(merged.docs.b.data.x, "2");
  assert.equal(merged.active, "b");
});

test("a rename elsewhere and an edit here both survive", () => {
  const base = { active: "a", docs: { a: doc({ x: "1" }) } };
  const mine = { active: "a", docs: { a: doc({ x: "2" }) } };
  const theirs = { active: "a", docs: { a: doc({ x: "1" }, "Hernoemd") } };
  const merged = merge(base, mine, theirs);
  assert.deepEqual([merged.docs.a.name, merged.docs.a.data.x], ["Hernoemd", "2"]);
});

test("the active canvas falls back when it was deleted elsewhere", () => {
  const base = { active: "b", docs: { a: doc({}), b: doc({}) } };
  const merged = merge(base, structuredClone(base), { active: "a", docs: { a: doc({}) } });
  assert.equal(merged.active, "a");
});

const version = (name, saved = "2026-01-01T00:00:00Z") => ({ name, saved, data: { x: name }, options: null });
const withVersions = (versions, data = {}) => ({ ...doc(data), versions });

test("versions saved in either tab are all kept", () => {
  const base = { active: "a", docs: { a: withVersions({ v1: version("Workshop") }) } };
  const mine = { active: "a", docs: { a: withVersions({ v1: version("Workshop"), v2: version("Hier") }) } };
  const theirs = { active: "a", docs: { a: withVersions({ v1: version("Workshop"), v3: version("Daar") }) } };
  const merged = merge(base, mine, theirs);
  assert.deepEqual(Object.keys(merged.docs.a.versions).sort(), ["v1", "v2", "v3"]);
  assert.equal(merged.docs.a.versions.v3.name, "Daar");
});

test("a version deleted in one tab stays deleted; one saved at the same time survives", () => {
  const base = { active: "a", docs: { a: withVersions({ v1: version("Oud"), v2: version("Blijft") }) } };
  const mine = { active: "a", docs: { a: withVersions({ v2: version("Blijft") }) } };
  const theirs = { active: "a", docs: { a: withVersions({ v1: version("Oud"), v2: version("Blijft"), v3: version("Nieuw") }) } };
  assert.deepEqual(Object.keys(merge(base, mine, theirs).docs.a.versions).sort(), ["v2", "v3"]);
  assert.deepEqual(Object.keys(merge(base, theirs, mine).docs.a.versions).sort(), ["v2", "v3"]);
});

test("a version saved here survives a field edit and a rename elsewhere", () => {
  const base = { active: "a", docs: { a: withVersions({}, { x: "1" }) } };
  const mine = { active: "a", docs: { a: withVersions({ v1: version("Hier") }, { x: "1" }) } };
  const theirs = { active: "a", docs: { a: { ...withVersions({}, { x: "2" }), name: "Hernoemd" } } };
  const merged = merge(base, mine, theirs);
  assert.deepEqual([merged.docs.a.name, merged.docs.a.data.x, Object.keys(merged.docs.a.versions)], ["Hernoemd", "2", ["v1"]]);
});

test("a workspace stored before versions existed merges with one that has them", () => {
  const base = { active: "a", docs: { a: doc({ x: "1" }) } };
  const mine = { active: "a", docs: { a: withVersions({ v1: version("Eerste") }, { x: "1" }) } };
  const merged = merge(base, mine, structuredClone(base));
  assert.deepEqual(Object.keys(merged.docs.a.versions), ["v1"]);
  assert.deepEqual(merge(base, structuredClone(base), structuredClone(base)).docs.a.versions, {});
});

// A store as store.js makes, in memory: it can be made full, or made to keep something else than
// it was given (as a browser that fails the read-back); every Workspace on it hears the others.
function memoryStore() {
  const records = new Map();
  const listeners = [];
  const store = {
    full: false,
    garbles: false,
    records,
    async get(key) {
      return records.has(key) ? structuredClone(records.get(key)) : null;
    },
    async entries(prefix) {
      return [...records].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key, structuredClone(value)]);
    },
    async update(keys, change) {
      const before = Object.fromEntries(keys.map((key) => [key, records.has(key) ? structuredClone(records.get(key)) : null]));
      const after = Object.fromEntries(Object.entries(change(before)).filter(([, v]) => v !== undefined));
      if (store.full) throw new StorageError("quota");
      if (store.garbles) throw new StorageError("readback"); // store.js puts the old records back first
      for (const [key, value] of Object.entries(after)) records.set(key, structuredClone(value));
      for (const listener of listeners) listener(Object.keys(after));
      return after;
    },
    subscribe: (listener) => listeners.push(listener),
    snapshot: () => JSON.stringify([...records]),
  };
  return store;
}

const { Workspace, useStore, MAX_VERSIONS } = await import("../../docs/assets/klantcanvas/workspace.js");
const { StorageError } = await import("../../docs/assets/klantcanvas/store.js");
const { workspacesFrom, migrate } = await import("../../docs/assets/klantcanvas/migrate.js");
const fresh = () => {
  const store = memoryStore();
  useStore(store);
  return store;
};
const stored = (store, canvas) => store.records.get(`klantcanvas:v2:${canvas}`);

test("a version is saved with the canvas, restored after the current state became a version", async () => {
  const store = fresh();
  const saved = [];
  const ws = await Workspace.open("persona", "Mijn canvas", { saved: (ok) => saved.push(ok) });
  await ws.update({ naam: "Ilse" }, { paper: "A3" });
  const first = await ws.addVersion("Workshop", { naam: "Ilse" }, { paper: "A3" });
  await ws.update({ naam: "Ilse de Vries" }, null);
  const backup = await ws.restoreVersion(first, "Voor terugzetten van Workshop", { naam: "Ilse de Vries" }, null);
  assert.deepEqual(ws.current.data, { naam: "Ilse" });
  assert.deepEqual(ws.current.options, { paper: "A3" });
  assert.deepEqual(ws.versions().map((v) => v.name).sort(), ["Voor terugzetten van Workshop", "Workshop"]);
  assert.deepEqual(ws.version(backup).data, { naam: "Ilse de Vries" });
  const state = stored(store, "persona");
  assert.equal(Object.keys(state.docs[state.active].versions).length, 2);
  assert.ok(await ws.removeVersion(first));
  assert.deepEqual(ws.versions().map((v) => v.name), ["Voor terugzetten van Workshop"]);
  assert.ok(saved.length && saved.every(Boolean));
  assert.deepEqual((await Workspace.everything())[0].versions.map((v) => v.name), ["Voor terugzetten van Workshop"]);
});

for (const failure of ["full", "garbles"]) {
  test(`a version that the store will not keep (${failure}) changes nothing, here or in storage`, async () => {
    const store = fresh();
    const saved = [];
    const ws = await Workspace.open("klantsegmenten", "Mijn canvas", { saved: (ok, error) => saved.push(ok || error.reason) });
    await ws.update({ a: "1" }, null);
    await ws.addVersion("Eerste", { a: "1" }, null);
    const before = store.snapshot();
    store[failure] = true;
    assert.equal(await ws.addVersion("Te veel", { a: "1" }, null), null);
    const first = ws.versions()[0].id;
    assert.equal(await ws.restoreVersion(first, "Voor terugzetten", { a: "2" }, null), null);
    assert.equal(await ws.update({ a: "3" }, null), false);
    assert.equal(store.snapshot(), before);
    assert.deepEqual(ws.versions().map((v) => v.name), ["Eerste"]);
    assert.deepEqual(ws.current.data, { a: "3" }); // still on the page, to download as JSON
    assert.equal(saved.at(-1), failure === "full" ? "quota" : "readback");
    store[failure] = false;
    assert.equal(await ws.update({ a: "4" }, null), true);
    assert.deepEqual(stored(store, "klantsegmenten").docs.first.data, { a: "4" });
  });
}

test("a change typed while a failed version was being stored survives its undo", async () => {
  const store = fresh();
  const ws = await Workspace.open("persona", "Mijn canvas");
  await ws.update({ naam: "Ilse" }, null);
  store.full = true;
  const adding = ws.addVersion("Te veel", { naam: "Ilse" }, null);
  ws.update({ naam: "Ilse", woonplaats: "Zwolle" }, null); // typed before the store answered
  assert.equal(await adding, null);
  assert.deepEqual([ws.versions().length, ws.current.data.woonplaats], [0, "Zwolle"]);
});

test("the number of versions per canvas is capped", async () => {
  fresh();
  const ws = await Workspace.open("user-flow", "Mijn canvas");
  for (let n = 0; n < MAX_VERSIONS; n++) assert.notEqual(await ws.addVersion(`v${n}`, {}, null), "full");
  assert.equal(await ws.addVersion("een te veel", {}, null), "full");
  assert.equal(await ws.restoreVersion(ws.versions()[0].id, "Voor terugzetten", {}, null), "full");
  assert.equal(ws.versions().length, MAX_VERSIONS);
});

test("a backup's versions come back as versions of the new canvas", async () => {
  fresh();
  assert.ok(await Workspace.addAll([{ canvas: "persona", name: "Terug", data: { naam: "x" }, options: { paper: "A1" },
    versions: [{ name: "Workshop", saved: "2026-01-01T00:00:00Z", data: { naam: "w" }, options: null }] }]));
  const ws = await Workspace.open("persona", "Mijn canvas");
  assert.equal(ws.current.name, "Terug");
  assert.deepEqual(ws.current.options, { paper: "A1" });
  assert.deepEqual(ws.versions().map((v) => [v.name, v.data.naam]), [["Workshop", "w"]]);
});

test("two tabs that start on a first visit at the same moment end with one canvas", async () => {
  const store = fresh();
  const [a, b] = await Promise.all([Workspace.open("persona", "Mijn canvas"), Workspace.open("persona", "Mijn canvas")]);
  await Promise.all([a.update({ naam: "Ilse", woonplaats: "", hobby: [""] }, null), b.update({ naam: "", woonplaats: "Zwolle", hobby: [""] }, null)]);
  await Promise.all([a.queue, b.queue]);
  const state = stored(store, "persona");
  assert.deepEqual(Object.keys(state.docs), ["first"]);
  assert.deepEqual(state.docs.first.data, { naam: "Ilse", woonplaats: "Zwolle", hobby: [""] });
  assert.deepEqual([a.list().length, b.list().length], [1, 1]);
  assert.deepEqual([a.current.data, b.current.data].map((d) => [d.naam, d.woonplaats]), [["Ilse", "Zwolle"], ["Ilse", "Zwolle"]]);
});

test("another tab's change arrives, and edits made here meanwhile stay", async () => {
  fresh();
  const a = await Workspace.open("persona", "Mijn canvas");
  await a.update({ naam: "Ilse", motto: "" }, null);
  const changed = [];
  const b = await Workspace.open("persona", "Mijn canvas", { changed: (previous) => changed.push(previous) });
  await a.update({ naam: "Ilse", motto: "Eerst zien" }, null);
  await b.queue;
  assert.deepEqual(b.current.data, { naam: "Ilse", motto: "Eerst zien" });
  assert.equal(changed.length, 1);
});

// Today's localStorage, as the site before IndexedDB left it.
const TODAY = {
  "klantcanvas:v2:persona": JSON.stringify({ active: "c1", docs: {
    c1: { name: "Ilse", data: { naam: "Ilse" }, options: { paper: "A3" }, changed: "2026-01-02T00:00:00Z",
      versions: { v1: { name: "Workshop", saved: "2026-01-01T00:00:00Z", data: { naam: "I" }, options: null } } },
    c2: { name: "Tweede", data: null, options: null, changed: "2026-01-01T00:00:00Z" } } }),
  "klantcanvas:v1:klantsegmenten": JSON.stringify({ data: { segmenten: [{ naam: "Starters" }] }, options: null, savedAt: "2025-12-01T00:00:00Z" }),
  "klantcanvas:v2:kapot": "{niet json",
  "iets-anders": "blijft",
};

function fakeLocalStorage(items) {
  const map = new Map(Object.entries(items));
  globalThis.localStorage = {
    getItem: (key) => (map.has(key) ? map.get(key) : null),
    setItem: (key, value) => map.set(key, String(value)),
    removeItem: (key) => map.delete(key),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
  return map;
}

test("today's localStorage moves into the store once, losing nothing", async () => {
  const store = fresh();
  const left = fakeLocalStorage(TODAY);
  await migrate(store, "Mijn canvas");
  assert.deepEqual(stored(store, "persona"), JSON.parse(TODAY["klantcanvas:v2:persona"]));
  assert.deepEqual(stored(store, "klantsegmenten").docs.first, { name: "Mijn canvas", data: { segmenten: [{ naam: "Starters" }] }, options: null, changed: "2025-12-01T00:00:00Z" });
  assert.deepEqual([...left.keys()].sort(), ["iets-anders", "klantcanvas:v2:kapot"]); // the damaged one is left as it was
  assert.equal(store.records.has("klantcanvas:v2:kapot"), false);
});

test("a failed move leaves localStorage as it was, and a store that has work keeps it", async () => {
  const store = fresh();
  const left = fakeLocalStorage(TODAY);
  store.full = true;
  await migrate(store, "Mijn canvas");
  assert.equal(left.size, Object.keys(TODAY).length);
  store.full = false;
  const ws = await Workspace.open("persona", "Mijn canvas");
  ws.add("Al in de store");
  await ws.queue;
  await migrate(store, "Mijn canvas");
  assert.deepEqual(Object.values(stored(store, "persona").docs).map((d) => d.name).sort(), ["Al in de store", "Ilse", "Mijn canvas", "Tweede"]);
});

test("the move takes a first-format canvas only when no newer workspace exists", () => {
  const out = workspacesFrom([["klantcanvas:v1:persona", '{"data": {"naam": "oud"}}'], ["klantcanvas:v2:persona", TODAY["klantcanvas:v2:persona"]]], "Mijn canvas");
  assert.equal(out["klantcanvas:v2:persona"].docs.c1.name, "Ilse");
});

test("a page that closes before the store confirmed a change leaves a copy that the next visit takes in", async () => {
  const store = fresh();
  const left = fakeLocalStorage({});
  const ws = await Workspace.open("persona", "Mijn canvas");
  await ws.update({ naam: "Ilse" }, null);
  ws.rescue();
  assert.equal(left.size, 0); // everything was confirmed: no copy
  store.full = true;
  await ws.update({ naam: "Ilse de Vries" }, null); // not kept by the store
  ws.rescue();
  assert.equal(left.size, 1);
  store.full = false;
  await migrate(store, "Mijn canvas");
  assert.equal(stored(store, "persona").docs.first.data.naam, "Ilse de Vries");
  assert.equal(left.size, 0);
});

test("what was typed before the store opened, on a page that closed, reaches the next visit's store", async () => {
  const { rescueTyping } = await import("../../docs/assets/klantcanvas/workspace.js");
  const store = fresh();
  const left = fakeLocalStorage({});
  rescueTyping("persona", "Mijn canvas", { naam: "Ilse", motto: "" }, { paper: "A3" });
  rescueTyping("persona", "Mijn canvas", { naam: "Later" }, null); // a copy already there is left as it was
  assert.equal(left.size, 1);
  await migrate(store, "Mijn canvas");
  assert.deepEqual(stored(store, "persona").docs.first.data, { naam: "Ilse", motto: "" });
  assert.equal(left.size, 0);
});

test("a typed change's write waits for the preview it asked for; what is typed meanwhile is one write", async () => {
  const store = fresh();
  const left = fakeLocalStorage({});
  const ws = await Workspace.open("persona", "Mijn canvas");
  let writes = 0;
  const update = store.update;
  store.update = (...args) => (writes++, update(...args));
  let drawn;
  const preview = new Promise((resolve) => (drawn = resolve));
  const first = ws.update({ naam: "I" }, null, preview);
  const second = ws.update({ naam: "Ilse" }, null, preview);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(writes, 0); // held while the preview is drawn
  assert.equal(stored(store, "persona"), undefined);
  ws.rescue(); // a page closing meanwhile leaves what was typed
  assert.equal(JSON.parse(left.get("klantcanvas:v2:persona")).docs.first.data.naam, "Ilse");
  drawn();
  assert.equal(await first, true);
  assert.equal(await second, true);
  assert.equal(writes, 1);
  assert.equal(stored(store, "persona").docs.first.data.naam, "Ilse");
});

test("a held write starts after HOLD_MS when the preview never comes", async () => {
  const { HOLD_MS } = await import("../../docs/assets/klantcanvas/workspace.js");
  const store = fresh();
  const ws = await Workspace.open("persona", "Mijn canvas");
  const started = Date.now();
  assert.equal(await ws.update({ naam: "Ilse" }, null, new Promise(() => {})), true);
  assert.ok(Date.now() - started >= HOLD_MS - 5);
  assert.equal(stored(store, "persona").docs.first.data.naam, "Ilse");
});

test("flush() stores a held write at once, for what reads the store (Exporteer alle canvassen)", async () => {
  const { HOLD_MS } = await import("../../docs/assets/klantcanvas/workspace.js");
  const store = fresh();
  const ws = await Workspace.open("persona", "Mijn canvas");
  const timer = globalThis.setTimeout; // HOLD_MS never runs out here: only flush() can start the write
  globalThis.setTimeout = (go, ms, ...rest) => (ms === HOLD_MS ? 0 : timer(go, ms, ...rest));
  try {
    ws.update({ naam: "Femke de Vries" }, null, new Promise(() => {})); // its preview never comes
    ws.rename(ws.state.active, "Femke"); // joins the held write
    await ws.flush();
  } finally {
    globalThis.setTimeout = timer;
  }
  const doc = stored(store, "persona").docs.first;
  assert.deepEqual([doc.name, doc.data.naam], ["Femke", "Femke de Vries"]);
});
