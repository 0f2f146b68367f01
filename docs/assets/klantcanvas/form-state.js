// Reads and writes any generated canvas form as plain data, guided only by data attributes:
// data-field/data-kind mark a field, data-scope a record (the form or a group entry),
// data-item an entry of a list or group, data-value the control that holds a value.

const fieldsOf = (scope) =>
  [...scope.querySelectorAll("[data-field]")].filter((f) => f.parentElement.closest("[data-scope]") === scope);

const itemsOf = (field) => [...field.querySelector(".kc-items").children];

// What a control held when the page was written: a select's option marked selected, or its first.
function defaultOf(control) {
  if (control.tagName !== "SELECT") return control.defaultValue;
  return ([...control.options].find((option) => option.defaultSelected) ?? control.options[0])?.value ?? "";
}

function valueOf(control, kind, defaults) {
  if (kind === "flag") return defaults ? control.defaultChecked : control.checked;
  const value = defaults ? defaultOf(control) : control.value;
  if (kind === "scale") return value === "" ? null : Number(value);
  return value;
}

// The form's data; with ``defaults``, as the page wrote it (what typing has not changed yet).
export function readScope(scope, defaults = false) {
  const data = {};
  for (const field of fieldsOf(scope)) {
    const kind = field.dataset.kind;
    if (kind === "list") data[field.dataset.field] = itemsOf(field).map((li) => valueOf(li.querySelector("[data-value]"), kind, defaults));
    else if (kind === "group") data[field.dataset.field] = itemsOf(field).map((li) => readScope(li, defaults));
    else data[field.dataset.field] = valueOf(field.querySelector("[data-value]"), kind, defaults);
  }
  return data;
}

let uid = 0;

// Give every entry its number, a unique id and names that say what each control does.
export function renumber(field, messages) {
  const name = field.dataset.itemName;
  const lower = name.slice(0, 1).toLowerCase() + name.slice(1); // mid-sentence: "Remove phase 2"
  const fmt = (text, n) => text.replace("{item}", name).replace("{item_lower}", lower).replace("{number}", n);
  itemsOf(field).forEach((li, index) => {
    const n = index + 1;
    const label = li.querySelector("[data-item-label]");
    label.textContent = fmt(messages.entry_name, n);
    const control = li.querySelector(":scope > .kc-item-row > [data-value]");
    if (control) {
      control.id ||= `kc-entry-${++uid}`;
      label.htmlFor = control.id;
    }
    const up = li.querySelector(":scope > .kc-item-row [data-action=up], :scope > fieldset > .kc-item-tools [data-action=up]");
    const remove = li.querySelector(":scope > .kc-item-row [data-action=remove], :scope > fieldset > .kc-item-tools [data-action=remove]");
    up.setAttribute("aria-label", fmt(messages.move_up_name, n));
    up.disabled = index === 0;
    remove.setAttribute("aria-label", fmt(messages.remove_name, n));
  });
  const max = Number(field.dataset.maxItems || 40);
  field.querySelector(":scope > [data-action=add]").disabled = itemsOf(field).length >= max;
}

// Template ids are suffixed per copy; labels and descriptions follow their controls.
function uniquify(root) {
  const renamed = {};
  for (const el of root.querySelectorAll("[id]")) {
    renamed[el.id] = `${el.id}-${++uid}`;
    el.id = renamed[el.id];
  }
  for (const el of root.querySelectorAll("label[for]")) el.htmlFor = renamed[el.htmlFor] || el.htmlFor;
  for (const el of root.querySelectorAll("[aria-describedby]")) {
    const ids = el.getAttribute("aria-describedby").split(" ");
    el.setAttribute("aria-describedby", ids.map((id) => renamed[id] || id).join(" "));
  }
}

export function addItem(field, messages, value) {
  const template = field.querySelector(":scope > template[data-template]");
  const li = template.content.firstElementChild.cloneNode(true);
  uniquify(li);
  field.querySelector(".kc-items").append(li);
  if (field.dataset.kind === "group") {
    for (const sub of li.querySelectorAll("[data-kind=list]")) addItem(sub, messages);
    if (value) writeScope(li, value, messages);
  } else if (value !== undefined) {
    li.querySelector("[data-value]").value = value;
  }
  renumber(field, messages);
  return li;
}

