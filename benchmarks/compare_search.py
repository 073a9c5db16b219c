"""Measure search candidates side by side on tests/search/queries.yml (tuning) and holdout.yml (held out).

Candidates: the theme's default search (lunr with TinySegmenter: its real worker, run in Chromium on the
theme's index), the chosen character-bigram engine (docs/assets/kb/search/engine.mjs in Node), build-time
morphological analysis with Janome and with SudachiPy (segmenting the index and the query the same way, BM25 with
title and heading boosts, ranked in Python), and Pagefind (pagefind-bin-extended, Japanese segmentation, its
JavaScript API in Chromium). Prints hit@3, MRR@5 and zero-result queries for each, and the bytes the browser
downloads for the index: gzip of the JSON index (lunr and the morphological candidates use the theme's index
here; a real deployment would ship a pre-segmented one of similar size), Pagefind's files as written (already
compressed, with its WebAssembly runtime).

Usage: .venv/bin/pip install -r benchmarks/requirements-compare.txt
       .venv/bin/python benchmarks/compare_search.py
"""

from __future__ import annotations

import gzip
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from macros import search_index  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, build_site, free_port, serve  # noqa: E402
from tests.search.searchbox import load, scores  # noqa: E402

SETS = ("queries", "holdout")
LUNR = """async ([worker, queries]) => {
  const index = await (await fetch("search/search_index.json")).json();
  const search = new Worker(worker);
  const reply = (type, message) => new Promise((resolve) => {
    search.onmessage = (event) => { if (event.data.type === type) resolve(event.data.data); };
    search.postMessage(message);
  });
  await reply(1, { type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  const ranked = [];
  for (const query of queries) ranked.push((await reply(3, { type: 2, data: query })).items.map((g) => g[0].location));
  return ranked;
}"""
PAGEFIND = """async (queries) => {
  const pagefind = await import("./pagefind/pagefind.js");
  await pagefind.init();
  const ranked = [];
  for (const query of queries) {
    const found = await pagefind.search(query);
    ranked.push(await Promise.all(found.results.slice(0, 5).map(async (r) => (await r.data()).url)));
  }
  return ranked;
}"""


def as_pages(urls: list[str], base: str = "") -> list[str]:
    """Page URLs relative to the site root, ``/`` for the top page, without duplicates."""
    pages = []
    for url in urls:
        page = url.split("#")[0].split("?")[0].removeprefix(base).lstrip("/").removesuffix("index.html") or "/"
        if page not in pages:
            pages.append(page)
    return pages


def bigrams(site: Path, queries: list[str]) -> list[list[str]]:
    """Rank with the chosen engine in Node."""
    out = subprocess.run(["node", str(ROOT / "benchmarks" / "search_rank.mjs"), str(site / search_index.OUTPUT)],
                         input=json.dumps(queries), capture_output=True, text=True, check=True).stdout
    return [as_pages(urls) for urls in json.loads(out)]


class Bm25:
    """BM25 over the tokens of each page; the title and headings count 3 and 2 times."""

    def __init__(self, pages: list[dict], tokenize: Callable[[str], list[str]]) -> None:
        self.tokenize = tokenize
        self.docs = []
        for page in pages:
            counts = Counter(tokenize(" ".join(s["text"] for s in page["sections"])))
            for _ in range(3):
                counts.update(tokenize(page["title"]))
            for _ in range(2):
                counts.update(tokenize(" ".join(s["title"] for s in page["sections"][1:])))
            self.docs.append((page["url"], counts, sum(counts.values())))
        self.average = sum(length for _, _, length in self.docs) / len(self.docs)
        self.df = Counter(token for _, counts, _ in self.docs for token in counts)

    def rank(self, query: str) -> list[str]:
        """Pages matching at least one query token, best first."""
        tokens = self.tokenize(query)
        scored = []
        for url, counts, length in self.docs:
            score = 0.0
            for token in tokens:
                tf = counts.get(token, 0)
                if tf:
                    idf = math.log(1 + (len(self.docs) - self.df[token] + 0.5) / (self.df[token] + 0.5))
                    score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / self.average))
            if score > 0:
                scored.append((score, url or "/"))
        return [url for _, url in sorted(scored, reverse=True)]


