// @ts-check
// Local persistence of widget states: versioned, site-namespaced localStorage keys holding an envelope.
// Every read and write of the browser storage goes through one LocalStore, so that cross-tab merging
// (read-modify-write, storage events) and the keeping of set-aside copies can be added in one place.
import { config } from "./config.mjs";
import { localIso } from "./localtime.mjs";

export const STORAGE_SCHEMA = 1;

export const CORRUPT_STATE =
  "保存されていた内容が壊れていたため読み込めませんでした。初期状態から始めます（元のデータはこのブラウザー内に退避しました）。";

/**
 * Where one saved state lives: a widget (kind, id, definition version), optionally one copy per scope
 * (the current incident of a widget that follows the incident record).
 * @typedef {{ kind: string, id: string, version: number, scope?: string }} Slot
 */

/** @typedef {Record<string, any>} State */

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

/** Reads and writes JSON values in a Web Storage area that may be missing, disabled or full. */
export class LocalStore {
  /**
   * @param {() => Storage} area returns the storage area (may throw when the browser forbids it)
   * @param {string} namespace
   */
  constructor(area, namespace) {
    this.area = area;
    this.namespace = namespace;
  }

  /**
   * The parsed value under `key` if `valid` accepts it. A value that is unreadable or not valid is moved
   * aside (never lost) and reported as corrupt.
   * @param {string} key
   * @param {(value: unknown) => boolean} valid
   * @returns {{ value: unknown, corrupt: boolean }} value is null when nothing usable was stored
   */
  read(key, valid) {
    let raw = null;
    try {
      raw = this.area().getItem(key);
    } catch {
      return { value: null, corrupt: false }; // storage disabled: saving will say so
    }
    if (raw === null) return { value: null, corrupt: false };
    try {
      const value = JSON.parse(raw);
      if (valid(value)) return { value, corrupt: false };
    } catch {
      /* not JSON: set aside below */
    }
    this.setAside(key, raw);
    return { value: null, corrupt: true };
  }

  /**
   * Store `value` as JSON under `key`; false when the browser refused (private mode, storage full).
   * @param {string} key
   * @param {unknown} value
   */
  write(key, value) {
    try {
      this.area().setItem(key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  }

  /** @param {string} key */
  remove(key) {
    try {
      this.area().removeItem(key);
    } catch {
      /* nothing stored */
    }
  }

  /**
   * Keep a corrupted raw value under `<key>:corrupt` and clear the key.
   * @param {string} key
   * @param {string} raw
   */
  setAside(key, raw) {
    try {
      this.area().setItem(`${key}:corrupt`, raw);
      this.area().removeItem(key);
    } catch {
      /* storage unavailable: nothing more to keep */
    }
  }

  /**
   * The saved state of a slot, with a problem text for the reader when it was corrupted.
   * @param {Slot} slot
   * @returns {{ state: State | null, problem: string }}
   */
  load(slot) {
    const { value, corrupt } = this.read(slotKey(this.namespace, slot), (stored) => envelopeState(stored) !== null);
    return { state: envelopeState(value), problem: corrupt ? CORRUPT_STATE : "" };
  }

  /**
   * Save the state of a slot; false when the browser refused.
   * @param {Slot} slot
   * @param {State} state
   */
  save(slot, state) {
    return this.write(slotKey(this.namespace, slot), envelope(slot, state, localIso()));
  }

  /** @param {Slot} slot */
  erase(slot) {
    this.remove(slotKey(this.namespace, slot));
  }
}

export const storage = new LocalStore(() => globalThis.localStorage, config.namespace);
