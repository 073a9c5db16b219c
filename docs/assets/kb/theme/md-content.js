// mkdocs-material's inline content script (partials/javascripts/content.html) as a file: opens the content
// tab named by the URL hash and, with data-tabs-link, the tabs the reader chose before.
(() => {
  if (document.currentScript?.dataset.tabsLink === "true") {
    const tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      for (const set of document.querySelectorAll(".tabbed-set")) {
        const labels = [...set.querySelector(".tabbed-labels").getElementsByTagName("label")];
        const label = tabs.flatMap((tab) => labels.filter((each) => each.textContent.trim() === tab))[0];
        if (label) document.getElementById(label.htmlFor).checked = true;
      }
    }
  }
  const target = document.getElementById(location.hash.slice(1));
  if (target?.name) target.checked = target.name.startsWith("__tabbed_");
})();
