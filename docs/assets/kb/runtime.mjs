// The one runtime shared by every widget of the site.
// - Boots the self-hosted Pyodide once, in a module Web Worker, when a page with a Python-powered widget is shown.
// - Binds widgets through data-kb-* attributes, again after each instant navigation (mkdocs-material's document$).
// - Keeps state in localStorage (versioned, site-namespaced); writes every text with textContent.
import { copyText, download, getPath, listEntry, localIso, markedText, readFile, setPath, sitePageBase } from "./dom.mjs";
import { python } from "./python.mjs";
import { incidents, storage } from "./site.mjs";

globalThis.kbPython = python;

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
    this.revision = 0;
  }

  bind() {
    if (this.root.hasAttribute("data-kb-incident")) this.openIncidents();
    const { state, problem } = storage.load(this);
    this.state = state || {};
    if (this.incidents) this.state.incident = this.incidents.items[this.incidents.current];
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

  // data-kb-default="now" fills the local time; any other value is the literal default of an empty field.
  fillDefaults() {
    for (const field of this.root.querySelectorAll("[data-kb-default]")) {
      const path = field.dataset.kbField;
      if (getPath(this.state, path) !== undefined && getPath(this.state, path) !== "") continue;
      const preset = field.dataset.kbDefault;
      const value = preset === "now" ? localIso(new Date(), false) : preset;
      setPath(this.state, path, field.type === "checkbox" ? value === "true" : value);
    }
  }

  applyState() {
    for (const field of this.root.querySelectorAll("[data-kb-field]")) {
      const value = getPath(this.state, field.dataset.kbField);
      if (field.type === "checkbox") field.checked = value === true;
      else if (field.type === "radio") field.checked = value === field.value;
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
    if (field.matches && field.matches("[data-kb-incident-select]")) return this.switchIncident(field.value);
    if (!field.dataset || !field.dataset.kbField || (field.type === "radio" && !field.checked)) return;
    const value = field.type === "checkbox" ? field.checked : field.value;
    this.revision += 1;
    setPath(this.state, field.dataset.kbField, value);
    if (field.dataset.kbStamp) setPath(this.state, field.dataset.kbStamp, field.checked ? localIso() : null);
    if (field.dataset.kbField.startsWith("incident.")) this.saveIncident();
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
    if (!storage.save(this, { ...this.state, incident: undefined })) {
      this.message("このブラウザーでは保存できませんでした（プライベートモードや容量不足の可能性があります）。", "error");
    }
  }

  // ---- The shared incident record (document builders) ----
  openIncidents() {
    const { store, problem } = incidents.load();
    this.incidents = store;
    this.perIncident = this.root.hasAttribute("data-kb-per-incident");
    if (problem) this.message(problem, "error");
    this.renderIncidentList();
  }

  saveIncident() {
    this.state.incident.updated_at = localIso();
    if (!incidents.save(this.incidents)) this.message("案件を保存できませんでした（容量不足などの可能性があります）。", "error");
    this.renderIncidentList();
  }

  switchIncident(id) {
    this.incidents.current = id;
    incidents.withCurrent(this.incidents);
    incidents.save(this.incidents);
    if (this.perIncident) this.state = storage.load(this).state || {};
    this.state.incident = this.incidents.items[this.incidents.current];
    this.fillDefaults();
    this.applyState();
    this.renderIncidentList();
    if (this.perIncident) this.save();
    this.requestView();
  }

  renderIncidentList() {
    const select = this.root.querySelector("[data-kb-incident-select]");
    if (!select) return;
    const entries = Object.entries(this.incidents.items)
      .sort(([, a], [, b]) => (b.updated_at || "").localeCompare(a.updated_at || ""));
    select.replaceChildren(...entries.map(([id, record]) => {
      const when = (record.updated_at || "").slice(5, 16).replace("-", "/").replace("T", " ");
      const option = new Option(`${record.title || "（無題の案件）"}　${when} 更新`, id);
      option.selected = id === this.incidents.current;
      return option;
    }));
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
    const seconds = Number(this.root.dataset.kbClock || 0);
    if (seconds > 0) this.clock = setInterval(() => this.root.isConnected ? this.requestView() : this.unbind(), seconds * 1000);
  }

  unbind() {
    clearInterval(this.clock);
    if (this.detach) this.detach();
  }

  pythonChanged() {
    if (!this.root.isConnected) return this.unbind();
    this.renderStatus();
    if (python.status !== "ready") return;
    if (!this.normalized && this.root.hasAttribute("data-kb-normalize")) this.normalize();
    else if (!this.viewed) this.requestView();
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

  // Migrates the stored state once Python is ready; asks again if the reader edited meanwhile.
  async normalize() {
    this.normalized = true;
    let result;
    for (;;) {
      const revision = this.revision;
      result = await this.python("normalize", { state: this.state });
      if (!result) return;
      if (revision === this.revision) break;
    }
    this.state = result.state;
    if (this.root.hasAttribute("data-kb-incident")) this.state.incident = this.incidents.items[this.incidents.current];
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
      this.viewed = true;
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

  // Lets the reader choose a JSON file; returns its parsed content, or null (with a message) if unreadable.
  async pickJson(what) {
    const file = await readFile("application/json,.json");
    if (!file) return null;
    try {
      return JSON.parse(await file.text());
    } catch (error) {
      this.message(`選んだファイルを JSON として読み取れませんでした。${what}をそのまま選んでください。`, "error");
      return null;
    }
  }

  // Python builds every export: {text, filename, mime}.
  async exported(format) {
    return this.python("export", { state: this.state, format });
  }

  // Requests about the shared incident record go to the kind and id named on the widget root.
  incidentCall(op, fields) {
    return this.python(op, { kind: this.root.dataset.kbIncidentKind, id: this.root.dataset.kbIncident, ...fields });
  }
}

function saveFile(result) {
  if (result) download(result.filename, result.text, result.mime);
}

const ACTIONS = {
  async "copy-text"(widget) {
    const result = await widget.exported("text");
    if (result === null) return;
    try {
      await copyText(result.text);
      widget.message("コピーしました。メールやチャットに貼り付けてください。");
    } catch (error) {
      widget.message(`コピーできませんでした（${error.message}）。「テキストで保存」をお使いください。`, "error");
    }
  },
  async "download-text"(widget) {
    saveFile(await widget.exported("text"));
  },
  async "download-markdown"(widget) {
    saveFile(await widget.exported("markdown"));
  },
  async "export-json"(widget) {
    saveFile(await widget.exported("json"));
  },
  async "import-json"(widget) {
    const document_ = await widget.pickJson("書き出したファイル");
    if (!document_) return;
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
  // Hands the exported text to the draft checker's saved state, then opens the checker page.
  async "check-draft"(widget, button) {
    const result = await widget.exported("text");
    if (result === null) return;
    storage.save({ kind: button.dataset.kbTargetKind, id: button.dataset.kbTargetId, version: 1 }, { draft: result.text });
    // A real link click lets mkdocs-material's instant navigation take over (a full load otherwise).
    const link = Object.assign(document.createElement("a"), { href: new URL(button.dataset.kbTarget, sitePageBase()).href });
    document.body.append(link);
    link.click();
    link.remove();
  },
  "incident-new"(widget) {
    widget.switchIncident(incidents.add(widget.incidents, {}));
    widget.message("新しい案件を作りました。件名から入力してください。");
  },
  "incident-delete"(widget) {
    const title = widget.state.incident.title || "（無題の案件）";
    if (!window.confirm(`案件「${title}」を削除します。元に戻せません。よろしいですか？`)) return;
    if (widget.perIncident) storage.erase(widget);
    incidents.remove(widget.incidents, widget.incidents.current);
    widget.switchIncident(widget.incidents.current);
    widget.message(`案件「${title}」を削除しました。`);
  },
  async "incident-export"(widget) {
    saveFile(await widget.incidentCall("export", { format: "json", state: { incident: widget.state.incident } }));
  },
  async "incident-import"(widget) {
    const document_ = await widget.pickJson("書き出した案件ファイル");
    if (!document_) return;
    const result = await widget.incidentCall("import", { document: document_ });
    if (!result) return;
    widget.switchIncident(incidents.add(widget.incidents, result.incident));
    widget.saveIncident();
    widget.message(["案件を読み込みました。", ...result.notes].join(" "));
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
