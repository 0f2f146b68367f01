// The first thing a canvas block runs: a plain script right after the block (the form macro puts
// it there; the page's head preloads it), so it runs the moment the block is parsed, long before
// app.js (an ES module, which the browser runs only after the page's other scripts: about 0.3 s on
// a desktop, more than a second on a phone). From here on typing is kept: the controls hold it, and
// app.js keeps what differs from the page's defaults when it starts. Should the page close before
// that, what was typed is left in localStorage by control name, and app.js puts it back into the
// form on the next visit. ``data-interactive`` marks this moment.
(() => {
  const KEY = "klantcanvas:early:";
  const changed = (control) => {
    if (control.type === "checkbox") return control.checked !== control.defaultChecked;
    if (control.tagName === "SELECT") return [...control.options].some((o) => o.selected !== o.defaultSelected);
    return control.value !== control.defaultValue;
  };
  for (const app of document.querySelectorAll(".kc-app:not([data-interactive])")) {
    const form = app.querySelector("form[data-scope]");
    if (!form) continue;
    addEventListener("pagehide", () => {
      if (app.hasAttribute("data-started")) return; // app.js runs, and rescues typing itself
      const typed = {};
      for (const control of form.querySelectorAll("[data-value][name]")) {
        if (changed(control)) typed[control.name] = control.type === "checkbox" ? control.checked : control.value;
      }
      try {
        if (Object.keys(typed).length) localStorage.setItem(KEY + app.dataset.canvas, JSON.stringify(typed));
      } catch {
        // nothing more can be done while the page closes
      }
    });
    app.dataset.interactive = String(Math.round(performance.now()));
  }
})();
