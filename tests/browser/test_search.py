"""Japanese search finds the right page (lunr with TinySegmenter, through /?q=)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("query", "expected"), [
    ("他部署", "basics/why-sales-apologizes/"),
    ("再発防止", "respond/effective-apology/"),
    ("即レス", "respond/interim-reply/"),
    ("担当変更", "managers/rep-change/"),
    ("第一報", "respond/report-to-boss/"),
    ("セルフケア", "care/self-care/"),
])
def test_search_finds_the_page(page, site_url, query, expected):
    page.goto(f"{site_url}?q={query}")
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=15000)
    top = [results.nth(i).get_attribute("href") for i in range(min(3, results.count()))]
    assert any(href.split("#")[0].split("?")[0].endswith(expected) for href in top), top
