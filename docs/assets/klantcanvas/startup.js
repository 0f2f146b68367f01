// When Python starts for a canvas block: once the visitor comes within about a screen of it,
// points at it, focuses it or presses one of its buttons; at once for a returning visitor whose
// runtime is cached, or when the address holds a share link to open.
import { runtimeCached } from "./engine.js";
import { hasSharedLink } from "./share-link.js";

export function startWhenNear(app, engine) {
  const start = () => {
    engine.start(); // its failure is told by the status (tools.js), not left to whoever started it
  };
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      observer.disconnect();
      start();
    }
  }, { rootMargin: "100% 0px" });
  observer.observe(app);
  for (const type of ["focusin", "pointerover", "pointerdown"]) app.addEventListener(type, start, { once: true });
  if (hasSharedLink(app)) start();
  runtimeCached().then((cached) => cached && start());
}
