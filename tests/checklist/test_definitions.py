"""The four tools built on the checklist engine: their definitions, their static HTML and their answers.

Tracker (trouble-flow §6), three-principles self-check (§7), the manager's rep-change check (§8) and the
self-care reflection (§9). Requests go through ``widgets.api`` exactly as the browser sends them.
"""

from __future__ import annotations

import re

import pytest

from macros.definitions import load_registry
from macros.html import render_definition
from tests import support
from tests.conftest import ROOT
from tests.support import NOW
from widgets.checklist.kind import KIND

CHECKLISTS = sorted(load_registry()[0].by_kind["checklist"])


def call(registry, tool, op, **fields):
    return support.result({"kind": "checklist", "id": tool, "op": op, "now": NOW, **fields}, registry)


def all_results(definition):
    return [r for section in definition.sections for r in section.results]


def shown(result) -> set[str]:
    return {key for key, value in result.get("show", {}).items() if value}


def html_of(registry, tool, page_url="tools/x/"):
    return render_definition(KIND, registry.get("checklist", tool), registry, page_url)


# --- definitions and pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("tool", CHECKLISTS)
def test_each_checklist_has_a_page_a_nav_line_and_an_index_row(tool):
    page = ROOT / "docs" / "tools" / f"{tool}.md"
    assert f'{{{{ checklist("{tool}") }}}}' in page.read_text(encoding="utf-8")
    assert f"tools/{tool}.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"]({tool}.md)" in (ROOT / "docs" / "tools" / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("guide", "tool"), [
    ("respond/trouble-flow.md", "tracker"), ("respond/three-principles.md", "principles-check"),
    ("managers/rep-change.md", "rep-change-check"), ("care/self-care.md", "self-care-reflection"),
])
def test_the_guidance_page_links_to_its_tool(guide, tool):
    assert f"(../tools/{tool}.md)" in (ROOT / "docs" / guide).read_text(encoding="utf-8")


def test_every_site_link_of_a_result_points_at_an_existing_heading(registry):
    for definition in registry.by_kind["checklist"].values():
        for result in all_results(definition):
            for link in (link for link in result.links if link.internal):
                page, _, anchor = link.href.partition("#")
                source = ROOT / "docs" / f"{page.rstrip('/')}.md"
                assert source.exists(), f"{definition.id}: {link.href}"
                text = source.read_text(encoding="utf-8")
                assert not anchor or f"{{#{anchor}}}" in text, f"{definition.id}: {link.href}"


def test_the_self_care_contacts_match_the_self_care_page(registry):
    page = (ROOT / "docs" / "care" / "self-care.md").read_text(encoding="utf-8")
    definition = registry.get("checklist", "self-care-reflection")
    links = [link for result in all_results(definition) for link in result.links if not link.internal]
    assert {link.tel for link in links if link.tel} == {"0120-783-556", "0120-279-338", "0570-064-556"}
    for link in links:
        assert f"]({link.href})" in page, link.href
        assert not link.tel or f"[{link.tel}]({link.tel_href})" in page, link.tel
    reviewed = re.search(r"^reviewed: (\d{4})-(\d\d)-(\d\d)$", page, re.M).groups()
    checked = "{}年{}月{}日".format(*(int(part) for part in reviewed))  # the page's review date
    assert f"{checked}に確認した内容です" in page
    for result in all_results(definition):
        if any(not link.internal for link in result.links):
            assert f"{checked}に確認した内容です" in result.note and "公式ページ" in result.note


# --- static HTML (works before Python) ------------------------------------------------------------------


def test_the_tracker_renders_real_inputs_with_stamps(registry):
    html = html_of(registry, "tracker")
    assert html.count('type="radio"') == 7 * 4
    assert ('<label class="kb-pill" data-kb-kind="done"><input type="radio" name="kb-tracker-step-cause-status" '
            'value="done" data-kb-field="items.step-cause.status" data-kb-stamp="items.step-cause.at.done" '
            'data-kb-item> 完了</label>') in html
    assert 'data-kb-field="items.step-cause.status" data-kb-stamp' not in html.split('value="todo"')[1][:60]
    assert html.count('type="date"') == 7 and 'list="kb-tracker-owners"' in html
    assert '<ol class="kb-list kb-timeline__list" data-kb-list="timeline">' in html
    assert ('<p class="kb-progress"><span data-kb-out="progress" data-kb-progress-template="{done} / {total} 完了">'
            '0 / 8 完了') in html


