// Loaded async in the head of a canvas page (overrides/main.html): opens the store while the page
// is still parsing, so app.js finds it open (a first visit creates it, which takes a while).
import { openIndexedStore } from "./store.js";

openIndexedStore();
