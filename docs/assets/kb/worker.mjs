// @ts-check
// Module Web Worker: boots the self-hosted Pyodide once and answers JSON requests with ids.
// Every URL is resolved from this file, so the site works under any base path.
// All runtime downloads start at once; progress and faulty responses are reported to the page (python.mjs).
// @ts-expect-error -- ../pyodide/ is copied next to this folder by the build; its types are not checked here.
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { watchedFetch } from "./delivery.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
// Snapshot header (macros/site_assets.py): magic, the sha256 of the wheel it was made with, newlines up to 80 bytes.
const MAGIC = "KBSNAP1\n";
const HEADER = 80;
/** @type {any} widgets.api, once imported */
let api = null;

/** @type {Map<string, { received: number, wire: number, decoded: number }>} */
const downloads = new Map();
let lastPosted = 0;
/** @type {Promise<Record<string, number>>} decoded sizes of the runtime files, written by the build */
const sizes = fetch(new URL("sizes.json", indexURL)).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));

globalThis.fetch = watchedFetch(globalThis.fetch.bind(globalThis), progress, (reason) => {
  postMessage({ type: "failed", reason });
});

/**
 * Post the download progress in bytes on the wire (a compressed response counts in proportion).
 * @param {string} url @param {number} received decoded bytes so far @param {Response} response
 */
async function progress(url, received, response) {
  const name = new URL(url).pathname.split("/").pop() || url;
  const decoded = (await sizes)[name] || Number(response.headers.get("Content-Length")) || received;
  const wire = Number(response.headers.get("Content-Length")) || decoded;
  downloads.set(url, { received, wire, decoded });
  const now = performance.now();
  if ((now - lastPosted < 100 && received < decoded) || total(downloads) < 1e6) return; // no "0.0 / 0.0 MB"
  lastPosted = now;
  let loaded = 0;
  for (const file of downloads.values()) loaded += Math.min(file.received, file.decoded) * (file.wire / file.decoded);
  postMessage({ type: "progress", loaded: Math.round(loaded), total: total(downloads) });
}

/** Bytes on the wire of every download started. @param {Map<string, { wire: number }>} files */
function total(files) {
  let sum = 0;
  for (const file of files.values()) sum += file.wire;
  return sum;
}

// The application snapshot (interpreter + widgets imported + definitions loaded), usable only with the wheel
// whose sha256 the lock file names; null when missing or made for another wheel.
/** @param {Promise<any>} lock */
async function fetchSnapshot(lock) {
  try {
    const [response, lockFile] = await Promise.all([fetch(new URL("snapshot.dat", indexURL)), lock]);
    if (!response.ok) return null;
    const data = new Uint8Array(await response.arrayBuffer());
    const header = new TextDecoder().decode(data.subarray(0, HEADER));
    const wheel = lockFile.packages["kb-widgets"]?.sha256;
    if (!wheel || header.trimEnd() !== `${MAGIC}${wheel}`) return null;
    return data.subarray(HEADER);
  } catch {
    return null;
  }
}

/** @param {any} options @param {Promise<Uint8Array | null>} snapshot */
async function restore(options, snapshot) {
  const usable = snapshot.then((data) => data || Promise.reject(new Error("no application snapshot for this wheel")));
  try {
    return await loadPyodide({ ...options, _loadSnapshot: usable });
  } catch (error) {
    if (await snapshot) console.warn("Pyodide snapshot not usable, booting without it:", error);
    return null;
  }
}

async function boot() {
  const lock = fetch(new URL("pyodide-lock.json", indexURL)).then((r) => r.json());
  const snapshot = fetchSnapshot(lock);
  const options = { indexURL, lockFileContents: lock };
  // Pyodide starts fetching the wasm before it awaits the snapshot: both download at once.
  const restored = await restore(options, snapshot);
  if (restored) return restored;
  console.warn("Booting without the application snapshot: installing the wheel.");
  const pyodide = await loadPyodide(options);
  await pyodide.loadPackage("kb-widgets", { messageCallback: () => {} });
  return pyodide;
}

const ready = (async () => {
  const started = performance.now();
  const pyodide = await boot();
  api = pyodide.pyimport("widgets.api");
  pyodide.pyimport("widgets.registry").bundled(); // validate the definitions now, not on the first request
  return performance.now() - started;
})();

ready.then(
  (ms) => postMessage({ type: "ready", ms }),
  (error) => postMessage({ type: "failed", reason: error instanceof Error ? error.message : String(error) }),
);

addEventListener("message", async ({ data }) => {
  try {
    await ready;
    postMessage({ type: "reply", id: data.id, response: api.handle(data.request) });
  } catch (error) {
    postMessage({ type: "reply", id: data.id, error: error instanceof Error ? error.message : String(error) });
  }
});
