"""The trouble tracker in Chromium: statuses, owners, due dates, the closing gate, the timeline, export."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_python

pytestmark = pytest.mark.browser

PAGE = "tools/tracker/"
SUMMARY = "document.querySelector('[data-kb-out=\"tracking.summary\"]').textContent"


def status(page, step, value):
    return page.locator(f"[data-kb-field='items.{step}.status'][value='{value}']")


def field(page, step, part):
    return page.locator(f"[data-kb-field='items.{step}.{part}']")


def open_tracker(page, site_url):
    """Open the tracker and wait for Python's first view (so no edit races the stored state's normalize)."""
    page.goto(site_url + PAGE)
    assert wait_python(page) == "ready"
    page.wait_for_function(f"{SUMMARY}.includes('・')")


def test_statuses_owners_due_dates_and_notes_survive_a_reload(page, site_url):
    open_tracker(page, site_url)
    status(page, "step-scope", "doing").check()
    field(page, "step-scope", "owner").fill("品質保証")
    field(page, "step-scope", "due").fill("2020-01-06")
    field(page, "step-scope", "note").fill("同じロットの出荷先を確認中")
    card = page.locator("li[data-kb-state-of='items.step-scope']")
    page.wait_for_function("document.querySelector(\"li[data-kb-state-of='items.step-scope']\").dataset.kbState"
                           " === 'overdue'")
    assert "日過ぎています" in card.locator(".kb-track__due").text_content()
    assert page.evaluate(SUMMARY).endswith("期限切れ 1")
    assert "対応中: " in card.locator("[data-kb-out='items.step-scope.status_at']").text_content()
    page.reload()
    assert status(page, "step-scope", "doing").is_checked()
    assert field(page, "step-scope", "owner").input_value() == "品質保証"
    assert field(page, "step-scope", "due").input_value() == "2020-01-06"
    assert field(page, "step-scope", "note").input_value() == "同じロットの出荷先を確認中"


def test_the_case_closes_only_after_the_prevention_step_and_says_why(page, site_url):
    open_tracker(page, site_url)
    close = page.locator("[data-kb-field='items.case-closed.checked']")
    blocked = page.locator("[data-kb-out='items.case-closed.blocked']")
    assert not close.is_visible() and blocked.is_visible()
    status(page, "step-prevention", "doing").check()
    page.wait_for_function("document.querySelector(\"[data-kb-out='items.case-closed.blocked']\")"
                           ".textContent.includes('いまは「対応中」です')")
    assert "再発防止策を示し、実施を見届けるまで" in page.locator(".kb-gate__blocked").text_content()
    status(page, "step-prevention", "done").check()
    close.wait_for(state="visible")
    assert not blocked.is_visible()
    close.check()
    page.wait_for_function("[...document.querySelectorAll('[data-kb-list=timeline] li')]"
                           ".some((li) => li.textContent.includes('この案件をクローズする：完了'))")
    status(page, "step-prevention", "doing").check()
    close.wait_for(state="hidden")
    blocked.wait_for(state="visible")
    page.wait_for_function("document.querySelector(\"li[data-kb-state-of='items.case-closed']\").dataset.kbState"
                           " === 'blocked'")


def test_before_python_the_steps_work_and_the_close_still_waits(context, page, site_url):
    context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(site_url + PAGE)
    assert wait_python(page, timeout=40000) == "failed"
    close = page.locator("[data-kb-field='items.case-closed.checked']")
    assert not close.is_visible()
    status(page, "step-collect", "done").check()
    assert page.text_content("[data-kb-out=progress]") == "1 / 8 完了"
    status(page, "step-prevention", "na").check()
    assert close.is_visible() and not page.locator(".kb-gate__blocked").is_visible()
    page.reload()
    assert status(page, "step-collect", "done").is_checked() and close.is_visible()


def test_the_text_export_has_the_steps_the_gate_and_the_timeline(page, site_url):
    open_tracker(page, site_url)
    page.fill("[data-kb-field='incident.title']", "A社 部品の錆 <img src=x onerror=alert(1)>")
    status(page, "step-collect", "done").check()
    field(page, "step-collect", "owner").fill("営業")
    with page.expect_download() as download:
        page.click("[data-kb-action='download-text']")
    text = download.value.path().read_text(encoding="utf-8")
    assert text.startswith("【トラブル対応トラッカー】")
    assert "案件名: A社 部品の錆 <img src=x onerror=alert(1)>" in text
    assert "[完了] 1. 情報収集・現品回収（担当: 営業 ・ 完了: " in text
    assert "[未着手] 7. 再発防止策の明示" in text
    assert "保留: 先に「再発防止策の明示」" in text
    assert "■ 対応の記録（時系列）" in text and "情報収集・現品回収：完了（担当: 営業）" in text
    assert page.locator("img[src=x]").count() == 0


def test_each_incident_has_its_own_tracker_and_shares_its_facts_with_the_builders(page, site_url):
    open_tracker(page, site_url)
    page.fill("[data-kb-field='incident.title']", "一件目の案件")
    status(page, "step-collect", "done").check()
    page.click("[data-kb-action='incident-new']")
    assert page.input_value("[data-kb-field='incident.title']") == ""
    assert not status(page, "step-collect", "done").is_checked()
    page.fill("[data-kb-field='incident.title']", "二件目の案件")
    options = page.locator("[data-kb-incident-select] option")
    first = next(options.nth(i).get_attribute("value") for i in range(options.count())
                 if "一件目" in options.nth(i).text_content())
    page.select_option("[data-kb-incident-select]", first)
    assert status(page, "step-collect", "done").is_checked()
    page.goto(site_url + "tools/apology-mail/")
    assert page.input_value("[data-kb-field='incident.title']") == "一件目の案件"
