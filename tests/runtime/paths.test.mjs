// @ts-check
import assert from "node:assert/strict";
import { test } from "node:test";
import { localIso } from "../../docs/assets/kb/localtime.mjs";
import { getPath, setPath } from "../../docs/assets/kb/paths.mjs";

test("getPath follows dotted keys and stops at missing or non-object steps", () => {
  const state = { items: { facts: { checked: true, note: "" } }, title: "x" };
  assert.equal(getPath(state, "items.facts.checked"), true);
  assert.equal(getPath(state, "items.facts.note"), "");
  assert.equal(getPath(state, "items.other.checked"), undefined);
  assert.equal(getPath(state, "title.length"), undefined);
  assert.equal(getPath(null, "items"), undefined);
});

test("setPath creates the objects on the way and replaces non-objects", () => {
  /** @type {Record<string, any>} */
  const state = { items: "broken" };
  setPath(state, "items.facts.checked", true);
  setPath(state, "answers.q1", "yes");
  assert.deepEqual(state, { items: { facts: { checked: true } }, answers: { q1: "yes" } });
});

test("setPath with null or undefined deletes the key and keeps its siblings", () => {
  const state = { items: { facts: { checked: true, checked_at: "2026-11-28T14:05:00" } } };
  setPath(state, "items.facts.checked_at", null);
  setPath(state, "items.facts.missing", undefined);
  assert.deepEqual(state, { items: { facts: { checked: true } } });
});

test("localIso writes the local wall-clock time, with or without seconds", () => {
  const date = new Date(2026, 0, 5, 7, 3, 9);
  assert.equal(localIso(date), "2026-01-05T07:03:09");
  assert.equal(localIso(date, false), "2026-01-05T07:03");
});
