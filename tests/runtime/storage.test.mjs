// @ts-check
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CORRUPT_STATE,
  envelope,
  envelopeState,
  KEEP_FAILED,
  KEPT_DROPPED,
  KEPT_MAX,
  keptCopy,
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
  assert.equal(db.save(SLOT, { items: { a: { checked: true } } }).ok, true);
  assert.deepEqual(JSON.parse(/** @type {string} */ (memory.getItem(KEY))).state, { items: { a: { checked: true } } });
  assert.deepEqual(db.load(SLOT), { state: { items: { a: { checked: true } } }, problem: "" });
  db.erase(SLOT);
  assert.equal(memory.getItem(KEY), null);
});

test("a scoped slot left empty adopts the un-scoped state once; a filled or un-scoped slot never does", () => {
  const { memory, db } = store();
  db.save(SLOT, { items: { a: { checked: true } } });
  const before = memory.getItem(KEY);
  const [first, second] = [{ ...SLOT, scope: "i1" }, { ...SLOT, scope: "i2" }];
  assert.deepEqual(db.load(SLOT).state, { items: { a: { checked: true } } }, "an un-scoped slot keeps its own key");
  assert.deepEqual(db.load(first), { state: { items: { a: { checked: true } } }, problem: "" });
  assert.equal(memory.getItem(KEY), null);
  assert.equal(memory.getItem(slotKey("site", first)), before, "moved as it was (saved_at kept)");
  assert.deepEqual(db.load(second), { state: null, problem: "" }, "adopted once only");
  db.save(SLOT, { items: { b: { checked: true } } });
  assert.deepEqual(db.load(first).state, { items: { a: { checked: true } } }, "a filled slot keeps its own state");
  assert.equal(JSON.parse(/** @type {string} */ (memory.getItem(KEY))).state.items.b.checked, true);
});

test("an unreadable un-scoped state is set aside, not adopted; storage that refuses the move keeps it", () => {
  const { memory, db } = store();
  const scoped = { ...SLOT, scope: "i1" };
  memory.setItem(KEY, "{not json");
  assert.deepEqual(db.load(scoped), { state: null, problem: CORRUPT_STATE });
  assert.equal(memory.getItem(KEY), null);
  assert.equal(db.keptCopies(KEY).length, 1);
  db.erase(scoped);
  db.save(SLOT, { items: { a: { checked: true } } });
  memory.full = true;
  assert.deepEqual(db.load(scoped), { state: null, problem: "" });
  assert.notEqual(memory.getItem(KEY), null, "the un-scoped state stays until it can be moved");
  memory.items.set(KEY, "{broken");
  assert.deepEqual(db.load(scoped), { state: null, problem: KEEP_FAILED });
  memory.full = false;
  assert.equal(db.save(scoped, { items: {} }).ok, false, "not filled while the broken original waits");
  assert.equal(memory.getItem(slotKey("site", scoped)), null);
});

test("two tabs ticking different items both keep their ticks; the same note edited twice: last writer wins", () => {
  const memory = new MemoryArea();
  const [one, two] = [new LocalStore(() => memory.area, "site"), new LocalStore(() => memory.area, "site")];
  one.load(SLOT);
  two.load(SLOT);
  assert.deepEqual(one.save(SLOT, { items: { a: { checked: true } } }).conflicts, []);
  const saved = two.save(SLOT, { items: { b: { checked: true } } });
  assert.deepEqual(saved.state, { items: { a: { checked: true }, b: { checked: true } } });
  assert.deepEqual(one.pull(KEY, { items: { a: { checked: true } } }, LocalStore.slotCodec(SLOT)), saved.state);
  one.save(SLOT, { ...saved.state, note: "一つ目" });
  const last = two.save(SLOT, { ...saved.state, note: "二つ目" });
  assert.deepEqual(last.conflicts, ["note"]);
  assert.equal(db(memory).load(SLOT).state?.note, "二つ目");
});

test("a corrupted state is set aside under a timestamped key and reported; a second corruption keeps both", () => {
  for (const raw of ["{not json", JSON.stringify({ state: [] }), "null"]) {
    const { memory, db } = store();
    memory.setItem(KEY, raw);
    assert.deepEqual(db.load(SLOT), { state: null, problem: CORRUPT_STATE });
    assert.equal(memory.getItem(KEY), null);
    memory.setItem(KEY, "second");
    assert.equal(db.load(SLOT).problem, CORRUPT_STATE);
    const copies = db.keptCopies(KEY);
    assert.deepEqual(copies.map((kept) => memory.getItem(kept.key)), ["second", raw]);
    assert.ok(copies.every((kept) => keptCopy(kept.key)?.origin === KEY));
  }
});

test("at most KEPT_MAX copies per key are kept: the oldest is dropped and the reader told", () => {
  const { memory, db } = store();
  const problems = Array.from({ length: KEPT_MAX + 1 }, (_, index) => {
    memory.setItem(KEY, `broken ${index}`);
    return db.load(SLOT).problem;
  });
  assert.equal(problems.at(-1), `${CORRUPT_STATE}${KEPT_DROPPED}`);
  assert.ok(problems.slice(0, -1).every((problem) => problem === CORRUPT_STATE));
  const kept = db.keptCopies(KEY).map((copy) => memory.getItem(copy.key));
  assert.deepEqual(kept, ["broken 5", "broken 4", "broken 3", "broken 2", "broken 1"]);
});

test("when the copy cannot be made (storage full) the original is neither removed nor overwritten", () => {
  const { memory, db } = store();
  memory.setItem(KEY, "{broken");
  memory.full = true;
  assert.equal(db.load(SLOT).problem, KEEP_FAILED);
  assert.equal(db.save(SLOT, { keep: true }).ok, false);
  db.erase(SLOT);
  assert.equal(memory.getItem(KEY), "{broken");
  memory.full = false;
  assert.equal(db.save(SLOT, { keep: true }).ok, true, "with room again, the original is set aside first");
  assert.deepEqual(db.keptCopies(KEY).map((kept) => memory.getItem(kept.key)), ["{broken"]);
});

test("full or disabled storage: saving says false, loading finds nothing and reports no corruption", () => {
  const { memory, db } = store();
  memory.full = true;
  assert.equal(db.save(SLOT, { keep: true }).ok, false);
  memory.full = false;
  memory.disabled = true;
  assert.equal(db.save(SLOT, { keep: true }).ok, false);
  assert.deepEqual(db.load(SLOT), { state: null, problem: "" });
  assert.deepEqual(db.keptCopies(), []);
  assert.doesNotThrow(() => db.erase(SLOT));
});

test("listeners hear the keys other tabs change until they unsubscribe", () => {
  const { db } = store();
  /** @type {string[]} */
  const heard = [];
  const unsubscribe = db.subscribe((key) => heard.push(key));
  db.changed(KEY);
  unsubscribe();
  db.changed(KEY);
  assert.deepEqual(heard, [KEY]);
});

/** @param {MemoryArea} memory */
function db(memory) {
  return new LocalStore(() => memory.area, "site");
}
