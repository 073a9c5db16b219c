// @ts-check
// Moving text out of and into the page: saving a file, the clipboard, choosing a file.

/**
 * A file built by Python (an export answer): its content, its name and its media type.
 * @typedef {{ text: string, filename: string, mime: string }} ExportFile
 */

/**
 * True for an export answer of the protocol ({text, filename, mime}, all strings).
 * @param {unknown} answer
 * @returns {answer is ExportFile}
 */
export function isExportFile(answer) {
  const file = /** @type {Record<string, unknown> | null} */ (answer);
  return typeof file === "object" && file !== null
    && ["text", "filename", "mime"].every((key) => typeof file[key] === "string");
}

/**
 * Save a file through the browser's download.
 * @param {ExportFile} file
 */
export function download({ text, filename, mime }) {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Put text on the clipboard (through a hidden text area where the Clipboard API is not allowed).
 * @param {string} text
 */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = Object.assign(document.createElement("textarea"), { value: text });
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("クリップボードに書き込めませんでした");
}

/**
 * Let the reader choose one file; resolves with it, or null when nothing was chosen.
 * @param {string} accept
 * @returns {Promise<File | null>}
 */
export function readFile(accept) {
  return new Promise((resolve) => {
    const input = Object.assign(document.createElement("input"), { type: "file", accept });
    input.addEventListener("change", () => resolve(input.files?.[0] || null));
    input.click();
  });
}

/**
 * Parse the text of a chosen file as JSON; undefined when it is not JSON.
 * @param {string} text
 * @returns {unknown}
 */
export function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
