// @ts-check
// Offline use (loaded by overrides/main.html when extra.kb.offline is on): registers sw.js of the site root
// (macros/offline.py writes it; scope = the site root, so any base path works), asks for persistent storage,
// shows a calm note in the footer, the "new version" prompt, and the storage panel of reference/offline/.
import { python } from "./python.mjs";
import { megabytes } from "./status.mjs";

const root = new URL("../../", import.meta.url).href;
const CACHE_PREFIX = `kb-offline:${root}:`;
const TEXT = {
  pages: "オフラインでも使えます",
  runtime: "Python の道具もオフラインで使えます",
  update: "新しい版があります —",
  reload: "再読み込み",
  notStored: "まだ保存されていません",
  cleared: "削除しました。次に通信できる場所で開くと、あらためて保存されます。",
  unknown: "このブラウザーでは確認できません",
  unavailable: "このブラウザー（または社内の設定）では、オフライン用の保存を使えません。通信できる場所でお使いください。",
};

/** @typedef {{ build: string, pages: boolean, runtime: boolean }} Status */

/** @type {Status | null} the last answer of the service worker */
let current = null;
/** True when service workers are missing or refused here (the panel says so instead of waiting). */
let unavailable = false;

/**
 * Ask the active service worker a question ("status" or "cache-runtime"); null without one.
 * @param {string} type
 * @returns {Promise<Status | null>}
 */
async function ask(type) {
  const registration = await navigator.serviceWorker.getRegistration(root);
  const worker = registration?.active;
  if (!worker) return null;
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => { channel.port1.onmessage = ({ data }) => resolve(data); });
  worker.postMessage({ type }, [channel.port2]);
  return /** @type {Promise<Status>} */ (answer);
}

/** @param {Status | null} status */
function show(status) {
  current = status;
  renderNote();
  renderPanel();
}

/** The footer note: nothing until the pages are stored. */
function renderNote() {
  const footer = document.querySelector(".md-footer-meta__inner");
  if (!footer) return;
  let note = /** @type {HTMLElement | null} */ (footer.querySelector(".kb-offline-note"));
  if (!current?.pages) {
    note?.remove();
    return;
  }
  if (!note) {
    note = document.createElement("p");
    note.className = "kb-offline-note";
    footer.append(note);
  }
  note.textContent = current.runtime ? TEXT.runtime : TEXT.pages;
}

/**
 * The panel of reference/offline/: state, stored size and the button that removes the stored copy.
 * @param {string} [message]
 */
async function renderPanel(message) {
  const panel = document.querySelector("[data-kb-offline=panel]");
  if (!panel) return;
  const field = (/** @type {string} */ name) => /** @type {HTMLElement} */ (panel.querySelector(`[data-kb-offline=${name}]`));
  field("state").textContent = unavailable ? TEXT.unavailable
    : current?.pages ? (current.runtime ? TEXT.runtime : TEXT.pages) : TEXT.notStored;
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  field("size").textContent = estimate?.usage !== undefined ? `約 ${megabytes(estimate.usage)} MB` : TEXT.unknown;
  if (message !== undefined) field("message").textContent = message;
  const button = /** @type {HTMLButtonElement} */ (field("clear"));
  if (!button.dataset.kbBound) {
    button.dataset.kbBound = "true";
    button.addEventListener("click", clear);
  }
}

/** Remove this site's offline copy and its service worker (saved entries of the tools stay). */
async function clear() {
  const registration = await navigator.serviceWorker?.getRegistration(root);
  if (registration && registration.scope === root) await registration.unregister();
  for (const name of (await globalThis.caches?.keys()) ?? []) if (name.startsWith(CACHE_PREFIX)) await caches.delete(name);
  current = null;
  renderNote();
  await renderPanel(TEXT.cleared);
}

/**
 * The prompt shown while a new version waits; the click activates it and reloads.
 * @param {ServiceWorker} waiting
 */
function prompt(waiting) {
  if (document.querySelector(".kb-offline-update")) return;
  const bar = document.createElement("div");
  bar.className = "kb-offline-update";
  bar.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = TEXT.update;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = TEXT.reload;
  button.addEventListener("click", () => {
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
    waiting.postMessage({ type: "skip-waiting" });
  });
  bar.append(text, " ", button);
  document.body.append(bar);
}

/** @param {ServiceWorkerRegistration} registration */
function watchUpdates(registration) {
  const offer = () => {
    if (registration.waiting && navigator.serviceWorker.controller) prompt(registration.waiting);
  };
  offer();
  registration.addEventListener("updatefound", () => {
    const installing = registration.installing;
    installing?.addEventListener("statechange", () => {
      if (installing.state === "installed") offer();
      if (installing.state === "activated") refresh();
    });
  });
}

async function refresh() {
  show(await ask("status").catch(() => null));
}

/** Once a tool page has its Python runtime, keep the runtime files for offline use too. */
function keepRuntimeWhenReady() {
  const keep = async () => {
    if (python.status !== "ready" || current?.runtime) return;
    show(await ask("cache-runtime").catch(() => current));
  };
  python.listeners.add(keep);
  keep();
}

async function start() {
  if (!("serviceWorker" in navigator)) throw new Error("service workers are not available");
  // On a tool page the Python runtime has the link first; the site's files are kept for offline use after it.
  if (document.querySelector("[data-kb-python]")) await python.ready().catch(() => {});
  const registration = await navigator.serviceWorker.register(new URL("sw.js", root), { scope: root });
  watchUpdates(registration);
  navigator.storage?.persist?.().catch(() => false);
  await navigator.serviceWorker.ready;
  await refresh();
  keepRuntimeWhenReady();
}

/** @type {{ subscribe?: (callback: () => void) => void } | undefined} mkdocs-material's page observable */
const documentObservable = Reflect.get(globalThis, "document$");
documentObservable?.subscribe?.(() => { renderNote(); renderPanel(); });
start().catch((error) => {
  unavailable = true;
  console.warn("offline use is not available:", error);
  renderPanel();
});
