// @ts-check
// The incident records (案件) shared by every widget that carries data-kb-incident: one store
// {current, items: {id: record}} under one storage key. Pure operations on the store, and its persistence.
import { localIso } from "./localtime.mjs";
import { corruptionMessage, isRecord, KEPT_PLACE, STORAGE_SCHEMA } from "./storage.mjs";

/** @typedef {import("./storage.mjs").LocalStore} LocalStore */
/** @typedef {Record<string, any> & { title?: string, updated_at?: string }} IncidentRecord */
/** @typedef {{ current: string, items: Record<string, IncidentRecord> }} IncidentStore */

export const UNTITLED = "（無題の案件）";
export const CORRUPT_STORE =
  `保存されていた案件の一覧が壊れていたため、新しい一覧を始めます。元のデータは${KEPT_PLACE}に控えてあります。`;

/** @param {LocalStore} db */
export function storeKey(db) {
  return `kb:${db.namespace}:incidents:v${STORAGE_SCHEMA}`;
}

/** A new, unique record id. */
export function newIncidentId() {
  return `i${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Record ids, the most recently updated first.
 * @param {Record<string, IncidentRecord>} items
 */
export function idsByRecency(items) {
  return Object.keys(items).sort((a, b) => (items[b].updated_at || "").localeCompare(items[a].updated_at || ""));
}

/**
 * The label of a record in the incident switcher: its title and when it was last updated ("11/28 14:05").
 * @param {IncidentRecord} record
 */
export function incidentLabel(record) {
  const when = (record.updated_at || "").slice(5, 16).replace("-", "/").replace("T", " ");
  return `${record.title || UNTITLED}　${when} 更新`;
}

/**
 * Add a record (stamped with `now`) and make it current; return its id.
 * @param {IncidentStore} store
 * @param {IncidentRecord} record
 * @param {string} [now]
 */
export function addIncident(store, record, now = localIso()) {
  const id = newIncidentId();
  store.items[id] = { ...record, updated_at: now };
  store.current = id;
  return id;
}

/**
 * Make sure the current id names a record: else the most recent one, else a new empty one.
 * @param {IncidentStore} store
 * @returns {boolean} true when a record had to be created (and the store must be saved)
 */
export function ensureCurrent(store) {
  if (store.items[store.current]) return false;
  const [latest] = idsByRecency(store.items);
  if (latest) store.current = latest;
  else addIncident(store, {});
  return !latest;
}

/**
 * Delete a record; another one becomes current.
 * @param {IncidentStore} store
 * @param {string} id
 * @returns {boolean} true when a record had to be created (and the store must be saved)
 */
export function removeIncident(store, id) {
  delete store.items[id];
  return ensureCurrent(store);
}

/** @param {unknown} value */
function isStore(value) {
  return isRecord(value) && isRecord(value.items);
}

/**
 * How the store is kept: the records are merged across tabs; the current record is this tab's own.
 * @param {IncidentStore} store
 * @returns {import("./storage.mjs").Codec}
 */
function storeCodec(store) {
  return {
    valid: isStore,
    unwrap: (stored) => stored.items,
    wrap: (items) => ({ schema: STORAGE_SCHEMA, current: store.current, items: items || {} }),
  };
}

/**
 * The stored incident records (a record created here is saved at once, since per-incident states are keyed
 * by its id), with a problem text for the reader when they were corrupted.
 * @param {LocalStore} db
 * @returns {{ store: IncidentStore, problem: string }}
 */
export function loadIncidents(db) {
  const key = storeKey(db);
  /** @type {IncidentStore} */
  const store = { current: "", items: {} };
  const { part, corrupt } = db.fetch(key, storeCodec(store));
  store.items = part || {};
  if (!corrupt) store.current = /** @type {IncidentStore | null} */ (db.read(key, isStore).value)?.current || "";
  if (ensureCurrent(store)) saveIncidents(db, store);
  return { store, problem: corruptionMessage(corrupt, CORRUPT_STORE) };
}

/**
 * Save the incident records merged with another tab's changes (store.items becomes the merged records);
 * false when the browser refused.
 * @param {LocalStore} db
 * @param {IncidentStore} store
 */
export function saveIncidents(db, store) {
  const { ok, part } = db.commit(storeKey(db), store.items, storeCodec(store));
  store.items = part || {};
  return ok;
}

/**
 * Merge the records another tab stored into the store; the current record stays unless it was deleted.
 * @param {LocalStore} db
 * @param {IncidentStore} store
 */
export function pullIncidents(db, store) {
  store.items = db.pull(storeKey(db), store.items, storeCodec(store)) || {};
  ensureCurrent(store);
}
