// mkdocs-material's inline palette script (partials/javascripts/palette.html) as a file: applies the colour
// scheme the reader chose before the page is painted.
(() => {
  const palette = window.__md_get("__palette");
  if (!palette?.color) return;
  if (palette.color.media === "(prefers-color-scheme)") {
    const light = matchMedia("(prefers-color-scheme: light)").matches;
    const input = document.querySelector(`[data-md-color-media='(prefers-color-scheme: ${light ? "light" : "dark"})']`);
    for (const part of ["media", "scheme", "primary", "accent"]) {
      palette.color[part] = input.getAttribute(`data-md-color-${part}`);
    }
  }
  for (const [key, value] of Object.entries(palette.color)) document.body.setAttribute(`data-md-color-${key}`, value);
})();
