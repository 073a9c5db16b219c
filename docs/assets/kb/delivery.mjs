// @ts-check
// Watches the runtime's downloads inside the worker: bytes received (for the progress line and the stall
// timeout) and wrong answers (404, a wrong MIME type) named at once instead of surfacing as a timeout.

/** File name endings of the runtime and the Content-Type each needs (browsers reject others for wasm). */
const EXPECTED_TYPES = [[".wasm", "application/wasm"], [".json", "json"], [".zip", "zip"], [".whl", "zip"], [".dat", ""]];

/**
 * The reason a runtime file's response cannot be used, in Japanese, or "" when it is fine.
 * @param {string} url
 * @param {{ ok: boolean, status: number, statusText: string, headers: { get(name: string): string | null } }} response
 */
export function fault(url, response) {
  const name = new URL(url).pathname.split("/").pop() || url;
  if (!response.ok) return `${name} を読み込めませんでした（HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}）`;
  const wanted = EXPECTED_TYPES.find(([ending]) => name.endsWith(ending))?.[1];
  const type = response.headers.get("Content-Type") || "";
  if (wanted && !type.includes(wanted)) return `${name} の種類が正しくありません（${type || "種類なし"}。${wanted} が必要です）。サーバーの設定を確認してください`;
  return "";
}

/**
 * Wrap `fetch` so that every response is checked and its bytes counted (on a clone: the original keeps its URL,
 * so the browser's code cache still serves the compiled wasm).
 * @param {typeof fetch} fetchImpl
 * @param {(url: string, received: number, response: Response) => void} onBytes bytes received so far for a URL
 * @param {(reason: string) => void} onFault
 * @returns {typeof fetch}
 */
export function watchedFetch(fetchImpl, onBytes, onFault) {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const url = response.url || String(input instanceof Request ? input.url : input);
    const reason = fault(url, response);
    if (reason) onFault(reason);
    else count(response.clone(), (received) => onBytes(url, received, response));
    return response;
  };
}

/**
 * Read a response body to its end, reporting the bytes received after each chunk.
 * @param {Response} response
 * @param {(received: number) => void} report
 */
async function count(response, report) {
  if (!response.body) return;
  const reader = response.body.getReader();
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done || !value) return;
    received += value.length;
    report(received);
  }
}

/**
 * Whether finishing the application snapshot's download beats booting without it, judged by the link's speed
 * since the snapshot's first byte (every runtime download counted). It is cancelled only when the bytes it still
 * needs (less the wheels a normal boot downloads instead) would take more than twice the time it saves: a busy
 * computer slows the downloads too, and then booting without the snapshot would cost even more.
 * @param {{ elapsedMs: number, receivedWire: number, remainingWire: number, fallbackWire: number, savesMs: number }} link
 *   milliseconds since the snapshot's first byte and the bytes on the wire received meanwhile by every runtime
 *   download, the snapshot's bytes still to come, the wheels' bytes, the time the snapshot saves
 */
export function snapshotPays({ elapsedMs, receivedWire, remainingWire, fallbackWire, savesMs }) {
  const linkBytesPerMs = receivedWire / Math.max(elapsedMs, 1);
  return remainingWire - fallbackWire <= linkBytesPerMs * savesMs * 2;
}
