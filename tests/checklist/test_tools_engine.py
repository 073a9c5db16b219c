"""Unit tests of the generic checklist engine features: tracked items, questions, results, gates, timeline.

The definitions here are small made-up ones, so these tests pin the engine, not the project's content
(see test_tools_definitions.py for the four tools).
"""

from __future__ import annotations

import copy
from datetime import datetime

import pytest

from widgets import checklist
from widgets.errors import DefinitionError
from widgets.registry import Registry
from widgets.schema import Node

NOW = datetime(2026, 11, 28, 15, 0)

DEFINITION = {
    "kind": "checklist", "id": "demo", "version": 1, "title": "デモ",
    "started_event": "把握",
    "timeline": True,
    "fields": [{"id": "case", "label": "案件名"}],
    "statuses": [{"id": "todo", "label": "未着手", "kind": "open"},
                 {"id": "doing", "label": "対応中", "kind": "active"},
                 {"id": "done", "label": "完了", "kind": "done"},
                 {"id": "na", "label": "該当なし", "kind": "skipped"}],
    "choice_sets": {"yn": [{"id": "yes", "label": "はい"}, {"id": "no", "label": "いいえ"}]},
    "sections": [
        {"id": "steps", "title": "手順", "track": True, "numbered": True, "items": [
            {"id": "first", "text": "最初の手順"},
            {"id": "last", "text": "最後の手順", "renamed_from": ["old-last"]},
        ]},
        {"id": "ask", "title": "質問", "questions": [
            {"id": "q1", "text": "質問1", "choices": "yn"},
            {"id": "q2", "text": "質問2", "choices": "yn", "show_if": {"answer": "q1", "is": "yes"}},
        ], "results": [
            {"id": "both", "title": "両方はい", "when": [{"answer": "q1", "is": "yes"}, {"answer": "q2", "is": "yes"}],
             "because": True, "links": [{"text": "説明", "href": "respond/trouble-flow/#seven-steps"}]},
            {"id": "fine", "title": "問題なし", "otherwise": True, "when": {"answered": "all"}},
        ]},
        {"id": "extra", "title": "追加", "show_if": {"answer": "q1", "is": "yes"}, "items": [
            {"id": "extra-check", "text": "追加の確認"},
        ]},
        {"id": "close", "title": "クローズ", "items": [
            {"id": "closed", "text": "クローズする", "requires": {"items": ["last"], "reason": "最後まで見届けます。"}},
        ]},
    ],
}


@pytest.fixture
def demo() -> checklist.Checklist:
    return checklist.parse(Node(DEFINITION, "demo.yml"))


def tracked(status=None, **fields):
    return {"status": status, **fields}


def view(demo, state):
    return checklist.view(demo, checklist.normalize(demo, state).state, NOW)


# --- schema ----------------------------------------------------------------------------------------


def broken(change):
    data = copy.deepcopy(DEFINITION)
    change(data)
    return data


def q(data, section=1, index=0):
    return data["sections"][section]["questions"][index]


