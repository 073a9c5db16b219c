"""The JSON operations of documents and incidents: request and response shapes, errors."""

from __future__ import annotations

import json

import pytest

from tests.documents.cases import CUSTOMER_DOCUMENTS, DOCUMENTS, FULL, NOW, PARTIAL, XSS, document_request
from widgets import api


def answer(request, registry):
    return json.loads(api.handle(json.dumps(request, ensure_ascii=False), registry))


def test_view_answers_the_documented_shape(registry):
    result = answer(document_request("apology-mail", PARTIAL), registry)["result"]
    assert set(result) == {"text", "missing", "notes", "blocks", "lists", "show"}
    assert set(result["text"]) == {"preview", "subject"}
    assert result["text"]["subject"] == "納期遅延のお詫び"
    assert result["missing"] == ["own_company"]
    assert result["lists"]["missing"] == [{"text": "自社名"}]
    assert result["show"] == {"missing": True, "notes": False, "subject": True}
    assert "\n\n".join(block["text"] for block in result["blocks"]) == result["text"]["preview"]
    assert result["lists"]["blocks"][0] == {"text": "株式会社みなと精機\n山田様", "state": "addressee"}


def test_export_is_the_subject_line_and_the_body(registry):
    view = answer(document_request("apology-mail", FULL), registry)["result"]
    exported = answer(document_request("apology-mail", FULL, op="export"), registry)["result"]
    assert exported == f"件名：{view['text']['subject']}\n\n{view['text']['preview']}\n"


def test_documents_without_a_subject(registry):
    for doc, options in (("phone-script", {}), ("interim-reply", {"channel": "phone"}), ("apology-letter", {})):
        result = answer(document_request(doc, FULL, options), registry)["result"]
        assert result["text"]["subject"] == ""
        assert answer(document_request(doc, FULL, options, "export"), registry)["result"].startswith(
            result["text"]["preview"][:10])


def test_letter_blocks_carry_the_layout_roles(registry):
    blocks = answer(document_request("apology-letter", FULL), registry)["result"]["blocks"]
    roles = [block["role"] for block in blocks]
    assert roles[:4] == ["date", "addressee", "sender", "title"]
    assert roles[-6:] == ["heading", "record", "record", "record", "record", "end"]
    assert {"role": "closing", "text": "謹白"} in blocks
    assert blocks[0]["text"] == "令和8年11月26日"


@pytest.mark.parametrize(("opening", "pair"), [("kinkei", ("謹啓", "謹白")), ("haikei", ("拝啓", "敬具")),
                                                ("kyukei", ("急啓", "草々"))])
def test_opening_and_closing_words_always_match(registry, opening, pair):
    blocks = answer(document_request("apology-letter", FULL, {"opening": opening}), registry)["result"]["blocks"]
    body = next(b["text"] for b in blocks if b["role"] == "body")
    assert body.startswith(pair[0] + "　")
    assert next(b["text"] for b in blocks if b["role"] == "closing") == pair[1]


def test_time_notes_reach_the_reader(registry):
    result = answer(document_request("interim-reply", FULL, now="2026-12-31T17:50:00"), registry)["result"]
    assert "2027年1月4日（月）の午前中に、改めてご連絡いたします。" in result["text"]["preview"]
    assert result["notes"] == ["次回の連絡（30分後）は、12月31日が休業日（年末年始）のため、2027年1月4日（月）の午前中としました。"
                               "日時を指定することもできます。"]
    past = {**FULL, "next_contact": "at", "next_contact_at": "2026-11-26T09:00"}
    assert answer(document_request("interim-reply", past), registry)["result"]["notes"] == [
        "次回の連絡の日時（11月26日（木）9時）は、すでに過ぎています。"]


def test_a_corrupt_state_still_renders(registry):
    request = {**document_request("apology-mail", {}), "state": "corrupt"}
    result = answer(request, registry)["result"]
    assert result["missing"][0] == "title"
    request["state"] = {"incident": "corrupt", "options": []}
    assert answer(request, registry)["result"]["notes"] == ["案件のデータを読み取れなかったため、空の案件から始めます。"]


@pytest.mark.parametrize(("request_", "fragment"), [
    (document_request("nope", FULL), "unknown document id 'nope'"),
    (document_request("apology-mail", FULL, now="yesterday"), "'now' must be a local ISO time"),
    ({**document_request("apology-mail", FULL), "op": "explode"}, "unknown operation 'explode'"),
])
def test_errors_come_back_as_messages(registry, request_, fragment):
    result = answer(request_, registry)
    assert result["ok"] is False
    assert fragment in result["error"]


BASE = {"kind": "incident", "id": "incident", "now": NOW}


def test_incident_normalize_accepts_the_incident_or_a_state_holding_it(registry):
    wrapped = answer({**BASE, "op": "normalize", "state": {"incident": {**FULL, "extra": 1}}}, registry)["result"]
    bare = answer({**BASE, "op": "normalize", "state": {**FULL, "extra": 1}}, registry)["result"]
    assert wrapped == bare
    assert wrapped == {"incident": FULL, "notes": ["この版の案件にない項目 1 件は読み込みませんでした。"]}


def test_incident_export_and_import_round_trip(registry):
    document = answer({**BASE, "op": "export", "state": {"incident": {**FULL, "title": XSS}}}, registry)["result"]
    assert document["format"] == "kb-incident" and document["version"] == 1
    imported = answer({**BASE, "op": "import", "document": document}, registry)["result"]
    assert imported == {"incident": {**FULL, "title": XSS}, "notes": []}


def test_incident_import_errors_are_messages(registry):
    result = answer({**BASE, "op": "import", "document": {"format": "kb-checklist"}}, registry)
    assert result == {"ok": False, "error": "このファイルは案件の書き出しデータではありません。"}


def test_incident_view_gives_the_list_label_and_the_promised_times(registry):
    result = answer({**BASE, "op": "view", "state": {"incident": PARTIAL}}, registry)["result"]
    assert result == {"text": {"label": "納期遅延のお詫び", "next_contact": "本日中に",
                               "cause_report": "明日（11月27日）の午前中に"}, "missing": [], "notes": []}
    empty = answer({**BASE, "op": "view", "state": {}}, registry)["result"]
    assert empty["missing"] == ["title"] and empty["text"]["label"] == "（案件名なし）"


def test_project_documents_declare_the_expected_audiences(registry):
    documents = registry.by_kind["document"]
    assert sorted(documents) == sorted(DOCUMENTS)
    assert sorted(d for d in documents if documents[d].audience == "customer") == sorted(CUSTOMER_DOCUMENTS)
