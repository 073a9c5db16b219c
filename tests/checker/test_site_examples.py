"""The model texts of the guidance page must pass the checker without an error-level finding."""

from __future__ import annotations

import re

import pytest

from tests.checker.test_rules import CHECKER
from tests.conftest import ROOT
from widgets.checker import check

PAGE = ROOT / "docs" / "respond" / "effective-apology.md"


def model_texts() -> list[str]:
    """Return the ```text blocks and the multi-line quotes (phone scripts) of the page, unindented."""
    markdown = PAGE.read_text(encoding="utf-8")
    blocks = [re.sub(r"(?m)^ {4}", "", block) for block in re.findall(r"```text\n(.*?)```", markdown, re.S)]
    quotes = re.findall(r"(?m)(?:^[ \t]*>.*\n){3,}", markdown)
    scripts = ["\n".join(line.strip().lstrip(">").strip() for line in quote.splitlines()) for quote in quotes]
    return blocks + scripts


def test_the_page_still_has_model_texts():
    assert len(model_texts()) >= 3


@pytest.mark.parametrize("text", model_texts(), ids=lambda text: text.strip().splitlines()[0][:20])
def test_model_texts_get_no_error(text):
    errors = [(f["rule"], f["excerpt"]) for f in check(text, CHECKER)["findings"] if f["severity"] == "error"]
    assert errors == []
