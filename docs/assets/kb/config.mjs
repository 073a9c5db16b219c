// @ts-check
// Site-wide settings written by the build into every page (overrides/main.html, meta kb-config).

/**
 * @typedef {object} SiteConfig
 * @property {string} namespace prefix of every storage key of this site (mkdocs.yml extra.kb.storage_namespace)
 * @property {number} timeoutMs how long the Python boot may go without progress before it is reported as failed
 */

/**
 * Read the settings from a document's kb-config meta element, with defaults when it (or the document) is absent.
 * @param {Document | undefined} document_
 * @returns {SiteConfig}
 */
export function readConfig(document_) {
  const meta = /** @type {HTMLMetaElement | null} */ (document_?.querySelector('meta[name="kb-config"]'));
  return {
    namespace: meta?.dataset.namespace || "kb",
    timeoutMs: Number(meta?.dataset.timeoutMs || 20000),
  };
}

export const config = readConfig(globalThis.document);
