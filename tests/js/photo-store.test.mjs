// Photos kept once per stored record (docs/assets/klantcanvas/photo-store.js): run by
// tests/js/test_js.py with node --test.
import assert from "node:assert/strict";
import { test } from "node:test";
import { packPhotos, unpackPhotos } from "../../docs/assets/klantcanvas/photo-store.js";

const photo = (n) => `data:image/jpeg;base64,/9j/${"A".repeat(2000)}${n}`;

function workspace(versions, face = photo(1)) {
  return {
    active: "a",
    docs: {
      a: { name: "Femke", data: { naam: "Femke", foto: face }, versions: Array.from({ length: versions }, (_, n) => ({ name: `v${n}`, data: { naam: "Femke", foto: face } })) },
      b: { name: "Ander", data: { naam: "Jan", foto: photo(2) }, versions: [] },
    },
  };
}

test("a photo shown by a canvas and all its versions is stored once, and read back as it was", () => {
  const plain = workspace(20);
  const packed = packPhotos(plain);
  assert.equal(Object.keys(packed.photos).length, 2);
  assert.ok(JSON.stringify(packed).length < 3 * photo(1).length);
  assert.match(packed.docs.a.versions[19].data.foto, /^kc-photo:[0-9a-f]{16}$/);
  assert.deepEqual(unpackPhotos(packed), plain);
  assert.deepEqual(unpackPhotos(packPhotos(unpackPhotos(packed))), plain); // stable when written again
});

test("a photo nothing shows any more is gone with the next write", () => {
  const packed = packPhotos(workspace(3));
  const read = unpackPhotos(packed);
  delete read.docs.b; // the canvas is deleted
  const again = packPhotos(read);
  assert.deepEqual(Object.values(again.photos), [photo(1)]);
  read.docs.a.data.foto = "";
  read.docs.a.versions = [];
  assert.equal(packPhotos(read).photos, undefined);
});

test("texts that look like a reference or a photo's start survive, and two photos never share a key", () => {
  const odd = { docs: { a: { data: { naam: "kc-photo:0123456789abcdef", tekst: "kc-photo:=x", leeg: "data:image/jpeg;base64," } } } };
  assert.deepEqual(unpackPhotos(packPhotos(odd)), odd);
  const many = { docs: Object.fromEntries(Array.from({ length: 300 }, (_, n) => [`d${n}`, { data: { foto: photo(n) } }])) };
  const packed = packPhotos(many);
  assert.equal(new Set(Object.values(packed.photos)).size, 300);
  assert.deepEqual(unpackPhotos(packed), many);
});

test("a reference whose photo is lost reads as no photo, and empty records pass through", () => {
  assert.deepEqual(unpackPhotos({ docs: { a: { data: { foto: "kc-photo:ffffffffffffffff" } } } }), { docs: { a: { data: { foto: "" } } } });
  for (const value of [null, undefined, 3, "x"]) {
    assert.equal(packPhotos(value), value);
    assert.equal(unpackPhotos(value), value);
  }
});
