// @ts-check
import assert from "node:assert/strict";
import { test } from "node:test";
import { isSitePath, sitePageBase } from "../../docs/assets/kb/links.mjs";
import { applyView, listEntry, markedText } from "../../docs/assets/kb/view.mjs";
import { page } from "./support.mjs";

const XSS = "<img src=x onerror=alert(1)>";

test("the site root comes from mkdocs-material's config, relative to the page", () => {
  assert.equal(sitePageBase(page("")).href, "http://127.0.0.1:8000/kb/");
  assert.equal(sitePageBase(page("", { base: "." })).href, "http://127.0.0.1:8000/kb/tools/first-response/");
});

test("only relative paths inside the site count as site links", () => {
  for (const href of ["guide/apology/", "../respond/#step-2", "tools/x/index.html"]) assert.equal(isSitePath(href), true);
  for (const href of ["javascript:alert(1)", "//evil.example/", "https://x.test/", "a b/", "a\"b", ""]) {
    assert.equal(isSitePath(href), false, href);
  }
});

test("a list entry links site pages from the site root and writes every text as text", () => {
  const document = page("");
  const item = listEntry({ text: XSS, detail: "補足", state: "missing", href: "guide/apology/#step-2" }, document);
  assert.equal(item.dataset.kbState, "missing");
  const link = /** @type {HTMLAnchorElement} */ (item.querySelector("a"));
  assert.equal(link.href, "http://127.0.0.1:8000/kb/guide/apology/#step-2");
  assert.equal(link.textContent, XSS);
  assert.equal(item.querySelector("img"), null);
  assert.equal(item.querySelector(".kb-list__detail")?.textContent, "補足");
  assert.equal(item.textContent, `${XSS} 補足`);
});

test("a list entry with a foreign link shows plain text", () => {
  const item = listEntry({ text: "外部", href: "javascript:alert(1)" }, page(""));
  assert.equal(item.querySelector("a"), null);
  assert.equal(item.querySelector("span")?.textContent, "外部");
});

test("marked text highlights the ranges in order and skips overlapping or empty ones", () => {
  const document = page("");
  const box = document.createElement("div");
  box.append(...markedText({
    text: "誠に申し訳ございません。",
    ranges: [{ start: 3, end: 7, state: "warn", title: "t" }, { start: 0, end: 2, state: "ok" }, { start: 5, end: 9 }, { start: 9, end: 9 }],
  }, document));
  const marks = [...box.querySelectorAll("mark")];
  assert.deepEqual(marks.map((mark) => [mark.textContent, mark.dataset.kbState]), [["誠に", "ok"], ["し訳ござ", "warn"]]);
  assert.equal(marks[1].title, "t");
  assert.equal(box.textContent, "誠に申し訳ございません。");
});

test("applyView writes every kind of output and leaves what the answer does not name", () => {
  const document = page(`<div id="w">
    <p data-kb-out="summary">待っています</p><p data-kb-out="other">そのまま</p><p data-kb-out="constructor">c</p>
    <div data-kb-show="missing" hidden></div><div data-kb-show="notes"></div>
    <li data-kb-state-of="items.a"></li>
    <ul data-kb-list="findings"><li>古い</li></ul>
    <div data-kb-marks="draft"></div></div>`);
  const root = /** @type {HTMLElement} */ (document.getElementById("w"));
  applyView(root, {
    text: { summary: XSS },
    show: { missing: true, notes: false },
    states: { "items.a": "done" },
    lists: { findings: [{ text: "一つ目" }, { text: "二つ目" }] },
    marks: { draft: { text: "abc", ranges: [{ start: 1, end: 2 }] } },
  });
  const at = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
  assert.equal(at("[data-kb-out=summary]").textContent, XSS);
  assert.equal(root.querySelector("img"), null);
  assert.equal(at("[data-kb-out=other]").textContent, "そのまま");
  assert.equal(at("[data-kb-out=constructor]").textContent, "c");
  assert.equal(at("[data-kb-show=missing]").hidden, false);
  assert.equal(at("[data-kb-show=notes]").hidden, true);
  assert.equal(at("[data-kb-state-of]").dataset.kbState, "done");
  assert.deepEqual([...root.querySelectorAll("[data-kb-list] li")].map((li) => li.textContent), ["一つ目", "二つ目"]);
  assert.equal(at("[data-kb-marks] mark").textContent, "b");
  applyView(root, {});
  assert.equal(at("[data-kb-out=summary]").textContent, XSS);
});
