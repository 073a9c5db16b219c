// @ts-check
// The kept-copies list: labels, restore (what is there now is kept in turn) and delete.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bindKept, keptAction, originLabel } from "../../docs/assets/kb/kept.mjs";
import { LocalStore } from "../../docs/assets/kb/storage.mjs";
import { MemoryArea, page } from "./support.mjs";

const KEY = "kb:site:checklist:tracker:i42:v1";

test("a copy is named by its tool title, the incident list by its name", () => {
  const titles = { "checklist:tracker": "トラブル対応トラッカー" };
  assert.equal(originLabel(KEY, "site", titles), "トラブル対応トラッカー");
  assert.equal(originLabel("kb:site:incidents:v1", "site", titles), "案件の一覧");
  assert.equal(originLabel("kb:site:checker:apology:v1", "site", titles), "checker apology");
});

test("restore puts a copy back and keeps what was there; delete removes a copy", (t) => {
  Object.assign(globalThis, { window: { confirm: () => true } });
  t.after(() => Reflect.deleteProperty(globalThis, "window"));
  const memory = new MemoryArea();
  const db = new LocalStore(() => memory.area, "site");
  memory.setItem(`${KEY}:corrupt:1000`, "old");
  memory.setItem(KEY, "now");
  assert.match(keptAction(db, "restore", `${KEY}:corrupt:1000`), /元に戻しました/);
  assert.equal(memory.getItem(KEY), "old");
  const [kept] = db.keptCopies(KEY);
  assert.equal(memory.getItem(kept.key), "now");
  assert.equal(keptAction(db, "delete", kept.key), "控えを削除しました。");
  assert.deepEqual(db.keptCopies(), []);
  assert.equal(keptAction(db, "delete", kept.key), "この控えはもうありません。");
});

test("the list shows one row per copy with its buttons, or says there is none", () => {
  const document = page('<div data-kb-kept data-kb-titles=\'{"checklist:tracker": "トラッカー"}\'><p data-kb-kept-message hidden></p><p data-kb-kept-empty>控えはありません。</p><ul data-kb-kept-list></ul></div>');
  const root = /** @type {HTMLElement} */ (document.querySelector("[data-kb-kept]"));
  const memory = new MemoryArea();
  const db = new LocalStore(() => memory.area, "site");
  bindKept(root, db);
  assert.equal(/** @type {HTMLElement} */ (root.querySelector("[data-kb-kept-empty]")).hidden, false);
  memory.setItem(`${KEY}:corrupt:1000`, "<img src=x onerror=alert(1)>");
  db.changed(`${KEY}:corrupt:1000`);
  const rows = root.querySelectorAll("[data-kb-kept-list] li");
  assert.equal(rows.length, 1);
  assert.match(rows[0].textContent || "", /^トラッカー（.* に控えたもの） ファイルに保存 元に戻す 削除$/);
  assert.equal(root.querySelector("img"), null);
});
