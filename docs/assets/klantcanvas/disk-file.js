// "Bewaar op schijf…" where the File System Access API exists (Chrome, Edge): the user picks a
// file once, and from then on every change of the open canvas goes into it: the bytes of
// "Download JSON", written a moment after the last change through a writable stream, which
// replaces the file only when it is closed (so a file is never half written). The file's handle
// is kept in the store per canvas; a return visit offers "Ga verder met bestand X", one click
// that asks the browser for write permission again.
import { fmt, formatDate } from "./context.js";
import { openStore } from "./workspace.js";

const QUIET_MS = 800; // write once typing pauses this long

export function setupDiskFile(kc, panel) {
  const { messages } = kc;
  const key = () => `file:${kc.canvasId}:${kc.workspace.state.active}`;
  const box = Object.assign(document.createElement("div"), { className: "kc-disk-file" });
  const intro = Object.assign(document.createElement("p"), { className: "kc-hint", textContent: messages.storage_file_intro });
  const pick = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: messages.storage_file_save });
  const resume = Object.assign(document.createElement("button"), { type: "button", className: "md-button md-button--primary", hidden: true });
  const state = Object.assign(document.createElement("p"), { hidden: true });
  state.setAttribute("role", "status");
  const stop = Object.assign(document.createElement("button"), { type: "button", className: "kc-remove", textContent: messages.storage_file_stop, hidden: true });
  box.append(intro, pick, resume, state, stop);
  panel.append(box);

  let shownKey = null; // the canvas whose file is shown
  let kept = null; // {handle, name} from the store
  let active = false; // permission granted: changes go into the file
  let timer = null;
  let queue = Promise.resolve();

  function render(written) {
    pick.hidden = active;
    resume.hidden = !kept || active;
    resume.textContent = kept ? fmt(messages.storage_file_resume, { name: kept.name }) : "";
    stop.hidden = !kept;
    state.hidden = !active;
    if (active) state.textContent = [fmt(messages.storage_file_active, { name: kept.name }), written ? fmt(messages.storage_file_written, { time: written }) : ""].join(" ").trim();
  }

  async function load() {
    shownKey = key();
    kept = await (await openStore()).setting(shownKey).catch(() => null);
    const permission = kept ? await kept.handle.queryPermission?.({ mode: "readwrite" }).catch(() => "prompt") : null;
    active = permission === "granted";
    render();
  }

  async function write() {
    if (!active) return;
    const { body } = await kc.ask({ method: "export", data: kc.data(), format: "json", saved_at: new Date().toISOString(), ...kc.options() });
    const stream = await kept.handle.createWritable();
    await stream.write(body);
    await stream.close();
    kc.app.dataset.fileWritten = String(Number(kc.app.dataset.fileWritten || 0) + 1);
    render(formatDate(kc.locale, new Date(), { hour: "2-digit", minute: "2-digit", second: "2-digit" }));
  }

  const writeNow = () => {
    queue = queue.then(write).catch((error) => {
      state.hidden = false;
      state.textContent = fmt(messages.storage_file_failed, { name: kept?.name || "", detail: error.message });
    });
    return queue;
  };

  // After every change this tab stored (storage-panel.js).
  async function changed() {
    if (shownKey !== key()) await load(); // another canvas is open now
    if (!active) return;
    clearTimeout(timer);
    timer = setTimeout(writeNow, QUIET_MS);
  }

  pick.addEventListener("click", async () => {
    let handle;
    try {
      handle = await window.showSaveFilePicker({ suggestedName: `${kc.workspace.current.name}.json`, types: [{ description: "JSON", accept: { "application/json": [".json"] } }] });
    } catch {
      return; // cancelled
    }
    kept = { handle, name: handle.name };
    active = true;
    await (await openStore()).setSetting(key(), kept).catch(() => {});
    render();
    writeNow();
  });

  resume.addEventListener("click", async () => {
    active = (await kept.handle.requestPermission({ mode: "readwrite" }).catch(() => "denied")) === "granted";
    render();
    writeNow();
  });

  stop.addEventListener("click", async () => {
    await (await openStore()).setSetting(key(), null).catch(() => {});
    [kept, active] = [null, false];
    render();
  });

  load();
  return { changed };
}
