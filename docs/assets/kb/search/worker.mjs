// @ts-check
// Search worker of the header search box, in place of the theme's lunr worker (overrides/main.html points the
// theme's `search` setting here). The theme starts it as a classic worker, so the engine comes by dynamic import.
// Protocol of the theme: SETUP (0) → READY (1); QUERY (2, the query text) → RESULT (3, {items}).

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

/** @type {Promise<{index: import("./engine.mjs").Index, engine: typeof import("./engine.mjs")}> | null} */
let loading = null;

/**
 * Load the engine and the prebuilt index next to this file (once).
 * @returns {Promise<{index: import("./engine.mjs").Index, engine: typeof import("./engine.mjs")}>}
 */
function load() {
  loading ??= (async () => {
    const engine = await import("./engine.mjs");
    const response = await fetch(new URL("index.json", globalThis.location.href));
    if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
    return { engine, index: engine.createIndex(await response.json()) };
  })();
  return loading;
}

/** The one result shown when the index could not be loaded: the reader is told instead of left waiting. */
const FAILED = {
  items: [[{ location: "", title: "検索の準備ができませんでした", score: 1, terms: {},
    text: "ページを再読み込みしてください。直らないときは、左のメニューから目的のページを開いてください。" }]],
};

globalThis.addEventListener("message", async (event) => {
  const message = /** @type {MessageEvent} */ (event).data;
  if (message?.type === SETUP) {
    // The index is loaded at the first query, not with every page: a reader who does not search does not wait for
    // it, and on tool pages it does not compete with Python's start (the theme's own index, sent here, is unused).
    postMessage({ type: READY });
  } else if (message?.type === QUERY) {
    const query = String(message.data ?? "");
    if (!query.trim()) {
      postMessage({ type: RESULT, data: { items: [] } }); // the theme asks with the empty box once it is ready
      return;
    }
    const loaded = await load().catch(() => null);
    const data = loaded ? loaded.engine.themeResult(loaded.index, query) : FAILED;
    postMessage({ type: RESULT, data });
  }
});
