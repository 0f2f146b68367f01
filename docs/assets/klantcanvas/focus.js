// Keeps keyboard focus when a list is rebuilt: the same control if it is still there, else a
// control of the same entry, else the first control of the list, else a fallback element.
// Entries are named by a data attribute (``key``: data-doc, data-version) and each button's
// action by the same name plus "-action" (data-doc-action).

export function rememberFocus(list, key = "doc") {
  const el = document.activeElement;
  if (!el || !list.contains(el)) return null;
  return { key, entry: el.dataset[key], action: el.dataset[`${key}Action`] };
}

export function restoreFocus(list, remembered, fallback) {
  if (!remembered || list.contains(document.activeElement)) return;
  const entry = `button[data-${remembered.key}="${CSS.escape(remembered.entry || "")}"]`;
  const target =
    list.querySelector(`${entry}[data-${remembered.key}-action="${CSS.escape(remembered.action || "")}"]`) ||
    list.querySelector(entry) ||
    list.querySelector("button") ||
    fallback;
  target?.focus();
}
