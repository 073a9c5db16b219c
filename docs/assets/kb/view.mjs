// @ts-check
// Writes a view answer of Python into a widget; every text goes in through textContent or text nodes.
import { isSitePath, sitePageBase } from "./links.mjs";

/** @typedef {{ text: string, detail?: string, state?: string, href?: string }} ListEntry */
/** @typedef {{ start: number, end: number, state?: string, title?: string }} MarkRange */
/** @typedef {{ text: string, ranges: MarkRange[] }} Marked */
/**
 * A view answer; each part is optional and keyed by the data-kb-* value of the element it fills.
 * @typedef {object} ViewAnswer
 * @property {Record<string, string>} [text] data-kb-out: the element's text
 * @property {Record<string, boolean>} [show] data-kb-show: shown or hidden
 * @property {Record<string, string>} [states] data-kb-state-of: the element's data-kb-state
 * @property {Record<string, ListEntry[]>} [lists] data-kb-list: the element's list items
 * @property {Record<string, Marked>} [marks] data-kb-marks: text with highlighted ranges
 */

/**
 * A list item {text, detail?, state?, href?}; `href` becomes a link only for a page of this site.
 * @param {ListEntry} entry
 * @param {Document} [document_]
 */
export function listEntry(entry, document_ = document) {
  const item = document_.createElement("li");
  if (entry.state) item.dataset.kbState = entry.state;
  const label = entry.href && isSitePath(entry.href)
    ? Object.assign(document_.createElement("a"), { href: new URL(entry.href, sitePageBase(document_)).href })
    : document_.createElement("span");
  label.textContent = entry.text;
  item.append(label);
  if (entry.detail) {
    const detail = Object.assign(document_.createElement("span"), { className: "kb-list__detail" });
    detail.textContent = entry.detail;
    item.append(" ", detail);
  }
  return item;
}

/**
 * Text with highlighted ranges, as text nodes and <mark> elements; overlapping or empty ranges are skipped.
 * @param {Marked} marked
 * @param {Document} [document_]
 * @returns {Node[]}
 */
export function markedText({ text, ranges }, document_ = document) {
  /** @type {Node[]} */
  const nodes = [];
  let position = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    if (range.start < position || range.end <= range.start) continue;
    nodes.push(document_.createTextNode(text.slice(position, range.start)));
    const mark = Object.assign(document_.createElement("mark"), { title: range.title || "" });
    mark.dataset.kbState = range.state || "";
    mark.textContent = text.slice(range.start, range.end);
    nodes.push(mark);
    position = range.end;
  }
  nodes.push(document_.createTextNode(text.slice(position)));
  return nodes;
}

/**
 * The elements under `root` that carry `attribute`, with the answer value for each (undefined values skipped).
 * @template T
 * @param {Element} root
 * @param {string} attribute a data-kb-* attribute name
 * @param {Record<string, T> | undefined} values
 * @returns {[HTMLElement, T][]}
 */
function targets(root, attribute, values) {
  /** @type {[HTMLElement, T][]} */
  const found = [];
  for (const element of root.querySelectorAll(`[${attribute}]`)) {
    const key = element.getAttribute(attribute) || "";
    const value = values && Object.hasOwn(values, key) ? values[key] : undefined;
    if (value !== undefined) found.push([/** @type {HTMLElement} */ (element), value]);
  }
  return found;
}

/**
 * Write a view answer into the elements of a widget; parts the answer does not name are left as they are.
 * @param {Element} root
 * @param {ViewAnswer} answer
 */
export function applyView(root, answer) {
  const document_ = root.ownerDocument;
  for (const [element, text] of targets(root, "data-kb-out", answer.text)) element.textContent = text;
  for (const [element, shown] of targets(root, "data-kb-show", answer.show)) element.hidden = !shown;
  for (const [element, state] of targets(root, "data-kb-state-of", answer.states)) element.dataset.kbState = state;
  for (const [element, entries] of targets(root, "data-kb-list", answer.lists)) {
    element.replaceChildren(...entries.map((entry) => listEntry(entry, document_)));
  }
  for (const [element, marked] of targets(root, "data-kb-marks", answer.marks)) {
    element.replaceChildren(...markedText(marked, document_));
  }
}
