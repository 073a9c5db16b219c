"""The document and incident operations inside real Pyodide give the same answers as CPython."""

from __future__ import annotations

import json
import subprocess

import pytest

from macros.wheel import build_wheel
from tests.conftest import ROOT
from tests.documents.cases import requests
from widgets import api
from widgets.registry import bundle_json

JPHOLIDAY_WHEEL = ROOT / ".cache" / "wheels" / "jpholiday-1.0.3-py3-none-any.whl"


@pytest.mark.slow
def test_pyodide_gives_the_same_answers_as_cpython(tmp_path, registry, documents_raw):
    if not JPHOLIDAY_WHEEL.exists():
        pytest.skip(f"{JPHOLIDAY_WHEEL.relative_to(ROOT)} is missing: run "
                    "`.venv/bin/pip download --no-deps jpholiday==1.0.3 -d .cache/wheels`")
    wheel = build_wheel(tmp_path, bundle_json(documents_raw))
    cases = requests()
    result = subprocess.run(["node", str(ROOT / "tests" / "pyodide" / "run_requests.mjs"), str(wheel),
                             str(JPHOLIDAY_WHEEL)], input=json.dumps(cases, ensure_ascii=False),
                            capture_output=True, text=True, cwd=ROOT, check=False, timeout=180)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["python"].startswith("3.14"), "expected Pyodide's own interpreter, not the host's"
    expected = [json.loads(api.handle(json.dumps(case, ensure_ascii=False), registry)) for case in cases]
    for case, got, want in zip(cases, output["responses"], expected, strict=True):
        assert got == want, f"{case['kind']} {case.get('id')} {case['op']}"
    views = [t for case, t in zip(cases, output["timings"]) if case["kind"] == "document" and case["op"] == "view"]
    assert sorted(views)[len(views) // 2] < 50, f"median view time in Pyodide: {sorted(views)[len(views) // 2]:.1f} ms"
