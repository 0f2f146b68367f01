// The form and "Mijn canvassen" in step: every change is stored at once (Workspace), a stored
// canvas is shown in the form, and a change that another tab stored arrives in the form.
import { formatDate } from "./context.js";
import { applyConditions, writeScope } from "./form-state.js";

export function setupAutosave(kc) {
  const { form, messages, workspace } = kc;

  async function persist() {
    const saving = workspace.update(kc.data(), kc.options(), kc.afterPreview?.());
    kc.showChangedTime();
    // Said at once, as long as the last save was kept; a refused one shows "Niet bewaard" instead.
    if (kc.ready && kc.storageWorks()) kc.say(`${messages.status_saved} (${formatDate(kc.locale, new Date(), { hour: "2-digit", minute: "2-digit" })}).`);
    if (await saving) kc.savedByUser(); // a real save from the user's typing: ask the browser to keep it, follow the file
  }

  function changed() {
    applyConditions(form);
    persist();
    kc.schedulePreview();
    kc.warmWhenIdle();
  }

  function show(doc) {
    writeScope(form, doc.data, messages);
    applyConditions(form);
    for (const [name, value] of Object.entries(doc.options || {})) {
      const select = kc.$(`[data-option=${name}]`);
      if (select && [...select.options].some((o) => o.value === value)) select.value = value;
    }
    kc.schedulePreview();
  }

  function load(values) {
    writeScope(form, values, messages);
    changed();
  }

  // Puts back the fields ``keys`` of ``values`` (typed before the stored canvas was shown) and saves.
  function keep(values, keys) {
    writeScope(form, values, messages, keys);
    changed();
  }

  // Another tab's change to this method's canvases (Workspace's ``changed`` event).
  function changedElsewhere(previous) {
    const before = previous.docs[previous.active];
    const now = workspace.current;
    if (previous.active !== workspace.state.active || !before) show(now);
    else {
      const keys = Object.keys(now.data || {}).filter((key) => JSON.stringify(now.data[key]) !== JSON.stringify(before.data?.[key]));
      if (keys.length) {
        writeScope(form, now.data, messages, keys);
        applyConditions(form);
        kc.schedulePreview();
      }
    }
    kc.renderWorkspace();
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const select of kc.app.querySelectorAll("[data-option]")) select.addEventListener("change", changed);

  return { changed, show, load, keep, changedElsewhere };
}
