// @ts-check
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CORRUPT_STATE,
  envelope,
  envelopeState,
  LocalStore,
  slotKey,
} from "../../docs/assets/kb/storage.mjs";
import { MemoryArea } from "./support.mjs";

const SLOT = { kind: "checklist", id: "first-response", version: 3 };
const KEY = "kb:site:checklist:first-response:v1";

function store() {
  const memory = new MemoryArea();
  return { memory, db: new LocalStore(() => memory.area, "site") };
}

test("slotKey names the site, kind, id, scope and storage schema", () => {
  assert.equal(slotKey("site", SLOT), KEY);
  assert.equal(slotKey("site", { ...SLOT, id: "tracker", scope: "i42" }), "kb:site:checklist:tracker:i42:v1");
});

test("an envelope carries the slot and the definition version around the state", () => {
  const stored = envelope(SLOT, { keep: true }, "2026-11-28T14:05:00");
  assert.deepEqual(stored, { schema: 1, kind: "checklist", id: "first-response", definition_version: 3,
    saved_at: "2026-11-28T14:05:00", state: { keep: true } });
  assert.deepEqual(envelopeState(stored), { keep: true });
});

test("envelopeState rejects values that are not an envelope holding an object", () => {
  for (const value of [null, 3, "x", [], { state: null }, { state: [1] }, { state: "x" }, { other: {} }]) {
    assert.equal(envelopeState(value), null, JSON.stringify(value));
  }
});

test("a saved state loads back; nothing saved loads as null without a problem", () => {
  const { memory, db } = store();
  assert.deepEqual(db.load(SLOT), { state: null, problem: "" });
  assert.equal(db.save(SLOT, { items: { a: { checked: true } } }), true);
  assert.deepEqual(JSON.parse(/** @type {string} */ (memory.getItem(KEY))).state, { items: { a: { checked: true } } });
  assert.deepEqual(db.load(SLOT), { state: { items: { a: { checked: true } } }, problem: "" });
  db.erase(SLOT);
  assert.equal(memory.getItem(KEY), null);
});

test("a corrupted state is set aside under :corrupt and reported", () => {
  for (const raw of ["{not json", JSON.stringify({ state: [] }), "null"]) {
    const { memory, db } = store();
    memory.setItem(KEY, raw);
    assert.deepEqual(db.load(SLOT), { state: null, problem: CORRUPT_STATE });
    assert.equal(memory.getItem(`${KEY}:corrupt`), raw);
    assert.equal(memory.getItem(KEY), null);
  }
});

test("when the copy cannot be made (storage full) the original is not removed", () => {
  const { memory, db } = store();
  memory.setItem(KEY, "{broken");
  memory.full = true;
  assert.equal(db.load(SLOT).problem, CORRUPT_STATE);
  assert.equal(memory.getItem(KEY), "{broken");
});

test("full or disabled storage: saving says false, loading finds nothing and reports no corruption", () => {
  const { memory, db } = store();
  memory.full = true;
  assert.equal(db.save(SLOT, { keep: true }), false);
  memory.full = false;
  memory.disabled = true;
  assert.equal(db.save(SLOT, { keep: true }), false);
  assert.deepEqual(db.load(SLOT), { state: null, problem: "" });
  assert.doesNotThrow(() => db.erase(SLOT));
});
