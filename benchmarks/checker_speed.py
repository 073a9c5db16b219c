"""Time the apology checker on a 10,000-character draft inside real Pyodide (Node) and in CPython.

Usage: ``.venv/bin/python benchmarks/checker_speed.py [--chars 10000] [--repeat 7]``

The draft is made of the corpus drafts, one after another, cut at the requested length. The first request
in Pyodide also reads the bundled definitions and compiles every pattern, so it is reported apart ("cold");
the worker answers the page's later requests warm.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.definitions import DEFINITIONS_DIR, load_registry  # noqa: E402
from tests.checker import scoring  # noqa: E402
from tests.pyodide import run_in_pyodide  # noqa: E402
from widgets import api  # noqa: E402

NOW = "2026-11-28T15:00:00"


def long_draft(chars: int) -> str:
    """Return a draft of exactly ``chars`` characters made of the corpus drafts."""
    texts = [draft.text for draft in scoring.load()]
    text = ""
    while len(text) < chars:
        text += "\n".join(texts) + "\n"
    return text[:chars]


def request(draft: str) -> dict:
    """Return the view request of the checker page for a draft."""
    return {"kind": "checker", "id": "apology", "op": "view", "state": {"draft": draft}, "now": NOW}


def run_pyodide(requests: list[dict]) -> dict:
    """Run requests in Pyodide with a wheel of the checker definitions; return the runner's output."""
    raw = load_registry(DEFINITIONS_DIR / "checker")[1]
    with tempfile.TemporaryDirectory() as tmp:
        return run_in_pyodide(raw, requests, Path(tmp))


def cpython_times(draft: str, repeat: int) -> list[float]:
    """Time the same request in this interpreter (milliseconds), after one warm-up."""
    registry = load_registry(DEFINITIONS_DIR / "checker")[0]
    payload = json.dumps(request(draft))
    api.handle(payload, registry)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        api.handle(payload, registry)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    """Print the cold and warm times of a long draft in Pyodide, and the CPython time for comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    draft = long_draft(args.chars)
    output = run_pyodide([request(draft)] * (args.repeat + 1))
    assert all(response["ok"] for response in output["responses"]), output["responses"][0]
    cold, warm = output["timings"][0], output["timings"][1:]
    findings = len(output["responses"][0]["result"]["lists"]["findings"])
    print(f"draft: {len(draft):,} characters, {findings} findings")
    print(f"Pyodide {output['python']}: cold (first request, loads the definitions) {cold:.1f} ms")
    print(f"Pyodide {output['python']}: warm median {statistics.median(warm):.1f} ms, max {max(warm):.1f} ms "
          f"({len(warm)} runs)")
    local = cpython_times(draft, args.repeat)
    print(f"CPython {sys.version.split()[0]}: warm median {statistics.median(local):.1f} ms")


if __name__ == "__main__":
    main()
