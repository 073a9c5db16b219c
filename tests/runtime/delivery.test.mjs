// Faulty runtime responses are named (file and cause) instead of surfacing as a timeout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fault, snapshotPays, watchedFetch } from "../../docs/assets/kb/delivery.mjs";

const BASE = "http://127.0.0.1/assets/pyodide/";

/** @param {number} status @param {string} type */
function answer(status, type, body = "x") {
  return new Response(body, { status, headers: type ? { "Content-Type": type } : {} });
}

test("a missing file is named with its HTTP status", () => {
  assert.equal(fault(`${BASE}pyodide.asm.wasm`, answer(404, "text/html")), "pyodide.asm.wasm を読み込めませんでした（HTTP 404）");
});

test("a wasm file served with another type is named with the type it needs", () => {
  assert.match(fault(`${BASE}pyodide.asm.wasm`, answer(200, "application/octet-stream")),
    /^pyodide\.asm\.wasm の種類が正しくありません（application\/octet-stream。application\/wasm が必要です）/);
  assert.equal(fault(`${BASE}pyodide.asm.wasm`, answer(200, "application/wasm")), "");
  assert.equal(fault(`${BASE}snapshot.dat`, answer(200, "")), "");
});

test("the watched fetch reports faults and counts the bytes of good answers", async () => {
  /** @type {string[]} */ const faults = [];
  /** @type {[string, number][]} */ const counted = [];
  const fake = async (/** @type {any} */ url) => (String(url).endsWith(".zip") ? answer(404, "") : answer(200, "application/json", "12345"));
  const watched = watchedFetch(/** @type {any} */ (fake), (url, received) => counted.push([url, received]), (reason) => faults.push(reason));
  const good = await watched(`${BASE}pyodide-lock.json`);
  assert.equal(await good.text(), "12345", "the caller still reads the whole body");
  await watched(`${BASE}python_stdlib.zip`);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(faults, ["python_stdlib.zip を読み込めませんでした（HTTP 404）"]);
  assert.deepEqual(counted, [[`${BASE}pyodide-lock.json`, 5]]);
});

test("the snapshot is kept unless the link is clearly too slow for it", () => {
  const MB = 1e6;
  // Half a second after the snapshot's first byte, with the bytes every runtime download received meanwhile.
  const link = { elapsedMs: 500, remainingWire: 4.5 * MB, fallbackWire: 0.13 * MB, savesMs: 3000 };
  assert.equal(snapshotPays({ ...link, receivedWire: 1.25 * MB }), true, "20 Mbps: 4.5 MB more take 1.8 s");
  assert.equal(snapshotPays({ ...link, receivedWire: 0.5 * MB }), true, "8 Mbps: 4.5 s, less than twice 3 s");
  assert.equal(snapshotPays({ ...link, receivedWire: 0.25 * MB }), false, "4 Mbps: 9 s");
  assert.equal(snapshotPays({ ...link, receivedWire: 0.12 * MB }), false, "2 Mbps: 18 s");
  assert.equal(snapshotPays({ ...link, receivedWire: 0.12 * MB, remainingWire: 0.8 * MB }), true, "almost done");
  assert.equal(snapshotPays({ ...link, elapsedMs: 0, receivedWire: 0, remainingWire: 0 }), true, "nothing left");
});
