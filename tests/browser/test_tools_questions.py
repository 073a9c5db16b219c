"""The question-based tools in Chromium: the three-principles self-check and the manager's rep-change check."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_python

pytestmark = pytest.mark.browser

PRINCIPLES = "tools/principles-check/"
REP_CHANGE = "tools/rep-change-check/"


def answer(page, question, choice):
    page.check(f"[data-kb-field='answers.{question}'][value='{choice}']")


def open_tool(page, site_url, path, waiting_key):
    """Open a tool and wait until Python has written its first view."""
    page.goto(site_url + path)
    assert wait_python(page) == "ready"
    page.wait_for_function(f"document.querySelector('[data-kb-out=\"{waiting_key}\"]').textContent.startsWith('残り')")


def result(page, result_id):
    return page.locator(f"[data-kb-show='result.{result_id}']")


def test_the_principles_check_names_the_principle_and_links_to_it(page, site_url):
    open_tool(page, site_url, PRINCIPLES, "results.result.waiting")
    answer(page, "promised-time", "partly")
    block = result(page, "attention-follow-up")
    block.wait_for(state="visible")
    assert not result(page, "attention-no-lies").is_visible() and not result(page, "steady").is_visible()
    page.wait_for_function("document.querySelector('[data-kb-list=\"result.attention-follow-up.because\"]')"
                           ".textContent.includes('一部できなかった')")
    link = block.locator("a", has_text="原則2 キメ細かくフォロー")
    assert link.evaluate("a => a.href") == site_url + "respond/three-principles/#close-follow-up"
    page.goto(link.evaluate("a => a.href"))
    assert page.locator("#close-follow-up").is_visible()


def test_the_principles_check_without_concerns_says_so_without_judging(page, site_url):
    open_tool(page, site_url, PRINCIPLES, "results.result.waiting")
    for question in ("facts-only", "own-mistake", "promised-time", "material", "cost-with-boss", "thanks"):
        answer(page, question, "done")
    result(page, "steady").wait_for(state="visible")
    assert not page.locator("[data-kb-show='results.result.waiting']").is_visible()
    page.reload()
    assert page.is_checked("[data-kb-field='answers.thanks'][value='done']")


def test_before_python_an_answer_already_shows_its_principle(context, page, site_url):
    context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(site_url + PRINCIPLES)
    assert wait_python(page, timeout=40000) == "failed"
    assert not result(page, "attention-balance").is_visible()
    answer(page, "cost-with-boss", "missed")
    assert result(page, "attention-balance").is_visible()
    answer(page, "cost-with-boss", "done")
    assert not result(page, "attention-balance").is_visible()


def test_the_handover_checklist_appears_only_when_a_change_is_chosen(page, site_url):
    open_tool(page, site_url, REP_CHANGE, "results.harassment.waiting")
    assert page.text_content("[data-kb-out=progress]") == "0 / 12 完了"
    handover = page.locator("[data-kb-show='section.handover-case']")
    assert not handover.is_visible()
    answer(page, "option", "keep")
    page.locator("[data-kb-show='item.keep-support']").wait_for(state="visible")
    assert not handover.is_visible()
    answer(page, "option", "change")
    handover.wait_for(state="visible")
    assert not page.locator("[data-kb-show='item.keep-support']").is_visible()
    page.wait_for_function("document.querySelector('[data-kb-out=progress]').textContent === '0 / 33 完了'")
    page.check("[data-kb-field='items.handover-promises.checked']")
    page.wait_for_function("document.querySelector('[data-kb-out=progress]').textContent === '1 / 33 完了'")


def test_both_axes_point_to_the_organisational_response(page, site_url):
    open_tool(page, site_url, REP_CHANGE, "results.harassment.waiting")
    answer(page, "demand", "unreasonable")
    assert not result(page, "harassment-both").is_visible()
    answer(page, "manner", "excessive")
    block = result(page, "harassment-both")
    block.wait_for(state="visible")
    assert "カスハラの可能性が高い" in block.text_content()
    assert block.locator("a").first.evaluate("a => a.href") == site_url + "managers/rep-change/#never-alone"
    answer(page, "manner", "acceptable")
    result(page, "harassment-demand").wait_for(state="visible")
    assert not block.is_visible()


def test_before_python_the_handover_still_follows_the_choice(context, page, site_url):
    context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(site_url + REP_CHANGE)
    assert wait_python(page, timeout=40000) == "failed"
    handover = page.locator("[data-kb-show='section.handover-basics']")
    assert not handover.is_visible()
    answer(page, "option", "change")
    assert handover.is_visible()
    answer(page, "demand", "unreasonable")
    answer(page, "manner", "excessive")
    assert result(page, "harassment-both").is_visible()
