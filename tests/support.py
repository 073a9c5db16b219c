"""Helpers shared by the tests: one way to call the JSON API, and states that fill every input of a definition."""

from __future__ import annotations

import json
from typing import Any

from macros.exercise import DRAFT, NOW, filled_checklist_state, filled_document_state, filled_incident
from widgets import api

__all__ = ["DRAFT", "NOW", "STATES", "answer", "filled_checklist_state", "filled_document_state", "filled_incident",
           "result"]


def answer(request: dict[str, Any], registry) -> dict[str, Any]:
    """Send one request through ``api.handle`` exactly as the browser does; return the decoded response."""
    return json.loads(api.handle(json.dumps(request, ensure_ascii=False), registry))


def result(request: dict[str, Any], registry) -> Any:
    """Return the result of a request that must succeed."""
    response = answer(request, registry)
    assert response["ok"], response
    return response["result"]


STATES = {
    "checklist": (lambda definition: {}, filled_checklist_state),
    "document": (lambda definition: {}, filled_document_state),
    "checker": (lambda definition: {"draft": ""}, lambda definition: {"draft": DRAFT}),
}
"""For each kind with a page: the default (empty) state and a filled state of a definition."""
