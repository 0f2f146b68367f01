// The canvas beside the form: the engine draws a preview after each change, at once when none is
// on its way, else as soon as that one is back (so one is asked for at a time, and the last
// change is always drawn), the text version and the large view follow it, and the other wheels are
// fetched and the PDF library imported once the visitor pauses. The large view and the text
// version are fetched when first asked for, so a visitor who only reads never pays for them.
// With the first preview the engine rehearses once (browser.py's ``rehearse``).

import { drawSvg } from "./drawing.js";

export function setupPreview(kc) {
  const { app, engine } = kc;
  const preview = kc.$("[data-preview]");
  let previewSeq = 0;
  let timer;

  kc.$("[data-action=viewer-open]").addEventListener("click", async () => {
    const { setupViewer } = await import("./viewer.js");
    kc.viewer = setupViewer(app, kc.messages, () => kc.viewerOpened?.());
    kc.viewer.open(); // it opens on later clicks itself
  }, { once: true });
  let textVersion = null;
  kc.$("[data-text-version]").addEventListener("toggle", async () => {
    const { setupTextVersion } = await import("./text-version.js");
    textVersion = setupTextVersion(app, () => kc.ask({ method: "text_version", data: kc.data() }));
    textVersion.refresh(); // it follows later toggles itself
  }, { once: true });

  async function refresh() {
    if (!kc.ready) return;
    const seq = ++previewSeq;
    const started = performance.now();
    let meta;
    try {
      const answer = kc.ask({ method: "preview", editable: true, data: kc.data(), ...kc.options(), session: kc.workshopVotes?.() });
      rehearse(); // right behind the first preview, ahead of anything typed after it
      ({ meta } = await answer);
    } catch (error) {
      if (seq === previewSeq) kc.warn(error.message);
      return;
    }
    if (seq !== previewSeq) return; // a newer preview is on its way
    const answered = performance.now();
    app.dataset.overflow = meta.overflow.join(" ");
    drawSvg(preview, meta.svg);
    kc.previewDrawn?.(meta); // canvas-edit.js: the big view and focus follow
    preview.dataset.drawMs = String(Math.round(performance.now() - answered)); // the goal: within one frame
    preview.dataset.ms = String(Math.round(performance.now() - started));
    textVersion?.refresh();
    prefetchWhenIdle();
  }

  // Once, with the first preview: the engine draws the worked example twice for nothing, so the
  // first slow runs of a freshly started interpreter are behind the visitor, not on their typing.
  let rehearsed = false;
  function rehearse() {
    if (rehearsed) return;
    rehearsed = true;
    kc.ask({ method: "rehearse" }).catch(() => {});
  }

  let asking = false;
  let again = false;
  async function next() {
    asking = true;
    try {
      await refresh();
    } finally {
      asking = false;
      if (again) schedulePreview();
      else settle();
    }
  }

  // Settles once the preview the latest change asks for is drawn, or not drawn (Python not ready
  // yet, an error): autosave holds that change's write until then (Workspace.save), so on a
  // phone's few cores the store's work does not slow the preview down.
  let drawn = null;
  let settle = () => {};
  function afterPreview() {
    drawn ??= new Promise((resolve) => {
      settle = () => {
        drawn = null;
        settle = () => {};
        resolve();
      };
    });
    return drawn;
  }

  function schedulePreview() {
    again = asking;
    if (asking) return;
    clearTimeout(timer);
    timer = setTimeout(next); // once for all the changes of one event
  }

  // The other wheels and the full standard library are fetched and unpacked once the visitor pauses
  // after a preview (that work takes the worker's time, and a preview asked for meanwhile waits);
  // the PDF library is imported after a longer pause, never mid-typing.
  const prefetchWhenIdle = afterPause(1500, () => engine.prefetch());
  const warmWhenIdle = afterPause(6000, () => kc.ready && kc.ask({ method: "warm" }));

  return { refresh, schedulePreview, warmWhenIdle, afterPreview };
}

// Runs ``work`` once, when ``ms`` have passed since the returned function was last called; again
// only if ``work`` returned false (not possible yet) or its promise failed.
function afterPause(ms, work) {
  let timer;
  let done = false;
  return () => {
    clearTimeout(timer);
    if (done) return;
    timer = setTimeout(() => {
      const result = done ? false : work();
      if (result === false) return;
      done = true;
      Promise.resolve(result).catch(() => (done = false));
    }, ms);
  };
}
