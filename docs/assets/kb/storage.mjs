// @ts-check
// Local persistence of widget states: versioned, site-namespaced localStorage keys holding an envelope.
// Every read and write of the browser storage goes through one LocalStore: writes are read-modify-write with a
// field-level three-way merge (merge.mjs) against what another tab stored meanwhile, other tabs' writes reach
// open widgets through the storage event, and corrupted values are set aside under timestamped keys.
import { config } from "./config.mjs";
import { localIso } from "./localtime.mjs";
import { merge3 } from "./merge.mjs";

export const STORAGE_SCHEMA = 1;

/** Where the reader finds the set-aside copies (docs/tools/index.md). */
export const KEPT_PLACE = "「ツールの一覧」ページの「壊れていたデータの控え」";
/** How many set-aside copies are kept per key; the oldest is dropped beyond. */
export const KEPT_MAX = 5;

export const CORRUPT_STATE =
  `保存されていた内容が壊れていたため読み込めませんでした。初期状態から始めます。元のデータは${KEPT_PLACE}に控えてあります。`;
export const KEPT_DROPPED = `控えは1つの内容につき${KEPT_MAX}件までのため、いちばん古い控えを削除しました。`;
export const KEEP_FAILED =
  "保存されていた内容が壊れていましたが、空き容量が足りず控えを作れませんでした。元のデータを消さないよう、"
  + "このページでの変更は保存しません。ブラウザーの空き容量を増やしてから、ページを再読み込みしてください。";

/**
 * What happened to a corrupted value: kept (set aside), kept with the oldest copy dropped, or not kept
 * (storage full: the original stays where it was and the key is not written again).
 * @typedef {"" | "kept" | "dropped" | "failed"} Corruption
 */

/**
 * The message for the reader about a corrupted value.
 * @param {Corruption} corruption
 * @param {string} [what] the sentence that says what was corrupted (CORRUPT_STATE by default)
 */
export function corruptionMessage(corruption, what = CORRUPT_STATE) {
  if (corruption === "failed") return KEEP_FAILED;
  if (corruption === "dropped") return `${what}${KEPT_DROPPED}`;
  return corruption ? what : "";
}

/**
 * Where one saved state lives: a widget (kind, id, definition version), optionally one copy per scope
 * (the current incident of a widget that follows the incident record).
 * @typedef {{ kind: string, id: string, version: number, scope?: string }} Slot
 */

/** @typedef {Record<string, any>} State */

/**
 * How a stored value maps to the part that is merged: valid() accepts a stored value, unwrap() takes the
 * mergeable part out of it, wrap() builds the stored value around a merged part.
 * @typedef {{ valid: (value: unknown) => boolean, unwrap: (value: any) => any, wrap: (part: any) => unknown }} Codec
 */

/**
 * A set-aside copy: the key it was kept under, the key it came from and when (ms since the epoch).
 * @typedef {{ key: string, origin: string, time: number }} KeptCopy
 */

/**
 * The envelope stored under a slot's key.
 * @typedef {{ schema: number, kind: string, id: string, definition_version: number, saved_at: string, state: State }} Envelope
 */

/**
 * True for a plain object (not null, not an array).
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
export function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The storage key of a slot, e.g. "kb:sales-trouble-kb:checklist:tracker:i123:v1".
 * @param {string} namespace
 * @param {Slot} slot
 */
export function slotKey(namespace, slot) {
  const scope = slot.scope ? `:${slot.scope}` : "";
  return `kb:${namespace}:${slot.kind}:${slot.id}${scope}:v${STORAGE_SCHEMA}`;
}

/**
 * The envelope that stores `state` for `slot`.
 * @param {Slot} slot
 * @param {State} state
 * @param {string} savedAt local ISO time
 * @returns {Envelope}
 */
export function envelope(slot, state, savedAt) {
  return { schema: STORAGE_SCHEMA, kind: slot.kind, id: slot.id, definition_version: slot.version, saved_at: savedAt, state };
}

/**
 * The state inside a stored envelope, or null when the value is not an envelope holding an object state.
 * @param {unknown} stored a parsed stored value
 * @returns {State | null}
 */
export function envelopeState(stored) {
  return isRecord(stored) && isRecord(stored.state) ? stored.state : null;
}

/**
 * A deep copy of a JSON value (undefined stays undefined).
 * @param {unknown} value
 * @returns {any}
 */
