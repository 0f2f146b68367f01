// Undo and redo for one canvas: a stack of invertible increments (Excalidraw's HistoryDelta, in
// small): each step holds only the top-level fields that changed, before and after. Every change
// counts, made on the canvas or in the form: a step is committed when a change is finished (a
// field left or confirmed, an entry added, moved or removed), by comparing with the last state.
// Each canvas in "Mijn canvassen" keeps its own stacks while the page is open.

export const LIMIT = 100; // steps kept per canvas (at least 50 asked for)

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// The increment from ``before`` to ``after``: the keys that differ with both their values.
export function increment(before, after) {
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])].filter((k) => !same(before?.[k], after?.[k]));
  if (!keys.length) return null;
  const pick = (data) => Object.fromEntries(keys.map((k) => [k, structuredClone(data?.[k] ?? null)]));
  return { keys, before: pick(before), after: pick(after) };
}

export class History {
  constructor(read) {
    this.read = read; // () => the form's data now
    this.stacks = new Map(); // canvas id -> { undo: [], redo: [] }
    this.id = null;
    this.base = null;
  }

  stack() {
    if (!this.stacks.has(this.id)) this.stacks.set(this.id, { undo: [], redo: [] });
    return this.stacks.get(this.id);
  }

  // The canvas shown changed (another one opened, a version restored): start from what it holds.
  reset(id) {
    if (id !== this.id) this.id = id;
    this.base = this.read();
  }

  // Whatever changed since the last commit becomes one step; returns it (or null).
  commit() {
    const now = this.read();
    const step = increment(this.base, now);
    this.base = now;
    if (!step) return null;
    const { undo, redo } = this.stack();
    undo.push(step);
    if (undo.length > LIMIT) undo.shift();
    redo.length = 0;
    return step;
  }

  // Takes the newest step back (undo) or forward (redo); ``write(values, keys)`` puts values into
  // the form. Returns the step applied, or null when there is none.
  move(direction, write) {
    this.commit();
    const { undo, redo } = this.stack();
    const [from, to] = direction === "undo" ? [undo, redo] : [redo, undo];
    const step = from.pop();
    if (!step) return null;
    write(direction === "undo" ? step.before : step.after, step.keys);
    to.push(step);
    this.base = this.read();
    return step;
  }

  size() {
    const { undo, redo } = this.stack();
    return { undo: undo.length, redo: redo.length };
  }
}
