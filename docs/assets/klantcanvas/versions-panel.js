// "Versies": named snapshots of the open canvas (Workspace keeps them with the canvas). Save one,
// open one read-only in a dialog, restore one (what was there first becomes a version, so a
// restore is undone by restoring that), delete one, and compare any two, or one with the current
// work: the engine lists the changes by label path and draws the newer one with them outlined.
import { fmt, formatDate } from "./context.js";
import { rememberFocus, restoreFocus } from "./focus.js";
import { MAX_VERSIONS } from "./workspace.js";

const CURRENT = "current";

export function setupVersionsPanel(kc) {
  const { messages, workspace } = kc;
  const panel = kc.$("[data-versions]");
  const list = kc.$("[data-versions-list]");
  const from = kc.$("[data-compare-from]");
  const to = kc.$("[data-compare-to]");
  const result = kc.$("[data-compare-result]");
  const dialog = kc.$("[data-version-view]");
  const stage = kc.$("[data-version-stage]");
  let shownDoc = workspace.state.active;
  let viewing = null; // the version open in the dialog
  let opener = null;

  const stamp = (iso) => formatDate(kc.locale, new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const svgFrom = (text) => document.importNode(new DOMParser().parseFromString(text, "image/svg+xml").documentElement, true);

  function button(label, action, version, name) {
    const el = Object.assign(document.createElement("button"), { type: "button", className: "kc-remove", textContent: label });
    Object.assign(el.dataset, { version: version.id, versionAction: action });
    el.setAttribute("aria-label", fmt(name, { name: version.name }));
    return el;
  }

  // Keeps what the visitor chose, while it exists; else "from" is the newest version, "to" the current work.
  function fillSelect(select, versions, fallback) {
    const chosen = select.dataset.chosen || fallback;
    const current = Object.assign(document.createElement("option"), { value: CURRENT, textContent: messages.versions_current });
    select.replaceChildren(current, ...versions.map((v) =>
      Object.assign(document.createElement("option"), { value: v.id, textContent: fmt(messages.versions_option, { name: v.name, when: stamp(v.saved) }) })));
    select.value = [...select.options].some((o) => o.value === chosen) ? chosen : fallback;
  }

  function renderVersions() {
    if (shownDoc !== workspace.state.active) {
      shownDoc = workspace.state.active;
      result.hidden = true; // a comparison of another canvas
      delete from.dataset.chosen;
      delete to.dataset.chosen;
    }
    const versions = workspace.versions();
    kc.$("[data-versions-summary]").textContent = fmt(messages.versions_summary, { name: workspace.current.name, count: versions.length });
    kc.$("[data-versions-count]").textContent = versions.length >= MAX_VERSIONS
      ? fmt(messages.versions_limit, { maximum: MAX_VERSIONS })
      : versions.length ? fmt(messages.versions_count, { count: versions.length, maximum: MAX_VERSIONS }) : messages.versions_none;
    const focused = rememberFocus(list, "version");
    list.replaceChildren(...versions.map((version) => {
      const li = Object.assign(document.createElement("li"), { className: "kc-doc" });
      li.dataset.version = version.id;
      li.append(
        Object.assign(document.createElement("span"), { className: "kc-doc-name", textContent: version.name }),
        Object.assign(document.createElement("span"), { className: "kc-hint", textContent: fmt(messages.versions_saved_when, { when: stamp(version.saved) }) }),
        button(messages.versions_open, "open", version, messages.versions_open_name),
        button(messages.versions_restore, "restore", version, messages.versions_restore_name),
        button(messages.versions_delete, "delete", version, messages.versions_delete_name),
      );
      return li;
    }));
    restoreFocus(list, focused, kc.$("[data-action=version-save]"));
    fillSelect(from, versions, versions[0]?.id || CURRENT);
    fillSelect(to, versions, CURRENT);
    if (viewing && !workspace.version(viewing)) dialog.close(); // deleted in another tab
  }

  // A result of Workspace: the version's id, or "full" at the limit, or null when storage is full.
  function refused(outcome, storageMessage) {
    if (outcome === "full") kc.warn(fmt(messages.versions_limit, { maximum: MAX_VERSIONS }));
    else if (!outcome) kc.warn(storageMessage);
    else return false;
    return true;
  }

  kc.$("[data-action=version-save]").addEventListener("click", async () => {
    if (workspace.versions().length >= MAX_VERSIONS) return refused("full");
    const name = prompt(messages.versions_name_prompt, stamp(new Date().toISOString()));
    if (name === null) return;
    const label = name.trim().slice(0, 120) || stamp(new Date().toISOString());
    const outcome = await workspace.addVersion(label, kc.data(), kc.options());
    renderVersions();
    if (refused(outcome, messages.versions_storage_full)) return;
    kc.warn("");
    kc.say(fmt(messages.versions_saved, { name: label }));
  });

  async function restore(id) {
    const version = workspace.version(id);
    if (!version) return kc.warn(messages.versions_gone);
    const backup = fmt(messages.versions_before_restore, { name: version.name });
    const outcome = await workspace.restoreVersion(id, backup, kc.data(), kc.options());
    if (refused(outcome, messages.versions_restore_failed)) return renderVersions();
    kc.warn("");
    kc.show(workspace.current);
    kc.renderWorkspace();
    kc.say(fmt(messages.versions_restored, { name: version.name, backup }));
  }

  async function open(id, trigger) {
    const version = workspace.version(id);
    if (!version) return kc.warn(messages.versions_gone);
    viewing = id;
    opener = trigger;
    kc.$("[data-version-title]").textContent = fmt(messages.versions_view_title, { name: version.name });
    kc.$("[data-version-help]").textContent = fmt(messages.versions_view_help, { when: stamp(version.saved) });
    stage.replaceChildren(Object.assign(document.createElement("p"), { className: "kc-hint", textContent: messages.versions_view_loading }));
    dialog.showModal();
    stage.focus();
    try {
      const { meta } = await kc.ask({ method: "preview", data: version.data, ...kc.options(), ...(version.options || {}) });
      if (viewing !== id) return;
      const svg = svgFrom(meta.svg);
      svg.setAttribute("aria-label", kc.$("[data-version-title]").textContent);
      stage.replaceChildren(svg);
      dialog.dataset.shown = id;
    } catch (error) {
      if (viewing === id) stage.replaceChildren(Object.assign(document.createElement("p"), { className: "kc-alert", textContent: error.message }));
    }
  }

  dialog.addEventListener("close", () => {
    viewing = null;
    delete dialog.dataset.shown;
    if (opener?.isConnected) opener.focus();
    else kc.$("[data-action=version-save]").focus();
  });
  kc.$("[data-action=version-view-close]").addEventListener("click", () => dialog.close());
  kc.$("[data-action=version-view-restore]").addEventListener("click", () => {
    const id = viewing;
    dialog.close();
    restore(id);
  });

  list.addEventListener("click", async (event) => {
    const target = event.target.closest("button[data-version-action]");
    if (!target) return;
    const { version: id, versionAction: action } = target.dataset;
    const version = workspace.version(id);
    if (!version) return renderVersions();
    if (action === "open") return open(id, target);
    if (action === "restore") return restore(id);
    if (!confirm(fmt(messages.versions_delete_confirm, { name: version.name }))) return;
    if (!(await workspace.removeVersion(id))) return kc.warn(messages.storage_failed);
    renderVersions();
    kc.say(fmt(messages.versions_deleted, { name: version.name }));
  });

  // One side of a comparison: its data, options and name.
  function side(value) {
    if (value === CURRENT) return { data: kc.data(), options: kc.options(), name: messages.versions_current };
    const version = workspace.version(value);
    return version && { data: version.data, options: version.options || {}, name: version.name };
  }

  for (const select of [from, to]) select.addEventListener("change", () => (select.dataset.chosen = select.value));

  let compareSeq = 0;
  kc.$("[data-action=version-compare]").addEventListener("click", async () => {
    if (from.value === to.value) return kc.warn(messages.versions_compare_same);
    const [old, now] = [side(from.value), side(to.value)];
    if (!old || !now) return kc.warn(messages.versions_gone);
    const mine = ++compareSeq;
    kc.warn("");
    kc.say(messages.versions_compare_busy);
    let meta;
    try {
      ({ meta } = await kc.ask({ method: "compare", old: old.data, new: now.data, old_name: old.name, new_name: now.name, ...kc.options(), ...now.options }));
    } catch (error) {
      return kc.warn(error.message);
    }
    if (mine !== compareSeq) return;
    const summary = kc.$("[data-compare-summary]");
    summary.textContent = meta.changes.length
      ? fmt(messages.versions_compare_summary, { old: old.name, new: now.name, ...meta.counts })
      : fmt(messages.versions_compare_equal, { old: old.name, new: now.name });
    kc.$("[data-compare-list]").replaceChildren(...meta.changes.map((change) => {
      const li = Object.assign(document.createElement("li"), { className: `kc-change kc-change-${change.kind}` });
      const kind = Object.assign(document.createElement("span"), { className: "kc-change-kind", textContent: messages[`versions_${change.kind}`] });
      li.append(kind, " ", Object.assign(document.createElement("strong"), { textContent: change.label }), ": ");
      if (change.kind !== "added") li.append(Object.assign(document.createElement("span"), { className: "kc-change-old", textContent: change.old }));
      if (change.kind === "changed") li.append(" → ");
      if (change.kind !== "removed") li.append(Object.assign(document.createElement("span"), { className: "kc-change-new", textContent: change.new }));
      return li;
    }));
    kc.$("[data-compare-preview]").replaceChildren(svgFrom(meta.svg));
    result.hidden = false;
    result.dataset.marked = String(meta.marked);
    summary.focus();
    kc.say(summary.textContent);
  });

  kc.$("[data-action=compare-close]").addEventListener("click", () => {
    result.hidden = true;
    kc.$("[data-action=version-compare]").focus();
  });

  panel.addEventListener("toggle", () => panel.open && renderVersions());
  return { renderVersions };
}