@pytest.mark.parametrize(("data", "path", "problem"), [
    (broken(lambda d: d["statuses"][0].update(kind="done")), "statuses[0].kind", "must be of kind 'open'"),
    (broken(lambda d: d["statuses"][2].update(kind="finished")), "statuses[2].kind", "must be one of open, active"),
    (broken(lambda d: d.update(statuses=[d["statuses"][0], d["statuses"][1]])), "statuses", "kind 'done'"),
    (broken(lambda d: d.pop("statuses")), "sections[0].track", "needs the top-level 'statuses'"),
    (broken(lambda d: q(d).update(choices="maybe")), "sections[1].questions[0].choices", "unknown choice set 'maybe'"),
    (broken(lambda d: q(d).update(choices=[{"id": "a", "label": "A"}])), "sections[1].questions[0].choices",
     "at least 2"),
    (broken(lambda d: q(d, 1, 1).update(show_if={"answer": "q9", "is": "yes"})),
     "sections[1].questions[1].show_if.answer", "unknown question 'q9' (declared before this point: q1)"),
    (broken(lambda d: q(d, 1, 1).update(show_if={"answer": "q1", "is": "maybe"})),
     "sections[1].questions[1].show_if.is", "'maybe' is not a choice of question 'q1' (allowed: yes, no)"),
    (broken(lambda d: q(d, 1, 1).update(show_if={"answer": "q1"})), "sections[1].questions[1].show_if",
     "missing required key 'is'"),
    (broken(lambda d: q(d, 1, 1).update(show_if={"answered": "all"})), "sections[1].questions[1].show_if.answered",
     "only allowed in the `when` of a result"),
    (broken(lambda d: q(d, 1, 1).update(show_if={"any": [], "all": []})), "sections[1].questions[1].show_if",
     "exactly one of"),
    (broken(lambda d: q(d, 1, 1).update(show_if={"at_least": 3, "of": ["x"]})),
     "sections[1].questions[1].show_if.of[0]", "unknown condition 'x'"),
    (broken(lambda d: q(d, 1, 1).update(show_if={"item": "extra-check", "is": "done"})),
     "sections[1].questions[1].show_if.item", "unknown item 'extra-check'"),
    (broken(lambda d: d["sections"][2].update(show_if={"item": "first", "is": "finished"})),
     "sections[2].show_if.is", "'finished' is not a status"),
    (broken(lambda d: d["sections"][3]["items"][0].update(requires={"items": ["later"], "reason": "R"})),
     "sections[3].items[0].requires.items[0]", "unknown item 'later'"),
    (broken(lambda d: d["sections"][3]["items"][0]["requires"].pop("reason")), "sections[3].items[0].requires",
     "missing required key 'reason'"),
    (broken(lambda d: d["sections"][0]["items"][0].update(requires={"items": ["x"], "reason": "R"})),
     "sections[0].items[0]", "unknown key 'requires'"),
    (broken(lambda d: d["sections"][1]["results"][0].pop("when")), "sections[1].results[0]",
     "needs 'when'"),
    (broken(lambda d: d["sections"][1]["results"][0].update(tone="loud")), "sections[1].results[0].tone",
     "must be one of info, attention, urgent"),
    (broken(lambda d: d["sections"][1]["results"][0]["links"][0].update(href="http://example.com/")),
     "sections[1].results[0].links[0].href", "must be a site page"),
    (broken(lambda d: d["sections"][1]["results"][0]["links"][0].update(href="../respond/x.md")),
     "sections[1].results[0].links[0].href", "must be a site page"),
    (broken(lambda d: d["sections"][1]["results"][0]["links"][0].update(tel="call me")),
     "sections[1].results[0].links[0].tel", "phone number"),
    (broken(lambda d: d["sections"][2].pop("items")),
     "sections[2]", "needs at least one of 'items', 'questions' or 'results'"),
    (broken(lambda d: d.update(persist="sometimes")), "persist", "'always' or 'opt-in'"),
    (broken(lambda d: d.update(persist="opt-in", actions=["print"])), "actions", "must include 'reset'"),
    (broken(lambda d: d.update(actions=["explode"])), "actions[0]", "unknown action 'explode'"),
    (broken(lambda d: d.update(timeline="yes")), "timeline", "must be true or false"),
    (broken(lambda d: d["sections"][1]["results"].append({"id": "both", "title": "T", "otherwise": True})),
     "sections", "duplicate result id 'both'"),
    (broken(lambda d: q(d, 1, 1).update(id="q1")), "sections[1].questions[1].id", "duplicate question id 'q1'"),
])
def test_invalid_definitions_name_the_location_and_the_problem(data, path, problem):
    with pytest.raises(DefinitionError) as raised:
        Registry.from_sources({"widgets/definitions/demo.yml": data})
    assert raised.value.path == path
    assert problem in raised.value.problem


def test_defaults_keep_the_first_checklist_shape(demo):
    assert demo.started and demo.progress and not demo.persist_opt_in
    assert [a.name for a in checklist.parse(Node(broken(lambda d: d.pop("actions", None)), "x")).actions] == [
        "copy-text", "download-text", "download-markdown", "export-json", "import-json", "print", "reset"]


# --- state -----------------------------------------------------------------------------------------


def test_normalize_cleans_tracked_records_answers_and_fields(demo):
    raw = {"items": {"first": {"status": "done", "owner": "品質保証" * 20, "due": "2026-13-40", "note": 5,
                               "at": {"done": "2026-11-28T10:00:00", "doing": "soon", "gone": "2026-11-28T09:00:00"}},
                     "old-last": {"status": "weird"}},
           "answers": {"q1": "yes", "q2": "perhaps", "removed": "yes"},
           "fields": {"case": "A社", "other": "x"}, "keep": True}
    result = checklist.normalize(demo, raw)
    first = result.state["items"]["first"]
    assert first == {"status": "done", "owner": ("品質保証" * 20)[:40], "due": None, "note": "",
                     "at": {"done": "2026-11-28T10:00:00"}}
    assert result.state["items"]["last"]["status"] is None
    assert result.state["answers"] == {"q1": "yes"}
    assert result.state["fields"] == {"case": "A社"}
    assert "keep" not in result.state, "keep is only kept for opt-in checklists"
    assert any("回答 2 件" in note for note in result.notes)
    assert any("引き継ぎました" in note for note in result.notes)


def test_normalize_keeps_the_keep_choice_of_an_opt_in_checklist():
    data = broken(lambda d: d.update(persist="opt-in", actions=["reset"]))
    opt_in = checklist.parse(Node(data, "x"))
    assert checklist.normalize(opt_in, {"keep": True}).state["keep"] is True
    assert "keep" not in checklist.normalize(opt_in, {"keep": "yes"}).state


