// Share links: the engine packs the canvas into the link's fragment (after the page's share
// prefix); opening such a link loads the canvas, as a new one when the form already holds work.
import { fmt } from "./context.js";
import { hasContent } from "./form-state.js";

// True when the page's address holds a share link for this canvas block.
export const hasSharedLink = (app) => location.hash.slice(1).startsWith(app.dataset.sharePrefix);

export function setupShareLink(kc) {
  const { app, messages, workspace } = kc;

  kc.$("[data-action=share]").addEventListener("click", async () => {
    const pageUrl = location.href.split("#")[0];
    let meta;
    try {
      ({ meta } = await kc.ask({ method: "share", data: kc.data(), page_url: pageUrl }));
    } catch (error) {
      return kc.warn(error.message);
    }
    const url = `${pageUrl}#${meta.fragment}`;
    kc.$("[data-share]").hidden = false;
    const field = kc.$("[data-share-url]");
    field.value = url;
    field.select();
    let note = messages.share_ready;
    try {
      await navigator.clipboard.writeText(url);
      note = messages.share_copied;
    } catch {
      /* the link stays selected in the field, ready to copy by hand */
    }
    kc.$("[data-share-note]").textContent = [note, meta.photo_note, meta.warning].filter(Boolean).join(" ");
    app.dataset.shareLength = String(meta.length);
  });

  // Once Python is ready, and again when a link is opened while this page is open.
  async function openSharedLink() {
    if (!hasSharedLink(app)) return;
    let meta;
    try {
      ({ meta } = await kc.ask({ method: "open_link", fragment: location.hash.slice(1) }));
    } catch (error) {
      return kc.warn(error.message);
    } finally {
      history.replaceState(null, "", location.pathname + location.search);
    }
    if (hasContent(kc.contentRule, kc.data())) {
      if (!confirm(messages.share_open_as_new)) return;
      workspace.add(messages.share_shared_name, meta.data, kc.options());
      kc.show(workspace.current);
    } else {
      kc.load(meta.data);
      workspace.rename(workspace.state.active, messages.share_shared_name);
    }
    kc.renderWorkspace();
    kc.say(fmt(messages.share_opened, { name: workspace.current.name }));
  }

  return { openSharedLink };
}
