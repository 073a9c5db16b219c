// @ts-check
// The form fields of a widget (data-kb-field) and the parts that follow them without Python:
// defaults, conditional visibility (data-kb-show-if) and the plain progress count.
import { localIso } from "./localtime.mjs";
import { getPath, setPath } from "./paths.mjs";

/** @typedef {import("./paths.mjs").State} State */
/** @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Field */

/**
 * The data-kb-field elements under `root`.
 * @param {ParentNode} root
 * @returns {Field[]}
 */
function fields(root) {
  return [.../** @type {NodeListOf<Field>} */ (root.querySelectorAll("[data-kb-field]"))];
}

/**
 * Fill the empty fields that have a data-kb-default: "now" is the local time (to the minute), anything
 * else the literal default ("true" for a checkbox).
 * @param {ParentNode} root
 * @param {State} state
 * @param {Date} [now]
 */
export function fillDefaults(root, state, now = new Date()) {
  for (const field of fields(root)) {
    const path = field.dataset.kbField || "";
    const preset = field.dataset.kbDefault;
    if (preset === undefined || ![undefined, ""].includes(/** @type {any} */ (getPath(state, path)))) continue;
    const value = preset === "now" ? localIso(now, false) : preset;
    setPath(state, path, field.type === "checkbox" ? value === "true" : value);
  }
}

/**
 * Write the state into every field: checkboxes are checked by true, radios by their value, others get text.
 * @param {ParentNode} root
 * @param {State} state
 */
export function writeFields(root, state) {
  for (const field of fields(root)) {
    const value = getPath(state, field.dataset.kbField || "");
    const box = /** @type {HTMLInputElement} */ (field);
    if (field.type === "checkbox") box.checked = value === true;
    else if (field.type === "radio") box.checked = value === field.value;
    else field.value = typeof value === "string" ? value : "";
  }
}

/**
 * What an edit of a field changes in the state: the value at its path and, for a field with data-kb-stamp,
 * the time it was checked (null when unchecked) at that path. Null for elements that are not fields and for
 * the radio that was left.
 * @param {EventTarget | null} target
 * @param {string} now local ISO time of the edit
 * @returns {{ path: string, value: string | boolean, stamp?: { path: string, value: string | null } } | null}
 */
export function fieldEdit(target, now) {
  const field = /** @type {HTMLInputElement | null} */ (target);
  const path = field?.dataset?.kbField;
  if (!field || !path || (field.type === "radio" && !field.checked)) return null;
  const value = field.type === "checkbox" ? field.checked : field.value;
  const stampPath = field.dataset.kbStamp;
  if (!stampPath) return { path, value };
  return { path, value, stamp: { path: stampPath, value: field.checked ? now : null } };
}

/**
 * True when every path of a data-kb-show-if value ("conditions.a conditions.b") is true in the state.
 * @param {string} paths space-separated dotted paths
 * @param {State} state
 */
export function showIf(paths, state) {
  return paths.split(" ").every((path) => getPath(state, path) === true);
}

/**
 * Show or hide every data-kb-show-if element for the state.
 * @param {ParentNode} root
 * @param {State} state
 */
export function applyShowIf(root, state) {
  for (const element of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-kb-show-if]"))) {
    element.hidden = !showIf(element.dataset.kbShowIf || "", state);
  }
}

/**
 * Write the plain count of checked visible items (data-kb-item) into each data-kb-progress-template element,
 * e.g. "{done} / {total} 完了"; Python replaces it with its own once it answers.
 * @param {ParentNode} root
 */
export function writePlainProgress(root) {
  const items = [.../** @type {NodeListOf<HTMLInputElement>} */ (root.querySelectorAll("[data-kb-item]"))]
    .filter((box) => !box.closest("[hidden]"));
  const done = items.filter((box) => box.checked).length;
  for (const element of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-kb-progress-template]"))) {
    const template = element.dataset.kbProgressTemplate || "";
    element.textContent = template.replace("{done}", String(done)).replace("{total}", String(items.length));
  }
}
