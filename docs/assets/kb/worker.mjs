// Module Web Worker: boots the self-hosted Pyodide once and answers JSON requests with ids.
// Every URL is resolved from this file, so the site works under any base path.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
let api = null;

// The build ships a memory snapshot of a booted interpreter; without it (or if it does not fit) boot normally.
async function fetchSnapshot() {
  try {
    const response = await fetch(new URL("snapshot.bin", indexURL));
    return response.ok ? await response.arrayBuffer() : null;
  } catch (error) {
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
  return performance.now() - started;
})();

ready.then(
  (ms) => postMessage({ type: "ready", ms }),
  (error) => postMessage({ type: "failed", reason: String((error && error.message) || error) }),
);

onmessage = async ({ data }) => {
  try {
    await ready;
    postMessage({ type: "reply", id: data.id, response: api.handle(data.request) });
  } catch (error) {
    postMessage({ type: "reply", id: data.id, error: String((error && error.message) || error) });
  }
};