def test_an_empty_state_has_the_first_status_everywhere(demo):
    result = view(demo, {})
    assert result["states"]["items.first"] == "open"
    assert result["text"]["tracking.summary"] == "未着手 2 ・ 対応中 0 ・ 完了 0 ・ 該当なし 0"


# --- progress, states, due dates -----------------------------------------------------------------------


@pytest.mark.parametrize(("items", "expected"), [
    ({}, (0, 3)),
    ({"first": tracked("done")}, (1, 3)),
    ({"first": tracked("na")}, (0, 2)),                                  # not applicable leaves the total
    ({"first": tracked("done"), "closed": {"checked": True}}, (1, 3)),   # closing does not count while blocked
    ({"last": tracked("na"), "closed": {"checked": True}}, (1, 2)),
])
def test_progress_counts_done_statuses_and_settled_gates(demo, items, expected):
    assert checklist.progress(demo, checklist.normalize(demo, {"items": items}).state) == expected


@pytest.mark.parametrize(("status", "due", "state", "wording"), [
    ("doing", "2026-11-25", "overdue", "期限 11月25日（水） ・ 3日過ぎています"),
    ("todo", "2026-11-28", "due-today", "期限は今日（11月28日（土））です"),
    (None, "2026-12-01", "open", "期限 12月1日（火） ・ あと3日"),
    ("doing", None, "active", ""),
    ("done", "2026-11-01", "done", ""),
    ("na", "2026-11-01", "skipped", ""),
])
def test_due_dates_give_states_and_wording(demo, status, due, state, wording):
    result = view(demo, {"items": {"first": tracked(status, due=due)}})
    assert result["states"]["items.first"] == state
    assert result["text"]["items.first.due"] == wording


def test_the_time_of_the_current_status_is_shown(demo):
    record = tracked("done", at={"doing": "2026-11-27T09:00:00", "done": "2026-11-28T10:20:00"})
    assert view(demo, {"items": {"first": record}})["text"]["items.first.status_at"] == "完了: 11月28日 10:20"


def test_summary_counts_statuses_and_overdue_items(demo):
    result = view(demo, {"items": {"first": tracked("doing", due="2026-11-01"), "last": tracked("done")}})
    assert result["text"]["tracking.summary"] == "未着手 0 ・ 対応中 1 ・ 完了 1 ・ 該当なし 0 ・ 期限切れ 1"


# --- gates -------------------------------------------------------------------------------------------


def test_a_gate_stays_closed_and_says_why_until_its_items_are_settled(demo):
    result = view(demo, {"items": {"last": tracked("doing"), "closed": {"checked": True,
                                                                         "checked_at": "2026-11-28T14:00:00"}}})
    assert result["show"]["gate.closed"] is False and result["show"]["gate.closed.blocked"] is True
    assert result["states"]["items.closed"] == "blocked"
    assert result["text"]["items.closed.blocked"] == (
        "先に「最後の手順」を「完了」か「該当なし」にしてください。いまは「対応中」です。")
    assert result["text"]["items.closed.checked_at"] == ""


@pytest.mark.parametrize("status", ["done", "na"])
def test_a_gate_opens_when_its_items_are_settled(demo, status):
    result = view(demo, {"items": {"last": tracked(status), "closed": {"checked": True,
                                                                        "checked_at": "2026-11-28T14:00:00"}}})
    assert result["show"]["gate.closed"] is True and result["show"]["gate.closed.blocked"] is False
    assert result["states"]["items.closed"] == "done"
    assert result["text"]["items.closed.blocked"] == ""
    assert result["text"]["items.closed.checked_at"] == "14:00 完了"


# --- questions and results ------------------------------------------------------------------------------


@pytest.mark.parametrize(("answers", "shown", "waiting"), [
    ({}, set(), "残りの質問（1問）に答えると、ここに結果が表示されます。"),
    ({"q1": "yes"}, set(), "残りの質問（1問）に答えると、ここに結果が表示されます。"),
    ({"q1": "no"}, {"fine"}, ""),                       # q2 is hidden: all visible questions are answered
    ({"q1": "yes", "q2": "no"}, {"fine"}, ""),
    ({"q1": "yes", "q2": "yes"}, {"both"}, ""),          # an otherwise result hides when another one shows
    ({"q1": "no", "q2": "yes"}, {"fine"}, ""),           # the hidden question's stale answer changes nothing
])
def test_results_follow_the_answers(demo, answers, shown, waiting):
    result = view(demo, {"answers": answers})
    assert {key.split(".")[1] for key, value in result["show"].items() if key.startswith("result.") and value} == shown
    assert result["text"]["results.ask.waiting"] == waiting
    assert result["show"]["results.ask.waiting"] is bool(waiting)


