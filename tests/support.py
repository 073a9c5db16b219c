"""Helpers shared by the tests: one way to call the JSON API, and states that fill every input of a definition."""

from __future__ import annotations

import json
from typing import Any

from widgets import api
from widgets.checklist import Checklist
from widgets.documents.incident import FIELDS
from widgets.documents.template import Document

NOW = "2026-11-28T15:00:00"


def answer(request: dict[str, Any], registry) -> dict[str, Any]:
    """Send one request through ``api.handle`` exactly as the browser does; return the decoded response."""
    return json.loads(api.handle(json.dumps(request, ensure_ascii=False), registry))


def result(request: dict[str, Any], registry) -> Any:
    """Return the result of a request that must succeed."""
    response = answer(request, registry)
    assert response["ok"], response
    return response["result"]


def filled_incident() -> dict[str, str]:
    """An incident with every field filled (selects with their last choice, times with ``NOW``)."""
    values = {"datetime": NOW[:16], "textarea": "テストの文章です。\n二行目です。", "text": "テスト"}
    return {spec.id: spec.choices[-1].value if spec.choices else values[spec.input] for spec in FIELDS}


def filled_checklist_state(checklist: Checklist) -> dict[str, Any]:
    """A checklist state with every condition on, every item checked or done, every question answered."""
    done = next((s.id for s in checklist.statuses if s.kind == "done"), None)
    items = {item.id: ({"status": done, "owner": "営業", "due": NOW[:10], "note": "メモ", "at": {done: NOW}}
                       if item.tracked else {"checked": True, "checked_at": NOW, "note": "メモ"})
             for _, item in checklist.all_items()}
    state: dict[str, Any] = {
        "started_at": NOW[:16], "conditions": {c.id: True for c in checklist.conditions}, "items": items,
        "answers": {q.id: q.choices[0].id for _, q in checklist.all_questions()},
        "fields": {f.id: "テスト" for f in checklist.fields}, "keep": True,
    }
    if checklist.incident:
        state["incident"] = filled_incident()
    return state


def filled_document_state(document: Document) -> dict[str, Any]:
    """A document state with a full incident and every option set to a non-default value where possible."""
    options = {}
    for option in document.options:
        if option.input == "select":
            options[option.id] = option.choices[-1].value
        elif option.input == "checkbox":
            options[option.id] = not option.default
        else:
            options[option.id] = NOW[:16] if option.input == "datetime" else "テストの提案です。"
    return {"incident": filled_incident(), "options": options}


DRAFT = "工場のミスで納品が遅れました。早急に対応いたします。申し訳ございません。"

STATES = {
    "checklist": (lambda definition: {}, filled_checklist_state),
    "document": (lambda definition: {}, filled_document_state),
    "checker": (lambda definition: {"draft": ""}, lambda definition: {"draft": DRAFT}),
}
"""For each kind with a page: the default (empty) state and a filled state of a definition."""
