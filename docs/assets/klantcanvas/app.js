// Page glue for the canvas blocks of a page: one engine for all of them, and per block the modules
// that each take one concern, sharing one context (context.js). The form works and saves before
// Python is ready, and Python starts only when the visitor comes near the canvas (startup.js);
// everything computed comes from the engine in worker.js, every rule and Dutch text from the page
// (the form macro writes them from the engine and klantcanvas/i18n/nl.toml).
//
// listen.js builds the block when the visitor comes near it and keeps typing from then on
// (``data-interactive``); then it asks for this module, early.js and their imports.
// In steps, so the form takes typing as soon as this module runs: what is typed before the store
// is open (early.js opens it while this module loads; a first visit creates it, which takes a
// while) is put into the stored canvas once it is, or kept in localStorage if the page closes
// first (Workspace's rescue). Once this module runs, the other modules are asked for (the page's
// template of preloads). Then autosave, and then, a
// task at a time, everything else (tools.js: the preview, the panels, downloads, editing on the
// canvas, the workshop); ``data-restored`` marks the end.
import { setupAutosave } from "./autosave.js";
import { canvasContext } from "./context.js";
import { Engine } from "./engine.js";
import { readScope } from "./form-state.js";
import { startWhenNear } from "./startup.js";
import { setupStatus } from "./status.js";
import { rescueTyping, Workspace } from "./workspace.js";

// What autosave may call before tools.js is wired: nothing to do yet (the preview is drawn and
// the panel written once they are there).
const LATER = ["schedulePreview", "warmWhenIdle", "showChangedTime", "savedByUser", "renderWorkspace"];

// What listen.js kept of the typing before this module ran (on this page, or on one that closed
// first): put into the form as typing.
function typedBeforeStart(app, form) {
  const key = `klantcanvas:early:${app.dataset.canvas}`;
  try {
    const typed = JSON.parse(localStorage.getItem(key) || "{}");
    for (const [name, value] of Object.entries(typed)) {
      const control = form.querySelector(`[data-value][name="${CSS.escape(name)}"]`);
      if (!control) continue; // a field this version of the page no longer has
      if (control.type === "checkbox") control.checked = Boolean(value);
      else control.value = String(value);
    }
    localStorage.removeItem(key);
  } catch {
    // unreadable or no localStorage: nothing to put back
  }
}

async function setupCanvas(app, engine) {
  const kc = canvasContext(app, engine);
  const { messages } = kc;
  app.dataset.started = ""; // listen.js leaves the rescue to this module from now on
  typedBeforeStart(app, kc.form);
  for (const name of LATER) kc[name] = () => {};
  Object.assign(kc, setupStatus(kc));
  // The form as the page wrote it (its controls' defaults): typing done before this module ran,
  // or before the store opened, differs from it and is kept, never overwritten by the stored canvas.
  const blank = readScope(kc.form, true);
  const typedEarly = (typed) => Object.keys(typed).filter((key) => JSON.stringify(typed[key]) !== JSON.stringify(blank[key]));
  const rescue = () => {
    const typed = kc.data();
    if (typedEarly(typed).length) rescueTyping(kc.canvasId, messages.workspace_default_name, typed, kc.options());
  };
  addEventListener("pagehide", rescue);
  if (!engine.started) kc.say(messages.status_idle);
  app.dataset.interactive ??= String(Math.round(performance.now())); // listen.js set it, normally
  const later = document.querySelector("template[data-kc-later]"); // tools.js's modules, all at once
  if (later) {
    document.head.append(later.content.cloneNode(true));
    later.remove();
  }

  kc.workspace = await Workspace.open(kc.canvasId, messages.workspace_default_name, {
    saved: (ok, error) => kc.saved(ok, error),
    changed: (previous) => kc.changedElsewhere(previous),
  });
  removeEventListener("pagehide", rescue);
  Object.assign(kc, setupAutosave(kc));
  const typed = kc.data();
  kc.show(kc.workspace.current);
  const early = typedEarly(typed);
  if (early.length) kc.keep(typed, early);

  const { setupTools } = await import("./tools.js");
  await setupTools(kc);
  app.dataset.restored = ""; // the stored canvas is in the form, and every tool works
}

const apps = document.querySelectorAll(".kc-app");
if (apps.length) {
  const engine = new Engine();
  for (const app of apps) {
    setupCanvas(app, engine);
    startWhenNear(app, engine);
  }
}
