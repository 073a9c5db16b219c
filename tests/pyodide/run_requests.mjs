// Runs widget requests inside real Pyodide (Node, from the pinned npm package), offline.
// Usage: node tests/pyodide/run_requests.mjs <wheel> < requests.json   → prints the responses as a JSON list.
import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";

const [wheel] = process.argv.slice(2);
const requests = JSON.parse(readFileSync(0, "utf-8"));
const pyodide = await loadPyodide();
pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
const api = pyodide.pyimport("widgets.api");
const timings = [];
const responses = requests.map((request) => {
  const started = performance.now();
  const response = JSON.parse(api.handle(JSON.stringify(request)));
  timings.push(performance.now() - started);
  return response;
});
process.stdout.write(JSON.stringify({ python: pyodide.runPython("import sys; sys.version.split()[0]"), responses, timings }));
