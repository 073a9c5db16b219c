"""The first-response checklist, end to end in headless Chromium against the built site."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.conftest import PAGE, item, wait_for_path, wait_python
from tests.conftest import serve

pytestmark = pytest.mark.browser

STORAGE_KEY = "kb:sales-trouble-kb:checklist:first-response:v1"


def open_checklist(page, site_url):
    page.goto(site_url + PAGE)
    assert wait_python(page) == "ready"
    assert page.evaluate("kbPython.snapshot") is True, "on a fast link Python starts from the application snapshot"


def test_checks_and_notes_survive_a_reload(page, site_url):
    open_checklist(page, site_url)
    item(page, "facts-timeline").check()
    item(page, "facts-timeline", "note").fill("14時に工場へ電話済み")
    page.reload()
    assert item(page, "facts-timeline").is_checked()
    assert item(page, "facts-timeline", "note").input_value() == "14時に工場へ電話済み"
    wait_python(page)
    page.wait_for_function("document.querySelector(\"[data-kb-out='items.facts-timeline.checked_at']\")"
                           ".textContent.endsWith(' 完了')")
    assert page.text_content("[data-kb-out=progress]") == "1 / 13 完了"


def test_instant_navigation_keeps_state_and_reuses_the_same_python(page, site_url):
    open_checklist(page, site_url)
    item(page, "boss-report").check()
    page.evaluate("window.__sameDocument = true")
    page.click("a.md-nav__link[href$='respond/report-to-boss/']")
    wait_for_path(page, "/respond/report-to-boss/")
    page.click("a.md-nav__link[href$='tools/first-response/']")
    wait_for_path(page, "/tools/first-response/")
    page.wait_for_selector("[data-kb-widget][data-kb-bound]")
    assert page.evaluate("window.__sameDocument") is True, "navigation should not reload the document"
    assert item(page, "boss-report").is_checked()
    page.wait_for_function("document.querySelector('[data-kb-out=progress]').textContent === '1 / 13 完了'")
    assert page.evaluate("kbPython.boots") == 1
    assert page.text_content("[data-kb-status]") == "準備完了"


def test_a_condition_shows_its_items(page, site_url):
    open_checklist(page, site_url)
    assert not page.is_visible("text=回収する品物の数量")
    page.check("[data-kb-field='conditions.recovery']")
    assert page.is_visible("text=回収する品物の数量")
    page.wait_for_function("document.querySelector('[data-kb-out=progress]').textContent === '0 / 15 完了'")


def test_export_text_contains_checked_items_with_their_times(page, site_url, tmp_path):
    open_checklist(page, site_url)
    item(page, "customer-next").check()
    item(page, "customer-next", "note").fill("<img src=x onerror=alert(1)>")
    with page.expect_download() as download:
        page.click("[data-kb-action='download-text']")
    text = (download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("【初動チェックリスト】")
    line = next(row for row in text.splitlines() if "次に連絡する時刻" in row)
    assert line.startswith("[x] ") and line.endswith(" 完了）")
    assert "メモ: <img src=x onerror=alert(1)>" in text
    assert page.locator("img[src=x]").count() == 0


def test_copy_puts_the_report_on_the_clipboard(context, page, site_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_checklist(page, site_url)
    item(page, "facts-scope").check()
    page.click("[data-kb-action='copy-text']")
    page.wait_for_selector("[data-kb-message]:has-text('コピーしました')")
    assert "[x] 影響の範囲" in page.evaluate("navigator.clipboard.readText()")


def test_exported_json_imports_back(page, site_url):
    open_checklist(page, site_url)
    item(page, "internal-record").check()
    item(page, "internal-record", "note").fill("記録用シートを作成")
    with page.expect_download() as download:
        page.click("[data-kb-action='export-json']")
    exported = download.value.path()
    assert json.loads(exported.read_text())["format"] == "kb-checklist"
    assert re.fullmatch(r"初動チェックリスト-\d{8}-\d{4}\.json", download.value.suggested_filename)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-kb-action='reset']")
    assert not item(page, "internal-record").is_checked()
    with page.expect_file_chooser() as chooser:
        page.click("[data-kb-action='import-json']")
    chooser.value.set_files(str(exported))
    page.wait_for_selector("[data-kb-message]:has-text('読み込みました')")
    assert item(page, "internal-record").is_checked()
    assert item(page, "internal-record", "note").input_value() == "記録用シートを作成"


def test_reset_asks_first_and_keeps_everything_when_declined(page, site_url):
    open_checklist(page, site_url)
    item(page, "facts-customer").check()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("[data-kb-action='reset']")
    assert item(page, "facts-customer").is_checked()


def test_a_corrupted_saved_state_is_reported_and_the_checklist_still_works(page, site_url):
    page.goto(site_url)
    page.evaluate(f"localStorage.setItem('{STORAGE_KEY}', '{{not json')")
    page.goto(site_url + PAGE)
    message = page.locator("[data-kb-message]")
    assert "壊れていた" in message.text_content() and message.is_visible()
    kept = page.evaluate(f"Object.keys(localStorage).filter((key) => key.startsWith('{STORAGE_KEY}:corrupt:'))")
    assert [page.evaluate(f"localStorage.getItem('{key}')") for key in kept] == ["{not json"]
    item(page, "facts-timeline").check()
    page.reload()
    assert item(page, "facts-timeline").is_checked()


def test_a_state_from_an_older_definition_keeps_what_matches(page, site_url):
    old = {"schema": 1, "state": {"started_at": "2026-11-28T09:00", "conditions": {"gone": True},
                                  "items": {"facts-timeline": {"checked": True, "checked_at": "2026-11-28T09:10:00"},
                                            "deleted-item": {"checked": True}}}}
    page.goto(site_url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps(old)])
    open_checklist(page, site_url)
    page.wait_for_selector("[data-kb-message]:has-text('読み込みませんでした')")
    assert item(page, "facts-timeline").is_checked()
    assert page.input_value("[data-kb-field='started_at']") == "2026-11-28T09:00"


def test_without_the_wasm_file_the_status_says_so_and_checkboxes_still_work(context, page, site_url):
    context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(site_url + PAGE)
    assert wait_python(page, timeout=40000) == "failed"
    status = page.locator("[data-kb-status]")
    assert "Python を読み込めませんでした" in status.text_content()
    assert status.locator("button", has_text="再試行").is_visible()
    item(page, "facts-scope").check()
    assert page.text_content("[data-kb-out=progress]") == "1 / 13 完了"
    page.reload()
    assert item(page, "facts-scope").is_checked()


def test_every_request_goes_to_the_local_server(context, page, site_url):
    open_checklist(page, site_url)
    item(page, "facts-timeline").check()
    page.goto(site_url)
    page.goto(site_url + "?q=" + "即レス")
    page.wait_for_timeout(500)
    foreign = [url for url in context.requests if not url.startswith(site_url) and not url.startswith(("blob:", "data:"))]
    assert foreign == []
    assert any(url.endswith("pyodide.asm.wasm") for url in context.requests)


def test_the_site_works_under_a_sub_path(browser, built_site):
    server, url = serve(built_site, "/kb")
    try:
        page = browser.new_page()
        page.goto(url + PAGE)
        assert wait_python(page) == "ready"
        page.check("[data-kb-field='items.facts-timeline.checked']")
        page.wait_for_function("() => document.querySelector('[data-kb-out=progress]').textContent === '1 / 13 完了'")
        page.close()
    finally:
        server.shutdown()


def incident_option(page, title: str) -> str:
    """The value of the 案件 selector's option whose label names `title`."""
    options = page.locator("[data-kb-incident-select] option")
    return next(options.nth(i).get_attribute("value") for i in range(options.count())
                if title in options.nth(i).text_content())


