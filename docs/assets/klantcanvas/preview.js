// The canvas beside the form: the engine draws a preview a moment after each change (only the
// newest one is shown), the text version and the large view follow it, and the PDF library is
// imported once the visitor pauses.
import { setupTextVersion } from "./text-version.js";
import { setupViewer } from "./viewer.js";

export function setupPreview(kc) {
  const { app, engine } = kc;
  const preview = kc.$("[data-preview]");
  let previewSeq = 0;
  let previews = 0;
  let timer;

  setupViewer(app, kc.messages);
  const textVersion = setupTextVersion(app, () => kc.ask({ method: "text_version", data: kc.data() }));

  async function refresh() {
    if (!kc.ready) return;
    const seq = ++previewSeq;
    const started = performance.now();
    let meta;
    try {
      ({ meta } = await kc.ask({ method: "preview", data: kc.data(), ...kc.options() }));
    } catch (error) {
      if (seq === previewSeq) kc.warn(error.message);
      return;
    }
    if (seq !== previewSeq) return; // a newer preview is on its way
    app.dataset.overflow = meta.overflow.join(" ");
    const svg = new DOMParser().parseFromString(meta.svg, "image/svg+xml").documentElement;
    preview.replaceChildren(document.importNode(svg, true));
    preview.dataset.ms = String(Math.round(performance.now() - started));
    textVersion.refresh();
    if (++previews === 1) engine.prefetch(); // the other wheels, while the visitor reads the preview
  }

  function schedulePreview(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }

  // The PDF library takes a moment to import; do that once the user pauses, never mid-typing.
  let warmTimer;
  let warmed = false;
  function warmWhenIdle() {
    clearTimeout(warmTimer);
    if (warmed) return;
    warmTimer = setTimeout(() => {
      if (!kc.ready || warmed) return;
      warmed = true;
      kc.ask({ method: "warm" }).catch(() => (warmed = false));
    }, 6000);
  }

  return { refresh, schedulePreview, warmWhenIdle };
}
