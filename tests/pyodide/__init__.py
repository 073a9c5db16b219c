"""Run widget requests inside real Pyodide (Node, from the pinned npm package), offline."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from macros.site_assets import BROWSER_DEPENDENCIES, dependency_wheels
from macros.wheel import build_wheel
from widgets.registry import bundle_json

ROOT = Path(__file__).resolve().parent.parent.parent
RUNNER = Path(__file__).resolve().parent / "run_requests.mjs"


def run_in_pyodide(raw_definitions: dict[str, Any], requests: list[dict], scratch: Path,
                   timeout: int = 300, stdlib: Path | None = None) -> dict[str, Any]:
    """Build the wheel from ``raw_definitions`` and answer ``requests`` inside Pyodide (on ``stdlib`` when given).

    Returns:
        ``{"python": version, "responses": [...], "timings": [ms, ...]}``.

    Raises:
        AssertionError: when Node fails or the interpreter is not Pyodide's own.
    """
    wheel = build_wheel(scratch, bundle_json(raw_definitions), requires=BROWSER_DEPENDENCIES)
    trimmed = ["--stdlib", str(stdlib)] if stdlib else []
    command = ["node", str(RUNNER), *trimmed, str(wheel), *map(str, dependency_wheels())]
    result = subprocess.run(command, input=json.dumps(requests, ensure_ascii=False), capture_output=True,
                            text=True, cwd=ROOT, check=False, timeout=timeout)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["python"].startswith("3.14"), "expected Pyodide's own interpreter, not the host's"
    return output
