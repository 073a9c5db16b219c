// Client of the Python worker: boots the self-hosted Pyodide once per document and matches replies by id.
import { config } from "./site.mjs";

export const python = {
  status: "idle", reason: "", worker: null, timer: 0, nextId: 1, boots: 0, readyMs: null,
  pending: new Map(), waiting: [], listeners: new Set(),

  start() {
    if (this.status === "loading" || this.status === "ready") return;
    this.boots += 1;
    this.setStatus("loading");
    this.timer = setTimeout(() => this.fail(`${config.timeoutMs / 1000} 秒以内に準備できませんでした`), config.timeoutMs);
    try {
      this.worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
    } catch (error) {
      this.fail(String(error.message || error));
      return;
    }
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => { event.preventDefault(); this.fail(event.message || "ワーカーを起動できませんでした"); };
  },

  receive(data) {
    if (data.type === "ready") {
      clearTimeout(this.timer);
      this.readyMs = data.ms;
      performance.mark("kb-python-ready");
      this.setStatus("ready");
    } else if (data.type === "failed") {
      this.fail(data.reason);
    } else if (data.type === "reply") {
      const entry = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (entry) data.error ? entry.reject(new Error(data.error)) : entry.resolve(JSON.parse(data.response));
    }
  },

  fail(reason) {
    clearTimeout(this.timer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.reason = reason;
    this.setStatus("failed");
    for (const entry of this.pending.values()) entry.reject(new Error(reason));
    this.pending.clear();
  },

  retry() {
    this.status = "idle";
    this.start();
  },

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

  ready() {
    if (this.status === "ready") return Promise.resolve();
    if (this.status === "failed") return Promise.reject(new Error(this.reason));
    this.start();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  },

  // Send one request (an object) to widgets.api.handle; resolves with its result or rejects with its error.
  async call(request) {
    await this.ready();
    const id = this.nextId++;
    const reply = await new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request: JSON.stringify(request) });
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  },
};
