// Boots Pyodide with the application: the project's wheel (and its dependencies) unpacked, and every operation of
// every definition answered once (macros/exercise.py), so every module the widgets use is imported and the
// definitions are validated. Writes the names in sys.modules, and a memory snapshot of that state unless
// the snapshot output is "-". Fails when an operation answers with an unexpected error.
//
// A snapshot is restored without the standard library and without the wheels (the browser downloads neither on
// that path): the import system's caches are emptied before it is taken, and the snapshot is then restored here on
// the empty zip the site serves and every operation answered again, so a module the snapshot lacks fails the build,
// not a reader.
// Usage: node macros/make_snapshot.mjs <stdlib zip> <empty zip> <modules out> <snapshot out | -> <exercise.py>
//        <wheel> ...
import { loadPyodide } from "pyodide";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const FORGET_IMPORTS = "import importlib, sys, zipimport\n"
  + "sys.path_importer_cache.clear()\nzipimport._zip_directory_cache.clear()\nimportlib.invalidate_caches()";

const [stdlib, emptyZip, modulesFile, output, exerciseFile, ...wheels] = process.argv.slice(2);
const exercise = readFileSync(exerciseFile, "utf-8");

/** Answer every operation; exit with the failed requests listed when one answers with an unexpected error. */
function answerAll(/** @type {any} */ pyodide, /** @type {string} */ where) {
  pyodide.runPython(exercise);
  const failed = JSON.parse(pyodide.runPython("import json; json.dumps(unexpected(exercise()))"));
  for (const answer of failed) {
    process.stderr.write(`request failed ${where}: ${JSON.stringify(answer.request)} → ${answer.response.error}\n`);
  }
  if (failed.length) process.exit(1);
}

const pyodide = await loadPyodide({ _makeSnapshot: output !== "-", stdLibURL: pathToFileURL(stdlib).href });
for (const wheel of wheels) pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
answerAll(pyodide, "on the standard library zip");
writeFileSync(modulesFile, pyodide.runPython("import sys; '\\n'.join(sorted(sys.modules))"));
if (output !== "-") {
  pyodide.runPython(FORGET_IMPORTS);
  const snapshot = pyodide.makeMemorySnapshot();
  const restored = await loadPyodide({ _loadSnapshot: snapshot, stdLibURL: pathToFileURL(emptyZip).href });
  answerAll(restored, "from the snapshot without the standard library");
  writeFileSync(output, snapshot);
}
