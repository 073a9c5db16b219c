// @ts-check
// Dotted paths ("items.facts.checked") into the plain-object state of a widget.

/** @typedef {Record<string, any>} State */

/**
 * The value at a dotted path, or undefined when any step is missing or not an object.
 * @param {unknown} object
 * @param {string} path
 * @returns {unknown}
 */
export function getPath(object, path) {
  return path.split(".").reduce(
    (/** @type {any} */ node, key) => (node && typeof node === "object" ? node[key] : undefined),
    object,
  );
}

/**
 * Set the value at a dotted path, creating objects on the way; null or undefined deletes the key.
 * @param {State} object
 * @param {string} path
 * @param {unknown} value
 */
export function setPath(object, path, value) {
  const keys = path.split(".");
  const last = /** @type {string} */ (keys.pop());
  let node = object;
  for (const key of keys) {
    if (!node[key] || typeof node[key] !== "object") node[key] = {};
    node = node[key];
  }
  if (value === null || value === undefined) delete node[last];
  else node[last] = value;
}
