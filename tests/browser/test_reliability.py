"""Nothing a reader enters is lost: two tabs, full or disabled storage, corrupted storage, imports, strict CSP.

Every browser test runs under the recommended security headers (macros/static_server.py RECOMMENDED_HEADERS); the page
fixture fails on any Content-Security-Policy violation.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import PAGE, item, wait_for_path, wait_python

pytestmark = pytest.mark.browser

KEY = "kb:sales-trouble-kb:checklist:first-response:v1"
XSS = "<img src=x onerror=alert(1)>"
MESSAGE = "[data-kb-message]"


def tab(context, url):
    """Open a second page (tab) of the same context at ``url``."""
    other = context.new_page()
    other.goto(url)
    other.wait_for_selector("[data-kb-widget][data-kb-bound]")
    return other


def message_text(page) -> str:
    return page.text_content(MESSAGE) or ""


def kept_copies(page, key: str = KEY) -> list[str]:
    return page.evaluate(f"Object.keys(localStorage).filter((k) => k.startsWith('{key}:corrupt:')).sort()")


def incident_key(page, site_url) -> str:
    """Open the checklist and return the key of its state for the current incident (one checklist per incident)."""
    page.goto(site_url + PAGE)
    page.wait_for_selector("[data-kb-widget][data-kb-bound]")
    scope = page.eval_on_selector("[data-kb-incident-select]", "(select) => select.value")
    return KEY.replace(":v1", f":{scope}:v1")


# ---- Two tabs -------------------------------------------------------------------------------------


def test_ticks_made_in_two_tabs_both_survive_and_show_live(context, page, site_url):
    page.goto(site_url + PAGE)
    other = tab(context, site_url + PAGE)
    item(page, "facts-timeline").check()
    item(other, "facts-scope").check()
    item(other, "facts-scope", "note").fill(XSS)
    page.wait_for_function("document.querySelector(\"[data-kb-field='items.facts-scope.checked']\").checked")
    assert item(page, "facts-timeline").is_checked()
    assert item(page, "facts-scope", "note").input_value() == XSS
    assert "別のタブで変更された内容" in message_text(page)
    page.reload()
    other.reload()
    for each in (page, other):
        assert item(each, "facts-timeline").is_checked() and item(each, "facts-scope").is_checked()
    assert page.locator("img[src=x]").count() == 0 and other.locator("img[src=x]").count() == 0


def test_the_incident_record_merges_field_by_field_and_new_incidents_reach_the_other_tab(context, page, site_url):
    url = site_url + "tools/apology-mail/"
    page.goto(url)
    other = tab(context, url)
    page.fill("[data-kb-field='incident.title']", "部品Bの納品数量不足" + XSS)
    other.fill("[data-kb-field='incident.customer_company']", "株式会社みなと精機")
    page.wait_for_function("document.querySelector(\"[data-kb-field='incident.customer_company']\").value !== ''")
    assert other.input_value("[data-kb-field='incident.title']") == "部品Bの納品数量不足" + XSS
    page.reload()
    assert page.input_value("[data-kb-field='incident.title']") == "部品Bの納品数量不足" + XSS
    assert page.input_value("[data-kb-field='incident.customer_company']") == "株式会社みなと精機"
    other.click("[data-kb-action='incident-new']")
    other.fill("[data-kb-field='incident.title']", "二件目")
    page.wait_for_function("document.querySelectorAll('[data-kb-incident-select] option').length === 2")
    assert "二件目" in page.text_content("[data-kb-incident-select]")
    assert page.input_value("[data-kb-field='incident.title']") == "部品Bの納品数量不足" + XSS, "own record stays"
    assert page.locator("img[src=x]").count() == 0


def test_the_same_field_in_two_tabs_last_writer_wins_and_the_other_tab_shows_it(context, page, site_url):
    page.goto(site_url + PAGE)
    other = tab(context, site_url + PAGE)
    item(page, "facts-timeline", "note").fill("一つ目のタブ")
    item(other, "facts-timeline", "note").fill("二つ目のタブ")
    page.wait_for_function("document.querySelector(\"[data-kb-field='items.facts-timeline.note']\").value === '二つ目のタブ'")
    assert "別のタブで変更された内容" in message_text(page)
    page.reload()
    assert item(page, "facts-timeline", "note").input_value() == "二つ目のタブ"


# ---- Storage full, disabled, corrupted --------------------------------------------------------------

FULL = """Storage.prototype.setItem = function () {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};"""
DISABLED = """Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
});"""


def test_full_storage_says_so_and_the_checklist_still_works(context, page, site_url):
    context.add_init_script(FULL)
    page.goto(site_url + PAGE)
    item(page, "facts-timeline").check()
    assert "保存できませんでした" in message_text(page)
    page.wait_for_function("document.querySelector('[data-kb-out=progress]').textContent.startsWith('1 /')")


def test_disabled_storage_says_so_and_the_theme_and_checklist_still_work(context, page, site_url):
    context.add_init_script(DISABLED)
    page.goto(site_url + PAGE)
    assert wait_python(page) == "ready"
    item(page, "facts-timeline").check()
    assert "保存できませんでした" in message_text(page)


def test_corrupted_twice_keeps_both_copies_listed_with_save_and_restore(context, page, site_url):
    key = incident_key(page, site_url)
    page.evaluate(f"localStorage.setItem('{key}', '{{first broken')")
    page.reload()
    assert "「壊れていたデータの控え」" in message_text(page)
    page.evaluate(f"localStorage.setItem('{key}', 'second broken {XSS}')")
    page.reload()
    copies = kept_copies(page, key)
    assert [page.evaluate(f"localStorage.getItem('{key}')") for key in copies] == ["{first broken", f"second broken {XSS}"]
    page.goto(site_url + "tools/")
    rows = page.locator("[data-kb-kept-list] li")
    assert rows.count() == 2 and "初動チェックリスト" in rows.first.text_content()
    with page.expect_download() as download:
        rows.first.locator("button", has_text="ファイルに保存").click()
    assert download.value.path().read_text(encoding="utf-8") == f"second broken {XSS}"
    page.once("dialog", lambda dialog: dialog.accept())
    rows.last.locator("button", has_text="元に戻す").click()
    page.wait_for_selector("[data-kb-kept-message]:has-text('元に戻しました')")
    assert page.evaluate(f"localStorage.getItem('{key}')") == "{first broken"
    assert page.locator("img[src=x]").count() == 0


def test_a_failed_set_aside_never_overwrites_the_original(context, page, site_url):
    # The checklist saved before incidents (un-scoped key): its move into the first incident waits too.
    page.goto(site_url)
    page.evaluate(f"localStorage.setItem('{KEY}', '{{precious but broken')")
    context.add_init_script(FULL)
    page.goto(site_url + PAGE)
    assert "控えを作れませんでした" in message_text(page)
    item(page, "facts-timeline").check()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == "{precious but broken"


def test_more_than_five_corruptions_keep_the_newest_five_and_say_so(page, site_url):
    key = incident_key(page, site_url)
    for index in range(6):
        page.evaluate(f"localStorage.setItem('{key}', 'broken {index}')")
        page.reload()
    assert "いちばん古い控えを削除しました" in message_text(page)
    assert [page.evaluate(f"localStorage.getItem('{copy}')") for copy in kept_copies(page, key)] == [
        f"broken {index}" for index in range(1, 6)]


# ---- Imports ---------------------------------------------------------------------------------------


def choose(page, path):
    with page.expect_file_chooser() as chooser:
        page.click("[data-kb-action='import-json']")
    chooser.value.set_files(str(path))


def export(page):
    with page.expect_download() as download:
        page.click("[data-kb-action='export-json']")
    return download.value.path()


def test_an_import_asks_with_counts_then_can_be_undone(page, site_url):
    page.goto(site_url + PAGE)
    assert wait_python(page) == "ready"
    item(page, "facts-timeline").check()
    exported = export(page)
    item(page, "facts-scope").check()
    item(page, "facts-scope", "note").fill("いまのメモ " + XSS)
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    choose(page, exported)
    page.wait_for_selector(f"{MESSAGE}:has-text('読み込みをやめました')")
    assert "いまの内容: チェック 2 件、メモ 1 件" in questions[0]
    assert "ファイルの内容: チェック 1 件、メモ 0 件" in questions[0]
    assert item(page, "facts-scope").is_checked()
    page.once("dialog", lambda dialog: dialog.accept())
    choose(page, exported)
    page.wait_for_selector(f"{MESSAGE}:has-text('読み込みました')")
    assert not item(page, "facts-scope").is_checked()
    page.click(f"{MESSAGE} button:has-text('元に戻す')")
    assert item(page, "facts-scope").is_checked()
    assert item(page, "facts-scope", "note").input_value() == "いまのメモ " + XSS
    page.reload()
    assert item(page, "facts-scope", "note").input_value() == "いまのメモ " + XSS
    assert page.locator("img[src=x]").count() == 0


def test_reset_can_be_undone(page, site_url):
    page.goto(site_url + PAGE)
    item(page, "facts-timeline").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-kb-action='reset']")
    assert not item(page, "facts-timeline").is_checked()
    page.click(f"{MESSAGE} button:has-text('元に戻す')")
    assert item(page, "facts-timeline").is_checked()


def test_deleting_an_incident_can_be_undone(page, site_url):
    page.goto(site_url + "tools/interim-reply/")
    page.fill("[data-kb-field='incident.title']", "一件目")
    page.click("[data-kb-action='incident-new']")
    page.fill("[data-kb-field='incident.title']", "二件目" + XSS)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-kb-action='incident-delete']")
    assert page.locator("[data-kb-incident-select] option").count() == 1
    page.click(f"{MESSAGE} button:has-text('元に戻す')")
    assert page.input_value("[data-kb-field='incident.title']") == "二件目" + XSS
    page.reload()
    assert page.locator("[data-kb-incident-select] option").count() == 2
    assert page.locator("img[src=x]").count() == 0


def test_a_long_note_cut_at_500_characters_is_named(page, site_url, tmp_path):
    page.goto(site_url + PAGE)
    assert wait_python(page) == "ready"
    document = {"format": "kb-checklist", "checklist": "first-response",
                "state": {"items": {"facts-timeline": {"checked": True, "note": "あ" * 600 + XSS},
                                    "unknown-item": {"checked": True}}}}
    path = tmp_path / "long.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    choose(page, path)
    page.wait_for_selector(f"{MESSAGE}:has-text('読み込みました')")
    text = message_text(page)
    assert "メモが500文字を超えていた項目" in text and "先頭の500文字だけ" in text
    assert "「unknown-item」" in text
    assert len(item(page, "facts-timeline", "note").input_value()) == 500


@pytest.mark.parametrize(("document", "expected"), [
    ({"format": "kb-checklist", "checklist": "tracker", "title": "トラブル対応トラッカー", "state": {}},
     "このファイルは「トラブル対応トラッカー」で書き出したものです。「トラブル対応トラッカー」のページで読み込んでください。"),
    ({"format": "kb-incident", "version": 1, "incident": {"title": XSS}},
     "このファイルは書き出した案件です。文書を作るツールの「案件を読み込む」で読み込んでください。"),
    ({"anything": XSS}, "このファイルは「初動チェックリスト」で書き出したものではないため、読み込めません。"),
])
def test_a_file_of_another_tool_names_that_tool(page, site_url, tmp_path, document, expected):
    page.goto(site_url + PAGE)
    assert wait_python(page) == "ready"
    path = tmp_path / "other.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    choose(page, path)
    page.wait_for_selector(f"{MESSAGE}[data-kind=error]")
    assert message_text(page) == expected
    assert "Python" not in message_text(page)


# ---- Strict Content-Security-Policy ----------------------------------------------------------------


def test_pages_run_under_the_strict_csp_without_inline_scripts(context, page, site_url, built_site):
    response = page.goto(site_url + PAGE)
    assert "script-src 'self' 'wasm-unsafe-eval'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert page.evaluate("typeof __md_get") == "function"
    assert wait_python(page) == "ready"
    page.evaluate("window.__sameDocument = true")
    page.click("a.md-nav__link[href$='tools/apology-mail/']")
    wait_for_path(page, "/tools/apology-mail/")
    page.wait_for_selector("[data-kb-widget][data-kb-bound]")
    assert page.evaluate("window.__sameDocument") is True, "instant navigation must not fall back to a reload"
    inline = [str(path.relative_to(built_site)) for path in built_site.rglob("*.html")
              if page.evaluate("(html) => [...new DOMParser().parseFromString(html, 'text/html').scripts]"
                               ".some((s) => !s.src && s.type !== 'application/json')",
                               path.read_text(encoding="utf-8"))]
    assert inline == []
