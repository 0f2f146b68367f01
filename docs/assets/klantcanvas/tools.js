// The second step of app.js: every tool of a canvas block beyond typing and autosave, wired one
// task at a time (a phone never sees one long task), then the answer to Python's start.
import { setupCanvasEdit } from "./canvas-edit.js";
import { setupDownloads } from "./downloads.js";
import { setupEntries } from "./entries.js";
import { setupEntryLines } from "./entry-lines.js";
import { setupPhoto } from "./photo.js";
import { setupPreview } from "./preview.js";
import { setupShareLink } from "./share-link.js";
import { setupStoragePanel } from "./storage-panel.js";
import { setupSuggestions } from "./suggestions.js";
import { setupToolbar } from "./toolbar.js";
import { setupVersionsPanel } from "./versions-panel.js";
import { setupWorkshop } from "./workshop.js";
import { setupWorkspacePanel } from "./workspace-panel.js";

// Lets the page paint and handle input between two steps.
const breath = () => (globalThis.scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve)));

export async function setupTools(kc) {
  const { app, engine, messages } = kc;
  const steps = [
    setupPreview, setupWorkspacePanel, setupStoragePanel, setupVersionsPanel, setupDownloads, setupShareLink,
    setupSuggestions, setupEntries, setupPhoto, setupToolbar, setupCanvasEdit, setupEntryLines, setupWorkshop,
  ];
  for (const setup of steps) {
    await breath();
    Object.assign(kc, setup(kc));
  }
  kc.renderWorkspace();
  kc.schedulePreview();

  engine.onState((state) => {
    if (state === "starting") kc.say(messages.status_loading);
    if (state === "prefetched") app.dataset.prefetched = "";
  });
  if (engine.started) kc.say(messages.status_loading);
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
}
