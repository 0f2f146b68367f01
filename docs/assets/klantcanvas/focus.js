// Keeps keyboard focus when a list is rebuilt: the same control if it is still there, else a
// control of the same entry, else the first control of the list, else a fallback element.

export function rememberFocus(list) {
  const el = document.activeElement;
  if (!el || !list.contains(el)) return null;
  return { doc: el.dataset.doc, action: el.dataset.docAction };
}

export function restoreFocus(list, remembered, fallback) {
  if (!remembered || list.contains(document.activeElement)) return;
  const target =
    list.querySelector(`button[data-doc="${CSS.escape(remembered.doc || "")}"][data-doc-action="${CSS.escape(remembered.action || "")}"]`) ||
    list.querySelector(`button[data-doc="${CSS.escape(remembered.doc || "")}"]`) ||
    list.querySelector("button") ||
    fallback;
  target?.focus();
}
