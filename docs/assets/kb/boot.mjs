// @ts-check
// Loaded from the head of pages with a Python-powered widget (overrides/partials/kb-preload.html): starts the
// worker while the rest of the page still loads. A file, not an inline script, so a strict CSP allows it.
import { python } from "./python.mjs";

python.start();
