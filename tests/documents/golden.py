"""Golden files: expected outputs reviewed by hand, compared with a unified diff.

Set ``KB_UPDATE_GOLDEN=1`` to (re)write them, then read the changed files before committing.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KB_UPDATE_GOLDEN") == "1"


def check_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with ``golden/<name>.txt`` (or write it when updating)."""
    path = GOLDEN_DIR / f"{name}.txt"
    if UPDATE:
        GOLDEN_DIR.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path.name} is missing: run KB_UPDATE_GOLDEN=1 pytest tests/documents, then review it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                    f"golden/{path.name}", "actual")
        pytest.fail("output differs from the golden file (KB_UPDATE_GOLDEN=1 rewrites it):\n" + "".join(diff),
                    pytrace=False)
