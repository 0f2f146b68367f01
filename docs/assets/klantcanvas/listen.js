// The first thing a canvas block runs: a plain script right after the block's slot (the form
// macro puts it there). The block waits in a <template> until the visitor comes near it, so a
// reader who stays in the guide never lays the form out nor fetches its scripts, and a phone's
// first paint is that of the guide. It is built:
// - when the visitor comes within a screen of it;
// - at once when the address points at it (a share or workshop link, its heading, an anchor in it);
// - at the first Tab key, so a keyboard visitor's next stop can be the form;
// - at once when the page is reloaded or come back to, if it was built before in this tab.
// Built, the block takes typing at once (``data-interactive``): until app.js has started, each
// change writes what differs from the page's defaults into localStorage, by control name (a
// closing page's last moment is not relied on), and app.js puts it into the form when it starts, on
// this visit or the next. Then the glue's modules are asked for (the page's head holds them in a
// template), app.js the last.
// A returning visitor's Python starts as the block is built: Python was ready in this browser
// before (engine.js notes it), so its runtime is cached and starting costs no download, and the
// worker boots while the page's scripts load (engine.js takes it over, with what it said
// meanwhile: ``self.klantcanvasWorker``). A first visitor's starts when app.js decides (startup.js).
(() => {
  const HERE = document.currentScript.src;
  const PYTHON = "klantcanvas:python-was-ready";
  const KEY = "klantcanvas:early:";
  // canvas.css: on wide screens the navigation scrolls away with the guide on a canvas page
  document.documentElement.classList.add("kc-canvas-page");

  const changed = (control) => {
    if (control.type === "checkbox") return control.checked !== control.defaultChecked;
    if (control.tagName === "SELECT") return [...control.options].some((o) => o.selected !== o.defaultSelected);
    return control.value !== control.defaultValue;
  };
  const keepTyping = (app) => {
    const form = app.querySelector("form[data-scope]");
    if (!form) return;
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
  };

  const slots = [...document.querySelectorAll("[data-kc-slot]:not([data-kc-waiting])")];
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) build();
  }, { rootMargin: "100% 0px" });
  const onTab = (event) => event.key === "Tab" && build();
  const onHash = () => pointsIn() && build();
  // The heading the block follows ("Vul het canvas in"): an address pointing at it opens the page
  // at the canvas, built before the first paint, so nothing below it moves.
  const heading = (slot) => {
    let at = slot.previousElementSibling;
    while (at && !/^H[1-6]$/.test(at.tagName)) at = at.previousElementSibling;
    return at;
  };
  // An address whose fragment names the block's heading, or nothing in the guide: a share or
  // workshop link, or an anchor inside the block.
  const pointsIn = () => {
    let id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // not percent-encoded text: the fragment as it is
    }
    if (id === "") return false;
    const target = document.getElementById(id);
    return !target || slots.some((slot) => heading(slot) === target);
  };
  // Built once in this tab, the block is built at once when the page is reloaded or come back to,
  // so the browser can put the visitor back where they were in the form.
  const BUILT = `klantcanvas:built:${location.pathname}`;
  const returning = () => {
    try {
      const how = performance.getEntriesByType("navigation")[0]?.type;
      return (how === "reload" || how === "back_forward") && sessionStorage.getItem(BUILT) !== null;
    } catch {
      return false; // no sessionStorage: the visitor's place is found again when they come near
    }
  };
  const startPython = () => {
    try {
      if (self.klantcanvasWorker || localStorage.getItem(PYTHON) === null) return;
    } catch {
      return; // no localStorage: app.js starts Python
    }
    const early = { events: [] };
    try {
      early.worker = new Worker(new URL("worker.js", HERE), { type: "module" });
    } catch {
      return; // not here: the engine starts it, and says so if it cannot (the block is built still)
    }
    performance.mark("klantcanvas:worker");
    for (const type of ["message", "error"]) early.worker.addEventListener(type, (event) => early.events?.push(event));
    self.klantcanvasWorker = early;
  };
  function build() {
    try {
      sessionStorage.setItem(BUILT, "");
    } catch {
      // no sessionStorage: see returning()
    }
    observer.disconnect();
    removeEventListener("keydown", onTab, true);
    removeEventListener("hashchange", onHash);
    for (const slot of slots) {
      const block = slot.querySelector("template[data-kc-block]");
      if (!slot.isConnected || !block) continue;
      const apps = [...block.content.querySelectorAll(".kc-app")];
      slot.replaceWith(block.content);
      apps.forEach(keepTyping);
      if (apps.length) startPython();
    }
    const glue = document.querySelector("template[data-kc-glue]");
    if (glue) {
      glue.remove();
      document.head.append(glue.content.cloneNode(true)); // cloned scripts run; the template's do not
    }
  }

  for (const slot of slots) {
    slot.dataset.kcWaiting = "";
    observer.observe(slot);
  }
  addEventListener("keydown", onTab, true);
  addEventListener("hashchange", onHash);
  if (pointsIn() || returning()) build();
})();
