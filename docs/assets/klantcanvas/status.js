// What a canvas block tells the visitor: the status line (read out politely), the alert with the
// engine's words when it refuses something, and a warning with a way out when the browser will
// not save: the canvas as a file.
export function setupStatus(kc) {
  const { messages } = kc;
  const status = kc.$("[data-status]");
  const alertBox = kc.$("[data-alert]");

  const say = (text) => (status.textContent = text);
  const warn = (text) => {
    alertBox.textContent = text;
    alertBox.hidden = !text;
  };

  const storageBox = document.createElement("div");
  storageBox.className = "kc-alert kc-storage";
  storageBox.setAttribute("role", "alert");
  storageBox.hidden = true;
  const storageText = document.createElement("p");
  const storageButton = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: messages.storage_download });
  storageButton.addEventListener("click", () => kc.exportAs(kc.$("[data-export=json]"))); // works before Python is ready: it waits
  storageBox.append(storageText, storageButton);
  alertBox.after(storageBox);

  // After every attempt to store the canvases (Workspace's ``saved`` event).
  function saved(ok) {
    if (ok === !storageBox.hidden) {
      storageBox.hidden = ok;
      storageText.textContent = ok ? "" : messages.storage_failed;
    }
  }

  return { say, warn, saved, storageWorks: () => storageBox.hidden };
}
