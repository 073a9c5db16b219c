"""Glossary tooltips in Japanese prose: first use only, never in links, code or headings."""

from __future__ import annotations

import markdown

from macros.glossary import JapaneseAbbrExtension, use_japanese_abbr

DEFINITIONS = "*[窓口]: 取引先から見た連絡先\n*[第一報]: 最初の報告\n"


def render(text: str) -> str:
    return markdown.markdown(text + "\n\n" + DEFINITIONS, extensions=[JapaneseAbbrExtension(), "toc"])


def test_terms_inside_japanese_sentences_get_a_tooltip():
    html = render("営業は窓口として動き、上司に第一報を入れます。")
    assert '<abbr title="取引先から見た連絡先">窓口</abbr>として' in html
    assert '上司に<abbr title="最初の報告">第一報</abbr>を入れます' in html


def test_only_the_first_use_on_a_page_is_marked():
    html = render("窓口は一つです。\n\n窓口を変えません。")
    assert html.count("<abbr") == 1


def test_links_code_and_headings_are_left_alone():
    html = render("# 窓口の役割\n\n[窓口](x.md) と `窓口` と 第一報")
    assert "<h1" in html and html.count("<abbr") == 1
    assert '<abbr title="最初の報告">第一報</abbr>' in html


def test_pages_without_definitions_are_unchanged():
    assert markdown.markdown("窓口", extensions=[JapaneseAbbrExtension()]) == "<p>窓口</p>"


def test_the_macros_module_swaps_abbr_for_the_japanese_variant():
    config = {"markdown_extensions": ["toc", "abbr", "tables"]}
    use_japanese_abbr(config)
    assert config["markdown_extensions"][::2] == ["toc", "tables"]
    assert isinstance(config["markdown_extensions"][1], JapaneseAbbrExtension)


def test_reload_forgets_only_the_project_modules():
    import sys

    from macros import reload
    before = {name: module for name, module in sys.modules.items()}
    try:
        dropped = reload.forget_project_modules()
        assert "macros.glossary" in dropped and "widgets.errors" in dropped
        assert "markdown" in sys.modules and not any(name.split(".")[0] == "macros" for name in sys.modules)
    finally:
        sys.modules.update(before)
