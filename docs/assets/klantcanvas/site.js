// Every page: the service worker (sw.js at the site's root, two folders up from this file), a table that scrolls sideways becomes reachable by keyboard (WCAG 2.1.1), also
// after Material's instant navigation and when the window is resized.
function markScrollRegions() {
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) wrap.tabIndex = 0;
    else wrap.removeAttribute("tabindex");
  }
}

const onPage = typeof document$ !== "undefined" ? (fn) => document$.subscribe(fn) : (fn) => fn();
onPage(markScrollRegions);
addEventListener("resize", markScrollRegions);

if ("serviceWorker" in navigator) navigator.serviceWorker.register(new URL("../../sw.js", document.currentScript.src));
