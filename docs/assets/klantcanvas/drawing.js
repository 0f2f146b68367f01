// Puts a new drawing from the engine in place of the old one, changing only what changed: a
// keystroke alters one or two items, and replacing all of them would make the browser lay out
// every text again (about 11 ms for the largest example, against 2 ms for the changed ones).
// The SVG text is the engine's own (every user text escaped); the HTML parser of a <template>
// reads it faster than DOMParser, and scripts in a template never run.
const template = document.createElement("template");

export function drawSvg(holder, text) {
  template.innerHTML = text;
  const next = template.content.firstElementChild;
  const old = holder.firstElementChild;
  if (!next || !old || old.tagName !== next.tagName || holder.children.length !== 1) return holder.replaceChildren(...(next ? [next] : []));
  for (const { name } of [...old.attributes]) if (!next.hasAttribute(name)) old.removeAttribute(name);
  for (const { name, value } of next.attributes) if (old.getAttribute(name) !== value) old.setAttribute(name, value);
  const was = [...old.children];
  const now = [...next.children];
  if (was.length === now.length) { // the same items: swap the ones that differ
    now.forEach((item, n) => { if (!was[n].isEqualNode(item)) was[n].replaceWith(item); });
    return;
  }
  let first = 0; // items added or removed: keep what is equal at both ends, swap the middle
  while (first < was.length && first < now.length && was[first].isEqualNode(now[first])) first++;
  let endWas = was.length;
  let endNow = now.length;
  while (endWas > first && endNow > first && was[endWas - 1].isEqualNode(now[endNow - 1])) { endWas--; endNow--; }
  for (const item of was.slice(first, endWas)) item.remove();
  const middle = document.createDocumentFragment();
  middle.append(...now.slice(first, endNow));
  old.insertBefore(middle, was[endWas] ?? null);
}
