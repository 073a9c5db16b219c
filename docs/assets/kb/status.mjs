// @ts-check
// The status line of a widget: how far the Python runtime is, as the reader sees it for this widget.

/** @typedef {"idle" | "loading" | "ready" | "failed"} PythonStatus */
/**
 * What the status line needs to know of the Python client (python.mjs).
 * @typedef {object} PythonState
 * @property {PythonStatus} status
 * @property {string} reason why the boot failed
 * @property {{ loaded: number, total: number } | null} [progress] bytes downloaded while booting, when known
 */

const LOADING = "Python を読み込んでいます… チェックとメモはすでに使えます。";

/**
 * The state ("data-state") and text of the status line. A widget is ready only once its first view answer
 * has been written into the page; until then a ready runtime still reads as loading.
 * @param {PythonState} python
 * @param {boolean} viewed whether the widget's first view answer has been written
 * @returns {{ state: PythonStatus, text: string }}
 */
export function statusLine(python, viewed) {
  if (python.status === "failed") {
    return { state: "failed", text: `Python を読み込めませんでした（${python.reason}）。チェックとメモはこのまま使え、保存もされます。` };
  }
  if (python.status === "ready" && viewed) return { state: "ready", text: "準備完了" };
  if (python.status === "idle") return { state: "idle", text: "" };
  const bytes = python.progress;
  if (python.status === "loading" && bytes && bytes.total > 0) {
    return { state: "loading", text: `Python を準備しています… ${megabytes(bytes.loaded)} / ${megabytes(bytes.total)} MB` };
  }
  return { state: "loading", text: LOADING };
}

/**
 * Bytes as megabytes with one decimal ("4.1").
 * @param {number} bytes
 */
export function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}

/**
 * Write the status line into `box`; a failed boot gets a retry button.
 * @param {HTMLElement} box the data-kb-status element
 * @param {PythonState} python
 * @param {boolean} viewed
 * @param {() => void} retry
 */
export function writeStatus(box, python, viewed, retry) {
  const { state, text } = statusLine(python, viewed);
  if (box.dataset.state === state && box.textContent === text) return;
  box.dataset.state = state;
  box.textContent = text;
  if (state !== "failed") return;
  const button = Object.assign(box.ownerDocument.createElement("button"), {
    type: "button", textContent: "再試行", className: "kb-retry",
  });
  button.addEventListener("click", retry);
  box.append(" ", button);
}
