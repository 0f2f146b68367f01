// Test helper (not a test itself): writes a .pptx from an engine shape description with the
// page's converter, JSZip included. usage: node spec_to_pptx.mjs SPEC.json OUT.pptx
import { readFileSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import PptxGenJS from "pptxgenjs";
import { specToPptx } from "../../docs/assets/klantcanvas/pptx.js";

const [specPath, outPath] = process.argv.slice(2);
writeFileSync(outPath, await specToPptx(PptxGenJS, JSON.parse(readFileSync(specPath, "utf8")), JSZip));
