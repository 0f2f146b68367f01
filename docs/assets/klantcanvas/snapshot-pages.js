// How a memory snapshot is kept (snapshot.js): without its empty pages. Python's memory image is
// about 31 MB, of which 60% are 4 kB pages of zeros; kept without them it is about 12 MB, and
// putting it together again is a copy, where decompressing a gzip of it took 150-330 ms of the
// returning visitor's start.
//
// The layout, little-endian: the image's length (u32), the page size (u32), one bit per page (set:
// the page is kept; the lowest bit of the first byte is page 0), then the kept pages in order (the
// last one may be short).

const PAGE = 4096;
const HEAD = 8;

// The kept form of ``bytes`` (a Uint8Array). ``rest`` is awaited every 1 MB of the image, so a
// long run can make way for other work.
export async function pack(bytes, rest = async () => {}) {
  const image = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const words = new Uint32Array(image.buffer, image.byteOffset, image.byteLength >> 2);
  const count = Math.ceil(image.byteLength / PAGE);
  const map = new Uint8Array(Math.ceil(count / 8));
  let kept = 0;
  for (let page = 0; page < count; page++) {
    const start = page * PAGE;
    const end = Math.min(start + PAGE, image.byteLength);
    let empty = true;
    for (let w = start >> 2; w < end >> 2 && empty; w++) empty = words[w] === 0;
    for (let b = end & ~3; b < end && empty; b++) empty = image[b] === 0; // a short last page's tail
    if (!empty) {
      map[page >> 3] |= 1 << (page & 7);
      kept += end - start;
    }
    if (page % 256 === 255) await rest();
  }
  const body = new Uint8Array(HEAD + map.length + kept);
  const head = new DataView(body.buffer);
  head.setUint32(0, image.byteLength, true);
  head.setUint32(4, PAGE, true);
  body.set(map, HEAD);
  let at = HEAD + map.length;
  for (const [start, end] of runs(map, count, PAGE, image.byteLength)) {
    body.set(image.subarray(start, end), at);
    at += end - start;
  }
  return body;
}

// The image back from its kept form (a Uint8Array); throws when the form does not add up.
export function unpack(body) {
  if (body.byteLength < HEAD) throw new Error("snapshot: too short");
  const head = new DataView(body.buffer, body.byteOffset, HEAD);
  const length = head.getUint32(0, true);
  const size = head.getUint32(4, true);
  if (size === 0 || size % 4 !== 0) throw new Error("snapshot: bad page size");
  const count = Math.ceil(length / size);
  const mapEnd = HEAD + Math.ceil(count / 8);
  if (body.byteLength < mapEnd) throw new Error("snapshot: cut short");
  const map = body.subarray(HEAD, mapEnd);
  const image = new Uint8Array(length);
  let at = HEAD + map.length;
  for (const [start, end] of runs(map, count, size, length)) {
    if (at + end - start > body.byteLength) throw new Error("snapshot: cut short");
    image.set(body.subarray(at, at + end - start), start);
    at += end - start;
  }
  if (at !== body.byteLength) throw new Error("snapshot: bytes left over");
  return image;
}

// The byte ranges [start, end) of the image that consecutive kept pages cover.
function* runs(map, count, size, length) {
  let start = -1;
  for (let page = 0; page <= count; page++) {
    const kept = page < count && (map[page >> 3] >> (page & 7)) & 1;
    if (kept && start < 0) start = page * size;
    if (!kept && start >= 0) {
      yield [start, Math.min(page * size, length)];
      start = -1;
    }
  }
}
