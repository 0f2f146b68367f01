// What the modules of one canvas block share (app.js wires them): its elements, the messages and
// data the form macro wrote into the page, the form's values and requests to the engine. Each
// module adds what it offers (say, show, renderWorkspace, ...) to this object, and modules call
// each other through it only when an event comes, so app.js may set them up in any order.
import { readScope } from "./form-state.js";

// An answer the engine gave in words for the user ({ok: false, message}).
export class Refused extends Error {}

export const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

// Dates and times in the page's language. One formatter per language and style: toLocaleString
// builds a new one on every call (about 20 ms each on a slow phone, once per saved canvas in
// "Mijn canvassen" and once per keystroke in the status line).
const formats = new Map();
export function formatDate(locale, date, options) {
  if (Number.isNaN(date.getTime())) return ""; // a damaged stored date: format() would throw
  const key = `${locale} ${JSON.stringify(options)}`;
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(locale, options));
  return formats.get(key).format(date);
}

export function canvasContext(app, engine) {
  const $ = (selector) => app.querySelector(selector);
  const embedded = (name) => JSON.parse($(`script[data-${name}]`).textContent);
  // Dates and times follow the page's locale (the form macro writes the catalogue's tag).
  const locale = app.dataset.locale || document.documentElement.lang || undefined;
  const form = $("form[data-scope]");
  const kc = {
    app, engine, $, form, locale,
    canvasId: app.dataset.canvas,
    messages: embedded("messages"),
    example: embedded("example"),
    contentRule: embedded("content"), // klantcanvas.fill.content_rule, for hasContent
    ready: false, // true once Python is ready
    data: () => readScope(form),
    options: () => ({ paper: $("[data-option=paper]").value, orientation: $("[data-option=orientation]").value }),
    when: (iso) => formatDate(locale, new Date(iso), { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }),
    // Sends a request; an answer in words ({ok: false}) becomes a Refused error with that message.
    async ask(request) {
      const answer = await engine.call({ canvas: kc.canvasId, ...request });
      if (answer.meta && answer.meta.ok === false) throw new Refused(answer.meta.message);
      return answer;
    },
  };
  return kc;
}
