// Editing on the drawing, in the preview and in "Groot bekijken" alike. The engine marks every
// item one field holds with its path, kind and reading order (data-path, data-kind, data-order;
// klantcanvas.editable); this module works from those alone, with no branch per canvas. Items are
// reached with Tab and the arrow keys in reading order, a click or Enter opens the editor
// (canvas-editor.js) that writes into the form, "+" (drawn by the engine, data-add) adds an entry, and the bar offers undo and
// redo (also Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z) and, for the chosen item, earlier, later, delete and
// "Toon in formulier"; "Toon op canvas" does the reverse for the form field last used.
import { openEditor } from "./canvas-editor.js";
import { fmt } from "./context.js";
import { entryAt, moveEntry, removeAt } from "./canvas-entries.js";
import { entryPath, locate, pathOf } from "./form-paths.js";
import { addItem, applyConditions, writeScope } from "./form-state.js";
import { History } from "./history.js";

export function setupCanvasEdit(kc) {
  const { app, form, messages } = kc;
  const preview = kc.$("[data-preview]");
  const history = new History(() => kc.data());
  let chosen = null; // the path of the chosen item
  let refocus = false; // focus the chosen item again once the drawing is redrawn
  let lastField = null; // the form control used last, for "Toon op canvas"
  let typing = false; // typed in the form since the last step

  const viewerOpen = () => Boolean(kc.viewer?.isOpen());
  const activeRoot = () => (viewerOpen() ? kc.viewer.canvas : preview);
  const itemsIn = (root) => [...root.querySelectorAll("[data-path], [data-add]")].sort((a, b) => a.dataset.order - b.dataset.order);
  const find = (root, path) => itemsIn(root).find((el) => (el.dataset.path ?? el.dataset.add) === path);
  const keyOf = (el) => el.dataset.path ?? el.dataset.add;

  // Roving tabindex: one item of the drawing is in the Tab order, the arrow keys move on.
  function prepare(root) {
    const all = itemsIn(root);
    const current = all.find((el) => keyOf(el) === chosen) || all[0];
    for (const el of all) el.setAttribute("tabindex", el === current ? "0" : "-1");
    return current;
  }

  function focusChosen() {
    const root = activeRoot();
    const target = prepare(root);
    if (target && refocus) target.focus();
    refocus = false;
  }

  function choose(el) {
    chosen = keyOf(el);
    for (const item of itemsIn(el.ownerSVGElement || el.closest("svg"))) item.setAttribute("tabindex", item === el ? "0" : "-1");
    updateBar();
  }

  // After every redraw (preview.js): the big view follows, focus returns.
  kc.previewDrawn = () => {
    if (viewerOpen()) kc.viewer.refresh();
    prepare(preview);
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost && chosen) refocus = true;
    focusChosen();
    updateBar();
  };
  kc.viewerOpened = () => prepare(kc.viewer.canvas);

  function hostFor(root) {
    return root === preview ? preview.parentElement : kc.viewer.stage;
  }

  function boxIn(host, el) {
    const a = el.getBoundingClientRect();
    const b = host.getBoundingClientRect();
    return { left: a.left - b.left + host.scrollLeft, top: a.top - b.top + host.scrollTop, width: a.width, height: a.height };
  }

  function edit(el, control, label) {
    const root = el.closest("[data-preview], [data-viewer-canvas]");
    choose(el);
    openEditor({
      host: hostFor(root), box: boxIn(hostFor(root), el), kind: el.dataset.kind, control,
      label: fmt(messages.canvas_edit_editor_label, { label }), help: messages.canvas_edit_editor_help,
      onClose: () => { refocus = true; focusChosen(); },
    });
  }

  function activate(el) {
    if (el.dataset.add !== undefined) return add(el);
    const at = locate(form, el.dataset.path);
    if (at?.control) edit(el, at.control, el.dataset.label || el.dataset.path);
  }

  // "+": a new entry at the end of its list or group, and the editor on its first field.
  function add(el) {
    const at = locate(form, el.dataset.add);
    if (!at || at.field.querySelector(":scope > [data-action=add]")?.disabled) return;
    const li = addItem(at.field, messages);
    applyConditions(li);
    kc.changed();
    const control = li.querySelector("input[type=text][data-value], textarea[data-value]") || li.querySelector("[data-value]");
    chosen = pathOf(form, control);
    edit(el, control, li.querySelector("[data-item-label]").textContent);
  }

  function move(direction) {
    const moved = moveEntry(kc, chosen, direction);
    if (!moved) return;
    chosen = moved;
    refocus = true;
  }

  function remove() {
    if (!removeAt(kc, chosen)) return;
    chosen = null;
    refocus = true;
  }

  function showInForm() {
    const at = chosen && locate(form, chosen);
    const control = at?.control || at?.entry?.querySelector("[data-value]");
    if (!control) return;
    if (viewerOpen()) kc.viewer.close();
    control.closest("details:not([open])")?.setAttribute("open", "");
    control.scrollIntoView({ block: "center" });
    control.focus();
    control.closest("[data-field]").classList.add("kc-flash");
    control.closest("[data-field]").addEventListener("animationend", (e) => e.currentTarget.classList.remove("kc-flash"), { once: true });
  }

  function showOnCanvas() {
    const path = lastField && form.contains(lastField) ? pathOf(form, lastField) : null;
    const el = path && (find(preview, path) || itemsIn(preview).find((i) => i.dataset.path?.startsWith(`${entryPath(path) || path}/`)));
    if (!el) return kc.say(messages.canvas_edit_not_on_canvas);
    el.scrollIntoView({ block: "center" });
    choose(el);
    el.focus();
    el.classList.add("kc-flash");
  }

  function undoRedo(direction) {
    const step = history.move(direction, (values, keys) => {
      writeScope(form, values, messages, keys);
      applyConditions(form);
    });
    if (!step) return kc.say(direction === "undo" ? messages.canvas_edit_nothing_to_undo : messages.canvas_edit_nothing_to_redo);
    if (app.contains(document.activeElement) && document.activeElement.closest("svg")) refocus = true;
    kc.changed();
    kc.say(direction === "undo" ? messages.canvas_edit_undone : messages.canvas_edit_redone);
  }

  function updateBar() {
    const sizes = history.size();
    const entry = Boolean(entryAt(form, chosen));
    for (const button of app.querySelectorAll("[data-canvas-action]")) {
      const action = button.dataset.canvasAction;
      button.disabled = action === "undo" ? !sizes.undo && !typing
        : action === "redo" ? !sizes.redo
        : action === "earlier" || action === "later" ? !entry
        : action === "delete" || action === "show-in-form" ? !chosen || chosen.startsWith("+")
        : false;
    }
  }

  const actions = { undo: () => undoRedo("undo"), redo: () => undoRedo("redo"), earlier: () => move(-1), later: () => move(1),
    delete: remove, "show-in-form": showInForm, "show-on-canvas": showOnCanvas };
  app.addEventListener("click", (event) => {
    const button = event.target.closest("[data-canvas-action]");
    if (button) return actions[button.dataset.canvasAction]();
    const el = event.target.closest("[data-path], [data-add]");
    if (el && el.closest("svg")) activate(el);
  });
  app.addEventListener("focusin", (event) => {
    const el = event.target.closest?.("[data-path], [data-add]");
    if (el && el.closest("svg")) choose(el);
    else if (form.contains(event.target) && event.target.matches("[data-value]")) lastField = event.target;
  });
  app.addEventListener("keydown", (event) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !event.altKey && (event.key.toLowerCase() === "z" || event.key.toLowerCase() === "y")) {
      undoRedo(event.shiftKey || event.key.toLowerCase() === "y" ? "redo" : "undo");
      return event.preventDefault();
    }
    const el = event.target.closest?.("[data-path], [data-add]");
    if (!el || !el.closest("svg") || mod) return;
    const all = itemsIn(el.closest("svg"));
    const at = all.indexOf(el);
    const to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (to !== undefined) {
      const next = all[Math.max(0, Math.min(all.length - 1, to))];
      choose(next);
      next.focus();
    } else if (event.key === "Enter" || event.key === " " || event.key === "F2") activate(el);
    else if (event.key === "Delete") remove();
    else return;
    event.preventDefault();
    event.stopPropagation();
  });

  const commit = () => { history.commit(); typing = false; updateBar(); };
  form.addEventListener("input", () => { if (!typing) { typing = true; updateBar(); } });
  form.addEventListener("change", commit);
  const changed = kc.changed;
  kc.changed = () => { changed(); commit(); };
  const load = kc.load; // the example, a file, clearing: one step each
  kc.load = (values) => { load(values); commit(); };
  const show = kc.show;
  kc.show = (doc) => { show(doc); history.reset(kc.workspace.state.active); updateBar(); };
  history.reset(kc.workspace.state.active);
  return { history };
}
