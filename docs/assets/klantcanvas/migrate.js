// The one-time move of "Mijn canvassen" from localStorage (where every version of the site before
// IndexedDB kept it) into the store: every "klantcanvas:v2:<canvas>" workspace as it is, and a
// canvas of the first format ("klantcanvas:v1:<canvas>": {data, options, savedAt}) as a workspace
// of one canvas; also the copy a closing page left there (Workspace.rescue), so where both hold a
// field, localStorage's wins. What the store holds is merged, never replaced, and localStorage is
// emptied only after the store has read everything back unchanged.
import { merge } from "./merge.js";

export const PREFIX = "klantcanvas:v2:";
const LEGACY = "klantcanvas:v1:";

const parsed = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return null; // a damaged entry is left in localStorage, untouched
  }
};

// The workspaces that ``items`` ([key, text] pairs from localStorage) hold, by store key.
export function workspacesFrom(items, defaultName) {
  const out = {};
  for (const [key, text] of items) {
    const state = key.startsWith(PREFIX) ? parsed(text) : null;
    if (state && typeof state.docs === "object" && state.docs && Object.keys(state.docs).length) out[key] = state;
  }
  for (const [key, text] of items) {
    const old = key.startsWith(LEGACY) ? parsed(text) : null;
    const target = PREFIX + key.slice(LEGACY.length);
    if (!old || typeof old !== "object" || out[target]) continue;
    const doc = { name: defaultName, data: old.data ?? null, options: old.options ?? null, changed: old.savedAt || new Date().toISOString() };
    out[target] = { active: "first", docs: { first: doc } };
  }
  return out;
}

function localItems() {
  try {
    return Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i))
      .filter((key) => key && (key.startsWith(PREFIX) || key.startsWith(LEGACY)))
      .map((key) => [key, localStorage.getItem(key)]);
  } catch {
    return []; // localStorage switched off: nothing to move
  }
}

// Moves what localStorage holds into ``store`` once; safe when several tabs do it at once.
export async function migrate(store, defaultName) {
  const items = localItems();
  if (!items.length) return;
  const found = workspacesFrom(items, defaultName);
  const keys = Object.keys(found);
  try {
    await store.update(keys, (stored) => Object.fromEntries(keys.map((key) => [key, stored[key] ? merge(null, found[key], stored[key]) : found[key]])));
  } catch {
    return; // not moved: localStorage keeps everything, and the next visit tries again
  }
  try {
    for (const [key] of items) if (found[key] || found[PREFIX + key.slice(LEGACY.length)]) localStorage.removeItem(key);
  } catch {
    /* the store has it all; a copy left behind is merely ignored */
  }
}
