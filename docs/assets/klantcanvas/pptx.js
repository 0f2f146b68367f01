// Turns the engine's shape description (klantcanvas.render.pptx_spec) into an editable .pptx with
// pptxgenjs. Used in the page (Download PowerPoint) and at build time for the blank templates,
// so the constructor is passed in. Every shape is native and every text box stays editable.
// A spec with a ``package`` (klantcanvas.embedded: the canvas data as a custom document property)
// has that part added with JSZip, so the file opens again as a canvas; every package is then tidied
// (pptx-tidy.js) so that Microsoft PowerPoint opens it without a repair.
import { tidyPackage } from "./pptx-tidy.js";

// The dash types the spec names (klantcanvas.render.pptx_spec.dash_type); pptxgenjs knows them all.
const DASH_TYPES = new Set(["solid", "dash", "lgDash", "sysDot"]);

export async function specToPptx(PptxGenJS, spec, JSZip) {
  const pptx = new PptxGenJS();
  pptx.defineLayout({ name: "KLANTCANVAS", width: spec.width, height: spec.height });
  pptx.layout = "KLANTCANVAS";
  pptx.title = spec.title;
  pptx.company = "Klantcanvas";
  const slide = pptx.addSlide();
  slide.background = { color: spec.background || "FFFFFF" };
  const line = (item) => (item.line ? { color: item.line, width: Math.max(item.lineWidth, 0.25), dashType: DASH_TYPES.has(item.dash) ? item.dash : item.dash ? "dash" : "solid" } : { type: "none" });
  const fill = (item) => (item.fill ? { color: item.fill } : { type: "none" });
  for (const item of spec.items) {
    const box = { x: item.x, y: item.y, w: item.w, h: item.h };
    if (item.type === "rect") {
      const shape = item.radius > 0 ? pptx.ShapeType.roundRect : pptx.ShapeType.rect;
      slide.addShape(shape, { ...box, fill: fill(item), line: line(item), rectRadius: item.radius });
    } else if (item.type === "ellipse") {
      slide.addShape(pptx.ShapeType.ellipse, { ...box, fill: fill(item), line: line(item) });
    } else if (item.type === "poly") {
      const points = item.points.map(({ x, y }) => ({ x, y }));
      if (item.closed) points.push({ close: true });
      slide.addShape(pptx.ShapeType.custGeom, { ...box, points, fill: fill(item), line: line(item) });
    } else if (item.type === "image" && item.data) {
      // The photo (a checked JPEG without metadata), cropped to a circle as in the drawing.
      slide.addImage({ ...box, data: item.data, rounding: item.rounding, altText: item.role || "" });
    } else if (item.type === "text" && item.paragraphs.length) {
      const runs = item.paragraphs.map((p, index) => ({
        text: p.text,
        options: {
          bold: p.bold, fontSize: p.size, color: p.color, breakLine: index < item.paragraphs.length - 1,
          bullet: p.bullet ? { indent: Math.round(p.size * 0.9) } : false,
        },
      }));
      slide.addText(runs, {
        ...box, fontFace: spec.font, align: item.align === "center" ? "center" : item.align === "right" ? "right" : "left",
        valign: "top", margin: 0, paraSpaceBefore: 0, lang: spec.lang || "nl-NL", fit: "shrink", objectName: item.role || "tekst",
      });
    }
  }
  const zip = await JSZip.loadAsync(await pptx.write({ outputType: "uint8array" }));
  if (spec.package) await withPart(zip, spec.package);
  await tidyPackage(zip);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function withPart(zip, part) {
  const insert = async (name, closing, element) =>
    zip.file(name, (await zip.file(name).async("string")).replace(closing, element + closing));
  await insert("[Content_Types].xml", "</Types>", part.contentType);
  await insert("_rels/.rels", "</Relationships>", part.relationship);
  zip.file(part.path, part.xml);
}
