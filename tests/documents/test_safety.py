"""Customer-facing documents never carry internal names; user text comes back verbatim; view is fast."""

from __future__ import annotations

import itertools
import json
import time

import pytest

from tests.documents.cases import (
    CUSTOMER_DOCUMENTS,
    DEPARTMENT,
    DOCUMENTS,
    FULL,
    FULL_OPTIONS,
    PARTIAL,
    XSS,
    document_request,
)
from tests.support import answer, result
from widgets import api

OPTION_SETS = [{}, {"channel": "phone"}, {"opening": "kyukei", "greeting": True, "date_style": "seireki"},
               {"opening": "haikei", "greeting": True, "clock": "ampm"}]
STATUSES = [{"cause_status": "known"}, {"cause_status": "investigating", "cause_report": "today"},
            {"cause_status": "", "cause": ""}]


def call(request, registry):
    response = result(request, registry)
    return response["text"] if request["op"] == "export" else response


@pytest.mark.parametrize("doc", CUSTOMER_DOCUMENTS)
def test_customer_documents_never_show_the_responsible_department(registry, doc):
    for options, status, base in itertools.product(OPTION_SETS, STATUSES, (FULL, PARTIAL)):
        incident = {**base, **status, "responsible_department": DEPARTMENT}
        view = call(document_request(doc, incident, options), registry)
        exported = call(document_request(doc, incident, options, "export"), registry)
        for text in (view["text"]["preview"], view["text"]["subject"], exported,
                     *(block["text"] for block in view["lists"].get("blocks", []))):
            assert DEPARTMENT not in text
            assert "関係部署" not in text
        assert {"text": "関係部署"} not in view["lists"]["missing"]


@pytest.mark.parametrize("doc", ("boss-report", "department-request"))
def test_internal_documents_do_name_it(registry, doc):
    assert DEPARTMENT in call(document_request(doc, FULL, FULL_OPTIONS.get(doc)), registry)["text"]["preview"]


@pytest.mark.parametrize("doc", CUSTOMER_DOCUMENTS)
def test_a_department_typed_into_customer_text_gives_a_warning(registry, doc):
    incident = {**FULL, "what_happened": f"{DEPARTMENT}で数量を数え誤りました。"}
    notes = call(document_request(doc, incident, {"channel": "phone"} if doc == "interim-reply" else {}),
                 registry)["lists"]["notes"]
    if doc == "interim-reply":  # the interim reply does not repeat what happened
        assert notes == []
    else:
        assert notes == [{"text": f"お客様向けの文書に、社内の部署名「{DEPARTMENT}」が入っています。"
                                  "お客様には部署名を出さず、会社としての説明に書き換えてください。"}]


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_markup_in_user_text_is_returned_verbatim(registry, doc):
    incident = {key: (XSS if key not in ("discovered_at", "cause_status", "cause_report", "cause_report_at",
                                         "next_contact", "next_contact_at", "responsible_department") else value)
                for key, value in FULL.items()}
    view = call(document_request(doc, incident, {"recipient": XSS, "proposal": XSS}), registry)
    exported = call(document_request(doc, incident, {}, "export"), registry)
    assert XSS in view["text"]["preview"]
    assert XSS in exported
    assert "&lt;" not in view["text"]["preview"] + exported


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_view_of_a_full_incident_takes_less_than_10_ms(registry, doc):
    payload = json.dumps(document_request(doc, FULL, FULL_OPTIONS.get(doc)), ensure_ascii=False)
    api.handle(payload, registry)  # warm up (holiday tables, imports)
    timings = []
    for _ in range(30):
        started = time.perf_counter()
        api.handle(payload, registry)
        timings.append(time.perf_counter() - started)
    assert sorted(timings)[len(timings) // 2] < 0.010


JUNK = [None, 0, 1.5, True, [], ["x"], {}, {"a": 1}, "", "\x00\r\n", "2026-13-45T99:99", "at"]


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_junk_values_never_break_a_document(registry, doc):
    for index, junk in enumerate(JUNK):
        incident = {key: junk if (i + index) % 3 == 0 else value for i, (key, value) in enumerate(FULL.items())}
        options = {key: junk for key in ("channel", "opening", "greeting", "date_style", "clock", "recipient",
                                          "proposal", "decisions", "request", "reply_by")}
        for op in ("view", "export"):
            response = answer(document_request(doc, incident, options, op), registry)
            assert response["ok"], response
