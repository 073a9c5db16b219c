// @ts-check
// Loaded early by pages with a Python-powered widget (overrides/main.html): starts the worker while the rest of
// the page still loads. A file rather than an inline script, so that a strict Content-Security-Policy allows it.
import { python } from "./python.mjs";

python.start();
