// A pause for long work in the Web Worker (unpacking, compressing): resolves in a new task, so a
// request that came in meanwhile is answered first. A message to itself, not a timer: a nested
// timer waits at least 4 ms, and scheduler.yield() would resume before the waiting message.

const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();

export const pause = () => new Promise((resolve) => {
  waiting.push(resolve);
  channel.port2.postMessage(null);
});
