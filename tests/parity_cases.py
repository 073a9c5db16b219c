"""Requests shared by the CPython tests and the Pyodide parity test."""

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


# States of the tools built on the checklist engine (issue 6): tracked steps, answers, results, opt-in keep.
TOOL_STATES = {
    "tracker": {
        "started_at": "2026-11-27T09:00", "fields": {"case": "A社 部品の錆", "customer": 42},
        "items": {"step-collect": {"status": "done", "owner": "営業", "due": "2026-11-27",
                                   "at": {"doing": "2026-11-27T09:30:00", "done": "2026-11-27T16:00:00"}},
                  "step-scope": {"status": "doing", "due": "2026-11-25", "note": "<b>出荷先を確認中</b>",
                                 "at": {"doing": "2026-11-27T10:00:00"}},
                  "step-cause": {"status": "todo", "due": "2026-11-28"},
                  "step-prevention": {"status": "doing", "at": {"doing": "2026-11-28T11:00:00"}},
                  "case-closed": {"checked": True, "checked_at": "2026-11-28T12:00:00"},
                  "step-gone": {"status": "done"}},
    },
    "principles-check": {"answers": {"facts-only": "done", "own-mistake": "partly", "promised-time": "missed",
                                     "material": "na", "cost-with-boss": "done", "thanks": "bogus"}},
    "rep-change-check": {"answers": {"demand": "unreasonable", "manner": "excessive", "option": "change"},
                         "items": {"facts-deadline": {"checked": True, "checked_at": "2026-11-28T10:00:00"},
                                   "handover-letter": {"checked": True, "checked_at": "2026-11-28T14:00:00"}}},
    "self-care-reflection": {"answers": {"sleep": "few", "appetite": "rarely", "limit": "sometimes"},
                             "items": {"try-talk": {"checked": True}}, "keep": True},
}


def tool_requests() -> list[dict]:
    """Return view, export (text and Markdown) and normalize requests for each tool."""
    cases = []
    for tool, state in TOOL_STATES.items():
        base = {"kind": "checklist", "id": tool, "now": NOW, "state": state}
        cases += [{**base, "op": "view"}, {**base, "op": "view", "state": {}},
                  {**base, "op": "export", "format": "text"}, {**base, "op": "export", "format": "markdown"},
                  {**base, "op": "normalize"}]
    return cases
