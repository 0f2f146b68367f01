// Unpacks every `*.xz` in a folder with docs/assets/klantcanvas/unxz.js, its input cut into pieces
// of the sizes given, and prints {name: sha256 of the result, or "error: ..."} as JSON.
// Run by tests/js/test_js.py, which makes the files with hooks/packed.py.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { decoder, unxz } from "../../docs/assets/klantcanvas/unxz.js";

const [folder, wasm, ...pieces] = process.argv.slice(2);
const module = await decoder(() => readFileSync(wasm));

function chunked(bytes, size) {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(at, at + size));
      at += size;
    },
  });
}

const out = {};
for (const name of readdirSync(folder).filter((n) => n.endsWith(".xz")).sort()) {
  const bytes = new Uint8Array(readFileSync(join(folder, name)));
  for (const size of pieces.map(Number)) {
    let result;
    try {
      const plain = new Uint8Array(await new Response(unxz(chunked(bytes, size), module)).arrayBuffer());
      result = createHash("sha256").update(plain).digest("hex");
    } catch (error) {
      result = `error: ${error.message}`;
    }
    out[`${name}@${size}`] = result;
  }
}
console.log(JSON.stringify(out));
process.exit(0); // the decoder's message channel would keep Node running
