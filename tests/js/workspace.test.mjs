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

// A Workspace on a storage that can be made full, as a browser's localStorage can be.
function fakeBrowser() {
  const items = new Map();
  const storage = {
    full: false,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem(key, value) {
      if (storage.full) throw new Error("QuotaExceededError");
      items.set(key, String(value));
    },
    removeItem: (key) => items.delete(key),
    key: (i) => [...items.keys()][i] ?? null,
    get length() {
      return items.size;
    },
  };
  globalThis.localStorage = storage;
  globalThis.addEventListener = () => {};
  return storage;
}

test("a version is saved with the canvas, restored after the current state became a version", async () => {
  fakeBrowser();
  const { Workspace } = await import("../../docs/assets/klantcanvas/workspace.js");
  const saved = [];
  const ws = new Workspace("persona", "Mijn canvas", { saved: (ok) => saved.push(ok) });
  ws.update({ naam: "Ilse" }, { paper: "A3" });
  const first = ws.addVersion("Workshop", { naam: "Ilse" }, { paper: "A3" });
  ws.update({ naam: "Ilse de Vries" }, null);
  const backup = ws.restoreVersion(first, "Voor terugzetten van Workshop", { naam: "Ilse de Vries" }, null);
  assert.deepEqual(ws.current.data, { naam: "Ilse" });
  assert.deepEqual(ws.current.options, { paper: "A3" });
  assert.deepEqual(ws.versions().map((v) => v.name).sort(), ["Voor terugzetten van Workshop", "Workshop"]);
  assert.deepEqual(ws.version(backup).data, { naam: "Ilse de Vries" });
  const stored = JSON.parse(localStorage.getItem("klantcanvas:v2:persona"));
  assert.equal(Object.keys(stored.docs[stored.active].versions).length, 2);
  assert.ok(ws.removeVersion(first));
  assert.deepEqual(ws.versions().map((v) => v.name), ["Voor terugzetten van Workshop"]);
  assert.ok(saved.every(Boolean));
  assert.deepEqual(Workspace.everything()[0].versions.map((v) => v.name), ["Voor terugzetten van Workshop"]);
});

test("a version that does not fit changes nothing, here or in storage", async () => {
  const storage = fakeBrowser();
  const { Workspace } = await import("../../docs/assets/klantcanvas/workspace.js");
  const ws = new Workspace("klantsegmenten", "Mijn canvas");
  ws.update({ a: "1" }, null);
  ws.addVersion("Eerste", { a: "1" }, null);
  const before = localStorage.getItem("klantcanvas:v2:klantsegmenten");
  storage.full = true;
  assert.equal(ws.addVersion("Te veel", { a: "1" }, null), null);
  const first = ws.versions()[0].id;
  assert.equal(ws.restoreVersion(first, "Voor terugzetten", { a: "2" }, null), null);
  assert.equal(localStorage.getItem("klantcanvas:v2:klantsegmenten"), before);
  assert.deepEqual(ws.versions().map((v) => v.name), ["Eerste"]);
  assert.deepEqual(ws.current.data, { a: "1" });
});

test("the number of versions per canvas is capped", async () => {
  fakeBrowser();
  const { Workspace, MAX_VERSIONS } = await import("../../docs/assets/klantcanvas/workspace.js");
  const ws = new Workspace("user-flow", "Mijn canvas");
  for (let n = 0; n < MAX_VERSIONS; n++) assert.notEqual(ws.addVersion(`v${n}`, {}, null), "full");
  assert.equal(ws.addVersion("een te veel", {}, null), "full");
  assert.equal(ws.restoreVersion(ws.versions()[0].id, "Voor terugzetten", {}, null), "full");
  assert.equal(ws.versions().length, MAX_VERSIONS);
});

test("a backup's versions come back as versions of the new canvas", async () => {
  fakeBrowser();
  const { Workspace } = await import("../../docs/assets/klantcanvas/workspace.js");
  assert.ok(Workspace.addAll([{ canvas: "persona", name: "Terug", data: { naam: "x" }, options: { paper: "A1" },
    versions: [{ name: "Workshop", saved: "2026-01-01T00:00:00Z", data: { naam: "w" }, options: null }] }]));
  const ws = new Workspace("persona", "Mijn canvas");
  assert.equal(ws.current.name, "Terug");
  assert.deepEqual(ws.current.options, { paper: "A1" });
  assert.deepEqual(ws.versions().map((v) => [v.name, v.data.naam]), [["Workshop", "w"]]);
});
