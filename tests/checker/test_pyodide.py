"""The corpus inside real Pyodide: the same answers as CPython (timings are printed; budgets live in benchmarks/)."""

from __future__ import annotations

import json
import statistics

import pytest

from macros.definitions import DEFINITIONS_DIR, load_registry
from tests.checker import scoring
from tests.checker.cases import LONG_RUNS, requests
from tests.pyodide import run_in_pyodide
from tests.support import answer


@pytest.mark.slow
def test_the_corpus_gets_the_same_answers_in_pyodide(tmp_path, record_property, capsys):
    registry, raw = load_registry(DEFINITIONS_DIR / "checker")
    cases = requests()
    output = run_in_pyodide(raw, cases, tmp_path)
    expected = [answer(case, registry) for case in cases]
    assert output["responses"] == expected

    timings = output["timings"]
    long_runs = timings[-LONG_RUNS:]
    assert all(len(case["state"]["draft"]) == 10_000 for case in cases[-LONG_RUNS:])
    corpus = timings[1:len(scoring.load()) + 1]
    line = (f"Pyodide {output['python']}: first request (loads the definitions) {timings[0]:.1f} ms; "
            f"corpus drafts median {statistics.median(corpus):.1f} ms, max {max(corpus):.1f} ms; "
            f"10,000 characters {', '.join(f'{ms:.1f}' for ms in long_runs)} ms")
    record_property("pyodide_timings_ms", json.dumps([round(ms, 2) for ms in timings]))
    with capsys.disabled():
        print(f"\n{line}")
