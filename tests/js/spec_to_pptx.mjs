// Test helper (not a test itself): writes a .pptx from each engine shape description with the
// page's converter, JSZip included. usage: node spec_to_pptx.mjs SPEC.json OUT.pptx [SPEC OUT ...]
import { readFileSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import PptxGenJS from "pptxgenjs";
import { specToPptx } from "../../docs/assets/klantcanvas/pptx.js";

const paths = process.argv.slice(2);
for (let i = 0; i + 1 < paths.length; i += 2) {
  writeFileSync(paths[i + 1], await specToPptx(PptxGenJS, JSON.parse(readFileSync(paths[i], "utf8")), JSZip));
}
