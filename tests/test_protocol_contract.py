"""The runtime protocol as a contract: the static HTML of every definition and its ``view`` answers agree.

For every definition that pages embed (found in the registry), the keys the page asks for
(``data-kb-out``, ``data-kb-show``, ``data-kb-state-of``, ``data-kb-list``, ``data-kb-marks``) are exactly
the keys the ``view`` operation answers, for an empty and for a filled state: nothing the page reads is
missing, nothing sent is unread. The ``data-kb-*`` names of the pages are the ones ARCHITECTURE.md documents.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from macros.html import render_definition
from tests.conftest import ROOT
from tests.support import NOW, STATES, result
from widgets.kinds import KINDS

OUTPUTS = {"data-kb-out": "text", "data-kb-show": "show", "data-kb-state-of": "states", "data-kb-list": "lists",
           "data-kb-marks": "marks"}


class Attributes(HTMLParser):
    """Collects every ``data-kb-*`` attribute of a page fragment: ``{name: {values}}``."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, set[str]] = {}

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("data-kb-"):
                self.found.setdefault(name, set()).add(value or "")


def attributes(html: str) -> dict[str, set[str]]:
    parser = Attributes()
    parser.feed(html)
    return parser.found


def embedded(registry) -> list[tuple]:
    return [(kind, identifier) for kind in KINDS if kind.page
            for identifier in sorted(registry.by_kind.get(kind.name, {}))]


def pytest_generate_tests(metafunc):
    if "embedded_definition" in metafunc.fixturenames:
        from macros.definitions import load_registry
        cases = embedded(load_registry()[0])
        metafunc.parametrize("embedded_definition", cases, ids=[f"{k.name}:{i}" for k, i in cases])


@pytest.mark.parametrize("filled", [False, True], ids=["default", "filled"])
def test_the_page_reads_exactly_what_view_answers(registry, embedded_definition, filled):
    kind, identifier = embedded_definition
    definition = registry.get(kind.name, identifier)
    found = attributes(render_definition(kind, definition, registry, "tools/x/"))
    state = STATES[kind.name][filled](definition)
    view = result({"kind": kind.name, "id": identifier, "op": "view", "state": state, "now": NOW}, registry)
    assert set(view) <= set(OUTPUTS.values()), f"unknown outputs: {set(view) - set(OUTPUTS.values())}"
    for attribute, output in OUTPUTS.items():
        asked, sent = found.get(attribute, set()), set(view.get(output, {}))
        assert asked - sent == set(), f"{attribute}: the page asks for keys the view never sends"
        assert sent - asked == set(), f"{output}: the view sends keys no element reads"


def test_every_embedded_kind_has_states_for_the_contract():
    assert {kind.name for kind in KINDS if kind.page} == set(STATES)


def documented_attributes() -> set[str]:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text.split("## The runtime protocol", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"data-kb-[a-z-]+", table))


def test_every_attribute_of_the_pages_is_documented_and_every_documented_one_is_used(registry):
    used: set[str] = set()
    for kind, identifier in embedded(registry):
        used |= set(attributes(render_definition(kind, registry.get(kind.name, identifier), registry, "")))
    runtime = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "assets" / "kb").glob("*.mjs"))
    assert used - documented_attributes() == set(), "document these in ARCHITECTURE.md"
    unused = {name for name in documented_attributes() - used if name not in runtime}
    assert unused == set(), "ARCHITECTURE.md documents attributes that no page carries"


def test_exactly_the_widgets_whose_view_changes_with_time_are_re_viewed(registry, embedded_definition):
    kind, identifier = embedded_definition
    definition = registry.get(kind.name, identifier)
    found = attributes(render_definition(kind, definition, registry, ""))
    request = {"kind": kind.name, "id": identifier, "op": "view", "state": STATES[kind.name][1](definition)}
    later = [result({**request, "now": now}, registry) for now in (NOW, "2026-12-03T09:30:00")]
    assert ("data-kb-clock" in found) == (later[0] != later[1])
