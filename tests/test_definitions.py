"""Definition files: the project's own validate, and broken ones fail with file, location and problem."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from macros.definitions import load_registry
from widgets.errors import DefinitionError
from widgets.registry import Registry, bundle_json

GOOD = {"kind": "checklist", "id": "x", "version": 1, "title": "T",
        "conditions": [{"id": "c", "label": "条件"}],
        "sections": [{"id": "s", "title": "S", "items": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]}]}


def broken(change):
    data = copy.deepcopy(GOOD)
    change(data)
    return data


@pytest.mark.parametrize(("data", "path", "problem"), [
    (broken(lambda d: d.pop("title")), "(top level)", "missing required key 'title'"),
    (broken(lambda d: d.update(titel="typo")), "(top level)", "unknown key 'titel'"),
    (broken(lambda d: d.update(kind="quiz")), "kind", "unknown kind 'quiz'"),
    (broken(lambda d: d.update(version=0)), "version", "at least 1"),
    (broken(lambda d: d.update(id="Bad Id")), "id", "lowercase letters"),
    (broken(lambda d: d["sections"][0]["items"][1].update(text="")), "sections[0].items[1].text", "non-empty"),
    (broken(lambda d: d["sections"][0]["items"][1].update(id="a")), "sections", "duplicate item"),
    (broken(lambda d: d["sections"][0]["items"][0].update(show_if="nope")), "sections[0].items[0].show_if",
     "unknown condition 'nope'"),
    (broken(lambda d: d["sections"][0].update(items=[])), "sections[0].items", "at least 1"),
    (broken(lambda d: d.update(sections="none")), "sections", "must be a list"),
    ("just text", "(top level)", "must be a mapping"),
])
def test_invalid_definitions_name_the_location_and_the_problem(data, path, problem):
    with pytest.raises(DefinitionError) as raised:
        Registry.from_sources({"widgets/definitions/x.yml": data})
    assert raised.value.source == "widgets/definitions/x.yml"
    assert raised.value.path == path
    assert problem in raised.value.problem


def test_the_same_id_in_two_files_names_both_files():
    with pytest.raises(DefinitionError) as raised:
        Registry.from_sources({"a.yml": GOOD, "b.yml": GOOD})
    assert str(raised.value) == "b.yml: id: checklist id 'x' is already defined in a.yml"


def test_project_definitions_validate(registry):
    assert "first-response" in registry.by_kind["checklist"]


def write(tmp_path: Path, text: str) -> Path:
    directory = tmp_path / "widgets" / "definitions"
    directory.mkdir(parents=True)
    (directory / "broken.yml").write_text(text, encoding="utf-8")
    return directory


def test_yaml_errors_report_line_and_column(tmp_path):
    directory = write(tmp_path, "kind: checklist\nid: [unclosed\n")
    with pytest.raises(DefinitionError, match=r"widgets/definitions/broken.yml: line \d+, column \d+: is not valid YAML"):
        load_registry(directory)


def test_schema_errors_report_the_yaml_line(tmp_path):
    text = json.dumps(GOOD, indent=1).replace('"text": "B"', '"text": ""')
    directory = write(tmp_path, text)
    with pytest.raises(DefinitionError) as raised:
        load_registry(directory)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"text": ""' in row)
    assert str(raised.value) == (f"widgets/definitions/broken.yml: sections[0].items[1].text (line {line}): "
                                 "must be a non-empty text")


def test_bundle_round_trips_to_an_identical_registry():
    bundle = json.loads(bundle_json({"x.yml": GOOD}))
    assert Registry.from_sources(bundle["sources"]) == Registry.from_sources({"x.yml": GOOD})


def test_a_key_written_twice_names_the_file_and_line(tmp_path):
    directory = write(tmp_path, "kind: checklist\nid: x\nversion: 1\nversion: 2\ntitle: T\n")
    with pytest.raises(DefinitionError) as raised:
        load_registry(directory)
    assert str(raised.value) == ("widgets/definitions/broken.yml: line 4, column 1: "
                                 "key 'version' is written twice (first on line 3)")


def test_a_key_written_twice_deep_inside_is_found_too(tmp_path):
    text = json.dumps(GOOD, indent=1).replace('"text": "B"', '"text": "B", "text": "C"')
    with pytest.raises(DefinitionError, match=r"broken.yml: line \d+, column \d+: key 'text' is written twice"):
        load_registry(write(tmp_path, text))
