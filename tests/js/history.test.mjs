// Undo and redo as invertible increments (docs/assets/klantcanvas/history.js): run by
// tests/js/test_js.py with node --test.
import assert from "node:assert/strict";
import { test } from "node:test";
import { History, increment, LIMIT } from "../../docs/assets/klantcanvas/history.js";

function form(initial) {
  let data = structuredClone(initial);
  const history = new History(() => structuredClone(data));
  const write = (values, keys) => { for (const key of keys) data[key] = structuredClone(values[key]); };
  return { history, write, get: () => data, set: (next) => { data = { ...data, ...next }; } };
}

test("an increment holds only the fields that changed, both ways", () => {
  assert.equal(increment({ a: 1, b: [1] }, { a: 1, b: [1] }), null);
  assert.deepEqual(increment({ a: 1, b: "x" }, { a: 2, b: "x" }), { keys: ["a"], before: { a: 1 }, after: { a: 2 } });
});

test("undo and redo walk the steps back and forth, and a new change drops what could be redone", () => {
  const f = form({ naam: "", lijst: [""] });
  f.history.reset("doc");
  f.set({ naam: "Ada" });
  f.history.commit();
  f.set({ lijst: ["een", "twee"] });
  f.history.commit();
  assert.ok(f.history.move("undo", f.write));
  assert.deepEqual(f.get(), { naam: "Ada", lijst: [""] });
  assert.ok(f.history.move("undo", f.write));
  assert.deepEqual(f.get(), { naam: "", lijst: [""] });
  assert.equal(f.history.move("undo", f.write), null);
  f.history.move("redo", f.write);
  assert.deepEqual(f.get(), { naam: "Ada", lijst: [""] });
  f.set({ naam: "Bea" });
  assert.equal(f.history.commit().keys[0], "naam");
  assert.equal(f.history.move("redo", f.write), null);
});

test("a change not yet committed is committed before it is undone", () => {
  const f = form({ naam: "" });
  f.history.reset("doc");
  f.set({ naam: "half getypt" });
  f.history.move("undo", f.write);
  assert.equal(f.get().naam, "");
});

test("at least 50 steps are kept, each canvas its own", () => {
  assert.ok(LIMIT >= 50);
  const f = form({ n: 0 });
  f.history.reset("a");
  for (let i = 1; i <= LIMIT + 10; i++) {
    f.set({ n: i });
    f.history.commit();
  }
  assert.equal(f.history.size().undo, LIMIT);
  f.history.reset("b");
  assert.equal(f.history.size().undo, 0);
  f.history.reset("a");
  for (let i = 0; i < LIMIT; i++) f.history.move("undo", f.write);
  assert.equal(f.get().n, 10);
});
