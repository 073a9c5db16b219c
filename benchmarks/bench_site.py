"""Measure the budgets of ../shared/design.md in headless Chromium against the built site on 127.0.0.1.

Prints medians over several runs: navigation → usable checklist, navigation → Python ready (first visit and
after an instant navigation), main-thread long tasks while Pyodide boots, view latency after a keystroke
(p95), and bytes sent by the server on a first and a repeat visit (python -m http.server semantics:
Last-Modified validators, no compression).

Usage: .venv/bin/python benchmarks/bench_site.py [--runs N]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, build_site, free_port  # noqa: E402

PAGE = "tools/first-response/"
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => window.__longTasks.push(
  ...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration }))))
  .observe({ type: "longtask", buffered: true });
"""


def mark(page, name: str) -> float:
    """Return the time of a performance mark, waiting for it."""
    page.wait_for_function(f"performance.getEntriesByName('{name}').length > 0", timeout=60000)
    return page.evaluate(f"performance.getEntriesByName('{name}').at(-1).startTime")


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, counting every byte written to the clients (headers included)."""

    sent = 0

    def log_message(self, *args) -> None:  # noqa: D102
        pass

    def setup(self) -> None:  # noqa: D102
        super().setup()
        write = self.wfile.write

        def counted(data):
            CountingHandler.sent += len(data)
            return write(data)
        self.wfile.write = counted


def counting_server(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    """Serve ``directory`` on 127.0.0.1:port in a thread, counting bytes sent."""
    handler = functools.partial(CountingHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def transferred_since(start: int) -> int:
    """Bytes the server sent since ``start``."""
    return CountingHandler.sent - start


def first_visit(playwright, url: str) -> dict:
    """Open the checklist page in a fresh profile and measure the first visit and an instant navigation.

    A persistent profile gives Chromium its ordinary disk cache (an incognito context keeps a small memory
    cache that drops the multi-megabyte runtime files), so the repeat visit is measured as a reader has it.
    """
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM,
                                                                args=CHROMIUM_ARGS)
        try:
            return measure(context, url)
        finally:
            context.close()


def measure(context, url: str) -> dict:
    """Run the measurements in one browser context."""
    context.add_init_script(LONG_TASKS)
    start = CountingHandler.sent
    page = context.new_page()
    page.goto(url + PAGE)
    figures = {"usable_ms": mark(page, "kb-bound"), "python_ready_ms": mark(page, "kb-python-ready")}
    page.wait_for_timeout(300)
    tasks = page.evaluate("window.__longTasks")
    boot = [t for t in tasks if t["start"] >= figures["usable_ms"]]  # after the page itself is loaded
    figures["long_tasks_over_50ms_during_boot"] = sum(1 for t in boot if t["duration"] > 50)
    figures["longest_task_during_boot_ms"] = max([t["duration"] for t in boot] or [0])
    figures["longest_task_page_load_ms"] = max([t["duration"] for t in tasks] or [0])
    figures["first_visit_bytes"] = transferred_since(start)
    figures.update(keystrokes(page))
    figures.update(instant_navigation(page))
    figures.update(builder_keystrokes(page, url))
    figures.update(checker_long_draft(page, url))
    start = CountingHandler.sent
    page.goto(url + PAGE)
    mark(page, "kb-python-ready")
    page.wait_for_timeout(300)
    figures["repeat_visit_bytes"] = transferred_since(start)
    return figures


def typing_p95(page, selector: str, text: str) -> tuple[float, int]:
    """Type ``text`` one character at a time; return the p95 of the view round trips that followed and their count."""
    page.evaluate("performance.clearMeasures('kb-view')")
    field = page.locator(selector)
    for character in text:
        field.press_sequentially(character)
        page.wait_for_timeout(30)
    page.wait_for_timeout(200)
    durations = sorted(page.evaluate("performance.getEntriesByName('kb-view').map((e) => e.duration)"))
    return durations[min(len(durations) - 1, int(len(durations) * 0.95))], len(durations)


def keystrokes(page) -> dict:
    """Type into a checklist note and measure the view round trips."""
    p95, count = typing_p95(page, "[data-kb-field='items.facts-timeline.note']",
                            "取引先の資材部の佐藤様から14時に電話がありました")
    return {"view_after_keystroke_p95_ms": p95, "view_samples": count}


def builder_keystrokes(page, url: str) -> dict:
    """Type into the apology-mail builder and measure the preview round trips."""
    page.goto(url + "tools/apology-mail/")
    mark(page, "kb-python-ready")
    page.wait_for_timeout(300)
    p95, count = typing_p95(page, "[data-kb-field='incident.what_happened']",
                            "11月25日に納品した部品B 500個のうち40個が不足しておりました")
    return {"builder_preview_p95_ms": p95, "builder_samples": count}


def checker_long_draft(page, url: str) -> dict:
    """Check a 10,000-character draft in the page; return the round trip of one keystroke's check."""
    page.goto(url + "tools/apology-checker/")
    mark(page, "kb-python-ready")
    sentence = "このたびは納品の遅れにより多大なご迷惑をおかけし、誠に申し訳ございません。早急に対応いたします。"
    page.fill("[data-kb-field=draft]", (sentence * (10000 // len(sentence) + 1))[:9999])
    page.wait_for_timeout(1500)
    page.evaluate("performance.clearMeasures('kb-view')")
    page.locator("[data-kb-field=draft]").press("End")
    page.locator("[data-kb-field=draft]").press_sequentially("。")
    page.wait_for_function("performance.getEntriesByName('kb-view').length > 0", timeout=10000)
    return {"checker_10k_round_trip_ms": page.evaluate("performance.getEntriesByName('kb-view')[0].duration")}


def instant_navigation(page) -> dict:
    """Navigate away and back through instant navigation; time the return until usable and Python-served."""
    page.click("a.md-nav__link[href$='respond/report-to-boss/']")
    page.wait_for_url("**/respond/report-to-boss/")
    page.evaluate("performance.clearMarks(); performance.clearMeasures()")
    started = page.evaluate("performance.now()")
    page.click("a.md-nav__link[href$='tools/first-response/']")
    usable = mark(page, "kb-bound") - started
    page.wait_for_function("performance.getEntriesByName('kb-view').length > 0", timeout=10000)
    view = page.evaluate("performance.getEntriesByName('kb-view')[0]")
    return {"instant_usable_ms": usable, "instant_python_ms": view["startTime"] + view["duration"] - started,
            "instant_boots": page.evaluate("kbPython.boots")}


def main() -> None:
    """Build the site, serve it, run the measurements and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        result = build_site(ROOT, site, f"http://127.0.0.1:{port}/")
        if result.returncode != 0:
            sys.exit(result.stderr)
        server, url = counting_server(site, port), f"http://127.0.0.1:{port}/"
        try:
            with sync_playwright() as playwright:
                runs = [first_visit(playwright, url) for _ in range(arguments.runs)]
        finally:
            server.shutdown()
    print(f"median of {arguments.runs} runs (headless Chromium, 127.0.0.1):")
    for key in runs[0]:
        values = [run[key] for run in runs]
        print(f"  {key:32} {statistics.median(values):>12,.1f}   (min {min(values):,.1f}, max {max(values):,.1f})")


if __name__ == "__main__":
    main()
