// Page glue for a canvas block: autosave, entries, workspace, preview, downloads, share links.
// The form works and saves before Python is ready, and Python starts only when the visitor comes
// near the canvas (engine.js); everything computed comes from the engine in worker.js. Dutch texts
// come from the page (klantcanvas/i18n/nl.toml via the form macro).
import { Engine, runtimeCached } from "./engine.js";
import { finished, save } from "./files.js";
import { addItem, applyConditions, hasContent, readScope, renumber, writeScope } from "./form-state.js";
import { Workspace } from "./workspace.js";
import { setupTextVersion } from "./text-version.js";
import { setupViewer } from "./viewer.js";
import { rememberFocus, restoreFocus } from "./focus.js";

const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

// An answer the engine gave in words for the user ({ok: false, message}).
class Refused extends Error {}

// Starts Python when the visitor comes within about a screen of the canvas, points at it, focuses
// it or presses one of its buttons; at once for a returning visitor whose runtime is cached.
function startWhenNear(app, engine) {
  const start = () => engine.start();
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      observer.disconnect();
      start();
    }
  }, { rootMargin: "100% 0px" });
  observer.observe(app);
  for (const type of ["focusin", "pointerover", "pointerdown"]) app.addEventListener(type, start, { once: true });
  if (location.hash.slice(1).startsWith(app.dataset.sharePrefix)) start();
  runtimeCached().then((cached) => cached && start());
}

