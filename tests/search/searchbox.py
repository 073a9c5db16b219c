"""Drive the real header search box in Chromium: type a query, wait for its results, read them.

Shared by tests/browser/test_search.py and benchmarks/bench_search.py. An init script counts the QUERY messages
sent to the search worker and the RESULT messages received, and records when the result list last changed.
"""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
NONE = "何も見つかりませんでした"
COUNTER = """
(() => {
  const Native = window.Worker;
  const state = window.__kbSearch = { sent: 0, received: 0, keyup: 0, rendered: 0 };
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.addEventListener("message", (event) => { if (event.data?.type === 3) state.received += 1; });
    }
    postMessage(message, ...rest) {
      if (message?.type === 2) state.sent += 1;
      return super.postMessage(message, ...rest);
    }
  };
  document.addEventListener("keyup", () => { state.keyup = performance.now(); }, true);
  document.addEventListener("DOMContentLoaded", () => {
    const list = document.querySelector(".md-search-result__list");
    if (list) new MutationObserver(() => { state.rendered = performance.now(); })
      .observe(list, { childList: true });
  });
})();
"""


def load(name: str) -> list[dict]:
    """The queries of ``tests/search/<name>.yml`` (``q`` and acceptable ``pages``, ``/`` for the top page)."""
    return yaml.safe_load((HERE / f"{name}.yml").read_text(encoding="utf-8"))


def open_search(page, url: str) -> None:
    """Open the site root ``url`` with the counter installed and focus the header search box with the ``/`` key."""
    page.kb_root = url
    page.add_init_script(COUNTER)
    page.goto(url)
    page.wait_for_function("document.querySelector('.md-search-result__meta') !== null")
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")


def ask(page, query: str) -> dict:
    """Type ``query`` (replacing the box's text) and return its ranked page URLs, meta text and latency (ms)."""
    box = page.locator("input.md-search__input")
    sent = page.evaluate("window.__kbSearch.sent")
    box.fill(query)
    box.press("End")  # a key event: the theme sends the query on keyup (an IME commits text without one)
    page.wait_for_function(f"window.__kbSearch.sent > {sent} && __kbSearch.received === __kbSearch.sent",
                           timeout=15000)
    data = page.evaluate("""() => ({
      hrefs: [...document.querySelectorAll('.md-search-result__item')].map(
        (item) => item.querySelector('a').href),
      meta: document.querySelector('.md-search-result__meta').textContent,
      latency: Math.max(0, __kbSearch.rendered - __kbSearch.keyup),
    })""")
    data["pages"] = [page_of(href, page.kb_root) for href in data["hrefs"]]
    return data


def page_of(href: str, base: str) -> str:
    """The page of an absolute result link, relative to the site root ``base`` (``/`` for the top page)."""
    path = href.split("#")[0].split("?")[0]
    relative = path[len(base):] if path.startswith(base) else path
    return relative or "/"


def scores(results: list[dict], queries: list[dict]) -> dict:
    """hit@3, MRR@5 and the zero-result count of ranked results against the acceptable pages."""
    hits = reciprocal = zero = 0
    for result, query in zip(results, queries, strict=True):
        ranked, wanted = result["pages"], set(query["pages"])
        hits += bool(wanted & set(ranked[:3]))
        rank = next((i for i, url in enumerate(ranked[:5], 1) if url in wanted), None)
        reciprocal += 1 / rank if rank else 0
        zero += not ranked
    return {"hit3": hits / len(queries), "mrr5": reciprocal / len(queries), "zero": zero}
