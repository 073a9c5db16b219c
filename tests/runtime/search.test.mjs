// @ts-check
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  createIndex,
  escapeHtml,
  features,
  highlight,
  normalize,
  queryMarks,
  search,
  snippet,
  themeResult,
} from "../../docs/assets/kb/search/engine.mjs";

/** @param {string} url @param {string} title @param {string} text @param {string[]} [aliases] */
function page(url, title, text, aliases = []) {
  return { url, title, aliases, sections: [{ anchor: "", title, text }, { anchor: "more", title: "詳しく", text }] };
}

const index = createIndex({
  synonyms: [["お詫び", "謝罪", "謝る"], ["上司", "上長"]],
  pages: [
    page("apology/", "効果的な謝罪", "謝罪に入れる5つの要素と、逆効果になる言い方を説明します。"),
    page("phone/", "電話での謝罪トーク", "電話口で最初に伝えることを順に示します。"),
    page("boss/", "上司への第一報", "悪い報告ほど早く、経緯と現状を伝えます。", ["第一報の例文"]),
    page("care/", "セルフケアと相談先", "眠れない日が続くときは、早めに相談してください。"),
    page("tracker/", "トラブル対応トラッカー", "対応の記録を時系列で残します。<script>"),
  ],
});

/** @param {string} query */
const urls = (query) => search(index, query).map((hit) => hit.page.data.url);

test("normalize folds width, case and katakana", () => {
  assert.equal(normalize("ＡＢＣ　カスハラ"), "abc かすはら");
  assert.equal(normalize("ｶｽﾊﾗ"), "かすはら");
});

test("features are bigrams plus single kanji; a one-character word is itself", () => {
  assert.deepEqual(features("謝罪文"), ["謝罪", "罪文", "謝", "罪", "文"]);
  assert.deepEqual(features("a 謝"), ["a", "謝"]);
});

test("a verbatim phrase of a page's text finds the page first", () => {
  assert.equal(urls("眠れない")[0], "care/");
  assert.equal(urls("時系列で残し")[0], "tracker/");
});

test("katakana typed in hiragana and half-width still match", () => {
  assert.equal(urls("とらっかー")[0], "tracker/");
  assert.equal(urls("ﾄﾗｯｶｰ")[0], "tracker/");
});

test("inflected and synonym queries find the page", () => {
  assert.equal(urls("電話で謝る")[0], "phone/");
  assert.equal(urls("上長への第一報")[0], "boss/");
  assert.ok(urls("お詫びの要素").slice(0, 2).includes("apology/"));
});

test("title matches rank above body matches, aliases rank high", () => {
  assert.equal(urls("謝罪")[0], "apology/");
  assert.equal(urls("例文")[0], "boss/");
});

test("a query with nothing in common finds nothing", () => {
  assert.deepEqual(urls("zzzz"), []);
  assert.deepEqual(urls("   "), []);
});

test("highlight escapes the text and marks the runs of query bigrams", () => {
  const marks = queryMarks(index, "記録");
  assert.equal(highlight("対応の記録<b>", marks), "対応の<mark>記録</mark>&#60;b&#62;");
  assert.equal(escapeHtml(`<a href="x">&'`), "&#60;a href=&#34;x&#34;&#62;&#38;&#39;");
});

test("snippet starts near the first match and is cut with an ellipsis", () => {
  const text = `${"あ".repeat(100)}記録${"い".repeat(100)}`;
  const part = snippet(text, queryMarks(index, "記録"));
  assert.ok(part.startsWith("…") && part.endsWith("…"));
  assert.ok(part.indexOf("記録") === 21, part);
});

test("the theme result groups a page with its best section, escaped and highlighted", () => {
  const { items } = themeResult(index, "記録");
  assert.equal(items[0][0].location, "tracker/");
  assert.match(items[0][0].text, /<mark>記録<\/mark>/);
  assert.ok(!items[0][0].text.includes("<script>"));
  assert.ok(items.every((group) => !group[0].location.includes("#")));
  assert.deepEqual(items[0][0].terms, { 記録: true });
  assert.deepEqual(themeResult(index, "トラッカー　ｚｚ").items[0][0].terms, { トラッカー: true, zz: false });
});
