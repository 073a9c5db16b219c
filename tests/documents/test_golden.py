"""Every document with a full, a partial and an empty incident, plus option variants, against golden files."""

from __future__ import annotations

import pytest

from tests.documents.cases import DOCUMENTS, FULL_OPTIONS, INCIDENTS, VARIANTS, document_request
from tests.documents.golden import check_golden
from tests.support import result
from widgets.documents.kind import render_request

TRAILER = "#---- テスト用の付記（文書には含まれません） ----"

CASES = [(doc, name, incident, FULL_OPTIONS.get(doc, {}) if name == "full" else {})
         for doc in DOCUMENTS for name, incident in INCIDENTS.items()] + list(VARIANTS)


def golden_text(exported: str, missing: tuple[str, ...], notes: list[str]) -> str:
    lines = [exported.rstrip("\n"), "", TRAILER, f"# missing: {', '.join(missing) or '-'}"]
    lines += [f"# note: {note}" for note in notes]
    return "\n".join(lines) + "\n"


def sources_missing(registry, request) -> tuple[str, ...]:
    """The sources (incident field ids, ``options.<id>``) shown as 【未入力】 markers."""
    return render_request(registry.get("document", request["id"]), request)[0].missing


@pytest.mark.parametrize(("doc", "case", "incident", "options"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_document_matches_its_golden_file(registry, doc, case, incident, options):
    exported = result({**document_request(doc, incident, options, "export"), "format": "text"}, registry)["text"]
    request = document_request(doc, incident, options, "view")
    view = result(request, registry)
    assert exported.startswith(f"件名：{view['text']['subject']}\n\n" if view["text"]["subject"] else "")
    assert exported.rstrip("\n").endswith(view["text"]["preview"])
    notes = [entry["text"] for entry in view["lists"]["notes"]]
    check_golden(f"{doc}-{case}", golden_text(exported, sources_missing(registry, request), notes))


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_a_full_incident_leaves_nothing_missing(registry, doc):
    view = result(document_request(doc, INCIDENTS["full"], FULL_OPTIONS.get(doc, {})), registry)
    assert view["lists"]["missing"] == [] and view["show"]["missing"] is False
    assert "【未入力" not in view["text"]["preview"] + view["text"]["subject"]


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_an_empty_incident_shows_visible_markers_and_no_broken_text(registry, doc):
    view = result(document_request(doc, {}), registry)
    text = view["text"]["subject"] + "\n" + view["text"]["preview"]
    missing = sources_missing(registry, document_request(doc, {}))
    assert missing and view["show"]["missing"], "an empty incident must report missing fields"
    for source in missing:
        assert source in INCIDENTS["full"] or source.startswith("options.")
    assert text.count("【未入力: ") >= len(missing) == len(view["lists"]["missing"])
    for broken in ("{", "}", "None", "様様", "御中 様", "様 御中", "\n\n\n"):
        assert broken not in text
