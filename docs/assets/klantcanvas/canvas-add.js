// The "+" of every list and group on the drawing: a round button just after the last drawn entry
// of that list (found by path alone: items whose data-path starts with the list's path), that
// adds an entry and opens its editor (canvas-edit.js). Lists with nothing drawn yet, or full, get
// none: their form's own add button stays.
const SVG = "http://www.w3.org/2000/svg";

export function placeAddButtons(svg, points) {
  if (!svg) return;
  for (const old of svg.querySelectorAll("[data-add]")) old.remove();
  const [, , width, height] = svg.getAttribute("viewBox").split(" ").map(Number);
  const r = Math.max(width, height) / 110;
  const placed = [];
  const items = [...svg.querySelectorAll("[data-path]")];
  const boxOf = new Map(); // every box measured once, before anything is added (an append would make each next getBBox lay the drawing out again)
  const measure = (el) => boxOf.get(el) ?? boxOf.set(el, el.getBBox()).get(el);
  const buttons = [];
  for (const point of points) {
    if (point.full) continue;
    const prefix = `${point.path}/`;
    const drawn = items.filter((el) => el.dataset.path.startsWith(prefix));
    if (!drawn.length) continue;
    const entry = (el) => Number(el.dataset.path.slice(prefix.length).split("/")[0]);
    const last = Math.max(...drawn.map(entry));
    const boxes = drawn.filter((el) => entry(el) === last).map(measure);
    const x1 = Math.max(...boxes.map((b) => b.x + b.width));
    const y1 = Math.max(...boxes.map((b) => b.y + b.height));
    let cx = Math.min(width - r, x1 - r);
    const cy = Math.min(height - r, y1 + r * 0.6);
    while (placed.some(([x, y]) => Math.hypot(x - cx, y - cy) < 2.4 * r)) cx -= 2.6 * r; // never one "+" over another
    placed.push([cx, cy]);
    const order = Math.max(...drawn.map((el) => Number(el.dataset.order))) + 0.5;
    const g = document.createElementNS(SVG, "g");
    Object.entries({ "data-add": point.path, "data-order": String(order), class: "kc-add", role: "button", tabindex: "-1", "aria-label": point.label })
      .forEach(([name, value]) => g.setAttribute(name, value));
    const circle = document.createElementNS(SVG, "circle");
    Object.entries({ cx, cy, r, fill: "#1F5F8B", stroke: "#FFFFFF", "stroke-width": r / 6 }).forEach(([n, v]) => circle.setAttribute(n, v));
    const plus = document.createElementNS(SVG, "path");
    const a = r * 0.55;
    plus.setAttribute("d", `M${cx - a} ${cy}H${cx + a}M${cx} ${cy - a}V${cy + a}`);
    Object.entries({ stroke: "#FFFFFF", "stroke-width": r / 4, "stroke-linecap": "round" }).forEach(([n, v]) => plus.setAttribute(n, v));
    g.append(circle, plus); // named by aria-label: a <title> would be a second title in the drawing
    buttons.push(g);
  }
  svg.append(...buttons);
}
