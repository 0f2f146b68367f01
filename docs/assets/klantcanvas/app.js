// Page glue for a canvas block: autosave, entries, preview and downloads. The form works and
// saves before Python is ready; everything computed comes from the engine in worker.js.
import { addItem, hasContent, readScope, renumber, writeScope } from "./form-state.js";

const STORAGE_PREFIX = "klantcanvas:v1:";

class Engine {
  constructor() {
    this.worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    this.pending = new Map();
    this.next = 0;
    this.ready = new Promise((resolve, reject) => {
      this.worker.addEventListener("message", ({ data }) => {
        if (data.type === "ready") resolve(data.ms);
        else if (data.type === "failed") reject(new Error(data.message));
        else {
          const { resolve: ok, reject: fail } = this.pending.get(data.id);
          this.pending.delete(data.id);
          if (data.error) fail(new Error(data.error));
          else ok(data);
        }
      });
    });
  }

  call(request) {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request });
    });
  }
}

let engine;

function save(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// The engine's SVG carries its fonts; the browser draws it at print-like resolution.
async function svgToPng(svgBytes, width = 3000) {
  const url = URL.createObjectURL(new Blob([svgBytes], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = Math.round((width * img.naturalHeight) / img.naturalWidth);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function setupCanvas(app) {
  const canvasId = app.dataset.canvas;
  const messages = JSON.parse(app.querySelector("script[data-messages]").textContent);
  const example = JSON.parse(app.querySelector("script[data-example]").textContent);
  const form = app.querySelector("form[data-scope]");
  const status = app.querySelector("[data-status]");
  const alertBox = app.querySelector("[data-alert]");
  const preview = app.querySelector("[data-preview]");
  const option = (name) => app.querySelector(`[data-option=${name}]`).value;
  const key = STORAGE_PREFIX + canvasId;
  let ready = false;
  let previewSeq = 0;
  let timer;

  const say = (text) => (status.textContent = text);
  const warn = (text) => {
    alertBox.textContent = text;
    alertBox.hidden = !text;
  };
  const data = () => readScope(form);
  const options = () => ({ paper: option("paper"), orientation: option("orientation") });

  function persist() {
    localStorage.setItem(key, JSON.stringify({ data: data(), options: options(), savedAt: new Date().toISOString() }));
    if (ready) say(`${messages.status_saved} (${new Date().toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" })}).`);
  }

  async function refresh() {
    if (!ready) return;
    const seq = ++previewSeq;
    const started = performance.now();
    const { meta } = await engine.call({ method: "preview", canvas: canvasId, data: data(), ...options() });
    if (seq !== previewSeq) return; // a newer preview is on its way
    app.dataset.overflow = meta.overflow.join(" ");
    const svg = new DOMParser().parseFromString(meta.svg, "image/svg+xml").documentElement;
    preview.replaceChildren(document.importNode(svg, true));
    preview.dataset.ms = String(Math.round(performance.now() - started));
    preview.dataset.seq = String(seq);
  }

  // The PDF library takes seconds to import; do that once the user pauses, never mid-typing.
  let warmTimer;
  let warmed = false;
  function warmWhenIdle() {
    clearTimeout(warmTimer);
    if (warmed) return;
    warmTimer = setTimeout(() => {
      if (!ready || warmed) return;
      warmed = true;
      engine.call({ method: "warm", canvas: canvasId }).catch(() => (warmed = false));
    }, 6000);
  }

  function changed() {
    persist();
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
    warmWhenIdle();
  }

  function load(values) {
    writeScope(form, values, messages);
    changed();
  }

  const stored = JSON.parse(localStorage.getItem(key) || "null");
  writeScope(form, stored && stored.data, messages);
  if (stored && stored.options) {
    for (const [name, value] of Object.entries(stored.options)) {
      const select = app.querySelector(`[data-option=${name}]`);
      if ([...select.options].some((o) => o.value === value)) select.value = value;
    }
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const select of app.querySelectorAll("[data-option]")) select.addEventListener("change", changed);

  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const field = button.closest("[data-field]");
    if (button.dataset.action === "add") {
      const li = addItem(field, messages);
      li.querySelector("[data-value]").focus();
    } else {
      const li = button.closest("[data-item]");
      const list = li.parentElement;
      if (button.dataset.action === "up" && li.previousElementSibling) {
        list.insertBefore(li, li.previousElementSibling);
        renumber(field, messages);
        li.querySelector("[data-action=up]:not(:disabled)")?.focus() || li.querySelector("[data-value]").focus();
      } else if (button.dataset.action === "remove") {
        const neighbour = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        if (!list.children.length) addItem(field, messages);
        renumber(field, messages);
        (neighbour || list.firstElementChild).querySelector("[data-value]").focus();
      }
    }
    changed();
  });

  app.querySelector("[data-action=example]").addEventListener("click", () => {
    if (hasContent(data()) && !confirm(messages.example_confirm)) return;
    load(example);
    warn("");
    say(messages.example_loaded);
  });

  app.querySelector("[data-action=clear]").addEventListener("click", () => {
    if (!confirm(messages.clear_confirm)) return;
    localStorage.removeItem(key);
    writeScope(form, null, messages);
    changed();
    warn("");
    say(messages.cleared);
  });

  const fileInput = app.querySelector("input[data-action=import]");
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    const text = file.size > 2_000_000 ? "x".repeat(2_000_001) : await file.text();
    const { meta } = await engine.call({ method: "import", canvas: canvasId, text });
    if (!meta.ok) {
      warn(meta.message);
      return;
    }
    warn("");
    load(meta.data);
    say(messages.imported.replace("{name}", file.name));
  });

  for (const button of app.querySelectorAll("[data-export]")) {
    button.addEventListener("click", async () => {
      const format = button.dataset.export.toUpperCase();
      say(messages.busy.replace("{format}", format));
      button.disabled = true;
      try {
        const started = performance.now();
        const { meta, body } = await engine.call({
          method: "export", canvas: canvasId, data: data(), format: button.dataset.export,
          saved_at: new Date().toISOString(), ...options(),
        });
        const blob = meta.rasterize ? await svgToPng(body) : new Blob([body], { type: meta.mime });
        save(meta.filename, blob);
        button.dataset.ms = String(Math.round(performance.now() - started));
        say(messages.status_ready);
      } catch (error) {
        warn(messages.export_failed.replace("{format}", format).replace("{reason}", error.message));
      } finally {
        button.disabled = false;
      }
    });
  }

  engine.ready.then(
    (ms) => {
      ready = true;
      app.dataset.ready = String(ms);
      for (const button of app.querySelectorAll("[data-export]")) button.disabled = false;
      say(messages.status_ready);
      refresh();
      warmWhenIdle();
    },
    () => say(messages.status_failed),
  );
}

for (const app of document.querySelectorAll(".kc-app")) {
  engine ||= new Engine();
  setupCanvas(app);
}
