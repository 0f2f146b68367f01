// Asked for with app.js when listen.js builds the canvas block (overrides/main.html): opens the
// store while app.js and its imports load, so app.js finds it open (a first visit creates it,
// which takes a while).
import { openIndexedStore } from "./store.js";

openIndexedStore();
