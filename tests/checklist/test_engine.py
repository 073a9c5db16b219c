"""Unit tests of the checklist engine: progress, conditions, migration, wording and export."""

from __future__ import annotations

from datetime import datetime

import pytest

from widgets import checklist
from widgets.errors import RequestError
from widgets.schema import Node

NOW = datetime(2026, 11, 28, 15, 0)

DEFINITION = {
    "kind": "checklist", "id": "demo", "version": 2, "title": "デモ",
    "conditions": [{"id": "recovery", "label": "現品回収あり"}],
    "sections": [
        {"id": "facts", "title": "事実", "items": [
            {"id": "timeline", "text": "時系列を書いた", "renamed_from": ["facts-timeline"]},
            {"id": "pickup", "text": "回収日時を決めた", "show_if": "recovery"},
        ]},
        {"id": "boss", "title": "上司", "items": [{"id": "report", "text": "第一報を入れた"}]},
    ],
}


@pytest.fixture
def demo() -> checklist.Checklist:
    return checklist.parse(Node(DEFINITION, "demo.yml"))


def state(**items):
    return {"started_at": "2026-11-28T14:05", "conditions": {}, "items": items}


@pytest.mark.parametrize(("conditions", "checked", "expected"), [
    ({}, [], (0, 2)),
    ({}, ["timeline"], (1, 2)),
    ({}, ["timeline", "pickup"], (1, 2)),          # a hidden item counts neither as done nor in the total
    ({"recovery": True}, ["timeline", "pickup"], (2, 3)),
    ({"recovery": False}, ["report"], (1, 2)),
])
def test_progress_counts_only_items_that_apply(demo, conditions, checked, expected):
    current = {"conditions": conditions, "items": {i: {"checked": True} for i in checked}}
    assert checklist.progress(demo, current) == expected


def test_view_gives_progress_elapsed_and_checked_times(demo):
    current = state(timeline={"checked": True, "checked_at": "2026-11-28T14:12:30", "note": ""})
    result = checklist.view(demo, current, NOW)
    assert result["text"]["progress"] == "1 / 2 完了"
    assert result["text"]["elapsed"] == "11月28日（土） 14:05 に把握 ・ 経過 55分"
    assert result["text"]["items.timeline.checked_at"] == "14:12 完了"
    assert result["text"]["items.report.checked_at"] == ""


def test_view_without_start_time_asks_for_it(demo):
    assert "把握した時刻を入れると" in checklist.view(demo, checklist.empty_state(), NOW)["text"]["elapsed"]


@pytest.mark.parametrize(("raw", "kept", "note"), [
    ({"items": {"timeline": {"checked": True}}}, {"timeline"}, None),
    ({"items": {"facts-timeline": {"checked": True, "note": "旧ID"}}}, {"timeline"}, "引き継ぎました"),
    ({"items": {"removed-item": {"checked": True}, "report": {"checked": True}}}, {"report"}, "読み込みませんでした"),
    ({"items": {"report": "yes"}}, set(), "読み取れない記録 1 件"),
    ({"items": {"report": {"checked": "yes"}}}, set(), "読み取れない記録 1 件"),
    ({"items": []}, set(), None),
])
def test_normalize_keeps_what_still_matches(demo, raw, kept, note):
    result = checklist.normalize(demo, raw)
    assert set(result.state["items"]) == kept
    if note:
        assert any(note in n for n in result.notes)
    else:
        assert result.notes == ()


def test_normalize_renamed_item_keeps_its_record(demo):
    raw = {"items": {"facts-timeline": {"checked": True, "checked_at": "2026-11-28T14:12:30", "note": "工場へ連絡"}}}
    record = checklist.normalize(demo, raw).state["items"]["timeline"]
    assert record == {"checked": True, "checked_at": "2026-11-28T14:12:30", "note": "工場へ連絡"}


def test_normalize_prefers_the_current_id_over_an_old_one(demo):
    raw = {"items": {"timeline": {"checked": True, "note": "新"}, "facts-timeline": {"checked": False, "note": "旧"}}}
    assert checklist.normalize(demo, raw).state["items"]["timeline"]["note"] == "新"


