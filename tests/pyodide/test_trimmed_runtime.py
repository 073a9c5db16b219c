"""Every operation of every definition works on the trimmed standard library, with empty and filled states."""

from __future__ import annotations

import zipfile

import pytest

from macros import exercise, site_assets
from macros.definitions import load_registry
from macros.wheel import build_wheel
from tests.pyodide import run_in_pyodide
from tests.support import STATES
from widgets.kinds import KINDS
from widgets.registry import bundle_json


def every_request(registry) -> list[dict]:
    """Each operation (each export format) of each definition, with its empty and its filled state."""
    requests = []
    for kind in KINDS:
        states = STATES.get(kind.name, (lambda definition: {},) * 2)
        for identifier in sorted(registry.by_kind.get(kind.name, {})):
            definition = registry.get(kind.name, identifier)
            for make_state in states:
                requests += exercise.requests(kind.name, identifier, kind.operations, make_state(definition))
    return requests


@pytest.mark.slow
def test_every_operation_answers_on_the_trimmed_standard_library(tmp_path, registry):
    _, raw = load_registry()
    wheel = build_wheel(tmp_path, bundle_json(raw), requires=site_assets.BROWSER_DEPENDENCIES)
    trimmed = site_assets.make_snapshot([wheel, *site_assets.dependency_wheels()]).with_suffix(".zip")
    with zipfile.ZipFile(site_assets.PYODIDE_NPM / site_assets.STDLIB_NAME) as full, zipfile.ZipFile(trimmed) as kept:
        assert len(kept.namelist()) < len(full.namelist()) * 0.7, "the zip should hold far fewer modules than Pyodide's"
    requests = every_request(registry)
    output = run_in_pyodide(raw, requests, tmp_path, stdlib=trimmed)
    assert len(output["responses"]) == len(requests) > 100
    answers = [{"request": request, "response": response}
               for request, response in zip(requests, output["responses"], strict=True)]
    assert exercise.unexpected(answers) == []
