// Writes a memory snapshot of a freshly booted Pyodide (with the standard-library modules the widgets
// and the package loader use already imported), so the browser skips Python's start-up.
// Usage: node macros/make_snapshot.mjs <output file>
import { loadPyodide } from "pyodide";
import { writeFileSync } from "node:fs";

const PRELOAD = "import json, dataclasses, datetime, re, functools, typing, importlib.resources, zipfile, "
  + "email.parser, sysconfig, shutil, tarfile, pathlib";

const pyodide = await loadPyodide({ _makeSnapshot: true });
pyodide.runPython(PRELOAD);
writeFileSync(process.argv[2], pyodide.makeMemorySnapshot());
