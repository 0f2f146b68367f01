// 'Groot bekijken': the current preview in a dialog over the whole window, with zoom and pan by
// buttons, keyboard (+, −, 0, arrow keys), mouse wheel and dragging. Escape closes it (native
// <dialog>) and focus returns to the button that opened it.
//
// Public surface (setupViewer returns it; also used by canvas-edit.js and meant for reuse):
//   open()     show the current preview, fitted to the window
//   close()    close the dialog
//   isOpen()   whether it is open
//   refresh()  show the current preview again, keeping zoom and pan (after a redraw)
//   canvas     the element that holds the shown SVG; stage: the element around it
// ``onOpen`` (optional) runs after every open and refresh. Drawn items that can be edited
// (data-path, data-add) answer clicks and keys themselves: dragging and panning leave them alone.

const MIN = 0.5;
const MAX = 8;
const STEP = 1.25;

export function setupViewer(app, messages, onOpen = () => {}) {
  const dialog = app.querySelector("[data-viewer]");
  const opener = app.querySelector("[data-action=viewer-open]");
  const stage = dialog.querySelector("[data-viewer-stage]");
  const holder = dialog.querySelector("[data-viewer-canvas]");
  const level = dialog.querySelector("[data-viewer-level]");
  let scale = 1;
  let x = 0;
  let y = 0;

  function apply() {
    holder.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    level.textContent = messages.viewer_zoom_level.replace("{percent}", String(Math.round(scale * 100)));
  }

  function fit() {
    [scale, x, y] = [1, 0, 0];
    apply();
  }

  // Zoom around a point of the stage (its centre by default), so that point stays put.
  function zoom(factor, cx = stage.clientWidth / 2, cy = stage.clientHeight / 2) {
    const next = Math.min(MAX, Math.max(MIN, scale * factor));
    x = cx - ((cx - x) * next) / scale;
    y = cy - ((cy - y) * next) / scale;
    scale = next;
    apply();
  }

  function pan(dx, dy) {
    x += dx;
    y += dy;
    apply();
  }

  function show() {
    const svg = app.querySelector("[data-preview] svg");
    if (svg) holder.replaceChildren(svg.cloneNode(true));
    else holder.replaceChildren(Object.assign(document.createElement("p"), { className: "kc-preview-empty", textContent: messages.viewer_empty }));
  }

  function open() {
    show();
    dialog.showModal();
    fit();
    stage.focus();
    onOpen();
  }

  function refresh() {
    show();
    onOpen();
  }

  opener.addEventListener("click", open);
  dialog.addEventListener("close", () => opener.focus());
  dialog.querySelector("[data-viewer-close]").addEventListener("click", () => dialog.close());
  for (const button of dialog.querySelectorAll("[data-viewer-zoom]")) {
    const action = button.dataset.viewerZoom;
    button.addEventListener("click", () => (action === "fit" ? fit() : zoom(action === "in" ? STEP : 1 / STEP)));
  }

  stage.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? 200 : 50;
    const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) pan(...moves[event.key]);
    else if (event.key === "+" || event.key === "=") zoom(STEP);
    else if (event.key === "-" || event.key === "_") zoom(1 / STEP);
    else if (event.key === "0") fit();
    else return;
    event.preventDefault();
  });

  stage.addEventListener("wheel", (event) => {
    event.preventDefault();
    const box = stage.getBoundingClientRect();
    zoom(event.deltaY < 0 ? STEP : 1 / STEP, event.clientX - box.left, event.clientY - box.top);
  }, { passive: false });

  let drag = null;
  stage.addEventListener("pointerdown", (event) => {
    if (event.target.closest?.("[data-path], [data-add], [data-canvas-editor]")) return;
    drag = { id: event.pointerId, px: event.clientX, py: event.clientY };
    stage.setPointerCapture(event.pointerId);
  });
  stage.addEventListener("pointermove", (event) => {
    if (!drag || drag.id !== event.pointerId) return;
    pan(event.clientX - drag.px, event.clientY - drag.py);
    [drag.px, drag.py] = [event.clientX, event.clientY];
  });
  for (const type of ["pointerup", "pointercancel"]) stage.addEventListener(type, () => (drag = null));

  return { open, close: () => dialog.close(), isOpen: () => dialog.open, refresh, canvas: holder, stage };
}
