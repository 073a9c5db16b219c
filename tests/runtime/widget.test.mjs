// @ts-check
// A widget bound in happy-dom to a fake Python client: what it asks Python, when, and what its status says.
import assert from "node:assert/strict";
import { test } from "node:test";
import { exportFile } from "../../docs/assets/kb/actions.mjs";
import { LocalStore } from "../../docs/assets/kb/storage.mjs";
import { Widget } from "../../docs/assets/kb/widget.mjs";
import { MemoryArea, page } from "./support.mjs";

/** A Python client that answers every view at once and records the requests. */
function fakePython() {
  return {
    status: /** @type {import("../../docs/assets/kb/status.mjs").PythonStatus} */ ("ready"),
    reason: "",
    progress: null,
    /** @type {Set<() => void>} */ listeners: new Set(),
    /** @type {Record<string, any>[]} */ requests: [],
    start() {},
    retry() {},
    /** @param {Record<string, any>} request */
    async call(request) {
      this.requests.push(request);
      if (request.op === "export") return { text: "本文", filename: "案件-20261128-1405.json", mime: "application/json" };
      return { text: { summary: `view ${this.requests.length}` } };
    },
  };
}

/**
 * @param {string} attributes extra attributes of the widget root
 * @param {MemoryArea} [memory] the storage area (empty by default)
 */
function bind(attributes, memory = new MemoryArea()) {
  const document = page(`<section data-kb-widget="checker" data-kb-id="apology" data-kb-python ${attributes}>
    <p data-kb-status></p><textarea data-kb-field="draft"></textarea><p data-kb-out="summary">待っています</p></section>`);
  const root = /** @type {HTMLElement} */ (document.querySelector("[data-kb-widget]"));
  const python = fakePython();
  const widget = new Widget(root, python, new LocalStore(() => memory.area, "site"));
  widget.bind();
  return { root, python, memory, widget };
}

const views = (/** @type {{ requests: Record<string, any>[] }} */ python) =>
  python.requests.filter((request) => request.op === "view").length;
const settle = () => new Promise((resolve) => setImmediate(resolve));

test("the status says 準備完了 only once the first view answer is in the page", async () => {
  const { root, python } = bind("");
  const status = /** @type {HTMLElement} */ (root.querySelector("[data-kb-status]"));
  assert.equal(status.dataset.state, "loading");
  assert.equal(root.querySelector("[data-kb-out=summary]")?.textContent, "待っています");
  await settle();
  assert.deepEqual(python.requests[0], { kind: "checker", id: "apology", op: "view", now: python.requests[0].now, state: {} });
  assert.equal(root.querySelector("[data-kb-out=summary]")?.textContent, "view 1");
  assert.equal(status.textContent, "準備完了");
});

test("only a widget with data-kb-clock is viewed again as time passes", async (t) => {
  t.mock.timers.enable({ apis: ["setInterval"] });
  const still = bind("");
  const timed = bind('data-kb-clock="30"');
  await settle();
  assert.deepEqual([views(still.python), views(timed.python)], [1, 1]);
  for (let minute = 0; minute < 3; minute += 1) {
    t.mock.timers.tick(30_000);
    await settle();
  }
  assert.deepEqual([views(still.python), views(timed.python)], [1, 4]);
});

test("an edit is saved under the widget's slot and asks for a new view", async () => {
  const { root, python, memory } = bind("");
  await settle();
  const draft = /** @type {HTMLTextAreaElement} */ (root.querySelector("textarea"));
  draft.value = "申し訳ございません";
  const window = /** @type {any} */ (draft.ownerDocument.defaultView);
  draft.dispatchEvent(new window.Event("input", { bubbles: true }));
  await settle();
  const saved = JSON.parse(/** @type {string} */ (memory.getItem("kb:site:checker:apology:v1")));
  assert.deepEqual(saved.state, { draft: "申し訳ございません" });
  assert.deepEqual(python.requests.at(-1)?.state, { draft: "申し訳ございません" });
  assert.equal(views(python), 2);
});

