// Writes a memory snapshot of Pyodide with the application booted: the project's wheel (and its dependencies)
// unpacked, and every operation of every definition answered once (macros/exercise.py), so every module the
// widgets use is imported and the definitions are validated when the browser restores it.
// Usage: node macros/make_snapshot.mjs <output file> <modules list file> <exercise.py> <wheel> [<wheel> ...]
//   The modules list file receives the names in sys.modules (what the trimmed standard library must hold).
import { loadPyodide } from "pyodide";
import { readFileSync, writeFileSync } from "node:fs";

const [output, modulesFile, exerciseFile, ...wheels] = process.argv.slice(2);
const pyodide = await loadPyodide({ _makeSnapshot: true });
for (const wheel of wheels) pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
pyodide.runPython(readFileSync(exerciseFile, "utf-8"));
const failed = pyodide.runPython(`import json; json.dumps(unexpected(exercise()))`);
for (const answer of JSON.parse(failed)) {
  process.stderr.write(`warm-up request failed: ${JSON.stringify(answer.request)} → ${answer.response.error}\n`);
}
writeFileSync(modulesFile, pyodide.runPython("import sys; '\\n'.join(sorted(sys.modules))"));
writeFileSync(output, pyodide.makeMemorySnapshot());