def test_the_tracker_close_is_hidden_by_css_until_the_prevention_step_is_settled(registry):
    html = html_of(registry, "tracker")
    assert '<div class="kb-gate__open" data-kb-show="gate.case-closed">' in html
    done = '[data-kb-field="items.step-prevention.status"][value="done"]:checked'
    na = '[data-kb-field="items.step-prevention.status"][value="na"]:checked'
    assert (f'.kb-checklist[data-kb-id="tracker"]:not(:has({done}, {na})) [data-kb-show="gate.case-closed"] '
            '{ display: none !important; }') in html
    assert (f'.kb-checklist[data-kb-id="tracker"]:has({done}, {na}) [data-kb-show="gate.case-closed.blocked"] '
            '{ display: none !important; }') in html
    assert "「再発防止策の明示」を「完了」か「該当なし」にすると、チェックできるようになります。" in html


def test_the_handover_appears_only_for_a_change_even_before_python(registry):
    html = html_of(registry, "rep-change-check")
    section = re.search(r'<section class="kb-section" aria-labelledby="kb-rep-change-check-handover-basics"[^>]*>',
                        html)
    assert section and 'data-kb-show="section.handover-basics"' in section.group(0) and "hidden" not in section.group(0)
    change = '[data-kb-field="answers.option"][value="change"]:checked'
    assert f':not(:has({change})) [data-kb-show="section.handover-basics"]' in html
    assert 'data-kb-field="items.handover-letter.checked" data-kb-stamp="items.handover-letter.checked_at">' in html, \
        "conditional items are left out of the count made before Python"


def test_otherwise_results_wait_for_python(registry):
    html = html_of(registry, "principles-check")
    assert re.search(r'<section class="kb-result" data-kb-tone="info" [^>]*data-kb-show="result.steady" hidden>', html)
    assert '[data-kb-show="result.attention-no-lies"]' in html.split("<style>")[1]


def test_result_links_are_relative_to_the_page(registry):
    assert 'href="../../respond/three-principles/#close-follow-up"' in html_of(registry, "principles-check")
    html = html_of(registry, "principles-check", "tools/principles-check.html")
    assert 'href="../respond/three-principles/#close-follow-up"' in html


def test_the_self_care_reflection_keeps_nothing_unless_asked(registry):
    html = html_of(registry, "self-care-reflection")
    assert 'data-kb-persist="opt-in"' in html.split(">")[0]
    keep = html.split('<div class="kb-keep">')[1].split("</div>")[0]
    assert 'data-kb-field="keep"' in keep and 'data-kb-action="reset"' in keep
    assert "診断ではありません" in html and "点数もつけません" in html
    assert 'href="tel:0120783556"' in html and "export-json" not in html


def test_the_first_checklist_html_uses_no_new_features(registry):
    html = html_of(registry, "first-response")
    for fragment in ("<style>", "data-kb-show=", "data-kb-persist", "kb-track", "kb-result"):
        assert fragment not in html


# --- answers of the tools ------------------------------------------------------------------------------------


def test_the_tracker_cannot_close_while_prevention_is_open(registry):
    state = {"items": {"step-prevention": {"status": "doing"}, "case-closed": {"checked": True}}}
    result = call(registry, "tracker", "view", state=state)
    assert "gate.case-closed.blocked" in shown(result) and "gate.case-closed" not in shown(result)
    assert "「再発防止策の明示」" in result["text"]["items.case-closed.blocked"]
    assert "保留: 先に「再発防止策の明示」" in call(registry, "tracker", "export", state=state, format="text")["text"]
    state["items"]["step-prevention"] = {"status": "done"}
    assert "gate.case-closed" in shown(call(registry, "tracker", "view", state=state))


def test_the_tracker_marks_overdue_steps(registry):
    state = {"items": {"step-cause": {"status": "doing", "due": "2026-11-27", "owner": "品質保証"}}}
    result = call(registry, "tracker", "view", state=state)
    assert result["states"]["items.step-cause"] == "overdue"
    assert result["text"]["tracking.summary"].endswith("期限切れ 1")


