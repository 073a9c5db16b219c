"""Measure the header search against tests/search/queries.yml (tuning set) and holdout.yml (never tuned on).

Prints, per set: hit@3, MRR@5 and zero-result queries as typed into the real search box of the built site in
headless Chromium, and the time from the keystroke to the rendered results (median, p95); then the search index
bytes (raw and gzip) and the build time the index adds.

Usage: .venv/bin/python benchmarks/bench_search.py
"""

from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from macros import search_index  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, build_site, free_port, serve  # noqa: E402
from tests.search.searchbox import NONE, ask, load, open_search, scores  # noqa: E402

SETS = ("queries", "holdout")


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def browser_figures(url: str) -> dict[str, dict]:
    """Type every query of each set into the header search box; score the results and time them."""
    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="ja-JP")
        open_search(page, url)
        for name in SETS:
            queries = load(name)
            results = [ask(page, query["q"]) for query in queries]
            latencies = [result["latency"] for result in results]
            figures[name] = {**scores(results, queries), "count": len(queries),
                             "none_shown": sum(NONE in result["meta"] for result in results),
                             "median_ms": statistics.median(latencies), "p95_ms": percentile(latencies, 0.95)}
        browser.close()
    return figures


def index_figures(site: Path) -> dict[str, float]:
    """Bytes of the index (raw, gzip) and the time to write it again from the built site."""
    data = (site / search_index.OUTPUT).read_bytes()
    start = time.perf_counter()
    search_index.write(site, ROOT / "docs")
    return {"raw": len(data), "gzip": len(gzip.compress(data, 9)), "write_ms": 1000 * (time.perf_counter() - start)}


def main() -> None:
    """Build the site, serve it, measure and print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        site, port = Path(tmp) / "site", free_port()
        result = build_site(ROOT, site, f"http://127.0.0.1:{port}/")
        if result.returncode != 0:
            sys.exit(result.stderr)
        server, url = serve(site, port=port)
        try:
            figures = browser_figures(url)
        finally:
            server.shutdown()
        index = index_figures(site)
    print("Header search (typed into the real search box in Chromium)")
    header = ("queries", "hit@3", "MRR@5", "zero", "none shown", "median ms", "p95 ms")
    print(f"{'set':<10}" + "".join(f"{cell:>11}" for cell in header))
    for name, row in figures.items():
        cells = (row["count"], f"{100 * row['hit3']:.1f}%", f"{row['mrr5']:.3f}", row["zero"], row["none_shown"],
                 f"{row['median_ms']:.1f}", f"{row['p95_ms']:.1f}")
        print(f"{name:<10}" + "".join(f"{cell:>11}" for cell in cells))
    print(f"index: {index['raw'] / 1024:.1f} KB raw, {index['gzip'] / 1024:.1f} KB gzip; "
          f"build time added (writing the index): {index['write_ms']:.0f} ms")


if __name__ == "__main__":
    main()
