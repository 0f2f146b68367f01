// Helper of tests/js/test_js.py (not a test itself): reads {canvas: {rule, cases}} on stdin and
// prints {canvas: [the page's hasContent of each case]}, for comparison with the engine's answer.
import { hasContent } from "../../docs/assets/klantcanvas/form-state.js";

let text = "";
for await (const chunk of process.stdin) text += chunk;
const answers = {};
for (const [canvas, { rule, cases }] of Object.entries(JSON.parse(text))) {
  answers[canvas] = cases.map((data) => hasContent(rule, data));
}
process.stdout.write(JSON.stringify(answers));