@pytest.mark.parametrize(("answers", "expected"), [
    ({"facts-only": "partly"}, {"result.attention-no-lies"}),
    ({"promised-time": "missed", "thanks": "partly"}, {"result.attention-follow-up", "result.attention-balance"}),
    ({q: "done" for q in ("facts-only", "own-mistake", "promised-time", "material", "cost-with-boss", "thanks")},
     {"result.steady"}),
    ({q: "na" for q in ("facts-only", "own-mistake", "promised-time", "material", "cost-with-boss", "thanks")},
     {"result.steady"}),
])
def test_the_principles_check_names_the_principle_to_reread(registry, answers, expected):
    result = call(registry, "principles-check", "view", state={"answers": answers})
    assert {key for key in shown(result) if key.startswith("result.")} == expected


@pytest.mark.parametrize(("demand", "manner", "expected"), [
    ("unreasonable", "excessive", {"result.harassment-both"}),
    ("reasonable", "excessive", {"result.harassment-manner"}),
    ("unreasonable", "acceptable", {"result.harassment-demand"}),
    ("unsure", "acceptable", {"result.harassment-unsure"}),
    ("reasonable", "acceptable", {"result.harassment-none"}),
])
def test_the_two_axis_check(registry, demand, manner, expected):
    result = call(registry, "rep-change-check", "view", state={"answers": {"demand": demand, "manner": manner}})
    assert {key for key in shown(result) if key.startswith("result.")} == expected


def test_both_axes_point_to_the_organisational_response(registry):
    definition = registry.get("checklist", "rep-change-check")
    both = next(r for r in all_results(definition) if r.id == "harassment-both")
    assert both.tone == "urgent" and "カスハラの可能性が高い" in both.text
    assert both.links[0].href == "managers/rep-change/#never-alone"


@pytest.mark.parametrize(("option", "handover"), [
    (None, False), ("keep", False), ("accompany", False), ("change", True)])
def test_the_handover_checklist_only_for_a_change(registry, option, handover):
    answers = {"option": option} if option else {}
    result = call(registry, "rep-change-check", "view", state={"answers": answers})
    sections = {key for key in result["show"] if key.startswith("section.handover-")}
    assert len(sections) == 5 and (sections <= shown(result)) is handover
    total = 12 + {None: 0, "keep": 2, "accompany": 2, "change": 2 + 19}[option]
    assert result["text"]["progress"] == f"0 / {total} 完了"


@pytest.mark.parametrize(("answers", "expected"), [
    ({"limit": "sometimes"}, {"result.urgent"}),
    ({"sleep": "few", "appetite": "rarely"}, {"result.consult"}),
    ({"sleep": "few", "irritation": "often", "talk": "nobody"}, {"result.consult"}),
    ({"sleep": "half"}, {"result.gentle"}),
    ({"sleep": "most", "appetite": "usual", "irritation": "rarely", "enjoy": "had", "talk": "talked",
      "limit": "never"}, {"result.steady"}),
    ({"sleep": "most", "appetite": "usual", "irritation": "rarely", "enjoy": "had", "talk": "talked",
      "limit": "often"}, {"result.urgent"}),
])
def test_the_self_care_reflection_shows_contacts_when_answers_call_for_it(registry, answers, expected):
    result = call(registry, "self-care-reflection", "view", state={"answers": answers})
    assert {key for key in shown(result) if key.startswith("result.")} == expected


def test_the_self_care_suggestions_follow_the_answers(registry):
    result = call(registry, "self-care-reflection", "view", state={"answers": {"talk": "nobody"}})
    items = {key for key in result["show"] if key.startswith("item.")}
    assert shown(result) & items == {"item.try-talk"}


def test_export_of_the_reflection_carries_the_contacts(registry):
    text = call(registry, "self-care-reflection", "export", state={"answers": {"limit": "often"}}, format="text")["text"]
    assert "いのちの電話（日本いのちの電話連盟）　電話 0120-783-556　https://www.inochinodenwa.org/" in text
    assert "番号と受付時間は2026年12月4日に確認した内容です" in text
