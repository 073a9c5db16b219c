"""Document builders in Chromium: one incident feeds every builder; copy, export/import, text-only output."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import wait_for_path, wait_python

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"


def open_builder(page, site_url, doc_id):
    page.goto(f"{site_url}tools/{doc_id}/")
    assert wait_python(page) == "ready"


def fill(page, field, value):
    page.fill(f"[data-kb-field='incident.{field}']", value)


def preview(page, contains: str) -> str:
    try:
        page.wait_for_function("([text]) => document.querySelector('[data-kb-out=preview]').textContent.includes(text)",
                               arg=[contains], timeout=15000)
    except PlaywrightTimeout:
        state = page.evaluate("[kbPython.status, kbPython.reason, document.querySelector('[data-kb-message]').textContent]")
        raise AssertionError(f"preview without {contains!r}; python/message: {state}") from None
    return page.text_content("[data-kb-out=preview]")


def fill_incident(page):
    fill(page, "title", "部品Bの納品数量不足")
    fill(page, "customer_company", "株式会社みなと精機")
    fill(page, "customer_contact", "山田 太郎")
    fill(page, "own_company", "株式会社さくら工業")
    fill(page, "sender_name", "鈴木 一郎")
    fill(page, "what_happened", "部品B 500個のうち40個が不足しておりました。" + XSS)
    fill(page, "responsible_department", "物流センター出荷課")


def test_one_incident_feeds_every_builder(page, site_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_builder(page, site_url, "boss-report")
    fill_incident(page)
    text = preview(page, "物流センター出荷課")
    assert "株式会社みなと精機" in text and XSS in text
    for doc_id, fact in (("interim-reply", "株式会社さくら工業"), ("apology-mail", "40個が不足")):
        page.click(f"a.md-nav__link[href$='tools/{doc_id}/']")
        wait_for_path(page, f"/tools/{doc_id}/")
        page.wait_for_selector(f"[data-kb-widget][data-kb-id='{doc_id}'][data-kb-bound]")
        text = preview(page, "山田 太郎様")
        assert fact in text
        assert "物流センター" not in text, "customer documents never name the responsible department"
        assert page.input_value("[data-kb-field='incident.title']") == "部品Bの納品数量不足"
    assert page.evaluate("kbPython.boots") == 1
    assert XSS in text and page.locator("img[src=x]").count() == 0 and dialogs == []
    assert page.text_content("[data-kb-out=subject]") == "部品Bの納品数量不足のお詫び"


def test_copy_puts_the_document_on_the_clipboard(context, page, site_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_builder(page, site_url, "apology-mail")
    fill_incident(page)
    preview(page, "40個が不足")
    page.on("dialog", lambda dialog: dialog.accept())  # the mail still has 【未入力】 parts (see the next test)
    page.click("[data-kb-action='copy-text']")
    page.wait_for_selector("[data-kb-message]:has-text('コピーしました')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("件名：部品Bの納品数量不足のお詫び") and XSS in copied


def test_copy_and_print_of_an_unfinished_document_ask_first(context, page, site_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_builder(page, site_url, "apology-mail")
    preview(page, "【未入力")
    page.evaluate("navigator.clipboard.writeText('before')")
    page.on("dialog", lambda dialog: dialog.dismiss())
    asked = []
    for action in ("copy-text", "print"):
        with page.expect_event("dialog") as dialog:
            page.click(f"[data-kb-action='{action}']")
        asked.append(dialog.value.message)
    assert asked == ["まだ【未入力】の箇所があります。このままコピーしますか？",
                     "まだ【未入力】の箇所があります。このまま印刷しますか？"]
    assert page.evaluate("navigator.clipboard.readText()") == "before"
    assert not page.is_visible("[data-kb-message]:has-text('コピーしました')")


def test_an_exported_incident_imports_back_as_a_new_one(page, site_url):
    open_builder(page, site_url, "apology-mail")
    fill_incident(page)
    with page.expect_download() as download:
        page.click("[data-kb-action='incident-export']")
    exported = download.value.path()
    assert json.loads(exported.read_text())["incident"]["title"] == "部品Bの納品数量不足"
    assert re.fullmatch(r"部品Bの納品数量不足-\d{8}-\d{4}\.json", download.value.suggested_filename)
    page.click("[data-kb-action='incident-new']")
    assert page.input_value("[data-kb-field='incident.title']") == ""
    with page.expect_file_chooser() as chooser:
        page.click("[data-kb-action='incident-import']")
    chooser.value.set_files(str(exported))
    page.wait_for_selector("[data-kb-message]:has-text('を新しく追加しました')")
    assert page.input_value("[data-kb-field='incident.customer_company']") == "株式会社みなと精機"
    assert page.locator("[data-kb-incident-select] option").count() == 3


def test_switching_and_deleting_incidents(page, site_url):
    open_builder(page, site_url, "interim-reply")
    fill(page, "title", "一件目")
    page.click("[data-kb-action='incident-new']")
    fill(page, "title", "二件目")
    options = page.locator("[data-kb-incident-select] option")
    assert options.count() == 2
    first = next(options.nth(i).get_attribute("value") for i in range(2) if "一件目" in options.nth(i).text_content())
    page.select_option("[data-kb-incident-select]", first)
    assert page.input_value("[data-kb-field='incident.title']") == "一件目"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-kb-action='incident-delete']")
    assert page.locator("[data-kb-incident-select] option").count() == 1
    assert page.input_value("[data-kb-field='incident.title']") == "二件目"


def test_a_relative_next_contact_becomes_a_concrete_time(page, site_url):
    page.clock.set_fixed_time("2026-11-26T10:00:00+09:00")  # a Thursday, within office hours
    open_builder(page, site_url, "interim-reply")
    fill(page, "title", "納期遅延")
    page.select_option("[data-kb-field='incident.next_contact']", "in-30-minutes")
    text = preview(page, "10時30分までに")
    assert "30分後" not in text


def test_the_letter_prints_as_an_a4_letter(page, site_url):
    open_builder(page, site_url, "apology-letter")
    fill_incident(page)
    preview(page, "謹啓")
    page.emulate_media(media="print")
    assert page.locator(".kb-letter li").count() > 5
    assert page.is_visible(".kb-letter") and not page.is_visible("pre.kb-preview")
    assert not page.is_visible(".kb-form")


def test_check_draft_opens_the_checker_with_the_generated_text(page, site_url):
    open_builder(page, site_url, "apology-mail")
    fill_incident(page)
    preview(page, "40個が不足")
    page.click("[data-kb-action='check-draft']")
    wait_for_path(page, "/tools/apology-checker/")
    page.wait_for_function("(document.querySelector('[data-kb-field=draft]') || {value: ''}).value.includes('40個が不足')")
