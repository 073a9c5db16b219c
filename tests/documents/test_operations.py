"""The JSON operations of documents and incidents: request and response shapes, errors."""

from __future__ import annotations

import json

import pytest

from tests.documents.cases import FULL, NOW, PARTIAL, XSS, document_request
from tests.support import answer
from widgets.documents.kind import render_request


def test_view_answers_the_documented_shape(registry):
    result = answer(document_request("apology-mail", PARTIAL), registry)["result"]
    assert set(result) == {"text", "lists", "show"}
    assert set(result["text"]) == {"preview", "subject"}
    assert result["text"]["subject"] == "納期遅延のお詫び"
    assert result["lists"] == {"missing": [{"text": "自社名"}], "notes": []}
    assert result["show"] == {"missing": True, "notes": False, "subject": True}


def test_only_letters_send_their_layout_blocks(registry):
    letter = answer(document_request("apology-letter", PARTIAL), registry)["result"]["lists"]["blocks"]
    assert "\n\n".join(block["text"] for block in letter) == render_request(
        registry.get("document", "apology-letter"), document_request("apology-letter", PARTIAL))[0].body
    assert letter[1] == {"text": "株式会社みなと精機\n山田様", "state": "addressee"}


def test_export_is_the_subject_line_and_the_body(registry):
    view = answer(document_request("apology-mail", FULL), registry)["result"]
    exported = answer(document_request("apology-mail", FULL, op="export"), registry)["result"]
    assert exported == {"text": f"件名：{view['text']['subject']}\n\n{view['text']['preview']}\n",
                        "filename": "お詫びメール-20261126-1500.txt", "mime": "text/plain"}


def test_documents_without_a_subject(registry):
    for doc, options in (("phone-script", {}), ("interim-reply", {"channel": "phone"}), ("apology-letter", {})):
        result = answer(document_request(doc, FULL, options), registry)["result"]
        assert result["text"]["subject"] == ""
        assert answer(document_request(doc, FULL, options, "export"), registry)["result"]["text"].startswith(
            result["text"]["preview"][:10])


def test_letter_blocks_carry_the_layout_roles(registry):
    blocks = answer(document_request("apology-letter", FULL), registry)["result"]["lists"]["blocks"]
    roles = [block["state"] for block in blocks]
    assert roles[:4] == ["date", "addressee", "sender", "title"]
    assert roles[-6:] == ["heading", "record", "record", "record", "record", "end"]
    assert {"state": "closing", "text": "謹白"} in blocks
    assert blocks[0]["text"] == "令和8年11月26日"


@pytest.mark.parametrize(("opening", "pair"), [("kinkei", ("謹啓", "謹白")), ("haikei", ("拝啓", "敬具")),
                                                ("kyukei", ("急啓", "草々"))])
def test_opening_and_closing_words_always_match(registry, opening, pair):
    request = document_request("apology-letter", FULL, {"opening": opening})
    blocks = answer(request, registry)["result"]["lists"]["blocks"]
    body = next(b["text"] for b in blocks if b["state"] == "body")
    assert body.startswith(pair[0] + "　")
    assert next(b["text"] for b in blocks if b["state"] == "closing") == pair[1]


def test_time_notes_reach_the_reader(registry):
    result = answer(document_request("interim-reply", FULL, now="2026-12-31T17:50:00"), registry)["result"]
    assert "2027年1月4日（月）の午前中に、改めてご連絡いたします。" in result["text"]["preview"]
    assert [note["text"] for note in result["lists"]["notes"]] == ["次回の連絡（30分後）は、12月31日が休業日（年末年始）のため、2027年1月4日（月）の午前中としました。"
                               "日時を指定することもできます。"]
    past = {**FULL, "next_contact": "at", "next_contact_at": "2026-11-26T09:00"}
    assert answer(document_request("interim-reply", past), registry)["result"]["lists"]["notes"] == [{"text":
        "次回の連絡の日時（11月26日（木）9時）は、すでに過ぎています。"}]


def test_a_corrupt_state_still_renders(registry):
    request = {**document_request("apology-mail", {}), "state": "corrupt"}
    result = answer(request, registry)["result"]
    assert result["lists"]["missing"][0] == {"text": "案件名"}
    request["state"] = {"incident": "corrupt", "options": []}
    assert answer(request, registry)["result"]["lists"]["notes"] == [
        {"text": "案件のデータを読み取れなかったため、空の案件から始めます。"}]


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


def test_incident_export_reads_the_incident_or_a_state_holding_it(registry):
    request = {**BASE, "op": "export", "format": "json"}
    wrapped = answer({**request, "state": {"incident": {**FULL, "extra": 1}}}, registry)["result"]
    assert wrapped == answer({**request, "state": {**FULL, "extra": 1}}, registry)["result"]
    assert wrapped["filename"] == "部品Bの納品数量不足-20261126-1500.json" and wrapped["mime"] == "application/json"
    assert json.loads(wrapped["text"]) == {"format": "kb-incident", "version": 1, "exported_at": NOW, "incident": FULL}


def test_an_untitled_incident_is_exported_under_the_form_title(registry):
    exported = answer({**BASE, "op": "export", "format": "json", "state": {}}, registry)["result"]
    assert exported["filename"] == "案件-20261126-1500.json"


def test_incident_export_and_import_round_trip(registry):
    exported = answer({**BASE, "op": "export", "format": "json",
                       "state": {"incident": {**FULL, "title": XSS, "updated_at": NOW}}}, registry)["result"]
    document = json.loads(exported["text"])
    assert "updated_at" not in document["incident"]
    imported = answer({**BASE, "op": "import", "document": document}, registry)["result"]
    assert imported == {"incident": {**FULL, "title": XSS}, "notes": []}


def test_incident_import_errors_are_messages(registry):
    result = answer({**BASE, "op": "import", "document": {"format": "kb-checklist"}}, registry)
    assert result == {"ok": False, "error": "このファイルは書き出した案件ではないため、読み込めません。"}
