"""The apology-draft checker in Chromium: highlights, findings, coverage, text-only rendering."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_python

pytestmark = pytest.mark.browser

DRAFT = ("株式会社みなと精機 購買部 山田様\n\n工場のミスで納品が遅れました。早急に対応いたします。"
         "<img src=x onerror=alert(1)> 𠮷野様にもご迷惑をおかけしました。申し訳ございません。")


def check(page, site_url, draft):
    page.goto(site_url + "tools/apology-checker/")
    assert wait_python(page) == "ready"
    page.fill("[data-kb-field=draft]", draft)
    page.wait_for_function("([text]) => document.querySelector('[data-kb-marks=draft]').textContent === text",
                           arg=[draft])


def test_findings_are_highlighted_at_the_right_words(page, site_url):
    check(page, site_url, DRAFT)
    marks = page.locator("[data-kb-marks=draft] mark")
    texts = [marks.nth(i).text_content() for i in range(marks.count())]
    assert "工場のミス" in texts and "早急に" in texts
    assert page.locator("[data-kb-marks=draft] mark[data-kb-state=error]").count() >= 2
    assert page.text_content("[data-kb-marks=draft]") == DRAFT
    assert page.locator("img[src=x]").count() == 0


def test_findings_list_explains_and_links_to_the_guidance(page, site_url):
    check(page, site_url, DRAFT)
    first = page.locator("[data-kb-list=findings] li").first
    assert first.get_attribute("data-kb-state") == "error"
    assert "言い換えの例" in first.text_content()
    href = first.locator("a").get_attribute("href")
    assert href.startswith(site_url + "respond/effective-apology/#")
    assert page.text_content("[data-kb-out=summary]").startswith("まず見直してください：責任を認める言葉がありません。")


def test_coverage_lists_present_and_missing_elements(page, site_url):
    check(page, site_url, DRAFT)
    coverage = page.locator("[data-kb-list=coverage] li")
    states = {coverage.nth(i).locator("a").text_content(): coverage.nth(i).get_attribute("data-kb-state")
              for i in range(coverage.count())}
    assert states["お詫びの言葉"] == "present"
    assert states["再発防止"] == "missing"


def test_a_clean_draft_has_no_error(page, site_url):
    draft = ("このたびは、納品数量に不足があり、多大なご迷惑をおかけしましたことを深くお詫び申し上げます。"
             "弊社の出荷前の確認が不十分でした。不足分は11月27日午前中にお届けします。"
             "今後は出荷前の数量確認を2名で行い、再発を防ぎます。12月1日までに改めてご報告いたします。")
    check(page, site_url, draft)
    assert page.text_content("[data-kb-out=summary]").startswith("要修正 0 件")
    assert page.locator("[data-kb-list=findings] li[data-kb-state=error]").count() == 0
