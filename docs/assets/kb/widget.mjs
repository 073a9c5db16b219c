// @ts-check
// One widget of a page (a root element with data-kb-widget): binds its fields to a saved state, asks Python
// for views of that state and writes them in. Which kind and definition it is comes from data-kb-* attributes.
import { ACTIONS } from "./actions.mjs";
import { applyShowIf, fieldEdit, fillDefaults, writeFields, writePlainProgress } from "./fields.mjs";
import {
  addIncident,
  ensureCurrent,
  idsByRecency,
  incidentLabel,
  loadIncidents,
  pullIncidents,
  saveIncidents,
  storeKey,
} from "./incident.mjs";
import { localIso } from "./localtime.mjs";
import { changedPaths, sameValue } from "./merge.mjs";
import { setPath } from "./paths.mjs";
import { KEEP_FAILED, LocalStore, slotKey } from "./storage.mjs";
import { writeStatus } from "./status.mjs";
import { applyView } from "./view.mjs";

/** @typedef {import("./paths.mjs").State} State */
/** @typedef {import("./storage.mjs").Slot} Slot */
/** @typedef {import("./incident.mjs").IncidentStore} IncidentStore */
/**
 * The Python client (python.mjs) as a widget uses it.
 * @typedef {import("./status.mjs").PythonState & {
 *   listeners: Set<() => void>, start(): void, retry(): void, call(request: object): Promise<any>
 * }} PythonClient
 */

export const SAVE_FAILED = "このブラウザーでは保存できませんでした（プライベートモードや容量不足の可能性があります）。";
export const OTHER_TAB = "別のタブで変更された内容を、この画面に反映しました。";
export const OVERWROTE = "同じ項目が別のタブでも変更されていました。この画面で入力した内容で保存しました。";

/**
 * True when a merge conflict is on something the reader typed (not only on a time stamp).
 * @param {string} path
 */
const typedConflict = (path) => !/(^|\.)(\w+_at|at)(\.|$)/.test(path);

export class Widget {
  /**
   * @param {HTMLElement} root
   * @param {PythonClient} python
   * @param {LocalStore} db
   */
  constructor(root, python, db) {
    this.root = root;
    this.pythonClient = python;
    this.db = db;
    const data = root.dataset;
    this.kind = data.kbWidget || "";
    this.id = data.kbId || "";
    this.version = Number(data.kbVersion || 1);
    this.usesPython = root.hasAttribute("data-kb-python");
    /** The definition (kind and id) of the shared incident record this widget edits, if any. */
    this.incidentRef = data.kbIncident ? { kind: data.kbIncidentKind || "", id: data.kbIncident } : null;
    this.perIncident = root.hasAttribute("data-kb-per-incident");
    /** @type {IncidentStore | null} */ this.incidents = null;
    /** @type {State} */ this.state = {};
    this.inFlight = false;
    this.dirty = false;
    this.revision = 0;
    this.viewed = false;
    this.normalized = false;
    /** @type {(() => void) | null} */ this.unbind = null;
    /** @type {(() => void) | null} */ this.unsubscribe = null;
    /** What 「元に戻す」 in the message line does (one step: the last import, reset or delete). */
    /** @type {(() => void) | null} */ this.undoStep = null;
  }

  /** Where this widget's state is saved (one copy per incident for data-kb-per-incident). */
  get slot() {
    /** @type {Slot} */
    const slot = { kind: this.kind, id: this.id, version: this.version };
    if (this.perIncident && this.incidents) slot.scope = this.incidents.current;
    return slot;
  }

  /** Load the saved state into the fields, listen to the reader, and start Python if the widget uses it. */
  bind() {
    if (this.incidentRef) this.openIncidents();
    const { state, problem } = this.db.load(this.slot);
    this.setState(state || {});
    performance.mark("kb-bound");
    if (problem) this.message(problem, "error");
    if (problem || !state) this.save();
    this.unsubscribe = this.db.subscribe((key) => this.storageChanged(key));
    this.root.addEventListener("input", (event) => this.edited(event.target));
    this.root.addEventListener("change", (event) => this.edited(event.target));
    this.root.addEventListener("click", (event) => this.clicked(event));
    if (this.usesPython) this.connectPython();
  }

  /**
   * Replace the state (with the current incident record attached and defaults filled) and show it.
   * @param {State} state
   */
  setState(state) {
    this.state = state;
    if (this.incidents) this.state.incident = this.incidents.items[this.incidents.current];
    fillDefaults(this.root, this.state);
    this.showState();
  }

