// @ts-check
// Client of the Python worker: boots the self-hosted Pyodide once per document and matches replies by id.
import { config } from "./config.mjs";

/** @typedef {"idle" | "loading" | "ready" | "failed"} Status */
/** @typedef {{ resolve: (value?: any) => void, reject: (error: Error) => void }} Pending */

export const python = {
  /** @type {Status} */ status: "idle",
  reason: "",
  /** @type {{ loaded: number, total: number } | null} bytes of the runtime downloaded so far */ progress: null,
  /** @type {Worker | null} */ worker: null,
  /** @type {ReturnType<typeof setTimeout> | undefined} */ timer: undefined,
  nextId: 1,
  boots: 0,
  /** whether the last boot restored the application snapshot (false: installed normally, e.g. on a slow link) */
  snapshot: false,
  /** @type {Map<number, Pending>} */ pending: new Map(),
  /** @type {Pending[]} */ waiting: [],
  /** @type {Set<() => void>} */ listeners: new Set(),

  start() {
    if (this.status === "loading" || this.status === "ready") return;
    this.boots += 1;
    this.progress = null;
    this.setStatus("loading");
    this.arm();
    try {
      this.worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
      return;
    }
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (/** @type {ErrorEvent} */ event) => { event.preventDefault(); this.fail(event.message || "ワーカーを起動できませんでした"); };
  },

  // The boot fails only when nothing has moved for the configured time (a slow link that progresses is fine).
  arm() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fail(`${config.timeoutMs / 1000} 秒のあいだ読み込みが進みませんでした`), config.timeoutMs);
  },

  /** @param {{ type: string, id?: number, reason?: string, error?: string, response?: string, loaded?: number, total?: number, snapshot?: boolean }} data */
  receive(data) {
    if (data.type === "progress") {
      if (this.status !== "loading") return;
      this.progress = { loaded: data.loaded || 0, total: data.total || 0 };
      this.arm();
      this.setStatus("loading");
    } else if (data.type === "ready") {
      clearTimeout(this.timer);
      this.snapshot = Boolean(data.snapshot);
      performance.mark("kb-python-ready");
      this.setStatus("ready");
    } else if (data.type === "failed") {
      this.fail(data.reason || "");
    } else if (data.type === "reply") {
      const entry = this.pending.get(data.id || 0);
      this.pending.delete(data.id || 0);
      if (entry) data.error ? entry.reject(new Error(data.error)) : entry.resolve(JSON.parse(data.response || "null"));
    }
  },

  /** @param {string} reason */
  fail(reason) {
    clearTimeout(this.timer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.reason = reason;
    this.setStatus("failed");
    for (const entry of this.pending.values()) entry.reject(new Error(reason));
    this.pending.clear();
  },

  // Start again; the files already downloaded come from the browser's HTTP cache.
  retry() {
    this.status = "idle";
    this.start();
  },

  /** @param {Status} status */
  setStatus(status) {
    this.status = status;
    if (status === "ready" || status === "failed") {
      for (const entry of this.waiting.splice(0)) {
        if (status === "ready") entry.resolve();
        else entry.reject(new Error(this.reason));
      }
    }
    for (const listener of this.listeners) listener();
  },

  /** @returns {Promise<void>} */
  ready() {
    if (this.status === "ready") return Promise.resolve();
    if (this.status === "failed") return Promise.reject(new Error(this.reason));
    this.start();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  },

  // Send one request (an object) to widgets.api.handle; resolves with its result or rejects with its error.
  /** @param {object} request */
  async call(request) {
    await this.ready();
    const id = this.nextId++;
    const reply = await new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker?.postMessage({ id, request: JSON.stringify(request) });
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  },
};
