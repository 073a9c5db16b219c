// @ts-check
// What the buttons of a widget do (data-kb-action="<name>"). Files and texts come from Python; this module only
// copies, saves and reads them, and keeps the incident records.
import { replaceQuestion } from "./changes.mjs";
import { removeIncident, saveIncidents } from "./incident.mjs";
import { copyText, download, isExportFile, parseJson, readFile } from "./io.mjs";
import { sitePageBase } from "./links.mjs";

/** @typedef {import("./widget.mjs").Widget} Widget */
/** @typedef {import("./io.mjs").ExportFile} ExportFile */
/** @typedef {(widget: Widget, button: HTMLElement) => void | Promise<void>} Action */

/**
 * The export file Python builds of a widget's state, or of its current incident record (sent to the incident
 * definition named by data-kb-incident / data-kb-incident-kind); null on failure (the widget says why).
 * @param {Widget} widget
 * @param {"text" | "markdown" | "json"} format
 * @param {{ incident?: boolean }} [options]
 * @returns {Promise<ExportFile | null>}
 */
export async function exportFile(widget, format, { incident = false } = {}) {
  const ref = widget.incidentRef;
  const target = incident && ref
    ? { kind: ref.kind, id: ref.id, state: { incident: widget.state.incident } }
    : { state: widget.state };
  const answer = await widget.python("export", { format, ...target });
  if (answer === null) return null;
  if (isExportFile(answer)) return answer;
  widget.message("書き出す内容を作れませんでした。ページを再読み込みしてから、もう一度お試しください。", "error");
  return null;
}

/**
 * Let the reader choose an exported JSON file; its content, or null (with a message) if none or unreadable.
 * @param {Widget} widget
 * @param {string} what how the message names the expected file
 * @returns {Promise<unknown>}
 */
async function pickJson(widget, what) {
  const file = await readFile("application/json,.json");
  if (!file) return null;
  const content = parseJson(await file.text());
  if (content === undefined) {
    widget.message(`選んだファイルを読み取れませんでした。このサイトで保存した${what}をそのまま選んでください。`, "error");
    return null;
  }
  return content;
}

/**
 * Save the export of the given format as a file.
 * @param {"text" | "markdown" | "json"} format
 * @returns {Action}
 */
function save(format) {
  return async (widget) => {
    const file = await exportFile(widget, format);
    if (file) download(file);
  };
}

/**
 * Follow a link to a page of this site as if the reader clicked it, so that mkdocs-material's instant
 * navigation takes over (a full load otherwise).
 * @param {Document} document_
 * @param {string} path relative to the site root
 */
function openSitePage(document_, path) {
  const link = Object.assign(document_.createElement("a"), { href: new URL(path, sitePageBase(document_)).href });
  document_.body.append(link);
  link.click();
  link.remove();
}

/** The marker Python leaves in a document for a value not entered yet (widgets/documents/values.py). */
const PLACEHOLDER = "【未入力";

/**
 * Whether to go on with a text that may still hold 【未入力: …】 markers: yes when it has none or the reader agrees.
 * @param {string} text
 * @param {string} doing what the reader is about to do, e.g. "コピー"
 * @returns {boolean}
 */
export function confirmComplete(text, doing) {
  if (!text.includes(PLACEHOLDER)) return true;
  return window.confirm(`まだ【未入力】の箇所があります。このまま${doing}しますか？`);
}

/** @type {Record<string, Action>} */
export const ACTIONS = {
  async "copy-text"(widget) {
    const file = await exportFile(widget, "text");
    if (!file || !confirmComplete(file.text, "コピー")) return;
    try {
      await copyText(file.text);
      widget.message("コピーしました。メールやチャットに貼り付けてください。");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      widget.message(`コピーできませんでした（${reason}）。「テキストで保存」をお使いください。`, "error");
    }
  },
  "download-text": save("text"),
  "download-markdown": save("markdown"),
  "export-json": save("json"),
  async "import-json"(widget) {
    const document_ = await pickJson(widget, "ファイル");
    if (!document_) return;
    const result = await widget.python("import", { document: document_ });
    if (!result) return;
    const question = replaceQuestion(widget.savedState(), result.state);
    if (question && !window.confirm(question)) {
      widget.message("読み込みをやめました。いまの内容はそのままです。");
      return;
    }
    widget.replaceState(result.state, ["読み込みました。", ...result.notes].join(" "));
  },
  print(widget) {
    const preview = widget.root.querySelector("[data-kb-out='preview']");
    if (preview && !confirmComplete(preview.textContent || "", "印刷")) return;
    window.print();
  },
  // Hands the exported text to the saved state of the target widget (data-kb-target-kind/-id; its other fields
  // are kept), then opens its page (data-kb-target).
  async "check-draft"(widget, button) {
    const file = await exportFile(widget, "text");
    const { kbTarget, kbTargetKind, kbTargetId } = button.dataset;
    if (!file || !kbTarget || !kbTargetKind || !kbTargetId) return;
    const target = { kind: kbTargetKind, id: kbTargetId, version: 1 };
    widget.db.save(target, { ...widget.db.load(target).state, draft: file.text });
    openSitePage(button.ownerDocument, kbTarget);
  },
  "incident-new"(widget) {
    widget.addIncident({});
    widget.message("新しい案件を作りました。件名から入力してください。");
  },
  "incident-delete"(widget) {
    const title = widget.state.incident.title || "（無題の案件）";
    if (!window.confirm(`案件「${title}」を削除します。よろしいですか？（削除した直後なら「元に戻す」で取り消せます）`)) return;
    const id = widget.store.current;
    const record = widget.store.items[id];
    const slot = widget.slot;
    const perIncident = widget.perIncident ? widget.db.load(slot).state : null;
    if (widget.perIncident) widget.db.erase(slot);
    removeIncident(widget.store, id);
    widget.switchIncident(widget.store.current);
    widget.message(`案件「${title}」を削除しました。`, "info", () => {
      widget.store.items[id] = record;
      saveIncidents(widget.db, widget.store);
      if (perIncident) widget.db.save(slot, perIncident);
      widget.switchIncident(id);
    });
  },
  async "incident-export"(widget) {
    const file = await exportFile(widget, "json", { incident: true });
    if (file) download(file);
  },
  async "incident-import"(widget) {
    const ref = widget.incidentRef;
    const document_ = await pickJson(widget, "案件のファイル");
    if (!document_ || !ref) return;
    const result = await widget.python("import", { kind: ref.kind, id: ref.id, document: document_ });
    if (!result) return;
    const previous = widget.store.current;
    widget.addIncident(result.incident);
    widget.saveIncident();
    const added = widget.store.current;
    const title = result.incident.title || "（無題の案件）";
    widget.message([`案件「${title}」を新しく追加しました。いまの案件はそのまま残っています。`, ...result.notes].join(" "), "info", () => {
      removeIncident(widget.store, added);
      widget.store.current = widget.store.items[previous] ? previous : widget.store.current;
      widget.switchIncident(widget.store.current);
    });
  },
  reset(widget) {
    if (!window.confirm("チェック・メモ・時刻をすべて消去します。よろしいですか？（消去した直後なら「元に戻す」で取り消せます）")) return;
    widget.replaceState({}, "すべて消去しました。");
  },
  undo(widget) {
    widget.undo();
  },
};
