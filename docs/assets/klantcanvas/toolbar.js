// The toolbar above the form: load the worked example, clear everything, open a saved file and
// print. The example and clearing work before Python is ready; a file waits for the engine,
// which checks it and words what is wrong.
import { fmt } from "./context.js";
import { readUpload } from "./files.js";
import { hasContent } from "./form-state.js";

export function setupToolbar(kc) {
  const { app, messages } = kc;

  kc.$("[data-action=example]").addEventListener("click", () => {
    if (hasContent(kc.contentRule, kc.data()) && !confirm(messages.example_confirm)) return;
    kc.load(kc.example);
    kc.warn("");
    kc.say(messages.example_loaded);
  });

  kc.$("[data-action=clear]").addEventListener("click", () => {
    if (!confirm(messages.clear_confirm)) return;
    kc.load(null);
    kc.warn("");
    kc.say(messages.cleared);
  });

  const fileInput = kc.$("input[data-action=import]");
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    const tooLarge = file.size > Number(app.dataset.maxBytes); // the engine words the message
    try {
      // any Klantcanvas download opens again: its bytes go to the engine, which finds the data
      const upload = tooLarge ? {} : await readUpload(file);
      const { meta } = await kc.ask({ method: "import", ...upload, size: file.size });
      kc.warn("");
      kc.load(meta.data);
      if (meta.session) kc.restoreSession?.(meta.session); // a workshop goes on where the file left it
      kc.say(fmt(messages.imported, { name: file.name }));
    } catch (error) {
      kc.warn(error.message);
    }
  });

  kc.$("[data-action=print]").addEventListener("click", () => {
    document.body.classList.add("kc-print-canvas");
    addEventListener("afterprint", () => document.body.classList.remove("kc-print-canvas"), { once: true });
    print();
  });
}
