// @ts-check
import assert from "node:assert/strict";
import { test } from "node:test";
import { changedPaths, merge3, sameValue } from "../../docs/assets/kb/merge.mjs";

const BASE = { items: { a: { checked: false, note: "" }, b: { checked: false } }, fields: { company: "" } };

test("changes to different fields on both sides all survive", () => {
  const mine = { ...BASE, items: { ...BASE.items, a: { checked: true, note: "" } } };
  const theirs = { ...BASE, items: { ...BASE.items, b: { checked: true } }, fields: { company: "山田商事" } };
  assert.deepEqual(merge3(BASE, mine, theirs), {
    value: { items: { a: { checked: true, note: "" }, b: { checked: true } }, fields: { company: "山田商事" } },
    conflicts: [],
  });
});

test("the same field changed differently on both sides: mine wins and the path is reported", () => {
  const mine = { ...BASE, fields: { company: "山田商事" } };
  const theirs = { ...BASE, fields: { company: "田中工業" } };
  assert.deepEqual(merge3(BASE, mine, theirs), { value: mine, conflicts: ["fields.company"] });
  assert.deepEqual(merge3(BASE, mine, mine).conflicts, [], "the same change on both sides is no conflict");
});

test("keys added or removed on one side follow that side", () => {
  const theirs = { items: { ...BASE.items, c: { checked: true } }, fields: {} };
  assert.deepEqual(merge3(BASE, BASE, theirs).value, theirs);
  const mine = { items: { a: BASE.items.a }, fields: BASE.fields };
  assert.deepEqual(merge3(BASE, mine, BASE).value, mine);
  assert.deepEqual(merge3(BASE, BASE, undefined).value, undefined, "erased in the other tab");
});

test("without a base (never read) stored fields the writer does not hold are kept", () => {
  assert.deepEqual(merge3(undefined, { draft: "新しい下書き" }, { draft: "古い下書き", options: { polite: true } }), {
    value: { draft: "新しい下書き", options: { polite: true } },
    conflicts: ["draft"],
  });
  assert.deepEqual(merge3(undefined, { a: 1 }, undefined).value, { a: 1 });
});

test("arrays and scalars are compared whole", () => {
  assert.deepEqual(merge3([1], [1, 2], [1, 3]), { value: [1, 2], conflicts: [""] });
  assert.ok(sameValue({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] }));
  assert.ok(!sameValue({ a: [1] }, { a: [1, 2] }));
  assert.ok(!sameValue(null, {}));
});

test("changedPaths lists the leaves that differ", () => {
  assert.deepEqual(changedPaths(BASE, { ...BASE, fields: { company: "x" }, extra: 1 }), ["fields.company", "extra"]);
  assert.deepEqual(changedPaths(BASE, BASE), []);
  assert.deepEqual(changedPaths(undefined, { a: 1 }), [""]);
});
