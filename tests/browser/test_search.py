"""The header search box finds the right page for the queries readers type (tests/search/queries.yml)."""

from __future__ import annotations

import pytest

from tests.search.searchbox import NONE, ask, load, open_search, scores

pytestmark = pytest.mark.browser


def test_typed_queries_find_a_right_page_in_the_top_three(page, site_url):
    queries = load("queries")
    open_search(page, site_url)
    results = [ask(page, query["q"]) for query in queries]
    figures = scores(results, queries)
    pairs = list(zip(queries, results, strict=True))
    misses = [(q["q"], r["pages"][:3]) for q, r in pairs if not set(q["pages"]) & set(r["pages"][:3])]
    assert figures["hit3"] >= 0.95, misses
    assert [q["q"] for q, r in pairs if NONE in r["meta"]] == []


def test_results_show_the_section_and_a_highlighted_snippet(page, site_url):
    open_search(page, site_url)
    result = ask(page, "場面別の例文")
    assert result["pages"][0] == "respond/interim-reply/"
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text().startswith("即レス")
    assert first.locator("mark").count() > 0
    assert "#" in (first.locator("a").nth(1).get_attribute("href") or "")


def test_enter_opens_the_best_page_with_instant_navigation(page, site_url):
    open_search(page, site_url)
    ask(page, "トラッカー")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tools/tracker/**")
    page.keyboard.press("s")
    after = ask(page, "お詫び状")  # the counter survives: instant navigation kept the document and the worker
    assert after["pages"][0] == "tools/apology-letter/"


def test_a_missing_index_is_said_not_left_silent(page, site_url):
    page.route("**/assets/kb/search/index.json", lambda route: route.fulfill(status=404, body="not found"))
    open_search(page, site_url)
    ask(page, "お詫び")
    shown = page.locator(".md-search-result").inner_text()
    assert "検索の準備ができませんでした" in shown
    assert "再読み込み" in shown
