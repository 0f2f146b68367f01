// The persona's photo in the form: "Kies een foto", drag-and-drop and paste. All in this browser:
// the picture is decoded upright (EXIF orientation applied), cropped square in the dialog
// (crop.js), scaled and re-encoded without metadata, and checked by the engine (facade "photo")
// before it goes into the field's hidden control. Whatever is wrong gets a message and changes
// nothing: not an image, too large, an SVG (never shown as one), or what the browser cannot decode.
import { fmt } from "./context.js";
import { blobToDataUrl, cropDialog, encodeSquare } from "./crop.js";

const MAX_FILE_MB = 25;
const MAX_PIXELS = 60_000_000; // a 40 MB panorama has more; decoding it could exhaust memory
const TARGET_BYTES = 80_000;

// What the first bytes say the file is, whatever its name or type claims.
async function sniff(file) {
  const head = new Uint8Array(await file.slice(0, 512).arrayBuffer());
  const text = new TextDecoder("latin1").decode(head).trimStart().toLowerCase();
  if (text.startsWith("<?xml") || text.startsWith("<svg") || text.includes("<svg")) return "svg";
  const starts = (...bytes) => bytes.every((b, i) => head[i] === b);
  if (starts(0xff, 0xd8, 0xff) || starts(0x89, 0x50, 0x4e, 0x47) || starts(0x47, 0x49, 0x46) || starts(0x42, 0x4d)) return "image";
  if (starts(0x52, 0x49, 0x46, 0x46) && text.slice(8, 12) === "webp") return "image";
  if (text.slice(4, 8) === "ftyp") return "image"; // HEIC, AVIF: the browser may or may not decode it
  return "other";
}

// The size of an image before decoding it, from a JPEG's frame or a PNG's header (else null).
async function declaredSize(file) {
  const bytes = new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer());
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return { width: (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19], height: (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23] };
  for (let i = 2; i + 9 < bytes.length; ) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8] };
    i += 2 + ((bytes[i + 2] << 8) | bytes[i + 3]);
  }
  return null;
}

export function setupPhoto(kc) {
  const { messages } = kc;
  const fields = [...kc.form.querySelectorAll("[data-kind=photo]")];

  function show(field) {
    const stored = field.querySelector("[data-value]").value;
    const value = stored.startsWith("data:image/jpeg;base64,") ? stored : ""; // anything else is never fetched
    const thumb = field.querySelector("[data-photo-thumb]");
    thumb.hidden = !value;
    if (value) thumb.src = value;
    else thumb.removeAttribute("src");
    field.querySelector("[data-photo-remove]").hidden = !value;
    const kB = Math.round(((value.length - value.indexOf(",") - 1) * 3) / 4 / 1000);
    field.querySelector("[data-photo-state]").textContent = value ? fmt(messages.photo_current, { size: kB }) : messages.photo_none;
  }

  function set(field, value, note) {
    const control = field.querySelector("[data-value]");
    control.value = value;
    show(field);
    control.dispatchEvent(new Event("input", { bubbles: true })); // autosave and preview, as typing does
    field.querySelector("[data-photo-message]").textContent = "";
    field.querySelector("[data-photo-state]").textContent = note; // read out: the state line is live
  }

  const refuse = (field, text) => {
    field.querySelector("[data-photo-message]").textContent = text;
    field.dataset.photoRefused = String(Date.now());
  };

  async function take(field, file) {
    if (!file) return;
    const opener = field.querySelector("[data-photo-input]");
    const kind = await sniff(file);
    if (kind === "svg" || file.type === "image/svg+xml") return refuse(field, messages.photo_svg);
    if (kind === "other" && !file.type.startsWith("image/")) return refuse(field, messages.photo_not_image);
    if (file.size > MAX_FILE_MB * 1e6) return refuse(field, fmt(messages.photo_file_too_large, { size: Math.round(file.size / 1e6), maximum: MAX_FILE_MB }));
    const declared = await declaredSize(file);
    if (declared && declared.width * declared.height > MAX_PIXELS) return refuse(field, fmt(messages.photo_too_big_image, declared));
    let image;
    try {
      image = await createImageBitmap(file, { imageOrientation: "from-image" });
    } catch {
      return refuse(field, messages.photo_undecodable);
    }
    try {
      const crop = await cropDialog(image, messages, opener);
      if (!crop) return;
      const { blob } = await encodeSquare(image, crop, Number(field.dataset.maxSide), Math.min(TARGET_BYTES, Number(field.dataset.maxBytes)));
      const { meta } = await kc.ask({ method: "photo", field: field.dataset.field, value: await blobToDataUrl(blob) });
      set(field, meta.value, fmt(messages.photo_added, { size: Math.round(meta.bytes / 1000), width: meta.width, height: meta.height }));
    } catch (error) {
      refuse(field, error.message);
    } finally {
      image.close();
    }
  }

  for (const field of fields) {
    const input = field.querySelector("[data-photo-input]");
    input.addEventListener("change", (event) => {
      event.stopPropagation(); // the file itself is not form data
      const file = input.files[0];
      input.value = "";
      take(field, file);
    });
    input.addEventListener("input", (event) => event.stopPropagation());
    field.querySelector("[data-photo-remove]").addEventListener("click", () => {
      set(field, "", messages.photo_removed);
      input.focus();
    });
    const zone = field.querySelector("[data-photo-drop]");
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("kc-photo-over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("kc-photo-over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("kc-photo-over");
      take(field, event.dataTransfer.files[0]);
    });
    field.addEventListener("kc-photo", () => show(field)); // written by form-state.js (a stored canvas, a version)
    show(field);
  }
  // A picture pasted anywhere in the form goes to its first photo field; pasted text stays text.
  if (fields.length) {
    kc.form.addEventListener("paste", (event) => {
      const file = [...(event.clipboardData?.files || [])].find((f) => f.type.startsWith("image/"));
      if (!file) return;
      event.preventDefault();
      take(fields[0], file);
    });
  }
}