SKIPPED = ("助詞", "助動詞", "記号", "補助記号", "空白")


def janome_tokenizer() -> Callable[[str], list[str]]:
    """Base forms of the content words (Janome)."""
    from janome.tokenizer import Tokenizer
    tokenizer = Tokenizer()
    return lambda text: [t.base_form if t.base_form != "*" else t.surface for t in tokenizer.tokenize(text.lower())
                         if t.part_of_speech.split(",")[0] not in SKIPPED]


def sudachi_tokenizer() -> Callable[[str], list[str]]:
    """Normalized forms of the content words (SudachiPy, core dictionary, split mode A)."""
    from sudachipy import Dictionary, SplitMode
    tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.A)
    return lambda text: [m.normalized_form() for m in tokenizer.tokenize(text.lower()[:10000])
                         if m.part_of_speech()[0] not in SKIPPED]


def in_browser(site: Path, script: str, argument) -> list[list[str]]:
    """Run a ranking script on the top page of the served site; page URLs best first."""
    port = free_port()
    server, url = serve(site, port=port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            ranked = page.evaluate(script, argument)
            browser.close()
    finally:
        server.shutdown()
    return [as_pages(urls, url) for urls in ranked]


def gzip_size(paths: list[Path]) -> int:
    """Total gzip bytes of files."""
    return sum(len(gzip.compress(path.read_bytes(), 9)) for path in paths)


def candidates(site: Path) -> dict[str, tuple[Callable[[list[str]], list[list[str]]], int]]:
    """Each candidate's ranking function and index size (gzip bytes)."""
    pages = json.loads((site / search_index.OUTPUT).read_text(encoding="utf-8"))["pages"]
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    theme_index = site / "search" / "search_index.json"
    found = {
        "lunr (theme default)": (lambda qs: in_browser(site, LUNR, [str(worker.relative_to(site)), qs]),
                                 gzip_size([theme_index])),
        "bigrams (chosen)": (lambda qs: bigrams(site, qs), gzip_size([site / search_index.OUTPUT])),
    }
    for name, make in (("Janome + BM25", janome_tokenizer), ("SudachiPy + BM25", sudachi_tokenizer)):
        try:
            ranker = Bm25(pages, make())
        except ImportError as error:
            print(f"{name}: skipped ({error})")
            continue
        found[name] = (lambda qs, r=ranker: [r.rank(q) for q in qs], gzip_size([theme_index]))
    pagefind = pagefind_index(site)
    if pagefind:
        files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
        found["Pagefind"] = (lambda qs: in_browser(site, PAGEFIND, qs), sum(p.stat().st_size for p in files))
    return found


def pagefind_index(site: Path) -> bool:
    """Index the built site with pagefind-bin-extended; False when it is not installed."""
    command = [sys.executable, "-m", "pagefind_bin_extended", "--site", str(site)]
    try:
        subprocess.run(command, capture_output=True, text=True, check=True)
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        print(f"Pagefind: skipped ({getattr(error, 'stderr', error)})")
        return False
    return (site / "pagefind" / "pagefind.js").is_file()


def main() -> None:
    """Build the site and print each candidate's figures on both query sets."""
    sets = {name: load(name) for name in SETS}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        os.environ["KB_THEME_SEARCH_INDEX"] = "full"  # the lunr and BM25 candidates read the theme's index
        result = build_site(ROOT, site)
        if result.returncode != 0:
            sys.exit(result.stderr)
        rows = []
        for name, (rank, size) in candidates(site).items():
            row = [name]
            for queries in sets.values():
                figures = scores([{"pages": p} for p in rank([q["q"] for q in queries])], queries)
                row += [f"{100 * figures['hit3']:.1f}%", f"{figures['mrr5']:.3f}", str(figures["zero"])]
            rows.append([*row, f"{size / 1024:.0f} KB"])
    header = ["candidate", "hit@3", "MRR@5", "zero", "hold hit@3", "hold MRR@5", "hold zero", "index bytes"]
    print(f"{len(sets['queries'])} tuning queries, {len(sets['holdout'])} held-out queries")
    for row in [header, *rows]:
        print(f"{row[0]:<22}" + "".join(f"{cell:>12}" for cell in row[1:]))


if __name__ == "__main__":
    main()
