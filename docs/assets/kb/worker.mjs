// Module Web Worker: boots the self-hosted Pyodide once and answers JSON requests with ids.
// Every URL is resolved from this file, so the site works under any base path.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
let api = null;

const ready = (async () => {
  const started = performance.now();
  const pyodide = await loadPyodide({ indexURL, packages: ["kb-widgets"] });
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
