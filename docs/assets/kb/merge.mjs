// @ts-check
// Field-level three-way merge of plain JSON values, for states saved by several tabs at once:
// base = what this tab last read, mine = what it holds now, theirs = what is stored now.
// A field changed on one side only takes that change; a field changed on both sides differently
// takes mine (the last writer) and is reported as a conflict. Pure functions, no storage.

/**
 * True for a plain object (not null, not an array).
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Structural equality of JSON values (undefined counts as absent).
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean}
 */
export function sameValue(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => sameValue(a[key], b[key]));
}

/**
 * The merged value and the dotted paths where both sides changed the same field differently.
 * @typedef {{ value: unknown, conflicts: string[] }} Merged
 */

/**
 * Merge `mine` and `theirs`, both derived from `base`.
 * @param {unknown} base
 * @param {unknown} mine
 * @param {unknown} theirs
 * @param {string} [path] the dotted path of these values (for conflict reports)
 * @returns {Merged}
 */
export function merge3(base, mine, theirs, path = "") {
  if (sameValue(mine, theirs) || sameValue(theirs, base)) return { value: mine, conflicts: [] };
  if (sameValue(mine, base)) return { value: theirs, conflicts: [] };
  if (isObject(mine) && isObject(theirs)) return mergeObjects(isObject(base) ? base : {}, mine, theirs, path);
  return { value: mine, conflicts: [path] };
}

/**
 * Merge two objects key by key.
 * @param {Record<string, unknown>} base
 * @param {Record<string, unknown>} mine
 * @param {Record<string, unknown>} theirs
 * @param {string} path
 * @returns {Merged}
 */
function mergeObjects(base, mine, theirs, path) {
  /** @type {Record<string, unknown>} */
  const value = {};
  /** @type {string[]} */
  const conflicts = [];
  for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    const merged = merge3(base[key], mine[key], theirs[key], path ? `${path}.${key}` : key);
    if (merged.value !== undefined) value[key] = merged.value;
    conflicts.push(...merged.conflicts);
  }
  return { value, conflicts };
}

/**
 * The dotted paths of the leaves that differ between two values (objects are compared key by key).
 * @param {unknown} before
 * @param {unknown} after
 * @param {string} [path]
 * @returns {string[]}
 */
export function changedPaths(before, after, path = "") {
  if (sameValue(before, after)) return [];
  if (!isObject(before) || !isObject(after)) return [path];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) => changedPaths(before[key], after[key], path ? `${path}.${key}` : key));
}
