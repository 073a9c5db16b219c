// @ts-check
import assert from "node:assert/strict";
import { test } from "node:test";
import { countState, replaceQuestion } from "../../docs/assets/kb/changes.mjs";

const STATE = {
  started_at: "2026-11-28T14:05",
  items: { a: { checked: true, checked_at: "2026-11-28T14:10:00", note: "電話済み" }, b: { checked: false, note: "" },
    step: { status: "done", owner: "品質保証", at: { done: "2026-11-28T15:00:00" } } },
  fields: { company: "山田商事" },
};

test("ticks (or statuses), notes and other entries are counted; time stamps are not", () => {
  assert.deepEqual(countState(STATE), { checks: 2, notes: 1, entries: 2 });
  assert.deepEqual(countState({}), { checks: 0, notes: 0, entries: 0 });
});

test("a replacement asks with both counts, unless nothing would be lost", () => {
  assert.equal(replaceQuestion({ started_at: "2026-11-28T14:05", items: {} }, STATE), "");
  assert.equal(replaceQuestion(STATE, { items: {} }), [
    "読み込むと、いまの内容がファイルの内容に置き換わります。",
    "いまの内容: チェック 2 件、メモ 1 件、入力 2 件",
    "ファイルの内容: チェック 0 件、メモ 0 件、入力 0 件",
    "よろしいですか？（読み込んだ直後なら「元に戻す」で取り消せます）",
  ].join("\n"));
});
