"""Measure offline use in headless Chromium against the built site on 127.0.0.1.

Prints: what the service worker keeps after the first page and after the first tool page (files and bytes of its
cache, and the site's usage from navigator.storage.estimate()), then navigation → Python ready on the tool page:
first visit (online, nothing stored), and after a cold start of the browser with a warm cache, online and
offline (medians over several runs); and the timeline of an update: a changed build deployed over the site, then
the next visit → new page shown, → the prompt, → after the click, only the new build's cache left.

Usage: .venv/bin/python benchmarks/bench_offline.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, build_site, copy_project, free_port, serve  # noqa: E402

TOOL = "tools/first-response/"
NOTE = "([text]) => document.querySelector('.kb-offline-note')?.textContent === text"
CACHED = """async () => {
  let files = 0, bytes = 0;
  for (const name of await caches.keys()) {
    if (!name.startsWith('kb-offline:')) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) { files += 1; bytes += (await (await cache.match(request)).blob()).size; }
  }
  const usage = (await navigator.storage.estimate()).usage;
  return { files, bytes, usage };
}"""


def python_ready_ms(page, url: str) -> float:
    """Open the tool page; return navigation → Python ready in ms."""
    page.goto(url + TOOL)
    page.wait_for_function("window.kbPython && kbPython.status === 'ready'", timeout=60000)
    return page.evaluate("performance.getEntriesByName('kb-python-ready').at(-1).startTime")


def launch(playwright, profile: Path):
    """A browser with a persistent profile (its service worker and caches survive a restart)."""
    return playwright.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                         locale="ja-JP", timezone_id="Asia/Tokyo")


def first_visits(playwright, url: str, profile: Path) -> dict:
    """Home page, then the tool page: what is stored after each, and the first Python-ready time."""
    context = launch(playwright, profile)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(NOTE, arg=["オフラインでも使えます"], timeout=60000)
    after_page = page.evaluate(CACHED)
    first = python_ready_ms(page, url)
    page.wait_for_function(NOTE, arg=["Python の道具もオフラインで使えます"], timeout=60000)
    after_tool = page.evaluate(CACHED)
    context.close()
    return {"after first page": after_page, "after first tool page": after_tool, "first": first}


def warm_start(playwright, url: str, profile: Path, offline: bool) -> float:
    """Start the browser again (warm cache) and time the tool page, online or offline."""
    context = launch(playwright, profile)
    context.set_offline(offline)
    page = context.new_page()
    elapsed = python_ready_ms(page, url)
    context.close()
    return elapsed


def update_timeline(playwright, project: Path, site: Path, url: str, profile: Path) -> dict:
    """Deploy a changed home page over the site and time what the next visit shows."""
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace("\n# ", "\n# 新版 ", 1), encoding="utf-8")
    result = build_site(project, site, url)
    if result.returncode != 0:
        sys.exit(result.stderr)
    context = launch(playwright, profile)
    page = context.new_page()
    page.goto(url)
    start = page.evaluate("performance.timeOrigin")

    def since() -> float:
        return page.evaluate("Date.now()") - start
    page.wait_for_function("document.querySelector('h1').textContent.includes('新版')")
    shown = since()
    page.locator(".kb-offline-update button").wait_for(timeout=60000)
    prompt = since()
    page.locator(".kb-offline-update button").click()
    page.wait_for_function("caches.keys().then((names) => names.filter((n) => n.startsWith('kb-offline:')).length)"
                           " .then((count) => count === 1 && !!navigator.serviceWorker.controller)")
    page.wait_for_function(NOTE, arg=["オフラインでも使えます"], timeout=60000)
    done = since()
    context.close()
    return {"new page shown": shown, "prompt shown": prompt, "reloaded, old cache gone": done}


def main() -> None:
    """Build, serve, measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        port = free_port()
        site = Path(scratch) / "site"
        project = copy_project(Path(scratch) / "project")
        result = build_site(project, site, f"http://127.0.0.1:{port}/")
        if result.returncode != 0:
            sys.exit(result.stderr)
        server, url = serve(site, port=port)
        try:
            with sync_playwright() as playwright:
                profile = Path(scratch) / "profile"
                stored = first_visits(playwright, url, profile)
                online, offline = [], []
                for _ in range(runs):  # interleaved: Chromium's code cache of the wasm warms up over the runs
                    online.append(warm_start(playwright, url, profile, offline=False))
                    offline.append(warm_start(playwright, url, profile, offline=True))
                timeline = update_timeline(playwright, project, site, url, profile)
        finally:
            server.shutdown()
    for label in ("after first page", "after first tool page"):
        figures = stored[label]
        print(f"cached {label}: {figures['files']} files, {figures['bytes'] / 1e6:.2f} MB "
              f"(storage estimate {figures['usage'] / 1e6:.2f} MB)")
    print(f"Python ready, first visit online (nothing stored): {stored['first']:.0f} ms")
    print(f"Python ready, browser restarted, warm cache, online:  median {statistics.median(online):.0f} ms "
          f"({', '.join(f'{value:.0f}' for value in online)})")
    print(f"Python ready, browser restarted, warm cache, offline: median {statistics.median(offline):.0f} ms "
          f"({', '.join(f'{value:.0f}' for value in offline)})")
    print("update, next visit after a changed deployment: "
          + ", ".join(f"{label} at {value:.0f} ms" for label, value in timeline.items()))


if __name__ == "__main__":
    main()
