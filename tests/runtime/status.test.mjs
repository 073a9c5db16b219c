// @ts-check
import assert from "node:assert/strict";
import { test } from "node:test";
import { isExportFile, parseJson } from "../../docs/assets/kb/io.mjs";
import { megabytes, statusLine, writeStatus } from "../../docs/assets/kb/status.mjs";
import { page } from "./support.mjs";

/** @typedef {import("../../docs/assets/kb/status.mjs").PythonState} PythonState */

/** @type {PythonState} */
const READY = { status: "ready", reason: "" };

test("a ready runtime reads as ready only once the widget's first view is written", () => {
  assert.deepEqual(statusLine(READY, false).state, "loading");
  assert.notEqual(statusLine(READY, false).text, "準備完了");
  assert.deepEqual(statusLine(READY, true), { state: "ready", text: "準備完了" });
});

test("while loading, the download progress is shown in megabytes when known", () => {
  const loading = { status: /** @type {const} */ ("loading"), reason: "" };
  assert.equal(statusLine({ ...loading, progress: { loaded: 4_100_000, total: 7_840_000 } }, false).text,
    "Python を準備しています… 4.1 / 7.8 MB");
  assert.match(statusLine({ ...loading, progress: null }, false).text, /^Python を読み込んでいます/);
  assert.match(statusLine({ ...loading, progress: { loaded: 0, total: 0 } }, false).text, /^Python を読み込んでいます/);
  assert.equal(megabytes(960_000), "1.0");
});

test("a failed boot names the reason whether or not a view was written; idle says nothing", () => {
  const failed = statusLine({ status: "failed", reason: "20 秒以内に準備できませんでした" }, true);
  assert.equal(failed.state, "failed");
  assert.match(failed.text, /^Python を読み込めませんでした（20 秒以内に準備できませんでした）。/);
  assert.deepEqual(statusLine({ status: "idle", reason: "" }, false), { state: "idle", text: "" });
});

test("writeStatus sets the state and text, and a failed status gets a working retry button", () => {
  const document = page(`<p data-kb-status>準備しています</p>`);
  const box = /** @type {HTMLElement} */ (document.querySelector("[data-kb-status]"));
  let retried = 0;
  writeStatus(box, READY, true, () => { retried += 1; });
  assert.equal(box.dataset.state, "ready");
  assert.equal(box.textContent, "準備完了");
  writeStatus(box, { status: "failed", reason: "x" }, false, () => { retried += 1; });
  const button = /** @type {HTMLButtonElement} */ (box.querySelector("button.kb-retry"));
  assert.equal(button.textContent, "再試行");
  button.click();
  assert.equal(retried, 1);
  writeStatus(box, { status: "loading", reason: "" }, false, () => {});
  assert.equal(box.querySelector("button"), null);
});

test("an export answer is a file only with string text, filename and mime", () => {
  assert.equal(isExportFile({ text: "", filename: "a-20261128-1405.txt", mime: "text/plain" }), true);
  assert.equal(isExportFile("本文"), false);
  assert.equal(isExportFile({ text: "x", filename: "a.txt" }), false);
  assert.equal(isExportFile({ text: 1, filename: "a.txt", mime: "text/plain" }), false);
  assert.equal(isExportFile(null), false);
});

test("parseJson gives undefined for text that is not JSON", () => {
  assert.deepEqual(parseJson('{"format": "kb-incident"}'), { format: "kb-incident" });
  assert.equal(parseJson("{broken"), undefined);
  assert.equal(parseJson("null"), null);
});
