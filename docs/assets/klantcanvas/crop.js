// The crop dialog for the persona's photo: a square window over the (already upright) picture,
// moved by dragging or the arrow keys and zoomed by the slider, + and −, or the mouse wheel. "Use
// this photo" draws the square onto a canvas of at most maxSide pixels and encodes it as a JPEG
// under maxBytes, stepping the quality down; a canvas writes no EXIF, GPS or serial, ever.
const VIEW = 320; // the square's size on screen, in CSS pixels
const MAX_ZOOM = 4;
const QUALITIES = [0.88, 0.8, 0.72, 0.64, 0.56, 0.48, 0.4];

// A JPEG of the square ``crop`` (source pixels) of ``image``, as a Blob under maxBytes.
export async function encodeSquare(image, crop, maxSide, maxBytes) {
  let side = Math.min(maxSide, Math.round(crop.size));
  for (;;) {
    const canvas = Object.assign(document.createElement("canvas"), { width: side, height: side });
    const g = canvas.getContext("2d");
    g.fillStyle = "#FFFFFF"; // a transparent PNG becomes white, not black
    g.fillRect(0, 0, side, side);
    g.imageSmoothingQuality = "high";
    g.drawImage(image, crop.x, crop.y, crop.size, crop.size, 0, 0, side, side);
    for (const quality of QUALITIES) {
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
      if (blob && blob.size <= maxBytes) return { blob, side };
    }
    side = Math.round(side * 0.8);
  }
}

export const blobToDataUrl = (blob) =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

function element(tag, props = {}, ...children) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

// Opens the dialog over ``image`` (an ImageBitmap); resolves with the square to keep, in source
// pixels ({x, y, size}), or null when the visitor cancels. Focus returns to ``opener``.
export function cropDialog(image, messages, opener) {
  const { width, height } = image;
  const base = Math.min(width, height); // zoom 1: the whole short side fits the square
  let zoom = 1;
  let cx = width / 2;
  let cy = height / 2;

  const canvas = element("canvas", { width: VIEW * devicePixelRatio, height: VIEW * devicePixelRatio, className: "kc-crop-canvas" });
  const help = element("p", { className: "kc-hint", id: `kc-crop-help-${Date.now()}`, textContent: messages.photo_crop_help });
  const stage = element("div", { className: "kc-crop-stage", tabIndex: 0 }, canvas);
  stage.setAttribute("role", "application");
  stage.setAttribute("aria-label", messages.photo_crop_area);
  stage.setAttribute("aria-describedby", help.id);
  stage.dataset.cropStage = "";
  const slider = element("input", { type: "range", min: "1", max: String(MAX_ZOOM), step: "0.05", value: "1", id: `${help.id}-zoom` });
  slider.dataset.cropZoom = "";
  const use = element("button", { type: "button", className: "md-button md-button--primary", textContent: messages.photo_use });
  use.dataset.cropUse = "";
  const cancel = element("button", { type: "button", className: "md-button", textContent: messages.photo_cancel });
  const heading = element("h2", { textContent: messages.photo_crop_title, id: `${help.id}-title` });
  const dialog = element(
    "dialog",
    { className: "kc-crop" },
    heading,
    help,
    stage,
    element("p", { className: "kc-crop-zoom" }, element("label", { htmlFor: slider.id, textContent: messages.photo_zoom }), slider),
    element("div", { className: "kc-toolbar" }, use, cancel),
  );
  dialog.setAttribute("aria-labelledby", heading.id);
  dialog.dataset.photoCrop = "";

  const side = () => base / zoom; // the square's size in source pixels
  function clamp() {
    const half = side() / 2;
    cx = Math.min(width - half, Math.max(half, cx));
    cy = Math.min(height - half, Math.max(half, cy));
  }
  function draw() {
    clamp();
    const g = canvas.getContext("2d");
    const s = side();
    g.clearRect(0, 0, canvas.width, canvas.height);
    g.drawImage(image, cx - s / 2, cy - s / 2, s, s, 0, 0, canvas.width, canvas.height);
    g.strokeStyle = "rgba(255,255,255,.9)";
    g.lineWidth = 2 * devicePixelRatio;
    g.beginPath();
    g.arc(canvas.width / 2, canvas.height / 2, canvas.width / 2 - g.lineWidth, 0, 2 * Math.PI);
    g.stroke(); // the circle the canvas shows; the corners are kept too
    slider.value = String(zoom);
    dialog.dataset.crop = JSON.stringify(crop());
  }
  const crop = () => ({ x: Math.round(cx - side() / 2), y: Math.round(cy - side() / 2), size: Math.round(side()) });
  const setZoom = (value) => {
    zoom = Math.min(MAX_ZOOM, Math.max(1, value));
    draw();
  };
  // A move of (dx, dy) screen pixels drags the picture along (the square goes the other way).
  const move = (dx, dy) => {
    cx -= (dx * side()) / VIEW;
    cy -= (dy * side()) / VIEW;
    draw();
  };

  stage.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? 40 : 10;
    const keys = {
      ArrowLeft: () => move(step, 0), ArrowRight: () => move(-step, 0), ArrowUp: () => move(0, step), ArrowDown: () => move(0, -step),
      "+": () => setZoom(zoom * 1.1), "=": () => setZoom(zoom * 1.1), "-": () => setZoom(zoom / 1.1), "0": () => setZoom(1),
    };
    if (!keys[event.key]) return;
    event.preventDefault();
    keys[event.key]();
  });
  stage.addEventListener("wheel", (event) => {
    event.preventDefault();
    setZoom(zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1));
  }, { passive: false });
  stage.addEventListener("pointerdown", (event) => {
    stage.setPointerCapture(event.pointerId);
    let last = [event.clientX, event.clientY];
    const drag = (e) => {
      move(e.clientX - last[0], e.clientY - last[1]);
      last = [e.clientX, e.clientY];
    };
    stage.addEventListener("pointermove", drag);
    stage.addEventListener("pointerup", () => stage.removeEventListener("pointermove", drag), { once: true });
  });
  slider.addEventListener("input", () => setZoom(Number(slider.value)));

  return new Promise((resolve) => {
    let result = null;
    use.addEventListener("click", () => {
      result = crop();
      dialog.close();
    });
    cancel.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      opener?.focus();
      resolve(result);
    });
    (opener?.closest(".kc-app") || document.body).append(dialog);
    dialog.showModal();
    draw();
    stage.focus();
  });
}
