// @ts-check
// TRANSITION: the Python of this branch still answers `export` the old way (a plain string for text and
// Markdown, the bare document without `exported_at` for an incident, plain text for a checklist's "json").
// This module turns such an answer into the {text, filename, mime} of the protocol, named and built as the
// runtime did before. Remove it, and its one call in actions.mjs, once the Python side of the protocol
// (branch a-kinds) is merged: from then on every export answer is already an ExportFile.
import { localIso } from "./localtime.mjs";

/** @typedef {import("./io.mjs").ExportFile} ExportFile */

/** @type {Record<string, [string, string]>} TRANSITION: extension and media type of each export format */
const FORMATS = { text: ["txt", "text/plain"], markdown: ["md", "text/markdown"], json: ["json", "application/json"] };

/**
 * TRANSITION: the export file of an old-style export answer.
 * @param {{ root: Element, kind: string, id: string, version: number, state: Record<string, any> }} widget
 * @param {string} format "text" | "markdown" | "json"
 * @param {unknown} answer what Python answered
 * @param {Record<string, any> | null} incident the exported incident record, for an incident export
 * @returns {ExportFile}
 */
export function legacyExportFile(widget, format, answer, incident) {
  const [extension, mime] = FORMATS[format];
  const title = widget.root.querySelector(".kb-widget__title")?.textContent || widget.id;
  const stamp = localIso(new Date(), false).replace(/[-:]/g, "").replace("T", "-");
  const name = (incident ? incident.title || "案件" : title).trim().replace(/[\\/:*?"<>|]/g, "_");
  const exportedAt = localIso();
  /** @type {Record<string, any>} */
  let document_ = { format: `kb-${widget.kind}`, [widget.kind]: widget.id, definition_version: widget.version,
    exported_at: exportedAt, state: widget.state };
  if (incident) {
    const { format: kind, version, incident: record } = /** @type {Record<string, any>} */ (answer);
    document_ = { format: kind, version, exported_at: exportedAt, incident: record };
  }
  const text = typeof answer === "string" && format !== "json" ? answer : JSON.stringify(document_, null, 2);
  return { text, filename: `${name}-${stamp}.${extension}`, mime };
}
