// @ts-check
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  addIncident,
  CORRUPT_STORE,
  ensureCurrent,
  idsByRecency,
  incidentLabel,
  loadIncidents,
  pullIncidents,
  removeIncident,
  saveIncidents,
} from "../../docs/assets/kb/incident.mjs";
import { LocalStore } from "../../docs/assets/kb/storage.mjs";
import { MemoryArea } from "./support.mjs";

const KEY = "kb:site:incidents:v1";

/** @typedef {import("../../docs/assets/kb/incident.mjs").IncidentStore} IncidentStore */

/** @returns {IncidentStore} */
function records() {
  return {
    current: "b",
    items: {
      a: { title: "古い案件", updated_at: "2026-11-01T09:00:00" },
      b: { title: "新しい案件", updated_at: "2026-11-28T14:05:09" },
      c: { updated_at: "2026-11-15T10:00:00" },
    },
  };
}

test("records are listed most recently updated first, labelled by title and update time", () => {
  const store = records();
  assert.deepEqual(idsByRecency(store.items), ["b", "c", "a"]);
  assert.equal(incidentLabel(store.items.b), "新しい案件　11/28 14:05 更新");
  assert.equal(incidentLabel(store.items.c), "（無題の案件）　11/15 10:00 更新");
});

test("addIncident stamps the record, gives it a fresh id and makes it current", () => {
  const store = records();
  const id = addIncident(store, { title: "追加" }, "2026-12-01T08:00:00");
  assert.equal(store.current, id);
  assert.deepEqual(store.items[id], { title: "追加", updated_at: "2026-12-01T08:00:00" });
  assert.notEqual(addIncident(store, {}), id);
  assert.equal(Object.keys(store.items).length, 5);
});

test("removing the current record makes the most recent one current", () => {
  const store = records();
  assert.equal(removeIncident(store, "b"), false);
  assert.equal(store.current, "c");
  assert.deepEqual(Object.keys(store.items).sort(), ["a", "c"]);
});

test("removing the last record creates an empty one and says it must be saved", () => {
  /** @type {IncidentStore} */
  const store = { current: "a", items: { a: { title: "x" } } };
  assert.equal(removeIncident(store, "a"), true);
  assert.deepEqual(Object.keys(store.items), [store.current]);
  assert.equal(store.items[store.current].title, undefined);
  assert.equal(ensureCurrent(store), false);
});

test("a first load creates and saves one record, which later loads find again", () => {
  const memory = new MemoryArea();
  const db = new LocalStore(() => memory.area, "site");
  const first = loadIncidents(db);
  assert.equal(first.problem, "");
  assert.deepEqual(Object.keys(first.store.items), [first.store.current]);
  assert.equal(JSON.parse(/** @type {string} */ (memory.getItem(KEY))).schema, 1);
  assert.deepEqual(loadIncidents(db).store, first.store);
});

test("saved records load back with their current id; a corrupted list is set aside and started anew", () => {
  const memory = new MemoryArea();
  const db = new LocalStore(() => memory.area, "site");
  assert.equal(saveIncidents(db, records()), true);
  assert.deepEqual(loadIncidents(db), { store: records(), problem: "" });
  memory.setItem(KEY, JSON.stringify({ items: ["not", "a", "map"] }));
  const { store, problem } = loadIncidents(db);
  assert.equal(problem, CORRUPT_STORE);
  assert.equal(Object.keys(store.items).length, 1);
  const [kept] = db.keptCopies(KEY);
  assert.equal(memory.getItem(kept.key), JSON.stringify({ items: ["not", "a", "map"] }));
});

test("two tabs: a title typed in one and a company in the other both survive; a new record reaches the other", () => {
  const memory = new MemoryArea();
  const [one, two] = [new LocalStore(() => memory.area, "site"), new LocalStore(() => memory.area, "site")];
  assert.equal(saveIncidents(one, records()), true);
  const first = loadIncidents(one).store;
  const second = loadIncidents(two).store;
  first.items[first.current].title = "納期遅延";
  saveIncidents(one, first);
  second.items[second.current].company = "山田商事";
  saveIncidents(two, second);
  assert.equal(second.items[second.current].title, "納期遅延");
  const added = addIncident(second, { title: "誤請求" });
  saveIncidents(two, second);
  pullIncidents(one, first);
  assert.equal(first.items[first.current].company, "山田商事");
  assert.equal(first.items[added].title, "誤請求");
  assert.notEqual(first.current, added, "the other tab's current record stays its own");
  assert.equal(loadIncidents(one).store.items[first.current].title, "納期遅延");
});
