// The room screen's side panel: the QR code and short link for an "alone" step, the reveal (paste
// links or drop files from participants: the engine merges them, counts duplicates and offers
// near-duplicates), undo, the dot vote (on the big screen or by vote links) and the report.
import { fmt } from "./context.js";
import { save } from "./files.js";

const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, "0")).join("");

export function setupInbox(kc, ws, room) {
  const { m } = ws;
  const dialog = kc.$("[data-ws-room]");
  const $ = (selector) => dialog.querySelector(selector);
  const note = (text) => ($("[data-ws-note]").textContent = text);
  const el = (tag, { attrs = {}, ...props } = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };

  // Phones get a link (and its QR code): to write alone, or to vote once a vote runs.
  async function showInvite(step) {
    const box = $("[data-ws-invite]");
    box.hidden = !(step.alone || step.has_vote);
    if (box.hidden) return;
    const { meta } = await ws.call(step.alone ? "invite" : "vote_invite", { step: step.id });
    const link = `${location.href.split("#")[0]}#${meta.fragment}`;
    const anchor = Object.assign(document.createElement("a"), { href: link, textContent: link }); // made here: a link without an address is not a link
    anchor.dataset.wsLink = "";
    $("[data-ws-link-at]").replaceChildren(anchor);
    const { meta: qr } = await ws.call("qr", { link, label: step.title });
    $("[data-ws-qr]").innerHTML = qr.svg;
  }

  function showOffers() {
    const { state } = ws;
    $("[data-ws=undo]").disabled = !state.can_undo;
    $("[data-ws-offers]").replaceChildren(...state.offers.map((offer, index) => el("li", {}, fmt(m.offer, offer), " ",
      el("button", { type: "button", className: "md-button", textContent: m.offer_merge, onclick: () => change("accept_offer", { index }) }),
      el("button", { type: "button", className: "md-button", textContent: m.offer_keep, onclick: () => change("dismiss_offer", { index }) }))));
    $("[data-ws-counts]").replaceChildren(...state.counted.map((c) => el("li", { textContent: `${c.count}× ${c.text}${c.in ? ` (${c.in})` : ""}` })));
  }

  function showVote(step) {
    $("[data-ws-vote]").hidden = !step.vote;
    if (!step.vote) return;
    const vote = ws.session.votes?.[step.id];
    $("[data-ws-ballot]").hidden = !vote;
    if (vote) {
      $("[data-ws-ballot-items]").replaceChildren(...vote.items.map((item, index) => el("li", {}, el("label", {},
        `${item.text}${item.in ? ` (${item.in})` : ""} `,
        el("input", { type: "number", min: 0, max: vote.budget, value: 0, attrs: { "data-dot": index, "aria-label": fmt(m.dots_for, { item: item.text }) } })))));
    }
    $("[data-ws-tally]").replaceChildren(...step.tally.map((r) => el("li", { textContent: `${r.dots} · ${r.text}${r.in ? ` (${r.in})` : ""}` })));
  }

  function render() {
    const step = ws.state.step;
    showInvite(step).catch((error) => note(error.message));
    showOffers();
    showVote(step);
  }

  async function change(action, extra = {}) {
    try {
      const { meta } = await ws.call(action, extra);
      if (meta.undone) note(fmt(m.undone, { label: meta.undone }));
      room.render();
      return meta;
    } catch (error) {
      note(error.message);
      return null;
    }
  }

  // Each pasted line or dropped file is a contribution or a vote; each gets its own answer.
  async function reveal(texts) {
    const notes = [];
    for (const text of texts.map((t) => t.trim()).filter(Boolean)) {
      const isVote = /kcv1\.|"klantcanvas-vote"/.test(text);
      try {
        const { meta } = await ws.call(isVote ? "cast" : "merge", { text });
        notes.push(meta.message || (isVote ? fmt(m.vote_counted, { voters: Object.keys(ws.session.votes[ws.state.step.id]?.ballots || {}).length })
          : fmt(m.merged, { name: meta.name || "?", ...meta.merged })));
      } catch (error) {
        notes.push(error.message);
      }
    }
    note(notes.join(" "));
    room.render();
  }

  $("[data-ws=reveal]").addEventListener("click", () => {
    const field = $("[data-ws-paste]");
    reveal(field.value.split(/\n+/)).then(() => (field.value = ""));
  });
  const readFiles = (files) => Promise.all([...files].map((f) => f.text())).then(reveal);
  $("[data-ws-files]").addEventListener("change", (event) => readFiles(event.target.files).then(() => (event.target.value = "")));
  dialog.addEventListener("dragover", (event) => event.preventDefault());
  dialog.addEventListener("drop", (event) => {
    event.preventDefault();
    readFiles(event.dataTransfer.files);
  });
  $("[data-ws=undo]").addEventListener("click", () => change("undo"));

  $("[data-ws=vote-start]").addEventListener("click", () => change("vote_start", { step: ws.state.step.id, budget: Number($("[data-ws-budget]").value), vote: randomId() }));
  $("[data-ws=vote-cast]").addEventListener("click", async () => {
    const step = ws.state.step.id;
    const vote = ws.session.votes[step];
    const dots = [...dialog.querySelectorAll("[data-dot]")].map((input) => Math.max(0, Math.round(Number(input.value) || 0)));
    const ballot = { format: "klantcanvas-vote", version: 1, vote: vote.id, from: randomId(), canvas: kc.canvasId, step, dots };
    const meta = await change("cast", { ballot });
    if (meta) note(fmt(m.vote_counted, { voters: Object.keys(ws.session.votes[step].ballots).length }));
  });
  $("[data-ws=vote-accept]").addEventListener("click", () => change("vote_accept", { step: ws.state.step.id, top: Number($("[data-ws-top]").value) }));

  for (const fmtName of ["pdf", "md"]) {
    $(`[data-ws=report-${fmtName}]`).addEventListener("click", async () => {
      try {
        await ws.call("act", { do: "tick", remaining: ws.session.remaining });
        const { meta, body } = await ws.call("report", { format: fmtName });
        save(meta.filename, new Blob([body], { type: meta.mime }));
      } catch (error) {
        note(error.message);
      }
    });
  }

  return { render, note };
}
