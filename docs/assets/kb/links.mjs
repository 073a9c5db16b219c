// @ts-check
// Links to pages of this site, resolved against the site root so they hold under any base path.

/**
 * The site root, from mkdocs-material's config element (pages link relative to it).
 * @param {Document} [document_]
 */
export function sitePageBase(document_ = document) {
  const config = document_.getElementById("__config");
  const base = config ? JSON.parse(config.textContent || "{}").base : ".";
  return new URL(`${base}/`, document_.location.href);
}

/**
 * True for a relative link to a page of this site ("guide/apology/#step-2"), false for anything that could
 * leave the site or run code (schemes, "//host", spaces, quotes).
 * @param {string} href
 */
export function isSitePath(href) {
  return /^[a-z0-9./#_-]+$/i.test(href) && !href.includes("//");
}
