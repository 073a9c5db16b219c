"""Checklists linked to the shared incident record (the trouble tracker)."""

from __future__ import annotations

from datetime import datetime

import pytest

from widgets import checklist
from widgets.errors import DefinitionError
from widgets.registry import Registry
from widgets.schema import Node


def definition(**top):
    return {"kind": "checklist", "id": "linked", "version": 1, "title": "追跡", **top,
            "sections": [{"id": "s", "title": "S", "items": [{"id": "a", "text": "A"}]}]}


LINKED = definition(incident=True, fields=[{"id": "case", "label": "案件名", "incident": "title"},
                                           {"id": "memo", "label": "メモ"}])


def test_linked_fields_bind_to_the_incident_record():
    model = checklist.parse(Node(LINKED, "linked.yml"))
    assert model.incident is True
    assert [f.path for f in model.fields] == ["incident.title", "fields.memo"]


@pytest.mark.parametrize(("top", "path", "problem"), [
    (definition(fields=[{"id": "case", "label": "案件名", "incident": "title"}]), "fields[0].incident",
     "needs `incident: true`"),
    (definition(incident=True, fields=[{"id": "case", "label": "案件名", "incident": "Title!"}]),
     "fields[0].incident", "incident field id"),
])
def test_invalid_links_are_reported_where_they_are(top, path, problem):
    with pytest.raises(DefinitionError) as raised:
        checklist.parse(Node(top, "linked.yml"))
    assert raised.value.path == path and problem in raised.value.problem


def test_a_field_naming_no_incident_field_fails_with_its_file_and_location():
    top = definition(incident=True, fields=[{"id": "case", "label": "案件名", "incident": "budget"}])
    with pytest.raises(DefinitionError) as raised:
        Registry.from_sources({"linked.yml": top})
    assert (raised.value.source, raised.value.path) == ("linked.yml", "fields[0].incident")
    assert raised.value.problem.startswith("unknown incident field 'budget' (known: title, ")


def test_normalize_keeps_only_the_linked_incident_fields():
    model = checklist.parse(Node(LINKED, "linked.yml"))
    raw = {"incident": {"title": "部品の錆", "responsible_department": "製造部", "updated_at": "x"}}
    assert checklist.normalize(model, raw).state["incident"] == {"title": "部品の錆"}


def test_export_shows_the_incident_title():
    model = checklist.parse(Node(LINKED, "linked.yml"))
    state = checklist.normalize(model, {"incident": {"title": "部品の錆"}, "fields": {"memo": "至急"}}).state
    text = checklist.export_text(model, state, datetime(2026, 11, 28, 15, 0))
    assert "案件名: 部品の錆" in text and "メモ: 至急" in text


@pytest.mark.parametrize("tool", ["first-response", "tracker"])
def test_the_tools_report_names_the_case_and_the_customer(registry, tool):
    model = registry.get("checklist", tool)
    raw = {"incident": {"title": "A社 部品の錆", "customer_company": "株式会社みなと精機", "customer_contact": "佐藤様"}}
    state = checklist.normalize(model, raw).state
    assert state["incident"] == {"title": "A社 部品の錆", "customer_company": "株式会社みなと精機"}
    text = checklist.export_text(model, state, datetime(2026, 11, 28, 15, 0))
    assert "案件名: A社 部品の錆\n取引先の会社名: 株式会社みなと精機\n" in text
    assert "佐藤様" not in text
