// Downloads and "Kopieer als Markdown": the engine makes each file and says in its answer how the
// browser finishes it (files.js); the buttons, one per format the form macro lists, are usable
// once Python is ready and say when they are busy without losing keyboard focus.
import { Refused, fmt } from "./context.js";
import { finished, save } from "./files.js";

export function setupDownloads(kc) {
  const { messages } = kc;
  const buttons = () => kc.app.querySelectorAll("[data-export], [data-action=copy-markdown]");

  const copyButton = kc.$("[data-action=copy-markdown]");
  copyButton.addEventListener("click", async () => {
    try {
      const { body } = await kc.ask({ method: "export", data: kc.data(), format: copyButton.dataset.copyFormat, ...kc.options() });
      await navigator.clipboard.writeText(new TextDecoder().decode(body));
      kc.say(messages.copied_markdown);
    } catch (error) {
      kc.warn(error instanceof Refused ? error.message : messages.copy_failed);
    }
  });

  async function exportAs(button) {
    if (button.getAttribute("aria-disabled") === "true") return; // busy; not `disabled`, which would drop focus
    const label = button.dataset.formatLabel || button.dataset.export;
    kc.say(fmt(messages.busy, { format: label }));
    button.setAttribute("aria-disabled", "true");
    try {
      const started = performance.now();
      const answer = await kc.ask({
        method: "export", data: kc.data(), format: button.dataset.export, saved_at: new Date().toISOString(), ...kc.options(),
        session: kc.workshopSession?.(),
      });
      save(answer.meta.filename, await finished(answer));
      button.dataset.ms = String(Math.round(performance.now() - started));
      kc.say(messages.status_ready);
    } catch (error) {
      kc.warn(error instanceof Refused ? error.message : fmt(messages.export_failed, { format: label, reason: error.message }));
    } finally {
      button.removeAttribute("aria-disabled");
      button.disabled = !kc.ready;
    }
  }
  for (const button of kc.app.querySelectorAll("[data-export]")) button.addEventListener("click", () => exportAs(button));

  const enableDownloads = () => buttons().forEach((button) => (button.disabled = false));
  return { exportAs, enableDownloads };
}
