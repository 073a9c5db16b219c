// @ts-check
// Test support: a happy-dom document and a small in-memory Web Storage area.
import { Window } from "happy-dom";

/**
 * A document at `url` whose body holds `html`, with mkdocs-material's __config naming the site root `base`.
 * @param {string} html
 * @param {{ url?: string, base?: string }} [options]
 */
export function page(html, { url = "http://127.0.0.1:8000/kb/tools/first-response/", base = "../.." } = {}) {
  const window = new Window({ url });
  const document = /** @type {Document} */ (/** @type {unknown} */ (window.document));
  document.body.innerHTML = `<script id="__config" type="application/json">${JSON.stringify({ base })}</script>${html}`;
  return document;
}

/** A Web Storage area in memory; `full` makes every write fail, `disabled` every access. */
export class MemoryArea {
  constructor() {
    /** @type {Map<string, string>} */ this.items = new Map();
    this.full = false;
    this.disabled = false;
  }

  /** @returns {Storage} */
  get area() {
    if (this.disabled) throw new Error("SecurityError: storage is disabled");
    return /** @type {Storage} */ (/** @type {unknown} */ (this));
  }

  /** @param {string} key */
  getItem(key) {
    return this.items.has(key) ? /** @type {string} */ (this.items.get(key)) : null;
  }

  /**
   * @param {string} key
   * @param {string} value
   */
  setItem(key, value) {
    if (this.full) throw new Error("QuotaExceededError");
    this.items.set(key, String(value));
  }

  get length() {
    return this.items.size;
  }

  /** @param {number} index */
  key(index) {
    return [...this.items.keys()][index] ?? null;
  }

  /** @param {string} key */
  removeItem(key) {
    this.items.delete(key);
  }
}
