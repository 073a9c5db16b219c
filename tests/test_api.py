"""The JSON entry point, under CPython and inside real Pyodide."""

from __future__ import annotations

import json

import pytest

from macros.definitions import load_registry
from tests.parity_cases import requests
from tests.pyodide import run_in_pyodide
from tests.support import answer
from widgets import api


def test_view_answers_with_texts(registry):
    result = answer(requests()[0], registry)
    assert result["ok"] is True
    assert result["result"]["text"]["progress"] == "2 / 15 完了"


@pytest.mark.parametrize(("index", "fragment"), [
    (7, "「other」のページで読み込んでください"),
    (8, "'now' must be a local ISO time"),
    (9, "unknown operation 'explode'"),
    (10, "unknown checklist id 'missing' (known: "),
])
def test_errors_come_back_as_messages(registry, index, fragment):
    result = answer(requests()[index], registry)
    assert result["ok"] is False
    assert fragment in result["error"]


@pytest.mark.parametrize("payload", ["not json", "[1, 2]", "null"])
def test_malformed_requests_do_not_raise(registry, payload):
    assert json.loads(api.handle(payload, registry))["ok"] is False


def test_user_text_is_returned_verbatim_for_the_page_to_write_as_text(registry):
    text = answer(requests()[2], registry)["result"]["text"]
    assert "メモ: <img src=x onerror=alert(1)>" in text


def test_checklist_json_export_is_the_document_import_reads(registry):
    request = {**requests()[2], "format": "json"}
    exported = answer(request, registry)["result"]
    assert exported["filename"] == "初動チェックリスト-20261128-1500.json" and exported["mime"] == "application/json"
    document = json.loads(exported["text"])
    assert {key: document[key] for key in ("format", "checklist", "definition_version", "exported_at")} == {
        "format": "kb-checklist", "checklist": "first-response", "definition_version": 1, "exported_at": request["now"]}
    imported = answer({**request, "op": "import", "document": document}, registry)["result"]
    assert imported["state"] == document["state"] and imported["notes"] == []


def test_an_export_format_the_kind_does_not_write_is_refused(registry):
    response = answer({**requests()[2], "format": "pdf"}, registry)
    assert response["ok"] is False and "unknown export format 'pdf'" in response["error"]


@pytest.mark.slow
def test_pyodide_gives_the_same_answers_as_cpython(tmp_path):
    registry, raw = load_registry()
    cases = requests()
    output = run_in_pyodide(raw, cases, tmp_path)
    assert output["responses"] == [answer(case, registry) for case in cases]
