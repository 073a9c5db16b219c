// Boots Pyodide with the application: the project's wheel (and its dependencies) unpacked, and every operation of
// every definition answered once (macros/exercise.py), so every module the widgets use is imported and the
// definitions are validated. Writes the names in sys.modules, and a memory snapshot of that state unless
// the snapshot output is "-". Fails when an operation answers with an unexpected error.
// Usage: node macros/make_snapshot.mjs <stdlib zip> <modules out> <snapshot out | -> <exercise.py> <wheel> ...
import { loadPyodide } from "pyodide";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [stdlib, modulesFile, output, exerciseFile, ...wheels] = process.argv.slice(2);
const pyodide = await loadPyodide({ _makeSnapshot: output !== "-", stdLibURL: pathToFileURL(stdlib).href });
for (const wheel of wheels) pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
pyodide.runPython(readFileSync(exerciseFile, "utf-8"));
const failed = JSON.parse(pyodide.runPython("import json; json.dumps(unexpected(exercise()))"));
for (const answer of failed) {
  process.stderr.write(`request failed: ${JSON.stringify(answer.request)} → ${answer.response.error}\n`);
}
if (failed.length) process.exit(1);
writeFileSync(modulesFile, pyodide.runPython("import sys; '\\n'.join(sorted(sys.modules))"));
if (output !== "-") writeFileSync(output, pyodide.makeMemorySnapshot());
