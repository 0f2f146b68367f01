// Photos kept once, however many canvases and versions show them: before a method's record is
// stored, every photo in it (a JPEG data URI) is moved into the record's own `photos` map under a
// key made from its bytes, and the places that showed it hold "kc-photo:<key>". Reading does the
// reverse, so nothing above store.js ever sees a key. The map is made anew on every write from what
// the record still shows: a photo no canvas or version shows any more (a deleted canvas) is gone.
const PHOTO = "data:image/jpeg;base64,";
const REF = "kc-photo:";
const ESCAPED = `${REF}=`; // a typed text that happens to start like a reference stays that text

// 64 bits of FNV-1a (two 32-bit rounds with other offsets): a key, not a secret. Two photos with
// the same key are told apart when they are packed, so a collision can only cost a longer key.
function keyOf(text) {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}

function walk(value, leaf) {
  if (typeof value === "string") return leaf(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, leaf));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, leaf)]));
  return value;
}

export function packPhotos(record) {
  if (!record || typeof record !== "object") return record;
  const photos = {};
  const { photos: _old, ...rest } = record;
  const packed = walk(rest, (text) => {
    if (text.startsWith(REF)) return ESCAPED + text;
    if (!text.startsWith(PHOTO)) return text;
    let key = keyOf(text);
    while (photos[key] !== undefined && photos[key] !== text) key += "x";
    photos[key] = text;
    return REF + key;
  });
  return Object.keys(photos).length ? { ...packed, photos } : packed;
}

export function unpackPhotos(record) {
  if (!record || typeof record !== "object") return record;
  const { photos = {}, ...rest } = record;
  return walk(rest, (text) => {
    if (text.startsWith(ESCAPED)) return text.slice(ESCAPED.length);
    if (!text.startsWith(REF)) return text;
    return photos[text.slice(REF.length)] ?? ""; // a lost photo: no photo, never a broken link
  });
}
