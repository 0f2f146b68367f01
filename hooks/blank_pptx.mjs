// Build step: turns each *.json shape description in a folder into a .pptx beside it, with the
// same converter the page uses (docs/assets/klantcanvas/pptx.js). usage: node blank_pptx.mjs DIR
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import PptxGenJS from "pptxgenjs";
import { specToPptx } from "../docs/assets/klantcanvas/pptx.js";

const dir = process.argv[2];
for (const name of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
  const spec = JSON.parse(readFileSync(join(dir, name), "utf8"));
  writeFileSync(join(dir, name.replace(/\.json$/, ".pptx")), await specToPptx(PptxGenJS, spec, JSZip));
}
