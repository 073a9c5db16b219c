"""``make zensical-check``: the page-by-page comparison of two built sites."""

from __future__ import annotations

from pathlib import Path

from macros.zensical_check import compare, last_error, pages


def write(site: Path, url: str, html: str) -> None:
    folder = site / url
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(html)


def test_pages_are_keyed_by_url_without_assets(tmp_path):
    write(tmp_path, "", "top")
    write(tmp_path, "care/self-care", "care")
    write(tmp_path, "assets/x", "asset")
    assert pages(tmp_path) == {"": "top", "care/self-care/": "care"}


def test_missing_pages_features_and_runtime_files_are_reported(tmp_path):
    ours, theirs = tmp_path / "mkdocs", tmp_path / "zensical"
    footer = '<p class="kb-freshness__reviewed">x</p><p class="kb-freshness__changed">y</p>'
    write(ours, "", footer + '<abbr title="a">窓口</abbr>')
    write(theirs, "", '<abbr title="a">窓口</abbr>')
    write(ours, "tools/first-response", '<div data-kb-widget="checklist">' + footer)
    write(theirs, "tools/first-response", '<div data-kb-widget="checklist">')
    write(ours, "reference/tags", footer)
    (ours / "assets" / "pyodide").mkdir(parents=True)
    (ours / "assets" / "pyodide" / "pyodide.mjs").write_text("")
    assert compare(ours, theirs) == [
        "page missing in the Zensical build: /reference/tags/",
        "review date footer: differs on 2 of 3 pages, e.g. / (1 → 0), /tools/first-response/ (1 → 0)",
        "last change date: differs on 2 of 3 pages, e.g. / (1 → 0), /tools/first-response/ (1 → 0)",
        "site file missing in the Zensical build: assets/pyodide/pyodide.mjs",
    ]


def test_identical_sites_have_no_difference(tmp_path):
    for site in ("a", "b"):
        write(tmp_path / site, "", '<div data-kb-widget="x"><abbr title="t">a</abbr>')
    assert compare(tmp_path / "a", tmp_path / "b") == []


def test_last_error_prefers_the_exception_line():
    output = "Traceback\n  File 'x', line 1\n    from mkdocs.exceptions import PluginError\nModuleNotFoundError: No module named 'mkdocs'\n"
    assert last_error(output) == "ModuleNotFoundError: No module named 'mkdocs'"
    assert last_error("") == "(no output)"
