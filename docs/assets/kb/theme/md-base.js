// mkdocs-material's inline head script (partials/javascripts/base.html) as a file, so that a strict
// Content-Security-Policy (script-src 'self') allows it. Same globals; reading and writing tolerate disabled
// storage. The scope comes from the data-scope attribute of this script element.
(() => {
  const scope = new URL(document.currentScript?.dataset.scope || ".", location.href);
  Object.assign(window, {
    __md_scope: scope,
    __md_hash: (text) => [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0),
    __md_get: (key, storage, base = scope) => {
      try {
        return JSON.parse((storage || localStorage).getItem(`${base.pathname}.${key}`));
      } catch {
        return null; // storage disabled or a corrupted value: the theme's default
      }
    },
    __md_set: (key, value, storage, base = scope) => {
      try {
        (storage || localStorage).setItem(`${base.pathname}.${key}`, JSON.stringify(value));
      } catch {
        /* storage full or disabled: the theme keeps working without it */
      }
    },
  });
})();