  /** Write the state into the fields and the parts that follow it without Python. */
  showState() {
    writeFields(this.root, this.state);
    this.refreshStatic();
  }

  /** Conditional parts, and a plain count of progress until Python's first view gives its own. */
  refreshStatic() {
    applyShowIf(this.root, this.state);
    if (!this.viewed) writePlainProgress(this.root);
  }

  /** @param {EventTarget | null} target */
  edited(target) {
    const element = /** @type {HTMLSelectElement} */ (target);
    if (element?.matches?.("[data-kb-incident-select]")) return this.switchIncident(element.value);
    const edit = fieldEdit(target, localIso());
    if (!edit) return;
    this.revision += 1;
    setPath(this.state, edit.path, edit.value);
    if (edit.stamp) setPath(this.state, edit.stamp.path, edit.stamp.value);
    if (edit.path.startsWith("incident.")) this.saveIncident();
    this.save();
    this.refreshStatic();
    this.requestView();
  }

  /** Save the state (without the incident record, saved on its own); data-kb-persist="opt-in" keeps nothing until "keep" is checked. */
  save() {
    if (this.root.dataset.kbPersist === "opt-in" && this.state.keep !== true) {
      this.db.erase(this.slot);
      return;
    }
    const mine = this.savedState();
    const { ok, state, conflicts } = this.db.save(this.slot, mine);
    if (!ok) {
      const blocked = this.db.blocked.has(slotKey(this.db.namespace, this.slot));
      this.message(blocked ? KEEP_FAILED : SAVE_FAILED, "error");
      return;
    }
    if (!sameValue(state, mine)) this.setState(state);
    if (conflicts.some(typedConflict)) this.message(OVERWROTE);
  }

  /** The state as saved: without the incident record (saved on its own). */
  savedState() {
    return { ...this.state, incident: undefined };
  }

  // ---- Changes made in another tab ----

  /**
   * Another tab changed the stored value under `key`: merge it in if it is this widget's.
   * @param {string} key
   */
  storageChanged(key) {
    if (!this.root.isConnected) {
      this.unsubscribe?.();
      return;
    }
    if (this.incidents && key === storeKey(this.db)) this.incidentsChanged();
    else if (key === slotKey(this.db.namespace, this.slot)) this.stateChanged(key);
  }

  /** @param {string} key */
  stateChanged(key) {
    const mine = this.savedState();
    const merged = this.db.pull(key, mine, LocalStore.slotCodec(this.slot)) || {};
    if (sameValue(merged, mine)) return;
    this.setState(merged);
    this.message(OTHER_TAB);
    this.requestView();
  }

  incidentsChanged() {
    const before = { id: this.store.current, record: this.state.incident };
    pullIncidents(this.db, this.store);
    if (before.id !== this.store.current && this.perIncident) {
      this.setState(this.db.load(this.slot).state || {});
    } else {
      this.state.incident = this.store.items[this.store.current];
      this.showState();
    }
    this.renderIncidentList();
    if (before.id === this.store.current && !changedPaths(before.record, this.state.incident).length) return;
    this.message(OTHER_TAB);
    this.requestView();
  }

  // ---- The shared incident record ----

  openIncidents() {
    const { store, problem } = loadIncidents(this.db);
    this.incidents = store;
    if (problem) this.message(problem, "error");
    this.renderIncidentList();
  }

  /** The incident store of a widget with data-kb-incident (bound). */
  get store() {
    return /** @type {IncidentStore} */ (this.incidents);
  }

  saveIncident() {
    this.state.incident.updated_at = localIso();
    const saved = saveIncidents(this.db, this.store);
    this.state.incident = this.store.items[this.store.current];
    if (!saved) this.message("案件を保存できませんでした（容量不足などの可能性があります）。", "error");
    this.renderIncidentList();
  }

  /**
   * Make another incident record current and show it (with this widget's state for it, if per incident).
   * @param {string} id
   */
  switchIncident(id) {
    this.store.current = id;
    ensureCurrent(this.store);
    saveIncidents(this.db, this.store);
    this.setState(this.perIncident ? this.db.load(this.slot).state || {} : this.state);
    this.renderIncidentList();
    if (this.perIncident) this.save();
    this.requestView();
  }

  /**
   * Add a record and make it current.
   * @param {Record<string, any>} record
   */
  addIncident(record) {
    this.switchIncident(addIncident(this.store, record));
  }

  renderIncidentList() {
    const select = this.root.querySelector("[data-kb-incident-select]");
    if (!select) return;
    const { items, current } = this.store;
    select.replaceChildren(...idsByRecency(items).map((id) => new Option(incidentLabel(items[id]), id, false, id === current)));
  }

