// What a canvas block tells the visitor: the status line (read out politely), the alert with the
// engine's words when it refuses something, and a warning with a way out when the browser will
// not save ("Niet bewaard"): why, and the canvas as a file.
import { fmt } from "./context.js";
import { reasonOf } from "./store.js";

export function setupStatus(kc) {
  const { messages } = kc;
  const status = kc.$("[data-status]");
  const alertBox = kc.$("[data-alert]");

  const say = (text) => (status.textContent = text);
  const warn = (text) => {
    alertBox.textContent = text;
    alertBox.hidden = !text;
  };

  // "Niet bewaard": shown while the store refuses to keep the canvas, with the reason and the
  // canvas as a file; what was stored before stays as it was.
  const storageBox = document.createElement("div");
  storageBox.className = "kc-alert kc-storage";
  storageBox.setAttribute("role", "alert");
  storageBox.hidden = true;
  const storageTitle = Object.assign(document.createElement("strong"), { textContent: messages.storage_not_saved });
  const storageReason = document.createElement("p");
  const storageText = Object.assign(document.createElement("p"), { textContent: messages.storage_failed });
  const storageButton = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: messages.storage_download });
  storageButton.addEventListener("click", () => kc.exportAs(kc.$("[data-export=json]"))); // works before Python is ready: it waits
  storageBox.append(storageTitle, storageReason, storageText, storageButton);
  alertBox.after(storageBox);

  // After every attempt to store the canvases (Workspace's ``saved`` event).
  function saved(ok, error) {
    storageBox.hidden = ok;
    kc.app.toggleAttribute("data-unsaved", !ok);
    if (!ok) storageReason.textContent = fmt(messages[`storage_reason_${reasonOf(error)}`], { detail: error?.cause?.message || error?.message || "" });
  }

  return { say, warn, saved, storageWorks: () => storageBox.hidden };
}
