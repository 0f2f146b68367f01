// Entries of lists and groups: add, move up and remove, with keyboard focus where the visitor
// expects it next (the new entry, the moved one, the neighbour of a removed one).
import { addItem, applyConditions, renumber } from "./form-state.js";

export function setupEntries(kc) {
  const { form, messages } = kc;
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const field = button.closest("[data-field]");
    if (button.dataset.action === "add") {
      const li = addItem(field, messages);
      applyConditions(li);
      li.querySelector("[data-value]").focus();
    } else {
      const li = button.closest("[data-item]");
      const items = li.parentElement;
      if (button.dataset.action === "up" && li.previousElementSibling) {
        items.insertBefore(li, li.previousElementSibling);
        renumber(field, messages);
        const up = li.querySelector("[data-action=up]");
        (up.disabled ? li.querySelector("[data-value]") : up).focus();
      } else if (button.dataset.action === "remove") {
        const neighbour = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        const nestedGroup = field.dataset.kind === "group" && field.parentElement.closest("[data-item]");
        if (!items.children.length && !nestedGroup) addItem(field, messages);
        renumber(field, messages);
        const next = neighbour || items.firstElementChild;
        (next ? next.querySelector("[data-value]") : field.querySelector("[data-action=add]")).focus();
      }
    }
    kc.changed();
  });
}
