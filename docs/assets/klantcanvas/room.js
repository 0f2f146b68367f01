// The room screen: the big view of the canvas with the current step, its instruction and a large
// countdown (pause, +1 minute, previous/next one key away). Time up is shown, and heard only when
// sound is on; the clock itself is not announced (aria-live off), only the step and "time is up".
// The clock's seconds are stored with the session at every tick, so a reload resumes the step.
import { fmt } from "./context.js";
import { setupInbox } from "./room-inbox.js";

const KEYS = { PageDown: "next", ArrowRight: "next", n: "next", PageUp: "previous", ArrowLeft: "previous", p: "previous", " ": "pause", "+": "add_minute" };

function clockText(seconds) {
  const s = Math.abs(seconds);
  return `${seconds < 0 ? "−" : ""}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function beep() {
  try {
    const audio = new AudioContext();
    const tone = Object.assign(audio.createOscillator(), { type: "sine" });
    tone.frequency.value = 660;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.6);
  } catch {
    /* no audio: the screen still says it */
  }
}

export function setupRoom(kc, ws) {
  const { m } = ws;
  const dialog = kc.$("[data-ws-room]");
  const $ = (selector) => dialog.querySelector(selector);
  const clock = $("[data-ws-clock]");
  const timeup = $("[data-ws-timeup]");
  let timer = null;

  // The drawing as the preview has it, with the current step's items marked (the rest dimmed).
  function showCanvas() {
    const svg = kc.app.querySelector("[data-preview] svg")?.cloneNode(true);
    svg?.querySelectorAll("[data-add]").forEach((button) => button.remove()); // the room's copy is not edited
    if (svg) markStep(svg, ws.state?.step);
    $("[data-ws-canvas]").replaceChildren(...(svg ? [svg] : []));
  }

  function markStep(svg, step) {
    const wanted = step ? [...step.fields, step.items].filter(Boolean) : [];
    const plain = (path) => path.split("/").filter((part) => !/^\d+$/.test(part)).join("/"); // "fases/2/…" → "fases/…"
    let any = false;
    for (const item of svg.querySelectorAll("[data-path]")) {
      const path = plain(item.dataset.path);
      const hit = wanted.some((field) => path === field || path.startsWith(`${field}/`));
      item.classList.toggle("kc-ws-step", hit);
      any ||= hit;
    }
    svg.classList.toggle("kc-ws-focus", any);
  }

  function highlight(fields) {
    for (const el of kc.form.querySelectorAll(".kc-ws-current")) el.classList.remove("kc-ws-current");
    for (const path of fields) kc.form.querySelector(`[data-field="${path.split("/")[0]}"]`)?.classList.add("kc-ws-current");
  }

  function tick() {
    const session = ws.session;
    if (!session?.running || session.remaining == null) return;
    session.remaining -= 1;
    ws.store(session);
    paintClock();
    if (session.remaining === 0) {
      timeup.textContent = m.time_up;
      if ($("[data-ws-sound]").checked) beep();
    }
  }

  function paintClock() {
    const { remaining, running } = ws.session;
    clock.textContent = clockText(remaining ?? 0);
    clock.dataset.over = String((remaining ?? 0) <= 0);
    clock.setAttribute("aria-label", remaining > 0 ? fmt(m.time_left, { minutes: Math.ceil(remaining / 60) }) : m.time_up);
    dialog.dataset.running = String(Boolean(running));
    $("[data-ws=pause]").textContent = running ? m.pause : m.resume;
  }

  function render() {
    const { state } = ws;
    const step = state.step;
    $("[data-ws-count]").textContent = fmt(m.step_count, { number: step.index + 1, count: state.agenda.length });
    $("[data-ws-step-title]").textContent = step.title;
    $("[data-ws-instruction]").textContent = step.instruction;
    timeup.textContent = ws.session.remaining <= 0 ? m.time_up : "";
    dialog.dataset.step = step.id;
    paintClock();
    highlight(step.fields);
    showCanvas();
    inbox.render();
  }

  async function act(action) {
    const before = ws.state?.step?.id;
    try {
      await ws.call("act", { do: action === "pause" ? (ws.session.running ? "pause" : "resume") : action, remaining: ws.session.remaining });
    } catch (error) {
      return inbox.note(error.message);
    }
    render();
    if (ws.state.step.id !== before) $("[data-ws-step-title]").focus();
  }

  const inbox = setupInbox(kc, ws, { render, showCanvas });

  for (const action of ["previous", "pause", "add_minute", "next"]) $(`[data-ws=${action}]`).addEventListener("click", () => act(action));
  $("[data-ws=close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    clearInterval(timer);
    highlight([]);
    kc.$("[data-ws=start]").focus();
  });
  dialog.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea, select") || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = KEYS[event.key];
    if (!action || (event.key === " " && event.target.closest("button"))) return;
    event.preventDefault();
    act(action);
  });
  // The canvas changes (a merge, a vote taken over): show the new drawing once the preview has it.
  new MutationObserver(() => dialog.open && showCanvas()).observe(kc.$("[data-preview]"), { childList: true, subtree: true }); // drawing.js swaps only the changed items

  function open() {
    render();
    if (!dialog.open) dialog.showModal();
    clearInterval(timer);
    timer = setInterval(tick, 1000);
    $("[data-ws-step-title]").focus();
  }

  return { open };
}
