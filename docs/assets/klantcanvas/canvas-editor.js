// The small editor over a drawn item: a text field, a text area, or a choice with the form
// control's own options, placed over the item's box. It writes into the form's control as typing
// there does (input events while typing, a change event when confirmed), so autosave, versions,
// tabs, the preview and undo behave the same. Enter or leaving it confirms; Escape puts the old
// value back. Only one is open at a time.

let current = null;
let uid = 0;

function controlFor(kind, control) {
  if (control.tagName === "SELECT") {
    const select = document.createElement("select");
    for (const option of control.options) select.append(new Option(option.text, option.value));
    return select;
  }
  const input = document.createElement(kind === "textarea" || control.tagName === "TEXTAREA" ? "textarea" : "input");
  if (input.tagName === "TEXTAREA") input.rows = 3;
  else Object.assign(input, { type: "text", autocomplete: "off" });
  if (control.maxLength > 0) input.maxLength = control.maxLength;
  return input;
}

// Opens the editor in ``host`` (a positioned element) over ``box`` ({left, top, width, height} in
// host pixels) for the form ``control``; ``onClose({changed})`` runs once it is gone.
export function openEditor({ host, box, kind, control, label, help, onClose }) {
  current?.cancel();
  const original = control.value;
  const id = `kc-canvas-editor-${++uid}`;
  const wrap = document.createElement("div");
  wrap.className = "kc-canvas-editor";
  wrap.dataset.canvasEditor = "";
  const caption = Object.assign(document.createElement("label"), { htmlFor: id, textContent: label });
  const note = Object.assign(document.createElement("p"), { id: `${id}-help`, className: "kc-hint", textContent: help });
  const input = controlFor(kind, control);
  input.id = id;
  input.value = original;
  input.setAttribute("aria-describedby", note.id);
  wrap.append(caption, input, note);
  Object.assign(wrap.style, {
    left: `${Math.max(0, box.left)}px`, top: `${Math.max(0, box.top)}px`,
    minWidth: `${Math.max(box.width, 200)}px`,
  });
  host.append(wrap);

  const write = (value) => {
    if (control.value === value) return;
    control.value = value;
    control.dispatchEvent(new Event("input", { bubbles: true }));
  };
  let done = false;
  function finish(confirmed) {
    if (done) return;
    done = true;
    current = null;
    if (!confirmed) write(original);
    const changed = confirmed && control.value !== original;
    if (changed) control.dispatchEvent(new Event("change", { bubbles: true }));
    wrap.remove();
    onClose?.({ changed });
  }

  input.addEventListener("input", () => write(input.value));
  input.addEventListener("change", () => write(input.value));
  input.addEventListener("keydown", (event) => {
    event.stopPropagation(); // the canvas's and the big view's own keys stay out of the editor
    if (event.key === "Escape") finish(false);
    else if (event.key === "Enter" && !(input.tagName === "TEXTAREA" && event.shiftKey)) finish(true);
    else return;
    event.preventDefault();
  });
  input.addEventListener("blur", () => finish(true));
  input.focus();
  input.select?.();
  current = { cancel: () => finish(false) };
  return current;
}
