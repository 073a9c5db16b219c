"""Every document the builders write passes the apology checker: no error and no warning.

The builders are discovered from the registry (every ``kind: document``), each with its default options and
with every choice of each select option and every checkbox turned on, for several full incidents.
"""

from __future__ import annotations

import json

import pytest

from macros.definitions import DEFINITIONS_DIR, load_registry
from tests.checker.incidents import INCIDENTS, NOW, OPTIONS
from widgets import api
from widgets.checker import check

REGISTRY = load_registry(DEFINITIONS_DIR)[0]
CHECKER = REGISTRY.get("checker", "apology")
DOCUMENTS = REGISTRY.by_kind["document"]


def variants(document) -> list[dict]:
    """Default options, then one option changed at a time: each select choice, each checkbox on."""
    result = [{}]
    for option in document.options:
        if option.input == "select":
            result += [{option.id: choice.value} for choice in option.choices if choice.value != option.default]
        elif option.input == "checkbox":
            result.append({option.id: True})
    return result


CASES = [(doc_id, incident, variant) for doc_id in sorted(DOCUMENTS) for incident in sorted(INCIDENTS)
         for variant in variants(DOCUMENTS[doc_id])]


def built(doc_id: str, incident: str, variant: dict) -> str:
    """Return the text a builder writes (the page preview) for an incident and options."""
    request = {"kind": "document", "id": doc_id, "op": "view", "now": NOW,
               "state": {"incident": INCIDENTS[incident], "options": {**OPTIONS.get(doc_id, {}), **variant}}}
    answer = json.loads(api.handle(json.dumps(request), REGISTRY))
    assert answer["ok"], answer
    return answer["result"]["text"]["preview"]


def test_every_builder_is_covered():
    assert {"apology-mail", "interim-reply", "boss-report"} <= set(DOCUMENTS)
    assert {doc_id for doc_id, _, _ in CASES} == set(DOCUMENTS)
    assert len(INCIDENTS) >= 3


@pytest.mark.parametrize(("doc_id", "incident", "variant"), CASES,
                         ids=[f"{d}-{i}-{'-'.join(f'{k}={v}' for k, v in o.items()) or 'default'}"
                              for d, i, o in CASES])
def test_built_documents_pass_the_checker(doc_id, incident, variant):
    text = built(doc_id, incident, variant)
    assert "【未入力" not in text, "the incidents of this test are complete"
    result = check(text, CHECKER)
    serious = [(f["severity"], f["rule"], f["excerpt"]) for f in result["findings"]
               if f["severity"] in ("error", "warning")]
    assert serious == []
    assert result["headlines"] == [] or DOCUMENTS[doc_id].audience == "customer"


def test_customer_documents_have_every_element_the_incident_allows():
    """Documents to the customer apologize and admit responsibility when the cause is known."""
    for doc_id, document in DOCUMENTS.items():
        if document.audience != "customer":
            continue
        result = check(built(doc_id, "shortage", {}), CHECKER)
        present = {c["id"] for c in result["coverage"] if c["present"]}
        assert {"regret", "explanation"} <= present, doc_id
        assert result["internal"] is False, doc_id