test("exports ask Python for the widget's state, or for the incident record of the data-kb-incident definition", async () => {
  const { python, widget } = bind('data-kb-incident="case" data-kb-incident-kind="incident-form"');
  await settle();
  widget.state.incident.title = "部品Bの納品数量不足";
  const file = await exportFile(widget, "json", { incident: true });
  assert.deepEqual(file, { text: "本文", filename: "案件-20261128-1405.json", mime: "application/json" });
  const request = /** @type {Record<string, any>} */ (python.requests.at(-1));
  assert.deepEqual([request.kind, request.id, request.op, request.format], ["incident-form", "case", "export", "json"]);
  assert.equal(request.state.incident.title, "部品Bの納品数量不足");
  await exportFile(widget, "text");
  const own = /** @type {Record<string, any>} */ (python.requests.at(-1));
  assert.deepEqual([own.kind, own.id, own.format, own.state], ["checker", "apology", "text", widget.state]);
});

test("a per-incident widget takes its state saved before incidents into the first incident it opens, once", async () => {
  const memory = new MemoryArea();
  const slot = { kind: "checker", id: "apology", version: 1 };
  new LocalStore(() => memory.area, "site").save(slot, { draft: "以前の下書き" });
  const { root, widget } = bind('data-kb-incident="case" data-kb-incident-kind="incident-form" data-kb-per-incident', memory);
  await settle();
  const draft = /** @type {HTMLTextAreaElement} */ (root.querySelector("textarea"));
  assert.equal(draft.value, "以前の下書き");
  assert.equal(memory.getItem("kb:site:checker:apology:v1"), null);
  const first = widget.store.current;
  assert.equal(JSON.parse(/** @type {string} */ (memory.getItem(`kb:site:checker:apology:${first}:v1`))).state.draft, "以前の下書き");
  widget.addIncident({});
  assert.equal(draft.value, "", "a new incident starts empty");
  widget.switchIncident(first);
  assert.equal(draft.value, "以前の下書き");
});

test("another tab's save reaches the open widget: fields re-rendered, re-viewed, the reader told", async () => {
  const { root, python, memory, widget } = bind("");
  await settle();
  const other = new LocalStore(() => memory.area, "site");
  other.load(widget.slot);
  other.save(widget.slot, { draft: "別のタブの下書き" });
  widget.db.changed("kb:site:checker:apology:v1");
  await settle();
  assert.equal(/** @type {HTMLTextAreaElement} */ (root.querySelector("textarea")).value, "別のタブの下書き");
  assert.equal(root.querySelector("[data-kb-message]"), null, "this widget has no message line");
  assert.deepEqual(python.requests.at(-1)?.state, { draft: "別のタブの下書き" });
});

test("a replaced state can be put back once with 元に戻す; Python's own errors are shown as they are", async () => {
  const document = page(`<section data-kb-widget="checker" data-kb-id="apology" data-kb-python>
    <p data-kb-message hidden></p><textarea data-kb-field="draft"></textarea></section>`);
  const root = /** @type {HTMLElement} */ (document.querySelector("[data-kb-widget]"));
  const python = fakePython();
  const memory = new MemoryArea();
  const widget = new Widget(root, python, new LocalStore(() => memory.area, "site"));
  widget.bind();
  widget.setState({ draft: "いまの下書き" });
  widget.save();
  widget.replaceState({ draft: "読み込んだ下書き" }, "読み込みました。");
  const box = /** @type {HTMLElement} */ (root.querySelector("[data-kb-message]"));
  assert.equal(box.textContent, "読み込みました。 元に戻す");
  /** @type {HTMLElement} */ (box.querySelector("button[data-kb-action=undo]")).click();
  assert.equal(/** @type {HTMLTextAreaElement} */ (root.querySelector("textarea")).value, "いまの下書き");
  assert.equal(JSON.parse(/** @type {string} */ (memory.getItem("kb:site:checker:apology:v1"))).state.draft, "いまの下書き");
  assert.equal(box.textContent, "元に戻しました。");
  python.call = async () => {
    throw new Error("このファイルは「トラッカー」で書き出したものです。");
  };
  assert.equal(await widget.python("import", {}), null);
  assert.equal(box.textContent, "このファイルは「トラッカー」で書き出したものです。");
});
