"""Every document with a full, a partial and an empty incident, plus option variants, against golden files."""

from __future__ import annotations

import json

import pytest

from tests.documents.cases import DOCUMENTS, FULL_OPTIONS, INCIDENTS, VARIANTS, document_request
from tests.documents.golden import check_golden
from widgets import api

TRAILER = "#---- テスト用の付記（文書には含まれません） ----"

CASES = [(doc, name, incident, FULL_OPTIONS.get(doc, {}) if name == "full" else {})
         for doc in DOCUMENTS for name, incident in INCIDENTS.items()] + list(VARIANTS)


def call(request, registry):
    response = json.loads(api.handle(json.dumps(request, ensure_ascii=False), registry))
    assert response["ok"], response
    return response["result"]


def golden_text(exported: str, view: dict) -> str:
    lines = [exported.rstrip("\n"), "", TRAILER, f"# missing: {', '.join(view['missing']) or '-'}"]
    lines += [f"# note: {note}" for note in view["notes"]]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("doc", "case", "incident", "options"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_document_matches_its_golden_file(registry, doc, case, incident, options):
    exported = call(document_request(doc, incident, options, "export"), registry)
    view = call(document_request(doc, incident, options, "view"), registry)
    assert exported.startswith(f"件名：{view['text']['subject']}\n\n" if view["text"]["subject"] else "")
    assert exported.rstrip("\n").endswith(view["text"]["preview"])
    check_golden(f"{doc}-{case}", golden_text(exported, view))


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_a_full_incident_leaves_nothing_missing(registry, doc):
    view = call(document_request(doc, INCIDENTS["full"], FULL_OPTIONS.get(doc, {})), registry)
    assert view["missing"] == []
    assert "【未入力" not in view["text"]["preview"] + view["text"]["subject"]


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_an_empty_incident_shows_visible_markers_and_no_broken_text(registry, doc):
    view = call(document_request(doc, {}), registry)
    text = view["text"]["subject"] + "\n" + view["text"]["preview"]
    assert view["missing"], "an empty incident must report missing fields"
    for source in view["missing"]:
        assert source in INCIDENTS["full"] or source.startswith("options.")
    assert text.count("【未入力: ") >= len(view["missing"])
    for broken in ("{", "}", "None", "様様", "御中 様", "様 御中", "\n\n\n"):
        assert broken not in text
