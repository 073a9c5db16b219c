// @ts-check
// Module Web Worker: boots the self-hosted Pyodide once and answers JSON requests with ids.
// Every URL is resolved from this file, so the site works under any base path.
// All runtime downloads start at once; progress and faulty responses are reported to the page (python.mjs).
// @ts-expect-error -- ../pyodide/ is copied next to this folder by the build; its types are not checked here.
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { snapshotPays, watchedFetch } from "./delivery.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
// Snapshot header (macros/site_assets.py): magic, the sha256 of the wheel it was made with, newlines up to 80 bytes.
const MAGIC = "KBSNAP1\n";
const HEADER = 80;
// The standard library of a normal boot; the snapshot path mounts an empty zip instead, since the snapshot holds
// every module the widgets use, imported (macros/site_assets.py).
const STDLIB = "python_stdlib.zip";
const SNAPSHOT_STDLIB = "snapshot_stdlib.zip";
// The time the snapshot saves over a normal boot (Python's own start, unpacking the wheel, importing the widgets,
// checking the definitions): 2 to 4 s after the wasm has arrived on the 2-core benchmark machine, more on a slower
// PC. On a link clearly too slow to bring the snapshot's remaining bytes within that time (about 4 Mbps or slower),
// the worker cancels it and boots normally (see snapshotPays): at 2 Mbps that halves the wait.
const SNAPSHOT_SAVES_MS = 3000;
// How long the snapshot downloads, from its first byte, before the link's speed is judged.
const JUDGE_AFTER_MS = 500;
/** @type {any} widgets.api, once imported */
let api = null;

/** @type {Map<string, { received: number, wire: number, decoded: number }>} */
const downloads = new Map();
let lastPosted = 0;
/** @type {Promise<Record<string, number>>} decoded sizes of the runtime files, written by the build */
const sizes = fetch(new URL("sizes.json", indexURL)).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));

const watched = watchedFetch(globalThis.fetch.bind(globalThis), progress, (reason) => {
  postMessage({ type: "failed", reason });
});

// The wasm is fetched once and compiled while it downloads, in parallel with the snapshot (Pyodide itself would
// start compiling only once the snapshot is complete); a second boot without the snapshot reuses both.
const WASM = new URL("pyodide.asm.wasm", indexURL).href;
/** @type {{ response: Promise<Response>, module: Promise<WebAssembly.Module> } | null} */ let wasm = null;

/** @type {typeof fetch} */
globalThis.fetch = (input, init) => {
  if (String(input instanceof Request ? input.url : input) !== WASM) return watched(input, init);
  if (!wasm) {
    const response = watched(input, init);
    wasm = { response, module: response.then((each) => WebAssembly.compileStreaming(each)) };
    wasm.module.catch(() => {}); // a 404 or a wrong type is named by watchedFetch; Pyodide awaits it below
  }
  return wasm.response;
};

// Pyodide instantiates the wasm from the response it fetched: it gets the module compiled above instead.
const instantiateStreaming = WebAssembly.instantiateStreaming;
/** @type {typeof WebAssembly.instantiateStreaming} */
WebAssembly.instantiateStreaming = async (source, imports) => {
  if (!wasm) return instantiateStreaming(source, imports);
  const module = await wasm.module;
  return { module, instance: await WebAssembly.instantiate(module, imports) };
};

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
  postMessage({ type: "progress", loaded: Math.round(onWire(downloads)), total: total(downloads) });
}

/** Bytes on the wire received so far by every download (a compressed response counts in proportion). */
function onWire(/** @type {Map<string, { received: number, wire: number, decoded: number }>} */ files) {
  let loaded = 0;
  for (const file of files.values()) loaded += Math.min(file.received, file.decoded) * (file.wire / file.decoded);
  return loaded;
}

/** Bytes on the wire of every download started. @param {Map<string, { wire: number }>} files */
function total(files) {
  let sum = 0;
  for (const file of files.values()) sum += file.wire;
  return sum;
}

// The application snapshot (interpreter + widgets imported + definitions loaded), usable only with the wheel
// whose sha256 the lock file names; null when missing, made for another wheel, or cancelled on a slow link.
/** @param {Promise<any>} lock */
async function fetchSnapshot(lock) {
  const abort = new AbortController();
  try {
    const [response, lockFile] = await Promise.all([fetch(new URL("snapshot.dat", indexURL), { signal: abort.signal }), lock]);
    if (!response.ok || !response.body) return null;
    const data = await readUnlessSlow(response, abort);
    if (!data) return null;
    const header = new TextDecoder().decode(data.subarray(0, HEADER));
    const wheel = lockFile.packages["kb-widgets"]?.sha256;
    if (!wheel || header.trimEnd() !== `${MAGIC}${wheel}`) return null;
    return data.subarray(HEADER);
  } catch {
    return null;
  }
}

