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