  /**
   * Show a message in the widget (hidden when empty); with `undo`, a 「元に戻す」 button that runs it once.
   * @param {string} text
   * @param {"info" | "error"} [kind]
   * @param {(() => void) | null} [undo]
   */
  message(text, kind = "info", undo = null) {
    const box = /** @type {HTMLElement | null} */ (this.root.querySelector("[data-kb-message]"));
    if (!box) return;
    box.textContent = text;
    box.dataset.kind = kind;
    box.hidden = !text;
    this.undoStep = undo;
    if (!undo) return;
    const button = Object.assign(box.ownerDocument.createElement("button"), { type: "button", textContent: "元に戻す" });
    button.className = "md-button";
    button.dataset.kbAction = "undo";
    box.append(" ", button);
  }

  /** Run the one undo step offered in the message line. */
  undo() {
    const step = this.undoStep;
    if (!step) return;
    this.undoStep = null;
    step();
    this.message("元に戻しました。");
  }

  /**
   * Replace the whole state (import, reset), saved at once; the message offers to go back to the previous one.
   * @param {State} state
   * @param {string} text
   */
  replaceState(state, text) {
    const previous = JSON.parse(JSON.stringify(this.savedState()));
    this.setState(state);
    this.save();
    this.requestView();
    this.message(text, "info", () => {
      this.setState(previous);
      this.save();
      this.requestView();
    });
  }

  // ---- Python-powered parts ----

  connectPython() {
    const python = this.pythonClient;
    const listener = () => this.pythonChanged();
    const seconds = Number(this.root.dataset.kbClock || 0);
    // Only a view that depends on the current time (data-kb-clock="30") is asked for again periodically.
    const clock = seconds > 0 ? setInterval(() => this.tick(), seconds * 1000) : 0;
    python.listeners.add(listener);
    this.unbind = () => {
      clearInterval(clock);
      python.listeners.delete(listener);
    };
    this.pythonChanged();
    python.start();
  }

  tick() {
    if (this.root.isConnected) this.requestView();
    else this.unbind?.();
  }

  pythonChanged() {
    if (!this.root.isConnected) return this.unbind?.();
    this.renderStatus();
    if (this.pythonClient.status !== "ready") return;
    if (!this.normalized && this.root.hasAttribute("data-kb-normalize")) this.normalize();
    else if (!this.viewed) this.requestView();
  }

  renderStatus() {
    const box = /** @type {HTMLElement | null} */ (this.root.querySelector("[data-kb-status]"));
    if (box) writeStatus(box, this.pythonClient, this.viewed, () => this.pythonClient.retry());
  }

  /** Migrate the stored state once Python is ready; ask again if the reader edited meanwhile. */
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
    if (this.incidents) this.state.incident = this.store.items[this.store.current];
    this.showState();
    this.save();
    if (result.notes.length) this.message(result.notes.join(" "));
    this.requestView();
  }

  /** Ask Python for a view of the state and write it in; edits made meanwhile ask once more afterwards. */
  async requestView() {
    if (!this.usesPython || this.pythonClient.status !== "ready") return;
    if (this.inFlight) {
      this.dirty = true;
      return;
    }
    this.inFlight = true;
    const started = performance.now();
    const result = await this.python("view", { state: this.state });
    this.inFlight = false;
    if (result) {
      applyView(this.root, result);
      performance.measure("kb-view", { start: started });
      if (!this.viewed) {
        this.viewed = true;
        this.renderStatus();
      }
    }
    if (this.dirty) {
      this.dirty = false;
      this.requestView();
    }
  }

  /**
   * Call Python for this widget (fields may name another kind and id); on failure show the reason and resolve null.
   * @param {string} op
   * @param {Record<string, any>} fields
   * @returns {Promise<any>}
   */
  async python(op, fields) {
    try {
      return await this.pythonClient.call({ kind: this.kind, id: this.id, op, now: localIso(), ...fields });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // With Python running, the error is its answer (e.g. a file of another tool): shown as it is.
      const running = this.pythonClient.status === "ready";
      this.message(running ? reason : `この操作には Python が必要ですが、実行できませんでした（${reason}）。`, "error");
      return null;
    }
  }

  // ---- Actions ----

  /** @param {Event} event */
  clicked(event) {
    const button = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest?.("[data-kb-action]"));
    if (!button || !this.root.contains(button)) return;
    const name = button.dataset.kbAction || "";
    if (Object.hasOwn(ACTIONS, name)) ACTIONS[name](this, button);
  }
}
