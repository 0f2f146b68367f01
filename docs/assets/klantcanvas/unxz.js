// Unpacks the .xz twins of the runtime files (hooks/packed.py) while they stream in, for the Web
// Worker (worker.js). The decoder is xz-embedded compiled to WebAssembly (npm xz-decompress; the
// build copies its xz.wasm beside Pyodide). Each stream gets its own instance, so files unpack side
// by side and one left unread never holds up another.
//
// The decoder's view of a context (one struct in its memory, 32-bit words from `ptr`):
// [0] buffer size, [1] input buffer, [2] input read, [3] input size, [4] output buffer, [5] output written.

import { pause } from "./pause.js";

const XZ_OK = 0;
const XZ_STREAM_END = 1;

let compiled = null;

// `load()` gives the decoder's bytes (a Response or an ArrayBuffer); compiled once per worker.
export function decoder(load) {
  if (!compiled) {
    compiled = Promise.resolve(load()).then(async (source) => {
      const bytes = source instanceof Response ? await source.arrayBuffer() : source;
      return WebAssembly.compile(bytes);
    });
    compiled.catch(() => (compiled = null)); // the next file tries again
  }
  return compiled;
}

class Context {
  constructor(module) {
    this.exports = new WebAssembly.Instance(module).exports;
    this.ptr = this.exports.create_context();
    const words = this.words();
    this.size = words[0];
    this.input = words[1];
    this.output = words[4];
  }

  words() {
    return new Uint32Array(this.exports.memory.buffer, this.ptr, 6); // a new view: memory may grow
  }

  needsInput() {
    const words = this.words();
    return words[2] === words[3];
  }

  supply(chunk) {
    new Uint8Array(this.exports.memory.buffer, this.input, this.size).set(chunk);
    this.exports.supply_input(this.ptr, chunk.byteLength);
  }

  // The next piece of output, and whether the stream ended with it.
  next() {
    const result = this.exports.get_next_output(this.ptr);
    if (result !== XZ_OK && result !== XZ_STREAM_END) throw new Error(`xz: the file is damaged (code ${result})`);
    const words = this.words();
    const out = new Uint8Array(this.exports.memory.buffer, this.output, words[5]).slice();
    words[5] = 0;
    return { out, done: result === XZ_STREAM_END };
  }

  close() {
    this.exports?.destroy_context(this.ptr);
    this.exports = null;
  }
}

// The unpacked bytes of an xz stream, as a stream; `module` is what `decoder()` resolved to.
export function unxz(packed, module) {
  const reader = packed.getReader();
  let context = null;
  let rest = new Uint8Array(0);
  let ended = false;
  return new ReadableStream({
    start() {
      context = new Context(module);
    },
    async pull(controller) {
      try {
        for (;;) {
          if (context.needsInput() && !ended) {
            while (!rest.byteLength && !ended) {
              const { done, value } = await reader.read();
              if (done) ended = true;
              else rest = value;
            }
            // At the end an empty piece goes in: it tells the decoder to check the stream's end.
            const take = Math.min(context.size, rest.byteLength);
            context.supply(rest.subarray(0, take));
            rest = rest.subarray(take);
          }
          const { out, done } = context.next();
          if (done) {
            if (out.byteLength) controller.enqueue(out);
            context.close();
            controller.close();
            return;
          }
          if (out.byteLength) {
            controller.enqueue(out);
            // A full buffer: the input is there faster than it unpacks. Without a pause the rest
            // would unpack as one long chain of promise jobs, and a preview asked for meanwhile
            // would wait for all of it.
            if (out.byteLength === context.size) await pause();
            return;
          }
          if (ended) throw new Error("xz: the file ends too soon");
        }
      } catch (error) {
        context.close();
        reader.cancel().catch(() => {});
        throw error;
      }
    },
    cancel(reason) {
      context.close();
      return reader.cancel(reason);
    },
  });
}
