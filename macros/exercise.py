"""Answer every operation of every definition once, with an empty and with a given state.

Runs inside Pyodide (standard library and ``widgets`` only): the build runs it before taking the memory
snapshot, so every module any operation imports is already loaded when the browser restores it, and the
Pyodide tests run it on the trimmed runtime.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from widgets import api
from widgets.kinds import KINDS
from widgets.registry import bundled

NOW = "2026-11-28T15:00:00"
FORMATS = ("text", "markdown", "json")


def requests(kind_name: str, identifier: str, operations, state: Any) -> Iterator[dict[str, Any]]:
    """The requests of one definition: each operation (each export format), the import of its JSON export last."""
    base = {"kind": kind_name, "id": identifier, "now": NOW, "state": state}
    for op in operations:
        if op == "export":
            yield from ({**base, "op": op, "format": export} for export in FORMATS)
        elif op != "import":
            yield {**base, "op": op}


def exercise(states: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Answer every request of every definition (``states[kind][id]`` or an empty state); return the answers.

    Each answer is ``{"request": ..., "response": ...}``; a JSON export is imported back when the kind imports.
    """
    answers = []
    registry = bundled()
    for kind in KINDS:
        for identifier in sorted(registry.by_kind.get(kind.name, {})):
            state = (states or {}).get(kind.name, {}).get(identifier, {})
            for request in requests(kind.name, identifier, kind.operations, state):
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
