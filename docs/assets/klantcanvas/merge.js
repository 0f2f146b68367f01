// The three-way merge that keeps several tabs' work on "Mijn canvassen": every save merges this
// tab's changes, field by field, into what is stored now, and what another tab stored is merged in
// here. A version saved in either tab is kept; one deleted in either stays gone.
export const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// A value that holds nothing typed: an empty text, list or record, an unset flag.
const blank = (v) => v == null || v === "" || v === false || (typeof v === "object" && Object.values(v).every(blank));

// What ``mine`` changed since ``base`` wins; everything else comes from ``theirs``. Where there is
// no base (two tabs that started the same canvas), an empty field of mine changed nothing.
function pick(base, mine, theirs) {
  return same(mine, base) || (base === undefined && blank(mine)) ? theirs : mine;
}

// Versions never change once saved: each side's additions are kept, each side's deletions hold.
function mergeVersions(base, mine, theirs) {
  const [b, m, t] = [base || {}, mine || {}, theirs || {}];
  const out = {};
  for (const id of new Set([...Object.keys(m), ...Object.keys(t)])) {
    if (m[id] && t[id]) out[id] = m[id];
    else if (m[id] && !b[id]) out[id] = m[id]; // saved here
    else if (t[id] && !b[id]) out[id] = t[id]; // saved elsewhere
  }
  return out;
}

function mergeDoc(base, mine, theirs) {
  const data = {};
  const b = base?.data || {};
  const m = mine.data || {};
  const t = theirs.data || {};
  for (const key of new Set([...Object.keys(m), ...Object.keys(t)])) {
    const value = pick(b[key], m[key], t[key]);
    if (value !== undefined) data[key] = value;
  }
  const emptyData = mine.data === null && theirs.data === null;
  return {
    name: pick(base?.name, mine.name, theirs.name),
    data: emptyData ? null : data,
    options: pick(base?.options, mine.options, theirs.options),
    changed: mine.changed > theirs.changed ? mine.changed : theirs.changed,
    versions: mergeVersions(base?.versions, mine.versions, theirs.versions),
  };
}

// Three-way merge of whole workspaces: a canvas deleted on either side stays deleted, one added on
// either side is kept, and within a canvas each field keeps the side that changed it.
export function merge(base, mine, theirs) {
  const docs = {};
  for (const id of new Set([...Object.keys(mine.docs), ...Object.keys(theirs.docs)])) {
    const [b, m, t] = [base?.docs[id], mine.docs[id], theirs.docs[id]];
    if (m && t) docs[id] = mergeDoc(b, m, t);
    else if (m && !b) docs[id] = m; // added here
    else if (t && !b) docs[id] = t; // added elsewhere
    else if (m && t === undefined && b && !same(m, b)) docs[id] = m; // deleted elsewhere, edited here: keep the work
  }
  const active = docs[mine.active] ? mine.active : docs[theirs.active] ? theirs.active : Object.keys(docs)[0];
  return { active, docs };
}

// Whether two workspaces hold the same canvases, whatever order or defaults merging gave them.
export function sameWork(a, b) {
  const canon = (state) =>
    JSON.stringify([state.active, Object.entries(state.docs).sort(([x], [y]) => (x < y ? -1 : 1)).map(([id, d]) => [id, d.name, d.data ?? null, d.options ?? null, d.changed, d.versions ?? {}])]);
  return canon(a) === canon(b);
}
