"""The document and incident operations inside real Pyodide give the same answers as CPython."""

from __future__ import annotations

import pytest

from tests.documents.cases import requests
from tests.pyodide import run_in_pyodide
from tests.support import answer


@pytest.mark.slow
def test_pyodide_gives_the_same_answers_as_cpython(tmp_path, registry, documents_raw):
    cases = requests()
    output = run_in_pyodide(documents_raw, cases, tmp_path)
    expected = [answer(case, registry) for case in cases]
    for case, got, want in zip(cases, output["responses"], expected, strict=True):
        assert got == want, f"{case['kind']} {case.get('id')} {case['op']}"
