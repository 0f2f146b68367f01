// Linked canvases: a field that names something made in another method's canvas offers what this
// browser holds for it (the form macro writes one datalist per source, "canvas/field[/sub]").
import { Workspace } from "./workspace.js";

export function setupSuggestions(kc) {
  async function fillSuggestions() {
    for (const datalist of kc.app.querySelectorAll("datalist[data-suggest-source]")) {
      const [source, ...path] = datalist.dataset.suggestSource.split("/");
      const values = (await Workspace.valuesOf(source, path)).map((value) => Object.assign(document.createElement("option"), { value }));
      datalist.replaceChildren(...values);
    }
  }
  fillSuggestions();
  kc.form.addEventListener("focusin", (event) => event.target.list && fillSuggestions());
}
