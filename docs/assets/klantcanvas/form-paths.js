// Field paths as the engine writes them into the drawing ("fases/2/contactmomenten/1/omschrijving":
// field ids and 1-based entry numbers, klantcanvas.editable) to and from the form's elements,
// through the form's data attributes only, so it works for every canvas alike.

const fieldIn = (scope, id) =>
  [...scope.querySelectorAll(`[data-field="${CSS.escape(id)}"]`)].find((f) => f.parentElement.closest("[data-scope]") === scope);

const entriesOf = (field) => [...field.querySelector(".kc-items").children];

// What a path names in the form: its field, the control that holds its value (null for a group
// entry), and the innermost entry on the way with the list or group field that holds it.
export function locate(form, path) {
  let scope = form;
  let field = null;
  let entry = null;
  let entryField = null;
  let control = null;
  for (const part of path.split("/")) {
    if (/^\d+$/.test(part)) {
      if (!field) return null;
      entry = entriesOf(field)[Number(part) - 1];
      if (!entry) return null;
      entryField = field;
      control = field.dataset.kind === "list" ? entry.querySelector("[data-value]") : null;
      scope = entry;
    } else {
      field = fieldIn(scope, part);
      if (!field) return null;
      control = field.dataset.kind === "list" || field.dataset.kind === "group" ? null : field.querySelector("[data-value]");
    }
  }
  return { field, control, entry, entryField };
}

// The path of a form element (a control, or an entry of a list or group).
export function pathOf(form, element) {
  const parts = [];
  let node = element;
  while (node && node !== form) {
    const item = node.closest("[data-item]");
    const field = node.closest("[data-field]");
    if (!field || !form.contains(field)) break;
    if (item && field.contains(item)) {
      parts.unshift(field.dataset.field, String(entriesOf(field).indexOf(item) + 1));
    } else {
      parts.unshift(field.dataset.field);
    }
    node = field.parentElement;
  }
  return parts.join("/");
}

// The path of the entry a path lies in ("fases/2/contactmomenten/1" for its omschrijving).
export function entryPath(path) {
  const parts = path.split("/");
  const last = parts.findLastIndex((p) => /^\d+$/.test(p));
  return last < 0 ? null : parts.slice(0, last + 1).join("/");
}
