// "Waar je werk staat", inside "Mijn canvassen": where the work lives, whether the browser has
// promised to keep it (navigator.storage.persisted) and how much it takes (estimate), advice for
// iPhone and iPad, and the safe copy: a file on disk where the browser can keep one in step
// (disk-file.js), elsewhere "Download een back-up" with the last back-up's time and a reminder.
import { fmt } from "./context.js";
import { setupDiskFile } from "./disk-file.js";
import { openStore, Workspace } from "./workspace.js";

const DAY = 24 * 60 * 60 * 1000;
export const REMIND_AFTER_DAYS = 3;

// True when a canvas holds changes older than three days that came after the last back-up.
export function needsReminder(docs, lastBackup, now) {
  return docs.some((doc) => doc.data && Object.keys(doc.data).length && now - Date.parse(doc.changed) > REMIND_AFTER_DAYS * DAY && (!lastBackup || doc.changed > lastBackup));
}

// iPhone and iPad (iPadOS says it is a Mac with a touch screen), not yet on the Home Screen.
const onIosInBrowser = () => (/iPhone|iPad|iPod/.test(navigator.userAgent) || (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1)) && !navigator.standalone;

const element = (tag, props = {}) => Object.assign(document.createElement(tag), props);

export function setupStoragePanel(kc) {
  const { messages } = kc;
  const headingId = `${kc.form.dataset.scope || kc.canvasId}-storage-heading`;
  const panel = element("section", { className: "kc-storage-panel" });
  panel.setAttribute("aria-labelledby", headingId);
  const persisted = element("p");
  const usage = element("p", { className: "kc-hint" });
  panel.append(element("h3", { id: headingId, textContent: messages.storage_heading }), element("p", { textContent: messages.storage_where }), persisted, usage);
  if (onIosInBrowser()) panel.append(element("p", { className: "kc-storage-ios", textContent: messages.storage_ios }));
  kc.$("[data-workspace]").append(panel);

  async function showPromise() {
    const storage = navigator.storage;
    const kept = storage?.persisted ? await storage.persisted().catch(() => null) : null;
    persisted.textContent = kept === true ? messages.storage_persisted_yes : kept === false ? messages.storage_persisted_no : messages.storage_persisted_unknown;
    panel.dataset.persisted = String(kept);
    const estimate = storage?.estimate ? await storage.estimate().catch(() => null) : null;
    const size = new Intl.NumberFormat(kc.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format((estimate?.usage || 0) / 1e6);
    usage.textContent = estimate ? fmt(messages.storage_usage, { size }) : "";
  }

  // After every save that the user's typing caused: the file follows; the first one asks the
  // browser to keep the work (Firefox may ask the user; the answer can take a while).
  let asked = false;
  function savedByUser() {
    disk?.changed();
    if (asked || !navigator.storage?.persist) return;
    asked = true;
    navigator.storage.persisted().then((kept) => kept || navigator.storage.persist()).catch(() => false).then(showWhenOpen);
  }

  const disk = "showSaveFilePicker" in window ? setupDiskFile(kc, panel) : null;
  const backup = disk ? null : setupBackup(kc, panel);
  // Written while "Mijn canvassen" is open: the first use of the number format costs a phone
  // about 60 ms, which a visitor who never opens it should not pay while the page starts.
  const workspace = kc.$("[data-workspace]");
  function showWhenOpen() {
    if (workspace.open) showPromise();
  }
  workspace.addEventListener("toggle", showWhenOpen);
  showWhenOpen();
  return { savedByUser, backupMade: () => backup?.made(), showBackupState: () => backup?.show() };
}

// Where no file can be kept in step: a back-up of every canvas, the time of the last one, and a
// reminder when changes older than three days are in none.
function setupBackup(kc, panel) {
  const { messages } = kc;
  const box = element("div", { className: "kc-backup" });
  const button = element("button", { type: "button", className: "md-button", textContent: messages.storage_backup });
  const last = element("p", { className: "kc-hint" });
  const reminder = element("p", { className: "kc-backup-reminder", textContent: messages.storage_backup_reminder });
  reminder.setAttribute("role", "status");
  box.append(element("p", { textContent: messages.storage_backup_intro }), button, last, reminder);
  panel.append(box);

  async function show() {
    const store = await openStore();
    const when = await store.setting("lastBackup").catch(() => null);
    last.textContent = when ? fmt(messages.storage_backup_last, { when: kc.when(when) }) : messages.storage_backup_never;
    reminder.hidden = !needsReminder(await Workspace.everything(), when, Date.now());
    kc.$("[data-workspace]").toggleAttribute("data-reminder", !reminder.hidden);
    if (!reminder.hidden) kc.$("[data-workspace]").open = true; // gentle, but seen
  }

  async function made() {
    await (await openStore()).setSetting("lastBackup", new Date().toISOString()).catch(() => {});
    show();
  }

  button.addEventListener("click", () => kc.$("[data-action=export-all]").click()); // the same file as "Exporteer alle canvassen"
  show();
  setInterval(show, 60 * 60 * 1000); // a tab left open for days reminds as well
  return { show, made };
}
