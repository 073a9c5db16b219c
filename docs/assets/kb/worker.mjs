// @ts-check
// Module Web Worker: boots the self-hosted Pyodide once and answers JSON requests with ids.
// Every URL is resolved from this file, so the site works under any base path.
// @ts-expect-error -- ../pyodide/ is copied next to this folder by the build; its types are not checked here.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
/** @type {any} widgets.api, once imported */
let api = null;

// The build ships a gzip-compressed memory snapshot of a booted interpreter (decompressed here, unless the
// server already did). Without it, or if it does not fit this runtime, Pyodide boots normally.
async function fetchSnapshot() {
  try {
    const response = await fetch(new URL("snapshot.dat", indexURL));
    if (!response.ok) return null;
    const data = new Uint8Array(await response.arrayBuffer());
    if (data[0] !== 0x1f || data[1] !== 0x8b) return data;
    const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return null;
  }
}

async function boot() {
  const snapshot = await fetchSnapshot();
  if (snapshot) {
    try {
      return await loadPyodide({ indexURL, _loadSnapshot: snapshot });
    } catch (error) {
      console.warn("Pyodide snapshot not usable, booting without it:", error);
    }
  }
  return loadPyodide({ indexURL });
}

const ready = (async () => {
  const started = performance.now();
  const pyodide = await boot();
  await pyodide.loadPackage("kb-widgets", { messageCallback: () => {} });
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
