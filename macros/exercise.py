"""Answer every operation of every definition once, with an empty and with a filled state.

Runs inside Pyodide (standard library and ``widgets`` only): the build runs it before taking the memory
snapshot, so every module any operation imports is already loaded when the browser restores it, and the
Pyodide tests run it on the trimmed runtime.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from widgets import api
from widgets.checklist import Checklist
from widgets.documents.incident import FIELDS
from widgets.documents.template import Document
from widgets.kinds import KINDS
from widgets.registry import bundled

NOW = "2026-11-28T15:00:00"
FORMATS = ("text", "markdown", "json")
DRAFT = "工場のミスで納品が遅れました。早急に対応いたします。申し訳ございません。"


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


FILLED = {"checklist": filled_checklist_state, "document": filled_document_state,
          "checker": lambda definition: {"draft": DRAFT}, "incident": lambda definition: filled_incident()}
"""For each kind: a state of a definition with every input filled (the empty state is ``{}``)."""


def requests(kind_name: str, identifier: str, operations, state: Any) -> Iterator[dict[str, Any]]:
    """The requests of one definition: each operation (each export format), the import of its JSON export last."""
    base = {"kind": kind_name, "id": identifier, "now": NOW, "state": state}
    for op in operations:
        if op == "export":
            yield from ({**base, "op": op, "format": export} for export in FORMATS)
        elif op != "import":
            yield {**base, "op": op}


def exercise() -> list[dict[str, Any]]:
    """Answer every request of every definition, with an empty and a filled state; return the answers.

    Each answer is ``{"request": ..., "response": ...}``; a JSON export is imported back when the kind imports.
    """
    answers = []
    registry = bundled()
    for kind in KINDS:
        for identifier in sorted(registry.by_kind.get(kind.name, {})):
            fill = FILLED.get(kind.name, lambda definition: {})
            states = ({}, fill(registry.get(kind.name, identifier)))
            for request in (r for state in states for r in requests(kind.name, identifier, kind.operations, state)):
                response = json.loads(api.handle(json.dumps(request)))
                answers.append({"request": request, "response": response})
                if "import" in kind.operations and request.get("format") == "json" and response["ok"]:
                    back = {"kind": kind.name, "id": identifier, "op": "import", "now": NOW,
                            "document": json.loads(response["result"]["text"])}
                    answers.append({"request": back, "response": json.loads(api.handle(json.dumps(back)))})
    return answers


def unexpected(answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The failed answers, except the export formats a kind does not write (every format is tried)."""
    return [answer for answer in answers
            if not answer["response"]["ok"] and not answer["response"]["error"].startswith("unknown export format")]
