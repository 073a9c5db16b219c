// @ts-check
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  applyShowIf,
  fieldEdit,
  fillDefaults,
  showIf,
  writeFields,
  writePlainProgress,
} from "../../docs/assets/kb/fields.mjs";
import { page } from "./support.mjs";

const FORM = `
<input id="started" type="datetime-local" data-kb-field="started_at" data-kb-default="now">
<select id="tone" data-kb-field="options.tone" data-kb-default="formal"><option value="formal"></option><option value="plain"></option></select>
<input id="check" type="checkbox" data-kb-field="items.a.checked" data-kb-stamp="items.a.checked_at" data-kb-item>
<input id="cc" type="checkbox" data-kb-field="options.cc" data-kb-default="true">
<input id="yes" type="radio" name="q" value="yes" data-kb-field="answers.q">
<input id="no" type="radio" name="q" value="no" data-kb-field="answers.q">
<input id="note" type="text" data-kb-field="items.a.note">
<div id="more" data-kb-show-if="conditions.big conditions.night" hidden><input id="extra" type="checkbox" data-kb-field="items.b.checked" data-kb-item></div>
<input id="plain" type="checkbox" data-kb-item>
<span id="progress" data-kb-progress-template="{done} / {total} 完了"></span>`;

/**
 * @param {Document} document
 * @param {string} id
 */
const input = (document, id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

test("defaults fill only empty fields: now as local time, booleans for checkboxes, literals otherwise", () => {
  const document = page(FORM);
  /** @type {Record<string, any>} */
  const state = { options: { tone: "plain" } };
  fillDefaults(document.body, state, new Date(2026, 10, 28, 14, 5, 30));
  assert.deepEqual(state, { started_at: "2026-11-28T14:05", options: { tone: "plain", cc: true } });
});

test("writeFields checks boxes by true, radios by value, and clears text fields without a string", () => {
  const document = page(FORM);
  input(document, "note").value = "old";
  writeFields(document.body, { items: { a: { checked: true, note: 5 } }, answers: { q: "no" } });
  assert.equal(input(document, "check").checked, true);
  assert.equal(input(document, "cc").checked, false);
  assert.equal(input(document, "yes").checked, false);
  assert.equal(input(document, "no").checked, true);
  assert.equal(input(document, "note").value, "");
});

test("fieldEdit reads the value and the stamp of a checked box; unchecking clears the stamp", () => {
  const document = page(FORM);
  const box = input(document, "check");
  box.checked = true;
  assert.deepEqual(fieldEdit(box, "2026-11-28T14:05:09"), {
    path: "items.a.checked", value: true, stamp: { path: "items.a.checked_at", value: "2026-11-28T14:05:09" },
  });
  box.checked = false;
  assert.deepEqual(fieldEdit(box, "2026-11-28T14:06:00"), {
    path: "items.a.checked", value: false, stamp: { path: "items.a.checked_at", value: null },
  });
});

test("fieldEdit takes text values, the chosen radio only, and ignores elements that are not fields", () => {
  const document = page(FORM);
  input(document, "note").value = "工場へ電話済み";
  assert.deepEqual(fieldEdit(input(document, "note"), "now"), { path: "items.a.note", value: "工場へ電話済み" });
  input(document, "yes").checked = true;
  assert.deepEqual(fieldEdit(input(document, "yes"), "now"), { path: "answers.q", value: "yes" });
  assert.equal(fieldEdit(input(document, "no"), "now"), null);
  assert.equal(fieldEdit(input(document, "plain"), "now"), null);
  assert.equal(fieldEdit(null, "now"), null);
});

test("show-if needs every listed path to be true", () => {
  assert.equal(showIf("conditions.big", { conditions: { big: true } }), true);
  assert.equal(showIf("conditions.big conditions.night", { conditions: { big: true } }), false);
  assert.equal(showIf("conditions.big", { conditions: { big: "true" } }), false);
});

test("the plain progress counts checked items that are not hidden", () => {
  const document = page(FORM);
  const state = { conditions: { big: true } };
  input(document, "check").checked = true;
  input(document, "extra").checked = true;
  applyShowIf(document.body, state);
  writePlainProgress(document.body);
  assert.equal(document.getElementById("progress")?.textContent, "1 / 2 完了");
  applyShowIf(document.body, { conditions: { big: true, night: true } });
  writePlainProgress(document.body);
  assert.equal(document.getElementById("more")?.hidden, false);
  assert.equal(document.getElementById("progress")?.textContent, "2 / 3 完了");
});
