// Workshop: the agenda on the guide page (minutes editable before starting, the total kept up to
// date), the running session kept per canvas in localStorage beside the canvas (so a reload loses
// nothing), and "Start workshop", which opens the room screen (room.js). A workshop link opened on
// a phone shows the participant's view instead (participant.js). Every rule lives in the engine
// (klantcanvas.workshop); this module only carries requests and stores what comes back.
import { fmt } from "./context.js";
import { setupParticipant } from "./participant.js";
import { setupRoom } from "./room.js";

// Actions whose answer may change the canvas itself: their data is written into the form.
const CHANGES_CANVAS = new Set(["merge", "undo", "accept_offer", "vote_accept"]);
// Actions whose answer may change the dots the drawing shows: the preview is drawn again.
const CHANGES_VOTES = new Set(["vote_start", "cast"]);

export function setupWorkshop(kc) {
  const block = kc.$("[data-ws-block]");
  if (!block) return {};
  const { messages: m } = JSON.parse(block.querySelector("[data-ws-data]").textContent);
  const key = () => `klantcanvas-workshop:${kc.canvasId}:${kc.workspace.state.active}`;
  const inputs = () => [...block.querySelectorAll("[data-ws-minutes]")];

  const ws = {
    m, session: null, state: null,
    load() {
      try {
        return JSON.parse(localStorage.getItem(key()) || "null");
      } catch {
        return null;
      }
    },
    store(session) {
      ws.session = session;
      try {
        localStorage.setItem(key(), JSON.stringify(session));
      } catch {
        /* storage full or off: the session still runs; kc warns about storage elsewhere */
      }
    },
    // One engine request; the answer's session is stored and its state kept for the room screen.
    async call(action, extra = {}) {
      await kc.engine.start();
      const answer = await kc.ask({ method: "workshop", action, data: kc.data(), session: ws.session, ...extra });
      const { meta } = answer;
      if (CHANGES_CANVAS.has(action) && meta.data) kc.load(meta.data);
      if (meta.state) {
        ws.state = meta.state;
        ws.store(meta.state.session);
      }
      if (CHANGES_VOTES.has(action)) kc.refresh();
      return answer;
    },
  };

  function total() {
    const minutes = inputs().reduce((sum, input) => sum + Math.max(1, Math.min(240, Number(input.value) || 0)), 0);
    block.querySelector("[data-ws-total]").textContent = fmt(m.total, { minutes });
  }
  block.addEventListener("input", (event) => event.target.matches("[data-ws-minutes]") && total());

  // A session that is running (or paused) shows its own minutes in the agenda.
  function showSession(session = ws.load()) {
    ws.session = session;
    if (!ws.session) return;
    for (const input of inputs()) input.value = ws.session.minutes?.[input.dataset.wsMinutes] ?? input.value;
    block.querySelector("[data-ws-name]").value = ws.session.name || "";
    total();
  }

  const room = setupRoom(kc, ws);
  block.querySelector("[data-ws=start]").addEventListener("click", async () => {
    try {
      if (!ws.session || ws.session.done || ws.session.remaining == null) {
        const minutes = Object.fromEntries(inputs().map((i) => [i.dataset.wsMinutes, Math.round(Number(i.value))]));
        await ws.call("plan", { minutes, name: block.querySelector("[data-ws-name]").value });
        await ws.call("act", { do: "start" });
      } else {
        await ws.call("state");
      }
      room.open();
    } catch (error) {
      kc.warn(error.message);
    }
  });

  showSession();
  setupParticipant(kc, ws);
  // The session travels with the canvas: every download and the report carry it, the drawing shows
  // its votes, and opening a file that holds one goes on with that session.
  return {
    workshopSession: () => ws.session,
    workshopVotes: () => (ws.session?.votes && Object.keys(ws.session.votes).length ? { votes: ws.session.votes } : undefined),
    restoreSession(session) {
      ws.store(session);
      showSession(session);
      kc.refresh();
    },
  };
}