// Writes ``data`` into the fields of ``scope``; only those named in ``only``, when given.
export function writeScope(scope, data, messages, only = null) {
  for (const field of fieldsOf(scope)) {
    if (only && !only.includes(field.dataset.field)) continue;
    const kind = field.dataset.kind;
    const value = data ? data[field.dataset.field] : undefined;
    if (kind === "list" || kind === "group") {
      field.querySelector(".kc-items").replaceChildren();
      // An empty list offers one entry to type in; an empty group inside a record starts empty.
      const nested = kind === "group" && field.parentElement.closest("[data-item]");
      const values = Array.isArray(value) && value.length ? value : nested ? [] : [undefined];
      for (const v of values) addItem(field, messages, v);
      continue;
    }
    const control = field.querySelector("[data-value]");
    if (kind === "flag") control.checked = Boolean(value);
    else control.value = value === undefined || value === null ? "" : String(value);
    if (kind === "photo") field.dispatchEvent(new Event("kc-photo")); // photo.js shows it
  }
}

// Whether ``data`` (as readScope reads it) holds anything the engine counts as content, by the
// rule the form macro writes into the page (klantcanvas.fill.content_rule): which fields a record
// shows, what each kind holds when blank, which characters leave a text empty. A show_when key
// "/id" names a top-level field; a wanted true or false asks whether that field holds something.
export function hasContent(rule, data) {
  const blankCharacter = (c) => rule.blank_characters.some(([first, last]) => c.codePointAt(0) >= first && c.codePointAt(0) <= last);
  const holds = (spec, value) => {
    if (spec.fields) {
      const values = checked(spec.fields, value || {});
      return spec.fields.some((field) => holds(field, values[field.id]));
    }
    if (spec.entries) return Array.isArray(value) && value.some((entry) => holds(spec.entries, entry));
    if (typeof value === "string") value = [...value].filter((c) => !blankCharacter(c)).join("");
    return value !== undefined && value !== null && JSON.stringify(value) !== JSON.stringify(rule.blank[spec.kind]);
  };
  // As the engine's fill does: fields without show_when first, then the others in order, each
  // blank while its condition does not hold (so a condition on a hidden field sees a blank).
  let root = {};
  const checked = (specs, record) => {
    const values = {};
    for (const spec of specs) if (!spec.show_when) values[spec.id] = record[spec.id];
    for (const spec of specs) {
      if (!spec.show_when) continue;
      const shown = Object.entries(spec.show_when).every(([key, wanted]) => {
        const top = key.startsWith("/");
        const id = top ? key.slice(1) : key;
        const value = (top ? root : values)[id];
        if (typeof wanted !== "boolean") return value === wanted;
        const other = (top ? rule.fields : specs).find((f) => f.id === id);
        return (other ? holds(other, value) : false) === wanted;
      });
      values[spec.id] = shown ? record[spec.id] : rule.blank[spec.kind];
    }
    return values;
  };
  root = checked(rule.fields.filter((f) => f.kind !== "group"), data || {});
  return holds({ fields: rule.fields }, data);
}

// Whether a value read from the form holds something (for show_when's true and false).
const holds = (value) => Array.isArray(value) ? value.some(holds)
  : typeof value === "string" ? value.trim() !== ""
  : value !== null && value !== undefined && value !== false;

// Fields with data-show-when (from the definition's show_when) appear only while their sibling
// fields in the same record (or, for a key "/id", the form's top-level field) hold the given
// values, or for true/false hold something or nothing; hidden fields keep their values.
export function applyConditions(root) {
  const form = root.closest?.("form") || root;
  let top = null;
  for (const field of root.querySelectorAll("[data-show-when]")) {
    const scope = field.parentElement.closest("[data-scope]");
    const wanted = JSON.parse(field.dataset.showWhen);
    const values = readScope(scope);
    field.hidden = !Object.entries(wanted).every(([key, value]) => {
      const fromTop = key.startsWith("/");
      if (fromTop) top ||= readScope(form);
      const id = fromTop ? key.slice(1) : key;
      // A field that is hidden itself holds nothing (fields come in document order, so it is known).
      const other = fieldsOf(fromTop ? form : scope).find((f) => f.dataset.field === id);
      const found = other?.hidden ? undefined : (fromTop ? top : values)[id];
      return typeof value === "boolean" ? holds(found) === value : found === value;
    });
  }
}