def test_each_incident_has_its_own_checklist_and_the_report_names_the_case_and_customer(context, page, site_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_checklist(page, site_url)
    page.fill("[data-kb-field='incident.title']", "A社 ブラケット部品の錆")
    page.fill("[data-kb-field='incident.customer_company']", "株式会社みなと精機")
    item(page, "facts-timeline").check()
    page.click("[data-kb-action='incident-new']")
    assert page.input_value("[data-kb-field='incident.title']") == ""
    assert not item(page, "facts-timeline").is_checked()
    page.fill("[data-kb-field='incident.title']", "B社 納品数量の不足")
    page.fill("[data-kb-field='incident.customer_company']", "北浜工業株式会社")
    item(page, "boss-report").check()
    page.select_option("[data-kb-incident-select]", incident_option(page, "A社"))
    assert item(page, "facts-timeline").is_checked() and not item(page, "boss-report").is_checked()
    page.click("[data-kb-action='copy-text']")
    page.wait_for_selector("[data-kb-message]:has-text('コピーしました')")
    report = page.evaluate("navigator.clipboard.readText()")
    assert "案件名: A社 ブラケット部品の錆\n取引先の会社名: 株式会社みなと精機\n" in report
    assert "[x] いつ・どこで" in report and "北浜工業" not in report
    page.reload()
    page.select_option("[data-kb-incident-select]", incident_option(page, "B社"))
    assert item(page, "boss-report").is_checked() and not item(page, "facts-timeline").is_checked()


def test_ticks_saved_before_incidents_move_into_the_first_incident_once(page, site_url):
    saved = {"schema": 1, "kind": "checklist", "id": "first-response", "definition_version": 1,
             "saved_at": "2026-11-28T09:20:00",
             "state": {"started_at": "2026-11-28T09:00",
                       "items": {"facts-scope": {"checked": True, "checked_at": "2026-11-28T09:10:00"}}}}
    page.goto(site_url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps(saved)])
    open_checklist(page, site_url)
    assert item(page, "facts-scope").is_checked()
    assert page.input_value("[data-kb-field='started_at']") == "2026-11-28T09:00"
    keys = page.evaluate("Object.keys(localStorage).filter((key) => key.includes(':first-response:'))")
    assert STORAGE_KEY not in keys and len(keys) == 1 and keys[0].endswith(":v1")
    page.fill("[data-kb-field='incident.title']", "以前からの案件")
    page.click("[data-kb-action='incident-new']")
    assert not item(page, "facts-scope").is_checked(), "the old ticks went into one incident only"
    page.reload()
    assert not item(page, "facts-scope").is_checked()
    page.select_option("[data-kb-incident-select]", incident_option(page, "以前からの案件"))
    assert item(page, "facts-scope").is_checked()
