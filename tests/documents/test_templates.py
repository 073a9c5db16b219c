"""Document templates: validation at build time, with the file, the path and the problem."""

from __future__ import annotations

import copy
from datetime import datetime

import pytest

from widgets.documents import compose
from widgets.documents.incident import normalize
from widgets.errors import DefinitionError
from widgets.registry import Registry

GOOD = {
    "kind": "document", "id": "x", "version": 1, "title": "T", "audience": "customer", "channel": "mail",
    "subject": "{topic}のお詫び",
    "options": [{"id": "tone", "label": "調子", "input": "select",
                 "choices": [{"value": "soft", "label": "やわらかく"}, {"value": "firm", "label": "きっぱり"}]},
                {"id": "memo", "label": "メモ", "input": "text"}],
    "parts": [
        {"text": "{addressee_block}", "role": "addressee"},
        {"lines": ["■ 原因", {"text": "{cause}", "when": "cause_known"},
                   {"text": "調査中です。", "unless": ["cause_known"]}]},
        {"text": "{{そのまま}} {memo}", "when": "tone=firm"},
    ],
}


def broken(change):
    data = copy.deepcopy(GOOD)
    change(data)
    return data


def load(data):
    return Registry.from_sources({"widgets/definitions/documents/x.yml": data}).get("document", "x")


@pytest.mark.parametrize(("data", "path", "problem"), [
    (broken(lambda d: d["parts"][1]["lines"].append("{caus}")), "parts[1].lines[3]",
     "unknown placeholder {caus} (did you mean 'cause'?)"),
    (broken(lambda d: d.update(subject="{titel}のお詫び")), "subject", "unknown placeholder {titel}"),
    (broken(lambda d: d["parts"].append({"text": "担当：{responsible_department}"})), "parts[3].text",
     "'responsible_department' is internal only"),
    (broken(lambda d: d["parts"].append({"text": "x", "when": "responsible_department"})), "parts[3].when",
     "'responsible_department' is internal only"),
    (broken(lambda d: d["parts"][1]["lines"][1].update(when="cause_knwon")), "parts[1].lines[1].when",
     "unknown condition 'cause_knwon' (did you mean 'cause_known'?)"),
    (broken(lambda d: d["parts"][2].update(when="tone=loud")), "parts[2].when", "unknown condition 'tone=loud'"),
    (broken(lambda d: d["parts"].append({"text": "{ broken"})), "parts[3].text", "lone '{'"),
    (broken(lambda d: d["parts"].append({"text": "a", "lines": ["b"]})), "parts[3]", "either 'text' or 'lines'"),
    (broken(lambda d: d["parts"].append({"text": "a", "role": "footer"})), "parts[3].role", "must be one of"),
    (broken(lambda d: d.update(audience="everyone")), "audience", "must be one of customer, internal"),
    (broken(lambda d: d.update(channel="fax")), "channel", "must be one of mail, letter, phone, internal"),
    (broken(lambda d: d["options"].append({"id": "cause", "label": "x", "input": "text"})), "options[2].id",
     "already used"),
    (broken(lambda d: d["options"].append({"id": "clock", "label": "x", "input": "select", "choices": [
        {"value": "24h", "label": "a"}, {"value": "12h", "label": "b"}]})),
     "options[2].choices", "must be exactly: 24h, ampm"),
    (broken(lambda d: d["options"][0].update(default="loud")), "options[0].default", "must be one of the choices"),
    (broken(lambda d: d["options"][1].update(choices=[])), "options[1].choices", "only select options"),
    (broken(lambda d: d.update(parts=[])), "parts", "at least 1"),
])
def test_invalid_templates_name_the_location_and_the_problem(data, path, problem):
    with pytest.raises(DefinitionError) as raised:
        load(data)
    assert raised.value.source == "widgets/definitions/documents/x.yml"
    assert raised.value.path == path
    assert problem in raised.value.problem


def test_internal_documents_may_name_the_department():
    data = broken(lambda d: d.update(audience="internal"))
    data["parts"].append({"text": "関係部署：{responsible_department}"})
    assert load(data).audience == "internal"


def render(data, incident, options=None):
    document = load(data)
    values, _ = compose.normalize_options(document, options)
    return compose.render(document, normalize(incident).incident, values, datetime(2026, 11, 26, 15, 0))


def test_conditions_braces_and_missing_markers():
    rendered = render(GOOD, {"cause_status": "known", "customer_company": "株式会社〇〇"},
                      {"tone": "firm", "memo": "メモ"})
    assert rendered.subject == "【未入力: 案件名】のお詫び"
    assert rendered.body == "株式会社〇〇 御中\n\n■ 原因\n【未入力: 原因】\n\n{そのまま} メモ"
    assert rendered.missing == ("title", "cause")
    assert [b["role"] for b in rendered.blocks] == ["addressee", "body", "body"]


def test_missing_options_are_reported_with_their_id():
    rendered = render(GOOD, {}, {"tone": "firm"})
    assert rendered.missing[-1] == "options.memo"
    assert rendered.body.endswith("{そのまま} 【未入力: メモ】")


def test_invalid_options_fall_back_to_their_default_with_a_note():
    document = load(GOOD)
    values, notes = compose.normalize_options(document, {"tone": ["loud"], "memo": 5, "unknown": 1})
    assert values.values == {"tone": "soft", "memo": ""}
    assert notes == ("「調子」の値が読み取れなかったため、既定の値にしました。",
                     "「メモ」の値が読み取れなかったため、既定の値にしました。")
