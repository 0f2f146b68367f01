// When "Mijn canvassen" reminds of a back-up: run by tests/js/test_js.py with node --test.
import assert from "node:assert/strict";
import { test } from "node:test";
import { needsReminder } from "../../docs/assets/klantcanvas/storage-panel.js";

const now = Date.parse("2026-12-05T12:00:00Z");
const doc = (changed, data = { naam: "Ilse" }) => ({ changed, data });

test("a change older than three days in no back-up asks for one", () => {
  assert.equal(needsReminder([doc("2026-12-01T12:00:00Z")], null, now), true);
  assert.equal(needsReminder([doc("2026-12-01T12:00:00Z")], "2026-11-30T00:00:00Z", now), true);
});

test("no reminder for recent changes, backed-up work or empty canvases", () => {
  assert.equal(needsReminder([doc("2026-12-04T12:00:00Z")], null, now), false);
  assert.equal(needsReminder([doc("2026-12-01T12:00:00Z")], "2026-12-02T00:00:00Z", now), false);
  assert.equal(needsReminder([doc("2026-11-01T12:00:00Z", {})], null, now), false);
  assert.equal(needsReminder([], null, now), false);
});
