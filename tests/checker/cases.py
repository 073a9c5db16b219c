"""Requests of the checker page shared by the CPython tests and the Pyodide parity test."""

from __future__ import annotations

from tests.checker import scoring

NOW = "2026-11-28T15:00:00"
LONG_RUNS = 3
SHORT = "工場のミスで納品が遅れました。早急に対応いたします。申し訳ございません。"


def view(draft: object) -> dict:
    """Return the view request for a draft (any JSON value, to test malformed states)."""
    return {"kind": "checker", "id": "apology", "op": "view", "state": {"draft": draft}, "now": NOW}


def long_draft(chars: int = 10_000) -> str:
    """Return a draft of exactly ``chars`` characters made of the corpus drafts."""
    texts = "\n".join(draft.text for draft in scoring.load()) + "\n"
    return (texts * (chars // len(texts) + 1))[:chars]


def requests() -> list[dict]:
    """Return a normalize request (it loads the definitions), every corpus draft, edge cases, then long drafts."""
    base = {"kind": "checker", "id": "apology", "now": NOW}
    return [
        {**base, "op": "normalize", "state": {"draft": SHORT}},
        *[view(draft.text) for draft in scoring.load()],
        view(SHORT),
        view(""),
        view("<img src=x onerror=alert(1)> 申し訳ございません。"),
        view(None),
        {**base, "op": "view", "state": "corrupt"},
        {**base, "op": "normalize", "state": {"draft": 42}},
        view("あ" * 50_001),
        {**base, "id": "missing", "op": "view", "state": {}},
        *[view(long_draft())] * LONG_RUNS,
    ]
