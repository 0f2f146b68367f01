// Puts a new drawing from the engine in place of the old one, changing only what changed: a
// keystroke alters one or two items, and replacing all of them would make the browser lay out
// every text again (about 11 ms for the largest example, against 2 ms for the changed ones).
// The engine writes each element inside the <svg> on a line of its own (klantcanvas.render.svg),
// so the lines are compared as text with the last drawing's, and only the changed lines are
// parsed: parsing the whole drawing took more time than the rest of the page's part together.
// The SVG text is the engine's own (every user text escaped); the HTML parser of a <template>
// reads it faster than DOMParser, and scripts in a template never run.
const template = document.createElement("template");
const shown = new WeakMap(); // holder -> the lines of the drawing in it, while they match its elements

export function drawSvg(holder, text) {
  const lines = text.split("\n");
  const before = shown.get(holder);
  shown.delete(holder);
  const old = holder.firstElementChild;
  const fits = before && old && holder.children.length === 1 && old.childElementCount === before.length - 2;
  if (!(fits && lines.length > 2 && swapLines(old, before, lines))) drawAll(holder, text);
  if (holder.firstElementChild?.childElementCount === lines.length - 2) shown.set(holder, lines);
}

// Only the lines that differ from the last drawing's; false (nothing changed yet) when a line does
// not hold exactly one element.
function swapLines(old, before, lines) {
  if (lines[0] !== before[0]) { // the <svg> element itself: its size or its name
    template.innerHTML = `${lines[0]}</svg>`;
    const next = template.content.firstElementChild;
    if (!next) return false;
    copyAttributes(old, next);
  }
  const was = before.slice(1, -1);
  const now = lines.slice(1, -1);
  const items = [...old.children];
  if (was.length === now.length) { // the same items: swap the ones that differ
    const changed = now.flatMap((line, n) => (line === was[n] ? [] : [n]));
    const fresh = parse(lines[0], changed.map((n) => now[n]));
    if (!fresh) return false;
    changed.forEach((n, k) => items[n].replaceWith(fresh[k]));
    return true;
  }
  const [first, endWas, endNow] = middle(was, now, (a, b) => a === b);
  const fresh = parse(lines[0], now.slice(first, endNow));
  if (!fresh) return false;
  swapMiddle(old, items, first, endWas, fresh);
  return true;
}

// The elements of the given lines, parsed together; null when a line does not hold one element.
function parse(open, some) {
  template.innerHTML = `${open}\n${some.join("\n")}\n</svg>`;
  const svg = template.content.firstElementChild;
  return svg && svg.childElementCount === some.length ? [...svg.children] : null;
}

// The whole drawing parsed; the items equal to what is shown are kept (the first drawing, or one
// whose lines are not known).
function drawAll(holder, text) {
  template.innerHTML = text;
  const next = template.content.firstElementChild;
  const old = holder.firstElementChild;
  if (!next || !old || old.tagName !== next.tagName || holder.children.length !== 1) return holder.replaceChildren(...(next ? [next] : []));
  copyAttributes(old, next);
  const was = [...old.children];
  const now = [...next.children];
  if (was.length === now.length) {
    now.forEach((item, n) => { if (!was[n].isEqualNode(item)) was[n].replaceWith(item); });
    return;
  }
  const [first, endWas, endNow] = middle(was, now, (a, b) => a.isEqualNode(b));
  swapMiddle(old, was, first, endWas, now.slice(first, endNow));
}

function copyAttributes(old, next) {
  for (const { name } of [...old.attributes]) if (!next.hasAttribute(name)) old.removeAttribute(name);
  for (const { name, value } of next.attributes) if (old.getAttribute(name) !== value) old.setAttribute(name, value);
}

// Items added or removed: what is equal at both ends stays; [first, endWas) of ``was`` gives way
// to [first, endNow) of ``now``.
function middle(was, now, equal) {
  let first = 0;
  while (first < was.length && first < now.length && equal(was[first], now[first])) first++;
  let endWas = was.length;
  let endNow = now.length;
  while (endWas > first && endNow > first && equal(was[endWas - 1], now[endNow - 1])) { endWas--; endNow--; }
  return [first, endWas, endNow];
}

function swapMiddle(svg, items, first, endWas, fresh) {
  for (const item of items.slice(first, endWas)) item.remove();
  const fragment = document.createDocumentFragment();
  fragment.append(...fresh);
  svg.insertBefore(fragment, items[endWas] ?? null);
}
