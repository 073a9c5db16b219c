"""Time "Python ready" of the product against three baselines in headless Chromium, interleaved.

Variants (each on the same built site, served by macros/static_server.py: precompressed files, cache headers):
- product: /tools/first-response/ as readers get it (application snapshot, parallel downloads, module worker);
- bare: a module worker without the snapshot: loadPyodide + loadPackage of the wheel + import + registry;
- eager: the same work on the main thread (how main-thread Pyodide themes boot);
- floor: fetch + WebAssembly.compileStreaming of the wasm in parallel with fetching the snapshot (a blank page);
- pagefloor: the same floor on the tool page as readers get it (theme, styles, scripts) without Python's start:
  what the page itself costs a 2-core machine while the runtime downloads.
Scenarios: cold (fresh profile), repeat (same profile, reload at once), return (the same, 3 s after the network
went idle: the first visit's offline copy done), instant (product only: away and back through
instant navigation, until the first view answer), and cold at 20 Mbps / 20 ms and 2 Mbps / 100 ms (CDP network
emulation of the page; dedicated workers share it). Each round runs every variant once, in rotating order.
Prints medians (min, max), ratios to the product, bytes on the wire and main-thread long tasks (> 50 ms) between
navigation and ready. CPU throttling is not measured (CDP's does not slow workers).

With ``--before DIR`` (another checkout, e.g. a worktree of main), its product page is measured too, as the
variant ``before``, built and served beside this one.

Usage: .venv/bin/python benchmarks/bench_site.py [--rounds 5] [--scenarios cold,repeat,return,instant,20mbps,2mbps]
       [--before ../main] [--variants product,before]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from macros.precompress import precompress_file  # noqa: E402
from macros.static_server import Handler  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, build_site, free_port  # noqa: E402

PAGE = "tools/first-response/"
VARIANTS = ("product", "bare", "eager", "floor", "pagefloor")
# "return": the reader comes back once the first visit's background work (the offline copy) has finished; "repeat"
# reloads at once, while it may still be running.
RETURN_AFTER_MS = 3000
NETWORKS = {"20mbps": (20e6 / 8, 20), "2mbps": (2e6 / 8, 100)}
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
  .observe({ type: "longtask", buffered: true });
"""
BOOT = """
const indexURL = new URL("../assets/pyodide/", import.meta.url).href;
export async function boot(loadPyodide) {
  const pyodide = await loadPyodide({ indexURL });
  await pyodide.loadPackage("kb-widgets", { messageCallback: () => {} });
  pyodide.pyimport("widgets.api");
  pyodide.pyimport("widgets.registry").bundled();
}
"""
BASELINES = {
    "bare-worker.mjs": """import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
import { boot } from "./boot.mjs";
boot(loadPyodide).then(() => postMessage("ready"), (e) => postMessage(String(e)));""",
    "bare.mjs": """const worker = new Worker(new URL("./bare-worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => data === "ready" ? performance.mark("kb-python-ready") : console.error(data);""",
    "eager.mjs": """import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
import { boot } from "./boot.mjs";
boot(loadPyodide).then(() => performance.mark("kb-python-ready"));""",
    "floor.mjs": """const base = new URL("../assets/pyodide/", import.meta.url);
await Promise.all([WebAssembly.compileStreaming(fetch(new URL("pyodide.asm.wasm", base))),
  fetch(new URL("snapshot.dat", base)).then((r) => r.arrayBuffer())]);
performance.mark("kb-python-ready");""",
    "boot.mjs": BOOT,
}


class CountingHandler(Handler):
    """The site's server, counting every byte written to the clients (headers included)."""

    sent = 0

    def setup(self) -> None:  # noqa: D102
        super().setup()
        write = self.wfile.write

        def counted(data):
            CountingHandler.sent += len(data)
            return write(data)
        self.wfile.write = counted


# The scripts of the product page that start Python: its preloads, boot.mjs, runtime.mjs (binds the widgets) and
# offline.mjs (waits for Python on tool pages before it registers the service worker).
PYTHON_SCRIPTS = re.compile(r'<link rel="modulepreload"[^>]*>|<script[^>]*(boot|runtime|offline)\.mjs"[^>]*></script>')


def write_baselines(site: Path) -> None:
    """Write the baseline pages and scripts into ``site/_bench/``."""
    folder = site / "_bench"
    folder.mkdir(exist_ok=True)
    for name, text in BASELINES.items():
        (folder / name).write_text(text, encoding="utf-8")
    for variant in ("bare", "eager", "floor"):
        (folder / f"{variant}.html").write_text(
            f'<!doctype html><meta charset="utf-8"><title>{variant}</title>'
            f'<script type="module" src="{variant}.mjs"></script><p>{variant}</p>', encoding="utf-8")
    # Same depth as tools/first-response/, so the page's relative links still resolve.
    page = (site / PAGE / "index.html").read_text(encoding="utf-8")
    page, removed = PYTHON_SCRIPTS.subn("", page)
    assert removed >= 4, "the product page no longer has the scripts this variant removes"
    floor = folder / "pagefloor" / "index.html"
    floor.parent.mkdir()
    floor.write_text(page.replace("</head>", '<script type="module" src="../floor.mjs"></script></head>', 1),
                     encoding="utf-8")
    precompress_file(floor)  # sent compressed like the product page


def address(bases: dict[str, str], variant: str) -> str:
    """The page of a variant (``bases``: the base URL of each served site, ``product`` and maybe ``before``)."""
    if variant == "pagefloor":
        return bases["product"] + "_bench/pagefloor/"
    return bases[variant] + PAGE if variant in bases else bases["product"] + f"_bench/{variant}.html"


