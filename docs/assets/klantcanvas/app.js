// Page glue for the canvas blocks of a page: one engine for all of them, and per block the modules
// that each take one concern, sharing one context (context.js). The form works and saves before
// Python is ready, and Python starts only when the visitor comes near the canvas (startup.js);
// everything computed comes from the engine in worker.js, every rule and Dutch text from the page
// (the form macro writes them from the engine and klantcanvas/i18n/nl.toml).
import { setupAutosave } from "./autosave.js";
import { setupCanvasEdit } from "./canvas-edit.js";
import { canvasContext } from "./context.js";
import { setupDownloads } from "./downloads.js";
import { Engine } from "./engine.js";
import { setupEntries } from "./entries.js";
import { setupEntryLines } from "./entry-lines.js";
import { setupPhoto } from "./photo.js";
import { setupPreview } from "./preview.js";
import { setupShareLink } from "./share-link.js";
import { startWhenNear } from "./startup.js";
import { setupStatus } from "./status.js";
import { setupStoragePanel } from "./storage-panel.js";
import { setupSuggestions } from "./suggestions.js";
import { setupToolbar } from "./toolbar.js";
import { setupVersionsPanel } from "./versions-panel.js";
import { setupWorkshop } from "./workshop.js";
import { Workspace } from "./workspace.js";
import { setupWorkspacePanel } from "./workspace-panel.js";

async function setupCanvas(app, engine) {
  const kc = canvasContext(app, engine);
  const { messages } = kc;
  Object.assign(kc, setupStatus(kc));
  const blank = kc.data(); // the form as the page wrote it; typed into before the store opened?
  kc.workspace = await Workspace.open(kc.canvasId, messages.workspace_default_name, {
    saved: (ok, error) => kc.saved(ok, error),
    changed: (previous) => kc.changedElsewhere(previous),
  });
  for (const setup of [setupPreview, setupAutosave, setupWorkspacePanel, setupStoragePanel, setupVersionsPanel, setupDownloads, setupShareLink]) Object.assign(kc, setup(kc));
  setupSuggestions(kc);
  setupEntries(kc);
  setupPhoto(kc);
  setupToolbar(kc);
  const typed = kc.data();
  setupCanvasEdit(kc);
  setupEntryLines(kc);
  Object.assign(kc, setupWorkshop(kc));
  kc.show(kc.workspace.current);
  const early = Object.keys(typed).filter((key) => JSON.stringify(typed[key]) !== JSON.stringify(blank[key]));
  if (early.length) kc.keep(typed, early);
  kc.renderWorkspace();
  app.dataset.restored = ""; // the stored canvas is in the form

  engine.onState((state) => {
    if (state === "starting") kc.say(messages.status_loading);
    if (state === "prefetched") app.dataset.prefetched = "";
  });
  if (!engine.started) kc.say(messages.status_idle);
  engine.ready.then(
    (ms) => {
      kc.ready = true;
      app.dataset.ready = String(ms);
      kc.enableDownloads();
      kc.say(messages.status_ready);
      kc.refresh();
      kc.warmWhenIdle();
      kc.openSharedLink();
      addEventListener("hashchange", kc.openSharedLink); // a link opened while this page is open
    },
    () => kc.say(messages.status_failed),
  );
  app.dataset.interactive = String(Math.round(performance.now()));
}

const apps = document.querySelectorAll(".kc-app");
if (apps.length) {
  const engine = new Engine();
  for (const app of apps) {
    setupCanvas(app, engine);
    startWhenNear(app, engine);
  }
}