function setupCanvas(app, engine) {
  const canvasId = app.dataset.canvas;
  // Dates and times follow the page's locale (the form macro writes the catalogue's tag).
  const locale = app.dataset.locale || document.documentElement.lang || undefined;
  const messages = JSON.parse(app.querySelector("script[data-messages]").textContent);
  const example = JSON.parse(app.querySelector("script[data-example]").textContent);
  const contentRule = JSON.parse(app.querySelector("script[data-content]").textContent);
  const form = app.querySelector("form[data-scope]");
  const status = app.querySelector("[data-status]");
  const alertBox = app.querySelector("[data-alert]");
  const preview = app.querySelector("[data-preview]");
  const list = app.querySelector("[data-workspace-list]");
  const $ = (selector) => app.querySelector(selector);
  let ready = false;
  let previewSeq = 0;
  let previews = 0;
  let timer;

  const say = (text) => (status.textContent = text);
  const warn = (text) => {
    alertBox.textContent = text;
    alertBox.hidden = !text;
  };
  const data = () => readScope(form);
  const options = () => ({ paper: $("[data-option=paper]").value, orientation: $("[data-option=orientation]").value });
  const when = (iso) => new Date(iso).toLocaleString(locale, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

  // Sends a request; an answer in words ({ok: false}) becomes a Refused error with that message.
  async function ask(request) {
    const answer = await engine.call({ canvas: canvasId, ...request });
    if (answer.meta && answer.meta.ok === false) throw new Refused(answer.meta.message);
    return answer;
  }

  // ---- storage: warn when the browser will not save, offer the file instead ----
  const storageBox = document.createElement("div");
  storageBox.className = "kc-alert kc-storage";
  storageBox.setAttribute("role", "alert");
  storageBox.hidden = true;
  const storageText = document.createElement("p");
  const storageButton = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: messages.storage_download });
  storageButton.addEventListener("click", () => exportAs($("[data-export=json]"))); // works before Python is ready: it waits
  storageBox.append(storageText, storageButton);
  alertBox.after(storageBox);

  function saved(ok) {
    if (ok === !storageBox.hidden) {
      storageBox.hidden = ok;
      storageText.textContent = ok ? "" : messages.storage_failed;
    }
  }

  // ---- several tabs: another tab's change to this method's canvases arrives here ----
  function changedElsewhere(previous) {
    const before = previous.docs[previous.active];
    const now = workspace.current;
    if (previous.active !== workspace.state.active || !before) show(now);
    else {
      const keys = Object.keys(now.data || {}).filter((key) => JSON.stringify(now.data[key]) !== JSON.stringify(before.data?.[key]));
      if (keys.length) {
        writeScope(form, now.data, messages, keys);
        applyConditions(form);
        schedulePreview(0);
      }
    }
    renderWorkspace();
  }

  const workspace = new Workspace(canvasId, messages.workspace_default_name, { saved, changed: changedElsewhere });

  function persist() {
    workspace.update(data(), options());
    // Update the open canvas's time in place: rebuilding the list here would swap a button
    // away between mousedown and click when a field loses focus.
    const hint = list.querySelector(".kc-doc-active .kc-hint");
    if (hint) hint.textContent = `${messages.workspace_active} · ${fmt(messages.workspace_changed, { when: when(workspace.current.changed) })}`;
    if (ready && storageBox.hidden) say(`${messages.status_saved} (${new Date().toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" })}).`);
  }

  async function refresh() {
    if (!ready) return;
    const seq = ++previewSeq;
    const started = performance.now();
    let meta;
    try {
      ({ meta } = await ask({ method: "preview", data: data(), ...options() }));
    } catch (error) {
      if (seq === previewSeq) warn(error.message);
      return;
    }
    if (seq !== previewSeq) return; // a newer preview is on its way
    app.dataset.overflow = meta.overflow.join(" ");
    const svg = new DOMParser().parseFromString(meta.svg, "image/svg+xml").documentElement;
    preview.replaceChildren(document.importNode(svg, true));
    preview.dataset.ms = String(Math.round(performance.now() - started));
    textVersion.refresh();
    if (++previews === 1) engine.prefetch(); // the other wheels, while the visitor reads the preview
  }

  function schedulePreview(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }

  // The PDF library takes a moment to import; do that once the user pauses, never mid-typing.
  let warmTimer;
  let warmed = false;
  function warmWhenIdle() {
    clearTimeout(warmTimer);
    if (warmed) return;
    warmTimer = setTimeout(() => {
      if (!ready || warmed) return;
      warmed = true;
      ask({ method: "warm" }).catch(() => (warmed = false));
    }, 6000);
  }

  function changed() {
    applyConditions(form);
    persist();
    schedulePreview(150);
    warmWhenIdle();
  }

  function show(doc) {
    writeScope(form, doc.data, messages);
    applyConditions(form);
    for (const [name, value] of Object.entries(doc.options || {})) {
      const select = $(`[data-option=${name}]`);
      if (select && [...select.options].some((o) => o.value === value)) select.value = value;
    }
    schedulePreview(0);
  }

  function load(values) {
    writeScope(form, values, messages);
    changed();
  }

  // ---- reading the canvas: Groot bekijken, Tekstversie ----
  setupViewer(app, messages);
  const textVersion = setupTextVersion(app, () => ask({ method: "text_version", data: data() }));

  // ---- Mijn canvassen ----
  function renderWorkspace() {
    const focused = rememberFocus(list); // a rebuilt list must not drop keyboard focus
    $("[data-workspace-current]").textContent = workspace.current.name;
    list.replaceChildren(
      ...workspace.list().map((doc) => {
        const li = document.createElement("li");
        li.className = doc.active ? "kc-doc kc-doc-active" : "kc-doc";
        li.dataset.doc = doc.id;
        const name = Object.assign(document.createElement("span"), { className: "kc-doc-name", textContent: doc.name });
        const meta = Object.assign(document.createElement("span"), {
          className: "kc-hint",
          textContent: `${doc.active ? messages.workspace_active + " · " : ""}${fmt(messages.workspace_changed, { when: when(doc.changed) })}`,
        });
        li.append(name, meta);
        for (const [action, label] of [["open", messages.workspace_open], ["rename", messages.workspace_rename], ["duplicate", messages.workspace_duplicate], ["delete", messages.workspace_delete]]) {
          if (action === "open" && doc.active) continue;
          const button = Object.assign(document.createElement("button"), { type: "button", className: "kc-remove", textContent: label });
          button.dataset.doc = doc.id;
          button.dataset.docAction = action;
          button.setAttribute("aria-label", fmt(messages.workspace_action_name, { action: label, name: doc.name }));
          li.append(button);
        }
        return li;
      }),
    );
    restoreFocus(list, focused, $("[data-action=new]"));
  }

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-doc-action]");
    if (!button) return;
    const { doc: id, docAction: action } = button.dataset;
    const doc = workspace.state.docs[id];
    if (!doc) return renderWorkspace(); // deleted in another tab a moment ago
    if (action === "open") {
      workspace.open(id);
      show(workspace.current);
    } else if (action === "rename") {
      const name = prompt(messages.workspace_name_prompt, doc.name);
      if (name && name.trim()) workspace.rename(id, name.trim());
    } else if (action === "duplicate") {
      workspace.add(fmt(messages.workspace_copy_name, { name: doc.name }), structuredClone(doc.data), doc.options);
      show(workspace.current);
    } else if (action === "delete") {
      if (!confirm(fmt(messages.workspace_delete_confirm, { name: doc.name }))) return;
      const wasActive = workspace.state.active === id;
      workspace.remove(id);
      if (wasActive) show(workspace.current);
    }
    renderWorkspace();
  });

  $("[data-action=new]").addEventListener("click", () => {
    const name = prompt(messages.workspace_name_prompt, `${messages.workspace_default_name} ${workspace.list().length + 1}`);
    if (name === null) return;
    workspace.add(name.trim() || messages.workspace_default_name);
    show(workspace.current);
    renderWorkspace();
  });

  $("[data-action=export-all]").addEventListener("click", async () => {
    try {
      const { meta, body } = await ask({ method: "export_all", canvases: Workspace.everything(), saved_at: new Date().toISOString() });
      save(meta.filename, new Blob([body], { type: meta.mime }));
    } catch (error) {
      warn(error.message);
    }
  });

  const importAll = $("input[data-action=import-all]");
  importAll.addEventListener("change", async () => {
    const file = importAll.files[0];
    importAll.value = "";
    if (!file) return;
    try {
      const { meta } = await ask({ method: "import_all", text: await file.text() });
      if (!Workspace.addAll(meta.canvases)) return warn(messages.storage_failed);
      warn("");
      workspace.pull();
      renderWorkspace();
      say(fmt(messages.workspace_imported, { count: meta.canvases.length }));
    } catch (error) {
      warn(error.message);
    }
  });

  // ---- linked canvases: what this browser already holds for another method ----
  function fillSuggestions() {
    for (const datalist of app.querySelectorAll("datalist[data-suggest-source]")) {
      const [source, ...path] = datalist.dataset.suggestSource.split("/");
      const values = Workspace.valuesOf(source, path).map((value) => Object.assign(document.createElement("option"), { value }));
      datalist.replaceChildren(...values);
    }
  }
  fillSuggestions();
  form.addEventListener("focusin", (event) => event.target.list && fillSuggestions());

  // ---- the form ----
  show(workspace.current);
  renderWorkspace();
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const select of app.querySelectorAll("[data-option]")) select.addEventListener("change", changed);

  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const field = button.closest("[data-field]");
    if (button.dataset.action === "add") {
      const li = addItem(field, messages);
      applyConditions(li);
      li.querySelector("[data-value]").focus();
    } else {
      const li = button.closest("[data-item]");
      const items = li.parentElement;
      if (button.dataset.action === "up" && li.previousElementSibling) {
        items.insertBefore(li, li.previousElementSibling);
        renumber(field, messages);
        const up = li.querySelector("[data-action=up]");
        (up.disabled ? li.querySelector("[data-value]") : up).focus();
      } else if (button.dataset.action === "remove") {
        const neighbour = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        const nestedGroup = field.dataset.kind === "group" && field.parentElement.closest("[data-item]");
        if (!items.children.length && !nestedGroup) addItem(field, messages);
        renumber(field, messages);
        const next = neighbour || items.firstElementChild;
        (next ? next.querySelector("[data-value]") : field.querySelector("[data-action=add]")).focus();
      }
    }
    changed();
  });

  $("[data-action=example]").addEventListener("click", () => {
    if (hasContent(contentRule, data()) && !confirm(messages.example_confirm)) return;
    load(example);
    warn("");
    say(messages.example_loaded);
  });

  $("[data-action=clear]").addEventListener("click", () => {
    if (!confirm(messages.clear_confirm)) return;
    load(null);
    warn("");
    say(messages.cleared);
  });

  const fileInput = $("input[data-action=import]");
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    const tooLarge = file.size > Number(app.dataset.maxBytes); // the engine words the message
    try {
      const text = tooLarge ? "" : await file.text();
      const { meta } = await ask({ method: "import", text, size: file.size });
      warn("");
      load(meta.data);
      say(fmt(messages.imported, { name: file.name }));
    } catch (error) {
      warn(error.message);
    }
  });

  // ---- share, print, copy ----
  $("[data-action=share]").addEventListener("click", async () => {
    const pageUrl = location.href.split("#")[0];
    let meta;
    try {
      ({ meta } = await ask({ method: "share", data: data(), page_url: pageUrl }));
    } catch (error) {
      return warn(error.message);
    }
    const url = `${pageUrl}#${meta.fragment}`;
    $("[data-share]").hidden = false;
    const field = $("[data-share-url]");
    field.value = url;
    field.select();
    let note = messages.share_ready;
    try {
      await navigator.clipboard.writeText(url);
      note = messages.share_copied;
    } catch {
      /* the link stays selected in the field, ready to copy by hand */
    }
    $("[data-share-note]").textContent = [note, meta.warning].filter(Boolean).join(" ");
    app.dataset.shareLength = String(meta.length);
  });

  async function openSharedLink() {
    const value = location.hash.slice(1);
    if (!value.startsWith(app.dataset.sharePrefix)) return;
    let meta;
    try {
      ({ meta } = await ask({ method: "open_link", fragment: value }));
    } catch (error) {
      return warn(error.message);
    } finally {
      history.replaceState(null, "", location.pathname + location.search);
    }
    if (hasContent(contentRule, data())) {
      if (!confirm(messages.share_open_as_new)) return;
      workspace.add(messages.share_shared_name, meta.data, options());
      show(workspace.current);
    } else {
      load(meta.data);
      workspace.rename(workspace.state.active, messages.share_shared_name);
    }
    renderWorkspace();
    say(fmt(messages.share_opened, { name: workspace.current.name }));
  }

  $("[data-action=print]").addEventListener("click", () => {
    document.body.classList.add("kc-print-canvas");
    addEventListener("afterprint", () => document.body.classList.remove("kc-print-canvas"), { once: true });
    print();
  });

  $("[data-action=copy-markdown]").addEventListener("click", async () => {
    try {
      const { body } = await ask({ method: "export", data: data(), format: "md", ...options() });
      await navigator.clipboard.writeText(new TextDecoder().decode(body));
      say(messages.copied_markdown);
    } catch (error) {
      warn(error instanceof Refused ? error.message : messages.copy_failed);
    }
  });

  async function exportAs(button) {
    if (button.getAttribute("aria-disabled") === "true") return; // busy; not `disabled`, which would drop focus
    const label = button.dataset.formatLabel || button.dataset.export;
    say(fmt(messages.busy, { format: label }));
    button.setAttribute("aria-disabled", "true");
    try {
      const started = performance.now();
      const answer = await ask({
        method: "export", data: data(), format: button.dataset.export, saved_at: new Date().toISOString(), ...options(),
      });
      save(answer.meta.filename, await finished(answer));
      button.dataset.ms = String(Math.round(performance.now() - started));
      say(messages.status_ready);
    } catch (error) {
      warn(error instanceof Refused ? error.message : fmt(messages.export_failed, { format: label, reason: error.message }));
    } finally {
      button.removeAttribute("aria-disabled");
      button.disabled = !ready;
    }
  }
  for (const button of app.querySelectorAll("[data-export]")) button.addEventListener("click", () => exportAs(button));

  engine.onState((state) => {
    if (state === "starting") say(messages.status_loading);
    if (state === "prefetched") app.dataset.prefetched = "";
  });
  if (!engine.started) say(messages.status_idle);
  engine.ready.then(
    (ms) => {
      ready = true;
      app.dataset.ready = String(ms);
      for (const button of app.querySelectorAll("[data-export], [data-action=copy-markdown]")) button.disabled = false;
      say(messages.status_ready);
      refresh();
      warmWhenIdle();
      openSharedLink();
      addEventListener("hashchange", openSharedLink); // a link opened while this page is open
    },
    () => say(messages.status_failed),
  );
  app.dataset.interactive = String(Math.round(performance.now()));
}

const apps = document.querySelectorAll(".kc-app");
if (apps.length) {
  const engine = new Engine();
  for (const app of apps) {
    setupCanvas(app, engine);
    startWhenNear(app, engine);
  }
}