@pytest.mark.parametrize("raw", [None, "text", 42, ["list"]])
def test_normalize_resets_unreadable_state_with_a_note(demo, raw):
    result = checklist.normalize(demo, raw)
    assert result.state == checklist.empty_state()
    assert result.notes


def test_normalize_drops_unknown_conditions_and_bad_times(demo):
    raw = {"started_at": "yesterday", "conditions": {"recovery": True, "gone": True, "x": "yes"},
           "items": {"report": {"checked": True, "checked_at": "not a time", "note": 5}}}
    result = checklist.normalize(demo, raw)
    assert result.state["conditions"] == {"recovery": True}
    assert result.state["started_at"] is None
    assert result.state["items"]["report"] == {"checked": True, "checked_at": None, "note": ""}
    assert len(result.notes) == 2


def test_normalize_truncates_overlong_notes_and_says_which(demo):
    raw = {"items": {"report": {"checked": False, "note": "あ" * 800}, "timeline": {"note": "短い"}}}
    result = checklist.normalize(demo, raw)
    assert len(result.state["items"]["report"]["note"]) == checklist.NOTE_MAX
    assert result.notes == ("メモが500文字を超えていた項目（「第一報を入れた」）は、先頭の500文字だけを読み込みました。",)


def test_dropped_items_are_named_a_few_at_a_time(demo):
    raw = {"items": {f"unknown-{n}": {"checked": True} for n in range(10000)}}
    (note,) = checklist.normalize(demo, raw).notes
    assert note == ("現在のチェックリストにない項目、または読み取れない記録 10000 件"
                    "（「unknown-0」「unknown-1」「unknown-2」ほか 9997 件）は読み込みませんでした。")


def test_export_text_lists_checked_items_with_times_and_notes(demo):
    current = state(timeline={"checked": True, "checked_at": "2026-11-28T14:12:30", "note": "工場に\n電話"})
    text = checklist.export_text(demo, current, NOW)
    assert text.splitlines()[:3] == ["【デモ】", "2026年11月28日（土） 15:00 時点 ・ 1 / 2 完了",
                                     "11月28日（土） 14:05 に把握 ・ 経過 55分"]
    assert "[x] 時系列を書いた（14:12 完了）\n    メモ: 工場に 電話\n" in text
    assert "[ ] 第一報を入れた" in text
    assert "回収日時" not in text


def test_export_markdown_uses_headings_and_task_lists(demo):
    current = state(timeline={"checked": True, "checked_at": "2026-11-28T14:12:30", "note": "メモ"})
    current["conditions"] = {"recovery": True}
    text = checklist.export_text(demo, current, NOW, markdown=True)
    assert text.startswith("## デモ\n")
    assert "状況: 現品回収あり" in text
    assert "### 事実\n- [x] 時系列を書いた（14:12 完了）\n  - メモ: メモ\n- [ ] 回収日時を決めた\n" in text


def test_import_accepts_an_export_of_the_same_checklist(demo):
    document = {"format": "kb-checklist", "checklist": "demo", "state": state(report={"checked": True})}
    assert checklist.import_document(demo, document).state["items"]["report"]["checked"] is True


@pytest.mark.parametrize(("document", "message"), [
    ({"format": "other"}, "^このファイルは「デモ」で書き出したものではないため、読み込めません。$"),
    ([], "「デモ」で書き出したものではない"),
    ({"format": "kb-checklist", "checklist": "another"}, "^このファイルは「another」で書き出したものです。「another」のページ"),
    ({"format": "kb-checklist", "checklist": "tracker", "title": "トラッカー"}, "「トラッカー」のページで読み込んでください"),
    ({"format": "kb-incident", "version": 1, "incident": {}}, "書き出した案件です。文書を作るツールの「案件を読み込む」"),
])
def test_import_rejects_foreign_documents(demo, document, message):
    with pytest.raises(RequestError, match=message):
        checklist.import_document(demo, document)
