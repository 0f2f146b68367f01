// What the canvas bar does to the chosen item's entry, in the form (the single source of truth):
// move it earlier or later in its list, and at either end into the same list of the neighbouring
// outer entry (a touchpoint to the previous or next phase); delete it (or empty a field that is
// not an entry). Generic: paths and the form's data attributes only. Undo takes each back.
import { fmt } from "./context.js";
import { entryPath, locate, pathOf } from "./form-paths.js";
import { addItem, renumber } from "./form-state.js";

const labelOf = (entry) => entry.querySelector("[data-item-label]").textContent;

// The innermost entry a path lies in, with its field and the rest of the path below it.
export function entryAt(form, path) {
  const outer = path && entryPath(path);
  const at = outer && locate(form, outer);
  return at?.entry ? { ...at, rest: path.slice(outer.length) } : null;
}

// Returns the moved item's new path, or null when it cannot move that way.
export function moveEntry(kc, path, direction) {
  const at = entryAt(kc.form, path);
  if (!at) return null;
  const { entry, entryField: field } = at;
  const sibling = direction < 0 ? entry.previousElementSibling : entry.nextElementSibling;
  if (sibling) entry.parentElement.insertBefore(entry, direction < 0 ? sibling : sibling.nextElementSibling);
  else {
    const outer = field.parentElement.closest("[data-item]");
    const next = outer && (direction < 0 ? outer.previousElementSibling : outer.nextElementSibling);
    const target = next && [...next.querySelectorAll(`[data-field="${CSS.escape(field.dataset.field)}"]`)]
      .find((f) => f.parentElement.closest("[data-item]") === next);
    if (!target || target.querySelector(":scope > [data-action=add]").disabled) return null;
    const list = target.querySelector(".kc-items");
    if (direction < 0) list.append(entry);
    else list.prepend(entry);
    renumber(target, kc.messages);
  }
  renumber(field, kc.messages);
  kc.changed();
  kc.say(fmt(kc.messages.canvas_edit_moved, { label: labelOf(entry) }));
  return pathOf(kc.form, entry) + at.rest;
}

// Deletes the entry ``path`` lies in, or empties its field; true when something went.
export function removeAt(kc, path) {
  const at = entryAt(kc.form, path);
  if (at) {
    const { entry, entryField: field } = at;
    const label = labelOf(entry);
    const items = entry.parentElement;
    entry.remove();
    const nested = field.dataset.kind === "group" && field.parentElement.closest("[data-item]");
    if (!items.children.length && !nested) addItem(field, kc.messages);
    renumber(field, kc.messages);
    kc.changed();
    kc.say(fmt(kc.messages.canvas_edit_deleted, { label }));
    return true;
  }
  const control = path && locate(kc.form, path)?.control;
  if (!control) return false;
  control.value = "";
  control.dispatchEvent(new Event("input", { bubbles: true }));
  control.dispatchEvent(new Event("change", { bubbles: true }));
  kc.say(fmt(kc.messages.canvas_edit_deleted, { label: control.labels?.[0]?.textContent || path }));
  return true;
}
