"""The search index written at build: synonym list validation, search_aliases, grouping into pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from macros import search_index
from macros.search_index import SearchIndexError, load_synonyms, page_aliases, page_url, write
from tests.conftest import ROOT
from tests.test_build import break_and_build

QUERY_SETS = ("queries.yml", "holdout.yml")


def test_the_project_synonym_list_is_valid():
    groups = load_synonyms(ROOT / "docs" / search_index.SYNONYMS)
    assert len(groups) >= 10
    assert groups[0][:2] == ["お詫び", "謝罪"]


@pytest.mark.parametrize(("text", "problem"), [
    ("groups: [[謝罪, お詫び], [上司]]", "group 2: expected a list of at least 2 words"),
    ("groups: [[謝罪, 謝罪]]", "group 1: a word appears twice"),
    ("groups: [[謝罪, '']]", "group 1: every word must be non-empty text"),
    ("groups: [[謝罪, 3]]", "group 1: every word must be non-empty text"),
    ("words: [[謝罪, お詫び]]", "expected one key `groups`"),
    ("- [謝罪, お詫び]", "expected one key `groups`"),
    ("groups: [[謝罪, お詫び]", "cannot read the synonym list"),
])
def test_a_malformed_synonym_list_names_the_file_and_the_problem(tmp_path, text, problem):
    path = tmp_path / "search-synonyms.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SearchIndexError) as error:
        load_synonyms(path)
    assert str(path) in str(error.value) and problem in str(error.value)


def test_malformed_search_aliases_name_the_page(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: A\nsearch_aliases: 返事\n---\n# A\n", encoding="utf-8")
    with pytest.raises(SearchIndexError, match=r"a\.md: search_aliases must be a list"):
        page_aliases(tmp_path)


def test_page_urls_follow_directory_urls():
    assert page_url(Path("index.md")) == ""
    assert page_url(Path("tools/index.md")) == "tools/"
    assert page_url(Path("respond/interim-reply.md")) == "respond/interim-reply/"


def test_write_groups_sections_into_pages_with_aliases_and_plain_text(tmp_path):
    site, docs = tmp_path / "site", tmp_path / "docs"
    (site / "search").mkdir(parents=True)
    (docs / "includes").mkdir(parents=True)
    (docs / "includes" / "search-synonyms.yml").write_text("groups:\n  - [謝罪, お詫び]\n", encoding="utf-8")
    (docs / "r.md").write_text("---\ntitle: R\nsearch_aliases: [とりあえず返事]\n---\n", encoding="utf-8")
    theme = {"config": {"lang": ["ja"], "separator": "[\\s]+"},
             "docs": [{"location": "r/", "title": "即レス", "text": "<p>状況と &amp; 時刻</p>"},
                      {"location": "r/#when", "title": "連絡時刻", "text": "<ul><li>15時</li></ul>"}]}
    (site / "search" / "search_index.json").write_text(json.dumps(theme), encoding="utf-8")
    data = json.loads(write(site, docs).read_text(encoding="utf-8"))
    assert data == {"synonyms": [["謝罪", "お詫び"]], "pages": [{
        "url": "r/", "title": "即レス", "aliases": ["とりあえず返事"],
        "sections": [{"anchor": "", "title": "即レス", "text": "状況と & 時刻"},
                     {"anchor": "when", "title": "連絡時刻", "text": "15時"}]}]}
    # The theme still downloads its own index on every page: only its settings are left in it.
    stub = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub == {"config": theme["config"], "docs": []}


def test_the_theme_index_is_kept_whole_when_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_THEME_SEARCH_INDEX", "full")
    site, docs = tmp_path / "site", tmp_path / "docs"
    (site / "search").mkdir(parents=True)
    (docs / "includes").mkdir(parents=True)
    (docs / "includes" / "search-synonyms.yml").write_text("groups:\n  - [謝罪, お詫び]\n", encoding="utf-8")
    theme = {"config": {"lang": ["ja"]}, "docs": [{"location": "r/", "title": "即レス", "text": "状況"}]}
    (site / "search" / "search_index.json").write_text(json.dumps(theme), encoding="utf-8")
    write(site, docs)
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8")) == theme


@pytest.mark.parametrize("name", QUERY_SETS)
def test_query_sets_name_existing_pages(name):
    urls = {search_index.page_url(p.relative_to(ROOT / "docs")) or "/" for p in (ROOT / "docs").rglob("*.md")
            if "includes" not in p.parts}
    queries = yaml.safe_load((ROOT / "tests" / "search" / name).read_text(encoding="utf-8"))
    assert all(set(q["pages"]) <= urls for q in queries)
    if name == "queries.yml":
        assert len(queries) >= 60 and {u for q in queries for u in q["pages"]} == urls


@pytest.mark.slow
def test_a_malformed_synonym_list_fails_the_build_naming_the_file(tmp_path):
    def edit(project):
        (project / "docs" / search_index.SYNONYMS).write_text("groups:\n  - [謝罪]\n", encoding="utf-8")
    output = break_and_build(tmp_path, edit)
    assert "search-synonyms.yml: group 1: expected a list of at least 2 words" in output


@pytest.mark.slow
def test_the_site_points_the_theme_search_at_the_bigram_worker(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
    assert config["search"].endswith("assets/kb/search/worker.mjs")
    assert {"navigation.instant", "search.highlight"} <= set(config["features"])  # the copied block keeps them
    index = json.loads((built_site / search_index.OUTPUT).read_text(encoding="utf-8"))
    assert {page["url"] for page in index["pages"]} >= {"", "respond/interim-reply/", "tools/tracker/"}
