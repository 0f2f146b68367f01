// A memory snapshot kept without its empty pages (docs/assets/klantcanvas/snapshot-pages.js): run
// by tests/js/test_js.py with node --test.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pack, unpack } from "../../docs/assets/klantcanvas/snapshot-pages.js";

const PAGE = 4096;

// An image of ``pages`` pages plus ``tail`` bytes, where the pages ``full`` name hold bytes.
function image(pages, tail, full) {
  const bytes = new Uint8Array(pages * PAGE + tail);
  for (const page of full) {
    const end = Math.min((page + 1) * PAGE, bytes.length);
    for (let at = page * PAGE; at < end; at += 97) bytes[at] = (at % 251) + 1;
  }
  return bytes;
}

test("an image comes back byte for byte, its empty pages left out of the kept form", async () => {
  const bytes = image(64, 0, [0, 1, 2, 10, 33, 63]);
  const kept = await pack(bytes);
  assert.ok(kept.length < 7 * PAGE, kept.length);
  assert.deepEqual(unpack(kept), bytes);
});

test("a short last page is kept whole, or left out when it is empty", async () => {
  for (const full of [[0, 5], [0]]) {
    const bytes = image(5, 1234, full);
    bytes[bytes.length - 1] = full.includes(5) ? 7 : 0; // the very last byte
    assert.deepEqual(unpack(await pack(bytes)), bytes);
  }
  const lastByte = image(2, 3, []);
  lastByte[lastByte.length - 1] = 1; // only the tail beyond the last whole word
  assert.deepEqual(unpack(await pack(lastByte)), lastByte);
});

test("an empty image and a full one come back too", async () => {
  for (const bytes of [new Uint8Array(0), image(3, 0, []), image(4, 8, [0, 1, 2, 3, 4])]) {
    assert.deepEqual(unpack(await pack(bytes)), bytes);
  }
});

test("an image that starts off a word boundary is read as it is", async () => {
  const buffer = image(3, 1, [1]);
  const shifted = new Uint8Array(buffer.length + 1);
  shifted.set(buffer, 1);
  const view = shifted.subarray(1);
  assert.deepEqual(unpack(await pack(view)), buffer);
});

test("the pause is awaited along the way, once a megabyte", async () => {
  let pauses = 0;
  await pack(image(1024, 0, [5]), async () => pauses++);
  assert.equal(pauses, 4);
});

test("a kept form that does not add up is refused, never read as an image", async () => {
  const kept = await pack(image(8, 0, [1, 2, 6]));
  assert.throws(() => unpack(kept.subarray(0, 4)), /too short/);
  assert.throws(() => unpack(kept.subarray(0, kept.length - 1)), /cut short/);
  assert.throws(() => unpack(kept.subarray(0, 8)), /cut short/); // the page map itself cut
  const longer = new Uint8Array(kept.length + 1);
  longer.set(kept);
  assert.throws(() => unpack(longer), /left over/);
  const badSize = kept.slice();
  new DataView(badSize.buffer).setUint32(4, 0, true);
  assert.throws(() => unpack(badSize), /page size/);
});
