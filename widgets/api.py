"""The single entry point the browser calls: one JSON request in, one JSON response out.

Request: ``{"kind": "checklist", "id": "first-response", "op": "view", "state": {...}, "now": "2026-11-28T14:05:00"}``.
Response: ``{"ok": true, "result": ...}`` or ``{"ok": false, "error": "<message in Japanese or English>"}``.
The operations of each kind are listed by its :class:`~widgets.kind.Kind` record (:data:`widgets.kinds.KINDS`).
"""

from __future__ import annotations

import json
from typing import Any

from .errors import DefinitionError, RequestError
from .kinds import BY_NAME
from .registry import Registry, bundled


def dispatch(request: dict[str, Any], registry: Registry) -> Any:
    """Run one request against a registry and return its result.

    Raises:
        RequestError: for an unknown kind, id or operation, or malformed arguments.
    """
    kind, op = request.get("kind"), request.get("op")
    operation = BY_NAME[kind].operations.get(op) if isinstance(kind, str) and kind in BY_NAME else None
    if operation is None:
        raise RequestError(f"unknown operation {op!r} for kind {kind!r}")
    return operation(registry.get(kind, request.get("id")), request)


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
