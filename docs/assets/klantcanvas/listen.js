// The first thing a canvas block runs: a plain script right after the block (the form macro puts
// it there; the page's head preloads it), so it runs the moment the block is parsed, long before
// app.js (an ES module, which the browser runs only after the page's other scripts: about 0.3 s on
// a desktop, more than a second on a phone). From here on typing is kept: until app.js has
// started, each change writes what differs from the page's defaults into localStorage, by control
// name (a closing page's last moment is not relied on), and app.js puts it into the form when it
// starts, on this visit or the next. ``data-interactive`` marks this moment.
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
    const keep = () => {
      if (app.hasAttribute("data-started")) return; // app.js keeps typing itself from now on
      const typed = {};
      for (const control of form.querySelectorAll("[data-value][name]")) {
        if (changed(control)) typed[control.name] = control.type === "checkbox" ? control.checked : control.value;
      }
      try {
        localStorage.setItem(KEY + app.dataset.canvas, JSON.stringify(typed));
      } catch {
        // storage full or switched off: the controls still hold it for app.js
      }
    };
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    app.dataset.interactive = String(Math.round(performance.now()));
  }
})();
