// @ts-check
// What a state holds, counted the way the reader sees it (ticks, notes, other entries), so that a
// replacement (an import) can say what will change before it happens.

/** @typedef {{ checks: number, notes: number, entries: number }} Counts */

/**
 * Count the ticked items (or items with a status), the non-empty notes and the other filled-in entries.
 * Time stamps are not counted.
 * @param {unknown} state
 * @returns {Counts}
 */
export function countState(state) {
  const counts = { checks: 0, notes: 0, entries: 0 };
  /** @param {unknown} node */
  const visit = (node) => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "at" || key.endsWith("_at") || key === "incident") continue;
      if ((key === "checked" && value === true) || (key === "status" && typeof value === "string" && value)) counts.checks += 1;
      else if (key === "note" && typeof value === "string" && value) counts.notes += 1;
      else if (typeof value === "string" && value && key !== "status") counts.entries += 1;
      else visit(value);
    }
  };
  visit(state);
  return counts;
}

/**
 * The counts in words: "チェック 3 件、メモ 2 件、入力 1 件".
 * @param {Counts} counts
 */
export function describeCounts({ checks, notes, entries }) {
  return `チェック ${checks} 件、メモ ${notes} 件、入力 ${entries} 件`;
}

/**
 * The question asked before `next` replaces `current`, or "" when nothing would be lost.
 * @param {unknown} current
 * @param {unknown} next
 */
export function replaceQuestion(current, next) {
  const now = countState(current);
  if (!now.checks && !now.notes && !now.entries) return "";
  return [
    "読み込むと、いまの内容がファイルの内容に置き換わります。",
    `いまの内容: ${describeCounts(now)}`,
    `ファイルの内容: ${describeCounts(countState(next))}`,
    "よろしいですか？（読み込んだ直後なら「元に戻す」で取り消せます）",
  ].join("\n");
}