function copy(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * The key and time of a set-aside copy key ("<origin>:corrupt:<ms>"), or null for other keys.
 * @param {string} key
 * @returns {KeptCopy | null}
 */
export function keptCopy(key) {
  const match = /^(.*):corrupt(?::(\d+))?$/.exec(key);
  return match ? { key, origin: match[1], time: Number(match[2] || 0) } : null;
}

/** Reads and writes JSON values in a Web Storage area that may be missing, disabled or full. */
export class LocalStore {
  /**
   * @param {() => Storage} area returns the storage area (may throw when the browser forbids it)
   * @param {string} namespace
   */
  constructor(area, namespace) {
    this.area = area;
    this.namespace = namespace;
    /** What this tab last read or wrote of each key (the mergeable part): the base of the next merge. */
    /** @type {Map<string, unknown>} */ this.bases = new Map();
    /** Keys whose corrupted value could not be set aside: never written, so that the original stays. */
    /** @type {Set<string>} */ this.blocked = new Set();
    /** @type {Set<(key: string) => void>} */ this.listeners = new Set();
  }

  /**
   * The parsed value under `key` if `valid` accepts it. A value that is unreadable or not valid is moved
   * aside (never lost) and reported as corrupt.
   * @param {string} key
   * @param {(value: unknown) => boolean} valid
   * @returns {{ value: unknown, corrupt: Corruption }} value is null when nothing usable was stored
   */
  read(key, valid) {
    let raw = null;
    try {
      raw = this.area().getItem(key);
    } catch {
      return { value: null, corrupt: "" }; // storage disabled: saving will say so
    }
    if (raw === null) return { value: null, corrupt: "" };
    try {
      const value = JSON.parse(raw);
      if (valid(value)) return { value, corrupt: "" };
    } catch {
      /* not JSON: set aside below */
    }
    return { value: null, corrupt: this.setAside(key, raw) };
  }

  /**
   * Store `value` as JSON under `key`; false when the browser refused (private mode, storage full) or the key
   * holds a corrupted value that could not be set aside.
   * @param {string} key
   * @param {unknown} value
   */
  write(key, value) {
    if (this.blocked.has(key)) return false;
    try {
      this.area().setItem(key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  }

  /** @param {string} key */
  remove(key) {
    if (this.blocked.has(key)) return;
    this.bases.delete(key);
    try {
      this.area().removeItem(key);
    } catch {
      /* nothing stored */
    }
  }

  /** Every key of the storage area (none when it is disabled). */
  keys() {
    try {
      const area = this.area();
      return Array.from({ length: area.length }, (_, index) => area.key(index) || "");
    } catch {
      return [];
    }
  }

  /**
   * The set-aside copies of this site, the newest first (of one origin key when given).
   * @param {string} [origin]
   * @returns {KeptCopy[]}
   */
  keptCopies(origin) {
    const prefix = `kb:${this.namespace}:`;
    return this.keys()
      .filter((key) => key.startsWith(prefix))
      .flatMap((key) => keptCopy(key) ?? [])
      .filter((kept) => origin === undefined || kept.origin === origin)
      .sort((a, b) => b.time - a.time);
  }

  /**
   * The raw text under `key`, or null.
   * @param {string} key
   */
  rawValue(key) {
    try {
      return this.area().getItem(key);
    } catch {
      return null;
    }
  }

  /**
   * Put a set-aside copy back under its key; what is stored there now is set aside first.
   * @param {string} copyKey
   * @returns {boolean} false when storage refused
   */
  restore(copyKey) {
    const kept = keptCopy(copyKey);
    const raw = this.rawValue(copyKey);
    if (!kept || raw === null) return false;
    const current = this.rawValue(kept.origin);
    if (current !== null && this.setAside(kept.origin, current) === "failed") return false;
    try {
      this.area().setItem(kept.origin, raw);
      this.area().removeItem(copyKey);
    } catch {
      return false;
    }
    this.bases.delete(kept.origin);
    return true;
  }

  /**
   * Keep a corrupted raw value under "<key>:corrupt:<ms>" (at most KEPT_MAX per key, the oldest dropped), then
   * clear the key. When the copy cannot be written the key is left as it is and blocked.
   * @param {string} key
   * @param {string} raw
   * @returns {Corruption}
   */
  setAside(key, raw) {
    const time = Math.max(Date.now(), ...this.keptCopies(key).map((kept) => kept.time + 1));
    try {
      this.area().setItem(`${key}:corrupt:${time}`, raw);
      this.area().removeItem(key);
    } catch {
      this.blocked.add(key);
      return "failed";
    }
    this.blocked.delete(key);
    const extra = this.keptCopies(key).slice(KEPT_MAX);
    for (const kept of extra) this.area().removeItem(kept.key);
    return extra.length ? "dropped" : "kept";
  }

  /**
   * Read the mergeable part under `key` and remember it as the base of the next merge.
   * @param {string} key
   * @param {Codec} codec
   * @returns {{ part: any, corrupt: Corruption }} part is undefined when nothing usable was stored
   */
  fetch(key, codec) {
    const { value, corrupt } = this.read(key, codec.valid);
    const part = value === null ? undefined : codec.unwrap(value);
    this.bases.set(key, copy(part));
    return { part, corrupt };
  }

  /**
   * Read-modify-write: store `mine` merged field by field with what is stored now, against what this tab last
   * read. Same field changed in both: mine wins and its path is listed in conflicts.
   * @param {string} key
   * @param {unknown} mine
   * @param {Codec} codec
   * @returns {{ ok: boolean, part: any, conflicts: string[] }} part: the merged value this tab should now hold
   */
  commit(key, mine, codec) {
    const base = this.bases.get(key);
    const { value } = this.read(key, codec.valid);
    const theirs = value === null ? undefined : codec.unwrap(value);
    const merged = merge3(base, copy(mine), theirs);
    const ok = this.write(key, codec.wrap(merged.value));
    if (ok) this.bases.set(key, copy(merged.value));
    return { ok, part: merged.value, conflicts: merged.conflicts };
  }

  /**
   * Merge what another tab stored under `key` into `mine` (this tab's current value).
   * @param {string} key
   * @param {unknown} mine
   * @param {Codec} codec
   * @returns {any} the value this tab should now hold
   */
  pull(key, mine, codec) {
    const base = this.bases.get(key);
    const { part } = this.fetch(key, codec);
    return merge3(base, copy(mine), part).value;
  }

  /**
   * Call `listener` with the key of every value another tab changes; returns the unsubscribe function.
   * @param {(key: string) => void} listener
   */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Tell the listeners that another tab changed `key` (from the window's storage event).
   * @param {string} key
   */
  changed(key) {
    for (const listener of [...this.listeners]) listener(key);
  }

  /**
   * The codec of a slot: the state inside its envelope.
   * @param {Slot} slot
   * @returns {Codec}
   */
  static slotCodec(slot) {
    return {
      valid: (stored) => envelopeState(stored) !== null,
      unwrap: envelopeState,
      wrap: (state) => envelope(slot, state || {}, localIso()),
    };
  }

  /**
   * The saved state of a slot, with a problem text for the reader when it was corrupted.
   * @param {Slot} slot
   * @returns {{ state: State | null, problem: string }}
   */
  load(slot) {
    const adopted = this.adoptUnscoped(slot);
    const { part, corrupt } = this.fetch(slotKey(this.namespace, slot), LocalStore.slotCodec(slot));
    return { state: part ?? null, problem: corruptionMessage(corrupt || adopted) };
  }

  /**
   * A widget that now keeps one state per scope (incident) takes over the state it saved before, without a
   * scope: when nothing is stored for the scoped `slot` and an un-scoped state of the same kind and id is,
   * that state moves into the slot once (its key is removed, so no other scope gets it). An unreadable
   * un-scoped value is set aside like any other; when it cannot be, the slot is blocked too, so that the move
   * is tried again later rather than the slot filled without it.
   * @param {Slot} slot
   * @returns {Corruption} what happened to an unreadable un-scoped value
   */
  adoptUnscoped(slot) {
    const key = slotKey(this.namespace, slot);
    if (!slot.scope || this.rawValue(key) !== null) return "";
    const unscoped = slotKey(this.namespace, { kind: slot.kind, id: slot.id, version: slot.version });
    const { value, corrupt } = this.read(unscoped, (stored) => envelopeState(stored) !== null);
    if (value !== null && this.write(key, value)) this.remove(unscoped);
    if (corrupt === "failed") this.blocked.add(key);
    return corrupt;
  }

  /**
   * Save the state of a slot, merged with another tab's changes.
   * @param {Slot} slot
   * @param {State} state
   * @returns {{ ok: boolean, state: State, conflicts: string[] }} state: the merged state
   */
  save(slot, state) {
    const { ok, part, conflicts } = this.commit(slotKey(this.namespace, slot), state, LocalStore.slotCodec(slot));
    return { ok, state: part || {}, conflicts };
  }

  /** @param {Slot} slot */
  erase(slot) {
    this.remove(slotKey(this.namespace, slot));
  }
}

export const storage = new LocalStore(() => globalThis.localStorage, config.namespace);
globalThis.addEventListener?.("storage", (event) => {
  const { key } = /** @type {StorageEvent} */ (event);
  if (key) storage.changed(key);
});
