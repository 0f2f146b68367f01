// A shorter form (issue 17): every group of records gets a button that folds its entries to one
// line each (its name, first text and first choice or scale: a touchpoint and its emotion) until
// one is opened by its line, or focus goes into it (as "Toon in formulier" does). Only the view
// changes: the fields stay in the form, so saving, undo and the canvas see no difference.

function summary(li) {
  const own = (selector) => [...li.querySelectorAll(selector)].filter((el) => el.closest("[data-item]") === li);
  const text = own(":scope > fieldset > .kc-field :is(input[type=text], textarea)[data-value]").find((c) => c.value.trim());
  const choice = own(":scope > fieldset > .kc-field > select[data-value]").find((s) => s.value);
  const label = li.querySelector("[data-item-label]").textContent;
  return [label, choice?.selectedOptions[0]?.text, text?.value.trim()].filter(Boolean).join(" · ");
}

export function setupEntryLines(kc) {
  const { form, messages } = kc;

  function refresh(field) {
    for (const li of field.querySelector(".kc-items").children) {
      let line = li.querySelector(":scope > [data-entry-line]");
      if (!line) {
        line = Object.assign(document.createElement("button"), { type: "button", className: "kc-entry-line" });
        line.dataset.entryLine = "";
        li.prepend(line);
      }
      const text = summary(li);
      if (line.textContent !== text) line.textContent = text; // no change, no mutation: the observer stays quiet
      line.setAttribute("aria-expanded", String(li.classList.contains("kc-open")));
    }
  }

  function addToggles() {
    for (const field of form.querySelectorAll("[data-kind=group]")) {
      if (field.querySelector(":scope > [data-fold]")) continue;
      const fold = Object.assign(document.createElement("button"), { type: "button", className: "kc-fold", textContent: messages.canvas_edit_fold });
      fold.dataset.fold = "";
      fold.setAttribute("aria-pressed", "false");
      field.querySelector(":scope > legend").after(fold);
    }
    for (const field of form.querySelectorAll(".kc-folded")) refresh(field);
  }

  form.addEventListener("click", (event) => {
    const fold = event.target.closest("[data-fold]");
    const line = event.target.closest("[data-entry-line]");
    if (fold) {
      const field = fold.closest("[data-field]");
      const folded = field.classList.toggle("kc-folded");
      fold.setAttribute("aria-pressed", String(folded));
      for (const li of field.querySelector(".kc-items").children) li.classList.remove("kc-open");
      refresh(field);
    } else if (line) {
      const li = line.closest("[data-item]");
      const open = li.classList.toggle("kc-open");
      line.setAttribute("aria-expanded", String(open));
      if (open) li.querySelector("[data-value]")?.focus();
    }
  });
  // Focus that goes into a folded entry (a label, "Toon in formulier") opens it.
  form.addEventListener("focusin", (event) => {
    const li = event.target.matches("[data-entry-line]") ? null : event.target.closest(".kc-folded > .kc-items > [data-item]");
    if (li && !li.classList.contains("kc-open")) {
      li.classList.add("kc-open");
      li.querySelector(":scope > [data-entry-line]")?.setAttribute("aria-expanded", "true");
    }
  });
  form.addEventListener("change", () => form.querySelectorAll(".kc-folded").forEach(refresh));
  new MutationObserver(addToggles).observe(form, { childList: true, subtree: true });
  addToggles();
}
