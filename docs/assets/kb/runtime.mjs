// @ts-check
// The one runtime shared by every widget of the site (loaded by mkdocs.yml on every page):
// - binds every root element with data-kb-widget (again after each instant navigation, mkdocs-material's document$);
// - a widget with data-kb-python boots the self-hosted Pyodide (once per document, in a module Web Worker);
// - states are kept in localStorage (versioned, site-namespaced); every text is written with textContent.
// Modules: widget (binding, Python calls), actions (buttons), fields (form <-> state, show-if, plain progress),
// view (writes view answers), status (the status line), storage (saved states), incident (shared incident
// records), kept (set-aside copies of corrupted data), io (files, clipboard), links, paths, localtime, config; python/worker (the Pyodide worker).
import { bindKept } from "./kept.mjs";
import { python } from "./python.mjs";
import { storage } from "./storage.mjs";
import { Widget } from "./widget.mjs";

// Test hook: the browser tests and benchmarks read kbPython.status, .reason and .boots.
Object.assign(globalThis, { kbPython: python });

/** Bind every widget of the page that is not bound yet. */
function bindPage() {
  for (const root of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-kb-widget]"))) {
    if (root.dataset.kbBound) continue;
    root.dataset.kbBound = "true";
    new Widget(root, python, storage).bind();
  }
  for (const root of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-kb-kept]"))) {
    if (root.dataset.kbBound) continue;
    root.dataset.kbBound = "true";
    bindKept(root, storage);
  }
}

/** @type {{ subscribe?: (callback: () => void) => void } | undefined} mkdocs-material's page observable */
const documentObservable = Reflect.get(globalThis, "document$");
if (typeof documentObservable?.subscribe === "function") documentObservable.subscribe(bindPage);
else bindPage();
