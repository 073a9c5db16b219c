"""The checker through the JSON entry point (``api.handle``) and its public Python API."""

from __future__ import annotations

import json

from tests import support
from tests.checker.cases import SHORT, long_draft, view
from tests.checker.test_rules import CHECKER, REGISTRY
from widgets.checker import MAX_FINDINGS, check


def answer(request: dict) -> dict:
    return support.answer(request, REGISTRY)


def test_the_registry_resolves_the_apology_checker_with_its_families():
    checker = REGISTRY.get("checker", "apology")
    assert checker is CHECKER
    assert [f.id for f in checker.families] == list(checker.family_ids)


def test_check_finds_rules_with_ranges_and_the_coverage_of_apology_elements():
    result = check(SHORT, CHECKER)
    assert [(f["rule"], f["severity"], f["excerpt"]) for f in result["findings"]] == [
        ("blame-department", "error", "工場のミス"), ("vague-promise", "error", "早急に")]
    first = result["findings"][0]
    assert SHORT[first["start"]:first["end"]] == "工場のミス"
    assert set(first) == {"rule", "category", "severity", "start", "end", "excerpt", "reason", "suggestion", "guide"}
    assert first["guide"] == "respond/effective-apology.md#why-not-blame"
    assert [(c["id"], c["present"], c["optional"]) for c in result["coverage"]] == [
        ("regret", True, False), ("explanation", True, False), ("responsibility", False, False),
        ("prevention", False, False), ("remedy", False, False), ("next-step", False, False),
        ("forgiveness", False, True)]
    assert result["counts"] == {"error": 2, "warning": 0, "hint": 0, "missing": 4}


def test_view_answers_the_page_outputs_only():
    result = answer(view(SHORT))["result"]
    assert set(result) == {"text", "lists", "show", "marks"}
    assert result["text"]["summary"] == ("まず見直してください：責任を認める言葉がありません。"
                                         "（要修正 2 件・注意 0 件・ヒント 0 件・謝罪の要素 2/6）")
    first = result["lists"]["findings"][0]
    assert first["text"].startswith("［要修正］") and first["text"].endswith("「工場のミス」") and first["state"] == "error"
    assert first["href"] == "respond/effective-apology/#why-not-blame"
    assert [entry["state"] for entry in result["lists"]["coverage"]] == [
        "present", "present", "missing", "missing", "missing", "missing", "optional"]
    assert result["show"] == {"findings": True}
    ranges = result["marks"]["draft"]["ranges"]
    assert result["marks"]["draft"]["text"] == SHORT and SHORT[ranges[0]["start"]:ranges[0]["end"]] == "工場のミス"


BLAMING = """件名：【お詫び】納期の件
株式会社みなと設備 川口様
お世話になっております。
御社の発注が急だったこともあり、手配が間に合いませんでした。すみませんでした。
私としても困っております。
今後は気をつけます。
取り急ぎお詫びまで。
"""


def test_a_draft_that_blames_the_customer_is_never_summarised_as_nearly_fine():
    assert answer(view(BLAMING))["result"]["text"]["summary"].startswith(
        "まず見直してください：お客様のせいに読める書き方があります。責任を認める言葉がありません。（要修正 1 件")
    result = check(BLAMING, CHECKER)
    assert {f["rule"] for f in result["findings"]} >= {"blame-customer-indirect", "casual-apology", "self-pity",
                                                       "curt-closing"}
    present = {c["id"]: c["present"] for c in result["coverage"]}
    assert present["regret"] and not present["responsibility"] and not present["prevention"]


def test_a_draft_to_colleagues_is_read_without_the_customer_only_rules():
    draft = "佐藤課長\nお疲れさまです。鈴木です。\n納品数の不足について、取り急ぎご報告します。"
    result = check(draft, CHECKER)
    assert result["internal"] is True and result["coverage"] == [] and result["findings"] == []
    assert answer(view(draft))["result"]["text"]["summary"] == "社内あての文書として読みました（謝罪の要素は数えません）。要修正 0 件・注意 0 件・ヒント 0 件"


def test_detector_fields_fill_the_message():
    result = check("謹啓\nご迷惑をおかけし、申し訳ございません。\n敬具", CHECKER)
    mismatch = next(f for f in result["findings"] if f["rule"] == "closing-mismatch")
    assert mismatch["reason"] == "頭語「謹啓」に結語「敬具」は合いません。"
    assert mismatch["suggestion"] == "結語を「謹白・謹言・敬白」のいずれかに直します。"


def test_an_empty_draft_asks_for_text():
    result = answer(view(""))["result"]
    assert result["text"]["summary"] == "下書きを入力すると、ここに結果が表示されます。"
    assert result["lists"]["findings"] == [] and result["show"]["findings"] is False


def test_user_text_comes_back_verbatim_for_the_page_to_write_as_text():
    draft = "<img src=x onerror=alert(1)> 工場のミスで"
    result = answer(view(draft))["result"]
    assert any("「工場のミス」" in entry["text"] for entry in result["lists"]["findings"])
    assert result["marks"]["draft"]["text"] == draft


def test_malformed_states_become_an_empty_draft_with_a_note():
    assert answer(view(None))["result"]["lists"]["findings"] == []
    normalized = answer({"kind": "checker", "id": "apology", "op": "normalize", "state": {"draft": 42}})
    assert normalized["result"] == {"state": {"draft": ""},
                                    "notes": ["保存されていた下書きを読み取れなかったため、空欄から始めます。"]}
    kept = answer({"kind": "checker", "id": "apology", "op": "normalize", "state": {"draft": SHORT}})
    assert kept["result"] == {"state": {"draft": SHORT}, "notes": []}


def test_too_long_drafts_and_unknown_ids_are_refused_with_a_message():
    too_long = answer(view("あ" * 50_001))
    assert too_long["ok"] is False and "下書きが長すぎます" in too_long["error"]
    unknown = answer({"kind": "checker", "id": "missing", "op": "view", "state": {}})
    assert "unknown checker id 'missing' (known: apology)" in unknown["error"]


def test_a_flood_of_findings_is_cut_but_counted():
    result = answer(view("早急にご連絡いたします、" * 400))["result"]
    assert len(result["lists"]["findings"]) == MAX_FINDINGS
    assert "（要修正 401 件" in result["text"]["summary"]  # 400 vague promises and no apology at all
    assert result["text"]["summary"].endswith(f"（一覧は重要な順に{MAX_FINDINGS}件まで表示します）")


def test_a_long_draft_keeps_offsets_inside_the_text():
    draft = long_draft()
    result = check(draft, CHECKER)
    assert len(draft) == 10_000
    assert all(0 <= f["start"] < f["end"] <= len(draft) for f in result["findings"])
    json.dumps(result)
