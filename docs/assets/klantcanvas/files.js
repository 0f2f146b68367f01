// Finishing and saving files in the browser: the engine makes the content and says in its answer
// how to finish it (klantcanvas.export.Format.finish): "rasterize" draws its SVG into a PNG,
// "pptxgenjs" writes its shape description as a .pptx (pptxgenjs, loaded on first use).
import { specToPptx } from "./pptx.js";

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
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
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
  return specToPptx(await loadPptxLibrary(), spec);
}

const FINISH = { rasterize: svgToPng, pptxgenjs: specBytesToPptx };

// The file an engine answer describes, finished as its ``meta.finish`` says.
export async function finished({ meta, body }) {
  if (!meta.finish) return new Blob([body], { type: meta.mime });
  const step = FINISH[meta.finish];
  if (!step) throw new Error(`finish: ${meta.finish}`);
  return new Blob([await step(body)], { type: meta.mime });
}
