"""The JSON entry point, under CPython and inside real Pyodide."""

from __future__ import annotations

import json

import pytest

from macros.definitions import load_registry
from tests.parity_cases import requests
from tests.pyodide import run_in_pyodide
from widgets import api


def answer(request, registry):
    return json.loads(api.handle(json.dumps(request), registry))


def test_view_answers_with_texts(registry):
    result = answer(requests()[0], registry)
    assert result["ok"] is True
    assert result["result"]["text"]["progress"] == "2 / 15 完了"


@pytest.mark.parametrize(("index", "fragment"), [
    (7, "別のチェックリスト"),
    (8, "'now' must be a local ISO time"),
    (9, "unknown operation 'explode'"),
    (10, "unknown checklist id 'missing' (known: first-response, "),
])
def test_errors_come_back_as_messages(registry, index, fragment):
    result = answer(requests()[index], registry)
    assert result["ok"] is False
    assert fragment in result["error"]


@pytest.mark.parametrize("payload", ["not json", "[1, 2]", "null"])
def test_malformed_requests_do_not_raise(registry, payload):
    assert json.loads(api.handle(payload, registry))["ok"] is False


def test_user_text_is_returned_verbatim_for_the_page_to_write_as_text(registry):
    text = answer(requests()[2], registry)["result"]
    assert "メモ: <img src=x onerror=alert(1)>" in text


@pytest.mark.slow
def test_pyodide_gives_the_same_answers_as_cpython(tmp_path):
    registry, raw = load_registry()
    cases = requests()
    output = run_in_pyodide(raw, cases, tmp_path)
    assert output["responses"] == [answer(case, registry) for case in cases]
