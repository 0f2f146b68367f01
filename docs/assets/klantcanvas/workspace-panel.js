// The "Mijn canvassen" panel: the list of this method's canvases with open, rename, duplicate and
// delete, a new canvas, and every canvas of every method saved to or read from one backup file.
import { fmt } from "./context.js";
import { rememberFocus, restoreFocus } from "./focus.js";
import { save } from "./files.js";
import { Workspace } from "./workspace.js";

export function setupWorkspacePanel(kc) {
  const { messages, workspace } = kc;
  const list = kc.$("[data-workspace-list]");
  // "Actief · gewijzigd …" under a canvas's name; without the time while the list is undated.
  const hint = (doc, active) => [active && messages.workspace_active, !undated && fmt(messages.workspace_changed, { when: kc.when(doc.changed) })]
    .filter(Boolean).join(" · ");

  // The times in the list are written while its panel is open (on opening, if the list was built
  // while it was closed): they need the language's date formatter, which costs a slow phone about
  // 50 ms the first time, and a visitor who never opens the panel should not pay that on load.
  const panel = list.closest("details");
  let undated = false;
  panel?.addEventListener("toggle", () => panel.open && undated && renderWorkspace());

  function renderWorkspace() {
    kc.$("[data-workspace-current]").textContent = workspace.current.name;
    undated = Boolean(panel && !panel.open);
    const focused = rememberFocus(list); // a rebuilt list must not drop keyboard focus
    list.replaceChildren(
      ...workspace.list().map((doc) => {
        const li = document.createElement("li");
        li.className = doc.active ? "kc-doc kc-doc-active" : "kc-doc";
        li.dataset.doc = doc.id;
        const name = Object.assign(document.createElement("span"), { className: "kc-doc-name", textContent: doc.name });
        const meta = Object.assign(document.createElement("span"), {
          className: "kc-hint",
          textContent: hint(doc, doc.active),
        });
        li.append(name, meta);
        for (const [action, label] of [["open", messages.workspace_open], ["rename", messages.workspace_rename], ["duplicate", messages.workspace_duplicate], ["delete", messages.workspace_delete]]) {
          if (action === "open" && doc.active) continue;
          const button = Object.assign(document.createElement("button"), { type: "button", className: "kc-remove", textContent: label });
          button.dataset.doc = doc.id;
          button.dataset.docAction = action;
          button.setAttribute("aria-label", fmt(messages.workspace_action_name, { action: label, name: doc.name }));
          li.append(button);
        }
        return li;
      }),
    );
    restoreFocus(list, focused, kc.$("[data-action=new]"));
    kc.renderVersions?.(); // the open canvas's versions
  }

  // Updates the open canvas's time in place: rebuilding the list here would swap a button away
  // between mousedown and click when a field loses focus.
  function showChangedTime() {
    if (undated) return; // written when the panel opens
    const shown = list.querySelector(".kc-doc-active .kc-hint");
    if (shown) shown.textContent = hint(workspace.current, true);
  }

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-doc-action]");
    if (!button) return;
    const { doc: id, docAction: action } = button.dataset;
    const doc = workspace.state.docs[id];
    if (!doc) return renderWorkspace(); // deleted in another tab a moment ago
    if (action === "open") {
      workspace.open(id);
      kc.show(workspace.current);
    } else if (action === "rename") {
      const name = prompt(messages.workspace_name_prompt, doc.name);
      if (name && name.trim()) workspace.rename(id, name.trim());
    } else if (action === "duplicate") {
      workspace.add(fmt(messages.workspace_copy_name, { name: doc.name }), structuredClone(doc.data), doc.options);
      kc.show(workspace.current);
    } else if (action === "delete") {
      if (!confirm(fmt(messages.workspace_delete_confirm, { name: doc.name }))) return;
      const wasActive = workspace.state.active === id;
      workspace.remove(id);
      if (wasActive) kc.show(workspace.current);
    }
    renderWorkspace();
  });

  kc.$("[data-action=new]").addEventListener("click", () => {
    const name = prompt(messages.workspace_name_prompt, `${messages.workspace_default_name} ${workspace.list().length + 1}`);
    if (name === null) return;
    workspace.add(name.trim() || messages.workspace_default_name);
    kc.show(workspace.current);
    renderWorkspace();
  });

  kc.$("[data-action=export-all]").addEventListener("click", async () => {
    try {
      await workspace.flush(); // a change made a moment ago may still wait for its preview
      const { meta, body } = await kc.ask({ method: "export_all", canvases: await Workspace.everything(), saved_at: new Date().toISOString() });
      save(meta.filename, new Blob([body], { type: meta.mime }));
      kc.backupMade(); // "Download een back-up" (storage-panel.js) is this same file
    } catch (error) {
      kc.warn(error.message);
    }
  });

  const importAll = kc.$("input[data-action=import-all]");
  importAll.addEventListener("change", async () => {
    const file = importAll.files[0];
    importAll.value = "";
    if (!file) return;
    try {
      const { meta } = await kc.ask({ method: "import_all", text: await file.text() });
      if (!(await Workspace.addAll(meta.canvases))) return kc.warn(messages.storage_failed);
      kc.warn(meta.skipped.length ? [messages.workspace_skipped, ...meta.skipped].join(" ") : "");
      await workspace.pull();
      renderWorkspace();
      kc.say(fmt(messages.workspace_imported, { count: meta.canvases.length }));
    } catch (error) {
      kc.warn(error.message);
    }
  });

  return { renderWorkspace, showChangedTime };
}