/**
 * The snapshot's whole body, or null when the link proved too slow for it to pay off: then its download is
 * cancelled, so the wasm and the wheels get the whole bandwidth.
 * @param {Response} response @param {AbortController} abort
 */
async function readUnlessSlow(response, abort) {
  const known = await sizes;
  const expected = known["snapshot.dat"] || 0;
  const ratio = expected ? (Number(response.headers.get("Content-Length")) || expected) / expected : 1;
  // A normal boot downloads the wheels (already compressed) and the standard library (compressed about as well as
  // the snapshot) instead.
  const fallbackWire = Object.entries(known).reduce((sum, [name, size]) => sum + (name.endsWith(".whl") ? size : 0), 0)
    + (known[STDLIB] || 0) * ratio;
  const reader = /** @type {ReadableStreamDefaultReader<Uint8Array>} */ (response.body?.getReader());
  /** @type {Uint8Array[]} */ const chunks = [];
  let received = 0;
  let firstByte = 0;
  let wireAtFirstByte = 0;
  let judged = !expected;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (!firstByte) [firstByte, wireAtFirstByte] = [performance.now(), onWire(downloads)];
    const elapsedMs = performance.now() - firstByte;
    if (judged || elapsedMs < JUDGE_AFTER_MS) continue;
    judged = true;
    const remainingWire = Math.max(expected - received, 0) * ratio;
    const receivedWire = onWire(downloads) - wireAtFirstByte;
    if (!snapshotPays({ elapsedMs, receivedWire, remainingWire, fallbackWire, savesMs: SNAPSHOT_SAVES_MS })) {
      abort.abort();
      downloads.delete(response.url);
      console.info(`Slow link: booting without the application snapshot (${Math.round(remainingWire / 1e3)} kB to go).`);
      return null;
    }
  }
  return concat(chunks, received);
}

/** @param {Uint8Array[]} chunks @param {number} length */
function concat(chunks, length) {
  if (chunks.length === 1) return chunks[0];
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.length;
  }
  return whole;
}

/** @param {any} options @param {Promise<Uint8Array | null>} snapshot */
async function restore(options, snapshot) {
  const usable = snapshot.then((data) => data || Promise.reject(new Error("no application snapshot for this wheel")));
  usable.catch(() => {}); // handled below; it may reject before Pyodide awaits it (a snapshot cancelled early)
  try {
    return await loadPyodide({ ...options, stdLibURL: new URL(SNAPSHOT_STDLIB, indexURL).href, _loadSnapshot: usable });
  } catch (error) {
    if (await snapshot) console.warn("Pyodide snapshot not usable, booting without it:", error);
    return null;
  }
}

/** @returns {Promise<{ pyodide: any, snapshot: boolean }>} */
async function boot() {
  const lock = fetch(new URL("pyodide-lock.json", indexURL)).then((r) => r.json());
  const snapshot = fetchSnapshot(lock);
  // packageBaseUrl: the lock file names the wheels by relative paths, which Pyodide resolves only with it.
  const options = { indexURL, packageBaseUrl: indexURL, lockFileContents: lock };
  // Pyodide starts fetching the wasm before it awaits the snapshot: both download at once.
  const restored = await restore(options, snapshot);
  if (restored) return { pyodide: restored, snapshot: true };
  console.warn("Booting without the application snapshot: installing the wheel.");
  const pyodide = await loadPyodide(options);
  /** @type {string[]} */ const errors = []; // loadPackage reports failures here instead of throwing
  await pyodide.loadPackage("kb-widgets", { messageCallback: () => {}, errorCallback: (/** @type {string} */ m) => errors.push(m) });
  if (errors.length) throw new Error(`ツールの部品（kb-widgets の .whl）を読み込めませんでした: ${errors.join(" ")}`);
  return { pyodide, snapshot: false };
}

const ready = (async () => {
  const { pyodide, snapshot } = await boot();
  api = pyodide.pyimport("widgets.api");
  pyodide.pyimport("widgets.registry").bundled(); // validate the definitions now, not on the first request
  return snapshot;
})();

ready.then(
  (snapshot) => postMessage({ type: "ready", snapshot }),
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
