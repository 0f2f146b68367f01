// The 'Tekstversie' under the preview: what is on the canvas as headings, paragraphs, lists and
// tables, from the engine's reading-order outline (the same blocks as the Markdown export).
// It is only computed while the <details> is open, and refreshed with every preview.

function element(tag, text, className) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function lines(tag, texts) {
  const el = element(tag);
  texts.forEach((text, index) => {
    if (index) el.append(element("br"));
    el.append(text);
  });
  return el;
}

// Heading levels continue below the heading that the canvas block sits under.
function baseLevel(app) {
  const headings = [...document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-content h4")]
    .filter((h) => h.compareDocumentPosition(app) & Node.DOCUMENT_POSITION_FOLLOWING);
  return headings.length ? Number(headings.at(-1).tagName[1]) : 1;
}

function render(blocks, base) {
  return blocks.map((block) => {
    if (block.type === "heading") return element(`h${Math.min(6, base + block.level)}`, block.text);
    if (block.type === "paragraph") return lines("p", block.lines);
    if (block.type === "empty" || block.type === "note") return element("p", block.text, "kc-hint");
    if (block.type === "label") return element("p", block.text, "kc-text-label");
    if (block.type === "bullets") {
      const ul = element("ul");
      for (const item of block.items) {
        const li = element("li");
        if (item.label) li.append(element("strong", item.label.match(/[?:!]$/) ? item.label : `${item.label}:`), " ");
        item.paragraphs.forEach((paragraph, index) => li.append(index ? lines("p", paragraph) : lines("span", paragraph)));
        if (item.children.length) {
          const sub = element("ul");
          for (const child of item.children) sub.append(element("li", child));
          li.append(sub);
        }
        ul.append(li);
      }
      return ul;
    }
    // a table
    const table = element("table");
    const head = table.createTHead().insertRow();
    for (const text of block.headers) head.append(Object.assign(element("th", text), { scope: "col" }));
    const body = table.createTBody();
    for (const row of block.rows) {
      const tr = body.insertRow();
      for (const text of row) tr.insertCell().textContent = text;
    }
    return table;
  });
}

export function setupTextVersion(app, fetchBlocks) {
  const details = app.querySelector("[data-text-version]");
  const body = details.querySelector("[data-text-version-body]");
  let seq = 0;

  async function refresh() {
    if (!details.open) return;
    const mine = ++seq;
    const { meta } = await fetchBlocks();
    if (mine !== seq) return;
    body.replaceChildren(...render(meta.blocks, baseLevel(app)));
    app.dataset.textVersion = String(mine);
  }

  details.addEventListener("toggle", () => refresh().catch(() => {}));
  return { refresh: () => refresh().catch(() => {}) };
}
