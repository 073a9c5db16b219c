// Runs widget requests inside real Pyodide (Node, from the pinned npm package), offline.
// Usage: node tests/pyodide/run_requests.mjs [--stdlib <zip>] <wheel> [<dependency wheel> ...] < requests.json
//   → prints {python, responses, timings} as JSON. The first wheel is the project's (it provides widgets.api);
//   the others are its pure-Python dependencies (e.g. jpholiday), unpacked into site-packages the same way.
import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const stdlibAt = process.argv.indexOf("--stdlib");
const stdLibURL = stdlibAt > 0 ? pathToFileURL(process.argv[stdlibAt + 1]).href : undefined;
const wheels = process.argv.slice(2).filter((_, index) => index + 2 !== stdlibAt && index + 2 !== stdlibAt + 1);
if (wheels.length === 0) {
  process.stderr.write("usage: node run_requests.mjs <wheel> [<dependency wheel> ...] < requests.json\n");
  process.exit(2);
}
const requests = JSON.parse(readFileSync(0, "utf-8"));
const pyodide = await loadPyodide(stdLibURL ? { stdLibURL } : {});
for (const wheel of wheels) pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
const api = pyodide.pyimport("widgets.api");
const timings = [];
const responses = requests.map((request) => {
  const started = performance.now();
  const response = JSON.parse(api.handle(JSON.stringify(request)));
  timings.push(performance.now() - started);
  return response;
});
process.stdout.write(JSON.stringify({ python: pyodide.runPython("import sys; sys.version.split()[0]"), responses, timings }));
