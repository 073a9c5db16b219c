// The one runtime shared by every widget of the site.
// - Boots the self-hosted Pyodide once, in a module Web Worker, when a page with a Python-powered widget is shown.
// - Binds widgets through data-kb-* attributes, again after each instant navigation (mkdocs-material's document$).
// - Keeps state in localStorage (versioned, site-namespaced); writes every text with textContent.
const config = readConfig();
const STORAGE_SCHEMA = 1;

function readConfig() {
  const meta = document.querySelector('meta[name="kb-config"]');
  return {
    namespace: (meta && meta.dataset.namespace) || "kb",
    timeoutMs: Number((meta && meta.dataset.timeoutMs) || 20000),
  };
}

// ---- Python client ------------------------------------------------------------------------------
const python = {
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
globalThis.kbPython = python;

// ---- Small helpers ------------------------------------------------------------------------------
function localIso(date = new Date(), withSeconds = true) {
  const pad = (n) => String(n).padStart(2, "0");
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}` + (withSeconds ? `:${pad(date.getSeconds())}` : "");
  return `${day}T${time}`;
}

function getPath(object, path) {
  return path.split(".").reduce((node, key) => (node && typeof node === "object" ? node[key] : undefined), object);
}

function setPath(object, path, value) {
  const keys = path.split(".");
  const last = keys.pop();
  let node = object;
  for (const key of keys) {
    if (!node[key] || typeof node[key] !== "object") node[key] = {};
    node = node[key];
  }
  if (value === null || value === undefined) delete node[last];
  else node[last] = value;
}

function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A list entry {text, detail?, state?, href?}; links only to pages of this site (relative paths).
function listEntry(entry) {
  const item = document.createElement("li");
  if (entry.state) item.dataset.kbState = entry.state;
  const label = entry.href && /^[a-z0-9./#_-]+$/i.test(entry.href) && !entry.href.includes("//")
    ? Object.assign(document.createElement("a"), { href: new URL(entry.href, sitePageBase()).href })
    : document.createElement("span");
  label.textContent = entry.text;
  item.append(label);
  if (entry.detail) {
    const detail = Object.assign(document.createElement("span"), { className: "kb-list__detail" });
    detail.textContent = entry.detail;
    item.append(" ", detail);
  }
  return item;
}

// Text with highlighted ranges {text, ranges: [{start, end, state, title}]}, built from text nodes only.
function markedText({ text, ranges }) {
  const nodes = [];
  let position = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    if (range.start < position || range.end <= range.start) continue;
    nodes.push(document.createTextNode(text.slice(position, range.start)));
    const mark = Object.assign(document.createElement("mark"), { title: range.title || "" });
    mark.dataset.kbState = range.state || "";
    mark.textContent = text.slice(range.start, range.end);
    nodes.push(mark);
    position = range.end;
  }
  nodes.push(document.createTextNode(text.slice(position)));
  return nodes;
}

// The site root, from mkdocs-material's config (pages link relative to it).
function sitePageBase() {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base : ".";
  return new URL(`${base}/`, location.href);
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = Object.assign(document.createElement("textarea"), { value: text });
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("クリップボードに書き込めませんでした");
}

function readFile(accept) {
  return new Promise((resolve) => {
    const input = Object.assign(document.createElement("input"), { type: "file", accept });
    input.addEventListener("change", () => resolve(input.files[0] || null));
    input.click();
  });
}

// ---- Storage ------------------------------------------------------------------------------------
const storage = {
  key(widget) {
    return `kb:${config.namespace}:${widget.kind}:${widget.id}:v${STORAGE_SCHEMA}`;
  },

  // Returns { state, problem }; a corrupted value is moved aside (never lost) and reported.
  load(widget) {
    const key = this.key(widget);
    let raw = null;
    try {
      raw = localStorage.getItem(key);
      if (raw === null) return { state: null, problem: "" };
      const envelope = JSON.parse(raw);
      if (envelope && typeof envelope.state === "object" && envelope.state && !Array.isArray(envelope.state)) {
        return { state: envelope.state, problem: "" };
      }
      throw new Error("unexpected shape");
    } catch (error) {
      this.quarantine(key, raw);
      return { state: null, problem: "保存されていた内容が壊れていたため読み込めませんでした。初期状態から始めます（元のデータはこのブラウザー内に退避しました）。" };
    }
  },

  quarantine(key, raw) {
    try {
      if (raw !== null) localStorage.setItem(`${key}:corrupt`, raw);
      localStorage.removeItem(key);
    } catch (error) { /* storage unavailable: nothing more to keep */ }
  },

  save(widget, state) {
    const envelope = { schema: STORAGE_SCHEMA, kind: widget.kind, id: widget.id,
      definition_version: widget.version, saved_at: localIso(), state };
    try {
      localStorage.setItem(this.key(widget), JSON.stringify(envelope));
      return true;
    } catch (error) {
      return false;
    }
  },

  erase(widget) {
    try { localStorage.removeItem(this.key(widget)); } catch (error) { /* nothing stored */ }
  },
};

// ---- Widgets --------------------------------------------------------------------------------------
const STATUS_TEXT = {
  idle: "",
  loading: "Python を読み込んでいます… チェックとメモはすでに使えます。",
  ready: "準備完了",
  failed: "Python を読み込めませんでした",
};

class Widget {
  constructor(root) {
    this.root = root;
    this.kind = root.dataset.kbWidget;
    this.id = root.dataset.kbId;
    this.version = Number(root.dataset.kbVersion || 1);
    this.usesPython = root.hasAttribute("data-kb-python");
    this.inFlight = false;
    this.dirty = false;
  }

  bind() {
    const { state, problem } = storage.load(this);
    this.state = state || {};
    this.fillDefaults();
    this.applyState();
    performance.mark("kb-bound");
    if (problem) this.message(problem, "error");
    if (problem || !state) this.save();
    this.root.addEventListener("input", (event) => this.edited(event.target));
    this.root.addEventListener("change", (event) => this.edited(event.target));
    this.root.addEventListener("click", (event) => this.clicked(event));
    if (this.usesPython) this.connectPython();
  }

  fillDefaults() {
    for (const field of this.root.querySelectorAll("[data-kb-default='now']")) {
      if (!getPath(this.state, field.dataset.kbField)) setPath(this.state, field.dataset.kbField, localIso(new Date(), false));
    }
  }

  applyState() {
    for (const field of this.root.querySelectorAll("[data-kb-field]")) {
      const value = getPath(this.state, field.dataset.kbField);
      if (field.type === "checkbox") field.checked = value === true;
      else field.value = typeof value === "string" ? value : "";
    }
    this.refreshStatic();
  }

  // Visibility of conditional parts, and a plain count of progress until Python gives its own.
  refreshStatic() {
    for (const element of this.root.querySelectorAll("[data-kb-show-if]")) {
      element.hidden = !element.dataset.kbShowIf.split(" ").every((path) => getPath(this.state, path) === true);
    }
    if (python.status === "ready") return;
    for (const element of this.root.querySelectorAll("[data-kb-progress-template]")) {
      const items = [...this.root.querySelectorAll("[data-kb-item]")].filter((box) => !box.closest("[hidden]"));
      const done = items.filter((box) => box.checked).length;
      element.textContent = element.dataset.kbProgressTemplate.replace("{done}", done).replace("{total}", items.length);
    }
  }

  edited(field) {
    if (!field.dataset || !field.dataset.kbField) return;
    const value = field.type === "checkbox" ? field.checked : field.value;
    setPath(this.state, field.dataset.kbField, value);
    if (field.dataset.kbStamp) setPath(this.state, field.dataset.kbStamp, field.checked ? localIso() : null);
    this.save();
    this.refreshStatic();
    this.requestView();
  }

  // Widgets marked data-kb-persist="opt-in" keep nothing until the reader checks the "keep" field.
  save() {
    if (this.root.dataset.kbPersist === "opt-in" && this.state.keep !== true) {
      storage.erase(this);
      return;
    }
    if (!storage.save(this, this.state)) {
      this.message("このブラウザーでは保存できませんでした（プライベートモードや容量不足の可能性があります）。", "error");
    }
  }

  message(text, kind = "info") {
    const box = this.root.querySelector("[data-kb-message]");
    if (!box) return;
    box.textContent = text;
    box.dataset.kind = kind;
    box.hidden = !text;
  }

  // ---- Python-powered parts ----
  connectPython() {
    const listener = () => this.pythonChanged();
    python.listeners.add(listener);
    this.detach = () => python.listeners.delete(listener);
    this.pythonChanged();
    python.start();
    this.clock = setInterval(() => this.root.isConnected ? this.requestView() : this.unbind(), 30000);
  }

  unbind() {
    clearInterval(this.clock);
    if (this.detach) this.detach();
  }

  pythonChanged() {
    if (!this.root.isConnected) return this.unbind();
    this.renderStatus();
    if (python.status === "ready" && !this.normalized) this.normalize();
  }

  renderStatus() {
    const box = this.root.querySelector("[data-kb-status]");
    if (!box) return;
    box.dataset.state = python.status;
    box.textContent = STATUS_TEXT[python.status];
    if (python.status !== "failed") return;
    box.append(`（${python.reason}）。チェックとメモはこのまま使え、保存もされます。 `);
    const retry = Object.assign(document.createElement("button"), { type: "button", textContent: "再試行", className: "kb-retry" });
    retry.addEventListener("click", () => python.retry());
    box.append(retry);
  }

  async normalize() {
    this.normalized = true;
    const result = await this.python("normalize", { state: this.state });
    if (!result) return;
    this.state = result.state;
    this.applyState();
    this.save();
    if (result.notes.length) this.message(result.notes.join(" "));
    this.requestView();
  }

  async requestView() {
    if (!this.usesPython || python.status !== "ready") return;
    if (this.inFlight) { this.dirty = true; return; }
    this.inFlight = true;
    const started = performance.now();
    const result = await this.python("view", { state: this.state });
    this.inFlight = false;
    if (result) {
      this.applyView(result);
      performance.measure("kb-view", { start: started });
    }
    if (this.dirty) { this.dirty = false; this.requestView(); }
  }

  // Writes a view result into the page; every kind of output is optional.
  applyView(result) {
    for (const element of this.root.querySelectorAll("[data-kb-out]")) {
      const text = (result.text || {})[element.dataset.kbOut];
      if (text !== undefined) element.textContent = text;
    }
    for (const element of this.root.querySelectorAll("[data-kb-show]")) {
      const shown = (result.show || {})[element.dataset.kbShow];
      if (shown !== undefined) element.hidden = !shown;
    }
    for (const element of this.root.querySelectorAll("[data-kb-state-of]")) {
      const state = (result.states || {})[element.dataset.kbStateOf];
      if (state !== undefined) element.dataset.kbState = state;
    }
    for (const element of this.root.querySelectorAll("[data-kb-list]")) {
      const entries = (result.lists || {})[element.dataset.kbList];
      if (entries !== undefined) element.replaceChildren(...entries.map(listEntry));
    }
    for (const element of this.root.querySelectorAll("[data-kb-marks]")) {
      const marked = (result.marks || {})[element.dataset.kbMarks];
      if (marked !== undefined) element.replaceChildren(...markedText(marked));
    }
  }

  // Calls Python; on failure shows the reason in the widget and resolves with null.
  async python(op, fields) {
    try {
      return await python.call({ kind: this.kind, id: this.id, op, now: localIso(), ...fields });
    } catch (error) {
      this.message(`この操作には Python が必要ですが、実行できませんでした（${error.message}）。`, "error");
      return null;
    }
  }

  // ---- Actions ----
  clicked(event) {
    const button = event.target.closest("[data-kb-action]");
    if (!button || !this.root.contains(button)) return;
    const action = ACTIONS[button.dataset.kbAction];
    if (action) action(this, button);
  }

  filename(extension) {
    const title = this.root.querySelector(".kb-widget__title");
    const stamp = localIso(new Date(), false).replace(/[-:]/g, "").replace("T", "-");
    return `${(title ? title.textContent : this.id).trim()}-${stamp}.${extension}`;
  }

  async exportText(format) {
    return this.python("export", { state: this.state, format });
  }
}

const ACTIONS = {
  async "copy-text"(widget) {
    const text = await widget.exportText("text");
    if (text === null) return;
    try {
      await copyText(text);
      widget.message("コピーしました。メールやチャットに貼り付けてください。");
    } catch (error) {
      widget.message(`コピーできませんでした（${error.message}）。「テキストで保存」をお使いください。`, "error");
    }
  },
  async "download-text"(widget) {
    const text = await widget.exportText("text");
    if (text !== null) download(widget.filename("txt"), text, "text/plain");
  },
  async "download-markdown"(widget) {
    const text = await widget.exportText("markdown");
    if (text !== null) download(widget.filename("md"), text, "text/markdown");
  },
  "export-json"(widget) {
    const document_ = { format: `kb-${widget.kind}`, [widget.kind]: widget.id,
      definition_version: widget.version, exported_at: localIso(), state: widget.state };
    download(widget.filename("json"), JSON.stringify(document_, null, 2), "application/json");
  },
  async "import-json"(widget) {
    const file = await readFile("application/json,.json");
    if (!file) return;
    let document_;
    try {
      document_ = JSON.parse(await file.text());
    } catch (error) {
      widget.message("選んだファイルを JSON として読み取れませんでした。書き出したファイルをそのまま選んでください。", "error");
      return;
    }
    const result = await widget.python("import", { document: document_ });
    if (!result) return;
    widget.state = result.state;
    widget.applyState();
    widget.save();
    widget.message(["読み込みました。", ...result.notes].join(" "));
    widget.requestView();
  },
  print() {
    window.print();
  },
  reset(widget) {
    if (!window.confirm("チェック・メモ・時刻をすべて消去します。元に戻せません。よろしいですか？")) return;
    storage.erase(widget);
    widget.state = {};
    widget.fillDefaults();
    widget.applyState();
    widget.save();
    widget.message("すべて消去しました。");
    widget.requestView();
  },
};

// ---- Binding --------------------------------------------------------------------------------------
function bindPage() {
  for (const root of document.querySelectorAll("[data-kb-widget]")) {
    if (root.dataset.kbBound) continue;
    root.dataset.kbBound = "true";
    new Widget(root).bind();
  }
}

if (globalThis.document$ && typeof globalThis.document$.subscribe === "function") {
  globalThis.document$.subscribe(bindPage);
} else {
  bindPage();
}
