// Finishing and saving files in the browser: the engine makes the content and says in its answer
// how to finish it (klantcanvas.export.Format.finish): "rasterize" draws its SVG into a PNG,
// "pptxgenjs" writes its shape description as a .pptx (pptxgenjs, loaded on first use).

export function save(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// The engine's SVG carries its fonts; the browser draws it at print-like resolution.
export async function svgToPng(svgBytes, width = 3000) {
  const url = URL.createObjectURL(new Blob([svgBytes], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = Math.round((width * img.naturalHeight) / img.naturalWidth);
    canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
    return withDataChunk(await new Promise((resolve) => canvas.toBlob(resolve, "image/png")), svgBytes);
  } finally {
    URL.revokeObjectURL(url);
  }
}

// The engine's SVG for a PNG carries a ready PNG chunk with the canvas data (klantcanvas.embedded);
// it goes right after IHDR, which is always first: 8 bytes of signature and 25 of IHDR.
function withDataChunk(png, svgBytes) {
  const found = /data-png-chunk="([A-Za-z0-9+/=]+)"/.exec(new TextDecoder().decode(svgBytes));
  if (!found) return png;
  const chunk = Uint8Array.from(atob(found[1]), (c) => c.charCodeAt(0));
  return new Blob([png.slice(0, 33), chunk, png.slice(33)], { type: "image/png" });
}

// A file the user opened, for the engine's "import": its bytes in base64 (any download may hold
// the canvas data, and binary files do not survive being read as text).
export async function readUpload(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { base64: btoa(binary) };
}

let pptxLibrary;
function loadPptxLibrary() {
  pptxLibrary ||= new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement("script"), {
      src: new URL("../vendor/pptxgen.bundle.js", import.meta.url).href,
      onload: () => resolve(window.PptxGenJS),
      onerror: () => reject(new Error("pptxgenjs")),
    });
    document.head.append(script);
  });
  return pptxLibrary;
}

export async function specBytesToPptx(bytes) {
  const spec = JSON.parse(new TextDecoder().decode(bytes));
  const { specToPptx } = await import("./pptx.js"); // fetched with the library, on the first PowerPoint
  return specToPptx(await loadPptxLibrary(), spec, window.JSZip); // the pptxgenjs bundle brings JSZip
}

const FINISH = { rasterize: svgToPng, pptxgenjs: specBytesToPptx };

// The file an engine answer describes, finished as its ``meta.finish`` says.
export async function finished({ meta, body }) {
  if (!meta.finish) return new Blob([body], { type: meta.mime });
  const step = FINISH[meta.finish];
  if (!step) throw new Error(`finish: ${meta.finish}`);
  return new Blob([await step(body)], { type: meta.mime });
}
