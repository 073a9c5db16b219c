"""Requests shared by the CPython tests and the Pyodide parity test."""

from macros.definitions import load_registry
from tests.support import filled_checklist_state

NOW = "2026-11-28T15:00:00"
STATE = {
    "started_at": "2026-11-28T14:05",
    "conditions": {"recovery": True, "unknown": True},
    "items": {
        "facts-timeline": {"checked": True, "checked_at": "2026-11-28T14:12:30", "note": "<img src=x onerror=alert(1)>"},
        "boss-report": {"checked": True, "checked_at": "2026-11-28T14:20:00", "note": ""},
        "removed": {"checked": True},
    },
}


def requests() -> list[dict]:
    """Return the shared requests, covering every operation and the error paths."""
    base = {"kind": "checklist", "id": "first-response", "now": NOW}
    return [
        {**base, "op": "view", "state": STATE},
        {**base, "op": "view", "state": {}},
        {**base, "op": "export", "state": STATE, "format": "text"},
        {**base, "op": "export", "state": STATE, "format": "markdown"},
        {**base, "op": "normalize", "state": STATE},
        {**base, "op": "normalize", "state": "corrupt"},
        {**base, "op": "import", "document": {"format": "kb-checklist", "checklist": "first-response", "state": STATE}},
        {**base, "op": "import", "document": {"format": "kb-checklist", "checklist": "other"}},
        {**base, "op": "view", "state": STATE, "now": "not a time"},
        {**base, "op": "explode"},
        {**base, "id": "missing", "op": "view"},
        *tool_requests(),
    ]


def tool_requests() -> list[dict]:
    """Return view, export (text, Markdown, JSON) and normalize requests for every checklist, filled and empty."""
    cases = []
    for checklist in load_registry()[0].by_kind["checklist"].values():
        base = {"kind": "checklist", "id": checklist.id, "now": NOW, "state": filled_checklist_state(checklist)}
        cases += [{**base, "op": "view"}, {**base, "op": "view", "state": {}},
                  *({**base, "op": "export", "format": export} for export in ("text", "markdown", "json")),
                  {**base, "op": "normalize"}]
    return cases
