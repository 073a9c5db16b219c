// @ts-check
// The place that lists the set-aside copies of corrupted stored data (「壊れていたデータの控え」 on the tools
// index, an element with data-kb-kept): each copy can be saved to a file, put back, or deleted.
import { download } from "./io.mjs";

/** @typedef {import("./storage.mjs").LocalStore} LocalStore */
/** @typedef {import("./storage.mjs").KeptCopy} KeptCopy */

/**
 * What a stored key holds, in the reader's words: the tool title from data-kb-titles ("kind:id" → title).
 * @param {string} origin a storage key, e.g. "kb:site:checklist:tracker:i42:v1"
 * @param {string} namespace
 * @param {Record<string, string>} titles
 */
export function originLabel(origin, namespace, titles) {
  const [kind, id] = origin.slice(`kb:${namespace}:`.length).split(":");
  if (kind === "incidents") return "案件の一覧";
  return titles[`${kind}:${id}`] || `${kind} ${id}`;
}

/**
 * A time in ms as the reader reads it ("2026/12/06 19:55").
 * @param {number} time
 */
export function keptTime(time) {
  if (!time) return "日時不明";
  const date = new Date(time);
  const two = (/** @type {number} */ value) => String(value).padStart(2, "0");
  return `${date.getFullYear()}/${two(date.getMonth() + 1)}/${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/**
 * Show the kept copies in `root` and make its buttons work.
 * @param {HTMLElement} root
 * @param {LocalStore} db
 */
export function bindKept(root, db) {
  /** @type {Record<string, string>} */
  let titles = {};
  try {
    titles = JSON.parse(root.dataset.kbTitles || "{}");
  } catch {
    /* labels fall back to kind and id */
  }
  const render = () => renderKept(root, db, titles);
  root.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest?.("button[data-kb-kept-action]"));
    if (!button) return;
    const message = keptAction(db, button.dataset.kbKeptAction || "", button.dataset.kbKey || "");
    render();
    if (message) writeMessage(root, message);
  });
  db.subscribe((key) => root.isConnected && key.includes(":corrupt") && render());
  render();
}

/**
 * @param {HTMLElement} root
 * @param {string} text
 */
function writeMessage(root, text) {
  const box = /** @type {HTMLElement | null} */ (root.querySelector("[data-kb-kept-message]"));
  if (!box) return;
  box.textContent = text;
  box.hidden = !text;
}

/**
 * List the copies, the newest first.
 * @param {HTMLElement} root
 * @param {LocalStore} db
 * @param {Record<string, string>} titles
 */
function renderKept(root, db, titles) {
  const copies = db.keptCopies();
  const list = /** @type {HTMLElement} */ (root.querySelector("[data-kb-kept-list]"));
  const empty = /** @type {HTMLElement} */ (root.querySelector("[data-kb-kept-empty]"));
  empty.hidden = copies.length > 0;
  list.replaceChildren(...copies.map((kept) => keptRow(root.ownerDocument, kept, originLabel(kept.origin, db.namespace, titles))));
}

/**
 * One row: what and when, and its three buttons.
 * @param {Document} document_
 * @param {KeptCopy} kept
 * @param {string} label
 */
function keptRow(document_, kept, label) {
  const row = document_.createElement("li");
  row.dataset.kbKey = kept.key;
  const text = document_.createElement("span");
  text.textContent = `${label}（${keptTime(kept.time)} に控えたもの）`;
  row.append(text);
  for (const [action, caption] of [["save", "ファイルに保存"], ["restore", "元に戻す"], ["delete", "削除"]]) {
    const button = Object.assign(document_.createElement("button"), { type: "button", textContent: caption });
    button.className = "md-button";
    button.dataset.kbKeptAction = action;
    button.dataset.kbKey = kept.key;
    row.append(" ", button);
  }
  return row;
}

/**
 * Do what a button asks with the copy under `key`; the message for the reader.
 * @param {LocalStore} db
 * @param {string} action "save", "restore" or "delete"
 * @param {string} key
 */
export function keptAction(db, action, key) {
  const raw = db.rawValue(key);
  if (raw === null) return "この控えはもうありません。";
  if (action === "save") {
    download({ text: raw, filename: `控え-${key.replaceAll(":", "_")}.txt`, mime: "text/plain" });
    return "控えをファイルに保存しました。";
  }
  if (action === "restore") {
    if (!window.confirm("この控えを元の場所に戻します。いまの内容は、別の控えとして残します。よろしいですか？")) return "";
    return db.restore(key) ? "控えを元に戻しました。そのツールのページを開き直すと読み込まれます。" : "元に戻せませんでした（容量不足の可能性があります）。";
  }
  if (!window.confirm("この控えを削除します。よろしいですか？")) return "";
  db.remove(key);
  return "控えを削除しました。";
}