def ready(page) -> float:
    """Wait for the ready mark; return its time (ms from navigation start)."""
    page.wait_for_function("performance.getEntriesByName('kb-python-ready').length > 0", timeout=180000)
    return page.evaluate("performance.getEntriesByName('kb-python-ready').at(-1).startTime")


def visit(page, target: str) -> dict:
    """Load ``target``; return Python-ready time, bytes on the wire and long tasks until ready."""
    start = CountingHandler.sent
    page.goto(target)
    figures = {"ms": ready(page)}
    figures["bytes"] = CountingHandler.sent - start
    figures["long_tasks"] = sum(1 for duration in page.evaluate("window.__longTasks") if duration > 50)
    return figures


def instant(page) -> dict:
    """Product only: away and back through instant navigation, until the first view answer of the checklist."""
    page.click("a.md-nav__link[href$='respond/report-to-boss/']")
    page.wait_for_url(re.compile(r"/respond/report-to-boss/(#.*)?$"))
    page.evaluate("performance.clearMarks(); performance.clearMeasures()")
    started = page.evaluate("performance.now()")
    page.click("a.md-nav__link[href$='tools/first-response/']")
    page.wait_for_function("performance.getEntriesByName('kb-view').length > 0", timeout=60000)
    view = page.evaluate("performance.getEntriesByName('kb-view')[0]")
    return {"ms": view["startTime"] + view["duration"] - started, "bytes": 0, "long_tasks": 0}


def run(playwright, bases: dict[str, str], variant: str, scenario: str) -> dict | None:
    """One measurement of one variant in one scenario, in a fresh profile (the disk cache as readers have it)."""
    if scenario == "instant" and variant not in bases:
        return None
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context.add_init_script(LONG_TASKS)
            page = context.new_page()
            if scenario in NETWORKS:
                throughput, latency = NETWORKS[scenario]
                session = context.new_cdp_session(page)
                session.send("Network.enable")
                session.send("Network.emulateNetworkConditions", {
                    "offline": False, "latency": latency, "downloadThroughput": throughput,
                    "uploadThroughput": throughput})
            figures = visit(page, address(bases, variant))
            if scenario == "return":
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(RETURN_AFTER_MS)
            if scenario in ("repeat", "return"):
                figures = visit(page, address(bases, variant))
            elif scenario == "instant":
                figures = instant(page)
            return figures
        finally:
            context.close()


def summary(values: list[float]) -> str:
    """Median (min, max)."""
    return f"{statistics.median(values):>9,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def report(results: dict, scenarios: list[str], rounds: int, variants: tuple[str, ...]) -> None:
    """Print the table: per scenario and variant, ready time, ratio to the product, bytes, long tasks."""
    print(f"Python ready, ms: median (min–max) of {rounds} interleaved rounds; headless Chromium, 127.0.0.1")
    print(f"{'scenario':9} {'variant':9} {'ready ms':>24} {'× product':>10} {'wire MB':>8} {'long tasks':>10}")
    for scenario in scenarios:
        product = statistics.median(r["ms"] for r in results[scenario]["product"])
        for variant in variants:
            rows = results[scenario].get(variant)
            if not rows:
                continue
            ms = [r["ms"] for r in rows]
            ratio = statistics.median(ms) / product
            megabytes = statistics.median(r["bytes"] for r in rows) / 1e6
            tasks = statistics.median(r["long_tasks"] for r in rows)
            print(f"{scenario:9} {variant:9} {summary(ms):>24} {ratio:>10.2f} {megabytes:>8.2f} {tasks:>10.0f}")


def main() -> None:
    """Build the site, serve it with the compressing server, run the interleaved rounds and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scenarios", default="cold,repeat,return,instant,20mbps,2mbps")
    parser.add_argument("--json", type=Path, help="also write the raw figures here after every round")
    parser.add_argument("--before", type=Path, help="another checkout whose product page is measured as 'before'")
    parser.add_argument("--variants", help="only these variants, e.g. product,before (default: all)")
    arguments = parser.parse_args()
    scenarios = arguments.scenarios.split(",")
    checkouts = {"product": ROOT, **({"before": arguments.before.resolve()} if arguments.before else {})}
    variants = VARIANTS + (("before",) if arguments.before else ())
    if arguments.variants:
        variants = tuple(variant for variant in variants if variant in arguments.variants.split(","))
    with tempfile.TemporaryDirectory() as scratch:
        bases, servers = {}, []
        for name, checkout in checkouts.items():
            base, server = serve_build(checkout, Path(scratch) / name)
            bases[name] = base
            servers.append(server)
        results: dict = {scenario: {variant: [] for variant in variants} for scenario in scenarios}
        try:
            with sync_playwright() as playwright:
                for round_ in range(arguments.rounds):
                    order = variants[round_ % len(variants):] + variants[:round_ % len(variants)]
                    for scenario in scenarios:
                        for variant in order:
                            figures = run(playwright, bases, variant, scenario)
                            if figures:
                                results[scenario][variant].append(figures)
                    print(f"round {round_ + 1} done", file=sys.stderr)
                    if arguments.json:
                        arguments.json.write_text(json.dumps(results), encoding="utf-8")
        finally:
            for server in servers:
                server.shutdown()
    report(results, scenarios, arguments.rounds, variants)


def serve_build(checkout: Path, site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Build ``checkout`` into ``site`` (with the baseline pages) and serve it; return its base URL and server."""
    port = free_port()
    result = build_site(checkout, site, f"http://127.0.0.1:{port}/")
    if result.returncode != 0:
        sys.exit(result.stderr)
    write_baselines(site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(CountingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}/", server


if __name__ == "__main__":
    main()
