// The participant's view on a phone: a workshop link (#kcw1.…) opens a small full-screen form for
// one step ("touchpoints for phase …"), a vote link (#kcvi1.…) the items with a budget of dots.
// Both end in a link or small file to send to the facilitator ("Stuur naar facilitator"). The
// engine checks and packs everything; the page works offline once loaded (service worker).
import { fmt } from "./context.js";
import { save } from "./files.js";

const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, "0")).join("");

function participantId() {
  try {
    const id = localStorage.getItem("klantcanvas-participant") || randomId();
    localStorage.setItem("klantcanvas-participant", id);
    return id;
  } catch {
    return randomId();
  }
}

export function setupParticipant(kc, ws) {
  const { m } = ws;
  const view = kc.$("[data-ws-join]");
  const $ = (selector) => view.querySelector(selector);
  const list = $("[data-ws-join-items]");
  let invite = null;
  let made = null;

  function addItem(value = "") {
    const number = list.children.length + 1;
    const input = Object.assign(document.createElement("input"), { type: "text", value, maxLength: invite.max_length });
    input.setAttribute("aria-label", fmt(m.join_item, { label: invite.items_label, number }));
    const item = document.createElement("li");
    item.append(input);
    list.append(item);
    return input;
  }

  function addDots(item, index) {
    const input = Object.assign(document.createElement("input"), { type: "number", min: 0, max: invite.budget, value: 0 });
    input.dataset.dot = String(index);
    input.setAttribute("aria-label", fmt(m.dots_for, { item: item.text }));
    const label = Object.assign(document.createElement("label"), { textContent: `${item.text}${item.in ? ` (${item.in})` : ""} ` });
    label.append(input);
    const li = document.createElement("li");
    li.append(label);
    list.append(li);
  }

  const dots = () => [...list.querySelectorAll("[data-dot]")].map((i) => Math.max(0, Math.round(Number(i.value) || 0)));
  const say = (text) => ($("[data-ws-join-note]").textContent = text);

  async function open() {
    const fragment = location.hash.slice(1);
    const voting = fragment.startsWith("kcvi1.");
    if (!voting && !fragment.startsWith("kcw1.")) return;
    view.hidden = false;
    kc.app.dataset.joining = "";
    $("[data-ws-join-result]").hidden = true;
    $("[data-ws-join-link]").value = "";
    try {
      ({ meta: invite } = await ws.call(voting ? "read_vote_invite" : "read_invite", { fragment }));
    } catch (error) {
      return say(error.message);
    }
    invite.voting = voting;
    $("[data-ws-join-session]").textContent = invite.session;
    $("[data-ws-join-title]").textContent = invite.title;
    $("[data-ws-join-instruction]").textContent = voting ? fmt(m.join_budget, { left: invite.budget, budget: invite.budget }) : invite.instruction;
    $("[data-ws=join-add]").hidden = voting;
    $("[data-ws-join-parent]").hidden = voting || !invite.parent_label;
    $("[data-ws-join-parent-label]").textContent = invite.parent_label;
    list.replaceChildren();
    if (voting) invite.items.forEach(addDots);
    else for (let i = 0; i < 3; i += 1) addItem();
    $("[data-ws-join-title]").setAttribute("tabindex", "-1");
    $("[data-ws-join-title]").focus();
  }

  $("[data-ws=join-add]").addEventListener("click", () => addItem().focus());
  list.addEventListener("input", () => {
    if (invite?.voting) say(fmt(m.join_budget, { left: invite.budget - dots().reduce((a, b) => a + b, 0), budget: invite.budget }));
  });

  $("[data-ws-join-form]").addEventListener("submit", async (event) => {
    event.preventDefault();
    const parent = $("[data-ws-join-in]").value;
    const items = [...list.querySelectorAll("input[type=text]")].map((i) => i.value.trim()).filter(Boolean).map((text) => ({ text, in: parent }));
    if (!invite.voting && !items.length) return say(m.join_nothing);
    try {
      const request = invite.voting
        ? { action: "ballot", step: invite.step, vote: invite.vote, from: participantId(), dots: dots(), budget: invite.budget }
        : { action: "contribute", step: invite.step, id: randomId(), from: participantId(), name: $("[data-ws-join-name]").value, session_name: invite.session, items };
      ({ meta: made } = await ws.call(request.action, request));
    } catch (error) {
      return say(error.message);
    }
    say("");
    $("[data-ws-join-result]").hidden = false;
    const field = $("[data-ws-join-link]");
    field.value = `${location.href.split("#")[0]}#${made.fragment}`;
    field.select();
  });

  $("[data-ws=join-copy]").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText($("[data-ws-join-link]").value);
      say(m.join_copied);
    } catch {
      $("[data-ws-join-link]").select();
    }
  });
  $("[data-ws=join-file]").addEventListener("click", () => save(made.filename, new Blob([made.text], { type: "application/json" })));
  const share = $("[data-ws=join-share]");
  share.hidden = !navigator.share;
  share.addEventListener("click", () => navigator.share({ title: invite.title, url: $("[data-ws-join-link]").value }).catch(() => {}));

  open();
  addEventListener("hashchange", open);
}
