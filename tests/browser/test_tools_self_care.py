"""The self-care reflection in Chromium: nothing kept unless asked, erase always at hand, contacts when needed."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_python

pytestmark = pytest.mark.browser

PAGE = "tools/self-care-reflection/"
KEY = "kb:sales-trouble-kb:checklist:self-care-reflection:v1"
STORED = f"localStorage.getItem('{KEY}')"


def answer(page, question, choice):
    page.check(f"[data-kb-field='answers.{question}'][value='{choice}']")


def open_reflection(page, site_url):
    page.goto(site_url + PAGE)
    assert wait_python(page) == "ready"
    page.wait_for_function("document.querySelector('[data-kb-out=\"results.result.waiting\"]')"
                           ".textContent.startsWith('残り')")


def test_nothing_is_stored_until_the_reader_chooses_to_keep_it(page, site_url):
    open_reflection(page, site_url)
    answer(page, "sleep", "half")
    assert page.evaluate(STORED) is None
    page.reload()
    assert not page.is_checked("[data-kb-field='answers.sleep'][value='half']")
    answer(page, "sleep", "half")
    page.check("[data-kb-field=keep]")
    assert '"half"' in page.evaluate(STORED)
    page.reload()
    assert page.is_checked("[data-kb-field='answers.sleep'][value='half']") and page.is_checked("[data-kb-field=keep]")
    page.uncheck("[data-kb-field=keep]")
    assert page.evaluate(STORED) is None


def test_the_erase_button_is_in_view_at_the_top_and_clears_everything(page, site_url):
    open_reflection(page, site_url)
    answer(page, "enjoy", "none")
    page.check("[data-kb-field=keep]")
    erase = page.locator(".kb-keep [data-kb-action=reset]")
    assert erase.is_visible() and erase.text_content() == "入力を消去"
    page.once("dialog", lambda dialog: dialog.accept())
    erase.click()
    assert not page.is_checked("[data-kb-field='answers.enjoy'][value='none']")
    assert not page.is_checked("[data-kb-field=keep]")
    assert page.evaluate(STORED) is None


def test_answers_suggest_self_care_and_show_contacts_when_needed(page, site_url):
    open_reflection(page, site_url)
    answer(page, "talk", "nobody")
    page.locator("[data-kb-show='item.try-talk']").wait_for(state="visible")
    assert not page.locator("[data-kb-show='item.try-breathing']").is_visible()
    answer(page, "sleep", "few")
    answer(page, "appetite", "rarely")
    consult = page.locator("[data-kb-show='result.consult']")
    consult.wait_for(state="visible")
    assert consult.locator("a[href='https://kokoro.mhlw.go.jp/']").is_visible()
    assert "2026年12月4日に確認した内容です" in consult.text_content()
    assert "診断ではありません" in consult.text_content()


def test_before_python_the_urgent_contacts_still_appear(context, page, site_url):
    context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(site_url + PAGE)
    assert wait_python(page, timeout=40000) == "failed"
    urgent = page.locator("[data-kb-show='result.urgent']")
    assert not urgent.is_visible()
    answer(page, "limit", "sometimes")
    assert urgent.is_visible()
    assert urgent.locator("a[href='tel:0120783556']").text_content() == "0120-783-556"
    assert "119番" in urgent.text_content()
    assert page.evaluate(STORED) is None
