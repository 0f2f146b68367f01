// The page's "has content" check applies the rule the form macro writes (klantcanvas.fill.content_rule):
// run by tests/js/test_js.py with node --test. tests/js/test_js.py also compares it with the engine.
import assert from "node:assert/strict";
import { test } from "node:test";
import { hasContent } from "../../docs/assets/klantcanvas/form-state.js";

const rule = {
  fields: [
    { id: "naam", kind: "text" },
    { id: "klaar", kind: "flag" },
    { id: "score", kind: "scale" },
    { id: "ideeen", kind: "list", entries: { kind: "text" } },
    {
      id: "stappen", kind: "group", entries: {
        fields: [
          { id: "soort", kind: "choice" },
          { id: "takken", kind: "list", show_when: { soort: "beslissing" }, entries: { kind: "text" } },
        ],
      },
    },
  ],
  blank: { text: "", textarea: "", choice: "", flag: false, scale: null, list: [], group: [] },
  blank_characters: [[0, 32], [127, 160], [0x3000, 0x3000]],
};
const blank = { naam: "", klaar: false, score: null, ideeen: [""], stappen: [{ soort: "", takken: [""] }] };

test("a blank form holds nothing, and neither do texts of blank characters only", () => {
  assert.equal(hasContent(rule, blank), false);
  assert.equal(hasContent(rule, {}), false);
  assert.equal(hasContent(rule, { ...blank, naam: " \t\n\u00a0\u3000\u0001" }), false);
  assert.equal(hasContent(rule, { ...blank, ideeen: ["", "  "] }), false);
});

test("any character outside the blank ranges is content, also one the browser trims", () => {
  for (const naam of ["x", "\ufeff", "\u200b", "😀"]) assert.equal(hasContent(rule, { ...blank, naam }), true, naam);
  assert.equal(hasContent(rule, { ...blank, ideeen: ["", "idee"] }), true);
});

test("a flag counts when set, a scale when chosen (zero too)", () => {
  assert.equal(hasContent(rule, { ...blank, klaar: true }), true);
  assert.equal(hasContent(rule, { ...blank, score: 0 }), true);
});

test("a field that its record does not show counts for nothing", () => {
  assert.equal(hasContent(rule, { ...blank, stappen: [{ soort: "", takken: ["Ja"] }] }), false);
  assert.equal(hasContent(rule, { ...blank, stappen: [{ soort: "actie", takken: [""] }] }), true);
  assert.equal(hasContent(rule, { ...blank, stappen: [{}, { soort: "beslissing", takken: [] }] }), true);
});

test("a field shown by a top-level field counts only while that field holds something", () => {
  const withRoot = {
    ...rule,
    fields: [
      { id: "tweede", kind: "text" },
      { id: "derde", kind: "text", show_when: { tweede: true } },
      { id: "rijen", kind: "group", entries: { fields: [{ id: "score_2", kind: "scale", show_when: { "/tweede": true } }] } },
    ],
  };
  assert.equal(hasContent(withRoot, { tweede: "", rijen: [{ score_2: 2 }] }), false);
  assert.equal(hasContent(withRoot, { tweede: " \u00a0", derde: "Joost", rijen: [{ score_2: 2 }] }), false);
  assert.equal(hasContent(withRoot, { tweede: "Mark", rijen: [] }), true);
  // Persona 4 waits for persona 3, which waits for persona 2: with 2 empty, 3 and 4 count for nothing.
  const chain = { ...withRoot, fields: [...withRoot.fields, { id: "vierde", kind: "text", show_when: { derde: true } }] };
  assert.equal(hasContent(chain, { tweede: "", derde: "Joost", vierde: "Noor", rijen: [] }), false);
  assert.equal(hasContent(chain, { tweede: "Mark", derde: "", vierde: "Noor", rijen: [] }), true);
  const noSecond = { ...withRoot, fields: withRoot.fields.filter((f) => f.id !== "tweede") };
  assert.equal(hasContent(noSecond, { rijen: [{ score_2: 2 }] }), false);
});
