"""The single entry point the browser calls: one JSON request in, one JSON response out.

Request: ``{"kind": "checklist", "id": "first-response", "op": "view", "state": {...}, "now": "2026-11-28T14:05:00"}``.
Response: ``{"ok": true, "result": ...}`` or ``{"ok": false, "error": "<message in Japanese or English>"}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from . import checker, checklist, timefmt
from .documents import operations as documents
from .errors import DefinitionError, RequestError
from .registry import Registry, bundled


def _now(request: dict[str, Any]) -> datetime:
    now = timefmt.parse_local(request.get("now"))
    if now is None:
        raise RequestError("'now' must be a local ISO time such as 2026-11-28T14:05:00")
    return now


def _normalized(result: checklist.Normalized) -> dict[str, Any]:
    return {"state": result.state, "notes": list(result.notes)}


def _checklist_view(definition: checklist.Checklist, request: dict[str, Any]) -> Any:
    state = checklist.normalize(definition, request.get("state")).state
    return checklist.view(definition, state, _now(request))


def _checklist_export(definition: checklist.Checklist, request: dict[str, Any]) -> Any:
    state = checklist.normalize(definition, request.get("state")).state
    markdown = request.get("format") == "markdown"
    return checklist.export_text(definition, state, _now(request), markdown=markdown)


OPERATIONS: dict[tuple[str, str], Callable[[Any, dict[str, Any]], Any]] = {
    ("checklist", "view"): _checklist_view,
    ("checklist", "export"): _checklist_export,
    ("checklist", "normalize"): lambda d, r: _normalized(checklist.normalize(d, r.get("state"))),
    ("checklist", "import"): lambda d, r: _normalized(checklist.import_document(d, r.get("document"))),
    ("document", "view"): documents.document_view,
    ("document", "export"): documents.document_export,
    ("incident", "normalize"): documents.incident_normalize,
    ("incident", "import"): documents.incident_import,
    ("incident", "export"): documents.incident_export,
    ("incident", "view"): documents.incident_view,
    ("checker", "view"): lambda d, r: checker.view(d, r.get("state")),
    ("checker", "normalize"): lambda d, r: checker.normalize(r.get("state")),
}


def dispatch(request: dict[str, Any], registry: Registry) -> Any:
    """Run one request against a registry and return its result.

    Raises:
        RequestError: for an unknown kind, id or operation, or malformed arguments.
    """
    key = (request.get("kind"), request.get("op"))
    if key not in OPERATIONS:
        raise RequestError(f"unknown operation {key[1]!r} for kind {key[0]!r}")
    definition = registry.get(key[0], request.get("id"))
    return OPERATIONS[key](definition, request)


def handle(request_json: str, registry: Registry | None = None) -> str:
    """Answer one JSON request; errors become ``{"ok": false, "error": ...}`` instead of exceptions."""
    try:
        request = json.loads(request_json)
        if not isinstance(request, dict):
            raise RequestError("the request must be a JSON object")
        result = dispatch(request, registry or bundled())
    except (RequestError, DefinitionError, json.JSONDecodeError) as error:
        return json.dumps({"ok": False, "error": str(error)}, ensure_ascii=False)
    return json.dumps({"ok": True, "result": result}, ensure_ascii=False)