def test_a_result_lists_the_answers_that_led_to_it(demo):
    result = view(demo, {"answers": {"q1": "yes", "q2": "yes"}})
    assert result["lists"]["result.both.because"] == [{"text": "質問1", "detail": "→ はい"},
                                                      {"text": "質問2", "detail": "→ はい"}]
    assert view(demo, {"answers": {"q1": "no"}})["lists"]["result.both.because"] == []


def test_conditional_sections_and_questions_follow_answers(demo):
    hidden = view(demo, {})["show"]
    assert hidden["question.q2"] is False and hidden["section.extra"] is False
    shown = view(demo, {"answers": {"q1": "yes"}})["show"]
    assert shown["question.q2"] is True and shown["section.extra"] is True
    assert checklist.progress(demo, checklist.normalize(demo, {"answers": {"q1": "yes"}}).state) == (0, 4)


def test_the_first_checklist_view_has_no_new_outputs(registry):
    result = checklist.view(registry.get("checklist", "first-response"), checklist.empty_state(), NOW)
    assert set(result) == {"text"}


# --- timeline and export ----------------------------------------------------------------------------------


STATE = {
    "started_at": "2026-11-27T09:00",
    "fields": {"case": "A社 部品の錆"},
    "items": {"first": tracked("done", owner="営業", due="2026-11-27", note="現品を\n回収",
                               at={"doing": "2026-11-27T09:30:00", "done": "2026-11-27T16:00:00"}),
              "last": tracked("doing", owner="品質保証", due="2026-11-26", at={"doing": "2026-11-28T10:00:00"}),
              "closed": {"checked": True, "checked_at": "2026-11-28T11:00:00"}},
    "answers": {"q1": "yes", "q2": "yes"},
}


def test_the_timeline_lists_what_was_done_when(demo):
    entries = view(demo, STATE)["lists"]["timeline"]
    assert [e["text"] for e in entries] == [
        "11月27日（金） 9:00　把握",
        "11月27日（金） 9:30　最初の手順：対応中",
        "11月27日（金） 16:00　最初の手順：完了",
        "11月28日（土） 10:00　最後の手順：対応中",
    ]
    assert entries[1] == {"text": "11月27日（金） 9:30　最初の手順：対応中", "state": "active", "detail": "担当: 営業"}


def test_an_empty_timeline_says_what_will_appear(demo):
    assert "まだ記録がありません" in view(demo, {"started_at": None})["lists"]["timeline"][0]["text"]


def test_export_text_has_fields_steps_answers_results_gate_and_timeline(demo):
    state = checklist.normalize(demo, STATE).state
    text = checklist.export_text(demo, state, NOW)
    assert text.startswith("【デモ】\n2026年11月28日（土） 15:00 時点 ・ 1 / 4 完了\n")
    assert "案件名: A社 部品の錆\n" in text
    assert ("[完了] 1. 最初の手順（担当: 営業 ・ 期限 11月27日（金） ・ 完了: 11月27日 16:00）\n"
            "    メモ: 現品を 回収\n") in text
    assert ("[対応中] 2. 最後の手順（担当: 品質保証 ・ 期限 11月26日（木） ・ 2日過ぎています ・ "
            "対応中: 11月28日 10:00）") in text
    assert "・質問2：はい\n結果: 両方はい\n" in text
    assert "[ ] クローズする\n    保留: 先に「最後の手順」を「完了」か「該当なし」にしてください。" in text
    assert text.endswith("■ 対応の記録（時系列）\n"
                         "11月27日（金） 9:00　把握\n"
                         "11月27日（金） 9:30　最初の手順：対応中（担当: 営業）\n"
                         "11月27日（金） 16:00　最初の手順：完了（担当: 営業）\n"
                         "11月28日（土） 10:00　最後の手順：対応中（担当: 品質保証）\n")


def test_export_markdown_uses_headings_and_lists(demo):
    text = checklist.export_text(demo, checklist.normalize(demo, STATE).state, NOW, markdown=True)
    assert "### 手順\n- [完了] 1. 最初の手順" in text
    assert "  - メモ: 現品を 回収" in text
    assert "### 対応の記録（時系列）\n- 11月27日（金） 9:00　把握\n" in text


def test_internal_links_stay_out_of_the_export_and_web_links_and_phones_go_in():
    data = broken(lambda d: d["sections"][1]["results"][0]["links"].append(
        {"text": "相談窓口", "href": "https://example.org/", "tel": "0120-000-000"}))
    demo = checklist.parse(Node(data, "x"))
    text = checklist.export_text(demo, checklist.normalize(demo, STATE).state, NOW)
    assert "    相談窓口　電話 0120-000-000　https://example.org/\n" in text
    assert "respond/trouble-flow" not in text
