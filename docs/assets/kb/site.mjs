// Site-wide settings and local persistence of widget state (versioned, namespaced localStorage keys).
import { localIso } from "./dom.mjs";

export const config = readConfig();
const STORAGE_SCHEMA = 1;

function readConfig() {
  const meta = document.querySelector('meta[name="kb-config"]');
  return {
    namespace: (meta && meta.dataset.namespace) || "kb",
    timeoutMs: Number((meta && meta.dataset.timeoutMs) || 20000),
  };
}

export const storage = {
  // Widgets that follow the incident record (data-kb-per-incident) keep one state per incident.
  key(widget) {
    const scope = widget.perIncident ? `:${widget.incidents.current}` : "";
    return `kb:${config.namespace}:${widget.kind}:${widget.id}${scope}:v${STORAGE_SCHEMA}`;
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


// The incident records (案件) shared by every document builder: {current, items: {id: record}}.
export const incidents = {
  key() {
    return `kb:${config.namespace}:incidents:v${STORAGE_SCHEMA}`;
  },

  // Returns { store, problem }; a corrupted store is moved aside and a fresh one started.
  load() {
    const key = this.key();
    let raw = null;
    try {
      raw = localStorage.getItem(key);
      const store = raw === null ? null : JSON.parse(raw);
      if (raw === null || (store && typeof store.items === "object" && store.items && !Array.isArray(store.items))) {
        return { store: this.withCurrent(store || { items: {} }), problem: "" };
      }
      throw new Error("unexpected shape");
    } catch (error) {
      storage.quarantine(key, raw);
      return { store: this.withCurrent({ items: {} }),
        problem: "保存されていた案件の一覧が壊れていたため、新しい一覧を始めます（元のデータはこのブラウザー内に退避しました）。" };
    }
  },

  // Makes sure a current record exists; one created here is saved at once, since per-incident state is keyed by its id.
  withCurrent(store) {
    if (store.items[store.current]) return store;
    const ids = Object.keys(store.items).sort((a, b) => (store.items[b].updated_at || "").localeCompare(store.items[a].updated_at || ""));
    if (ids.length) store.current = ids[0];
    else {
      this.add(store, {});
      this.save(store);
    }
    return store;
  },

  // Adds a record and makes it current; returns its id.
  add(store, record) {
    const id = `i${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    store.items[id] = { ...record, updated_at: localIso() };
    store.current = id;
    return id;
  },

  remove(store, id) {
    delete store.items[id];
    this.withCurrent(store);
  },

  save(store) {
    try {
      localStorage.setItem(this.key(), JSON.stringify({ schema: STORAGE_SCHEMA, ...store }));
      return true;
    } catch (error) {
      return false;
    }
  },
};
