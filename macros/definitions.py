"""Read the YAML definition files for the build and report errors with file, line and location."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from widgets.errors import DefinitionError
from widgets.registry import Registry

DEFINITIONS_DIR = Path(__file__).resolve().parent.parent / "widgets" / "definitions"


def read_sources(directory: Path = DEFINITIONS_DIR) -> dict[str, tuple[Any, yaml.Node | None]]:
    """Parse every ``*.yml`` file below ``directory``: ``{relative name: (data, YAML node)}``.

    Raises:
        DefinitionError: for a file that is not valid YAML, with its line and column.
    """
    sources = {}
    for path in sorted(directory.rglob("*.yml")):
        name = path.relative_to(directory.parent.parent).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            sources[name] = (yaml.safe_load(text), yaml.compose(text))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise DefinitionError(name, where, f"is not valid YAML ({getattr(error, 'problem', error)})") from None
    return sources


def load_registry(directory: Path = DEFINITIONS_DIR) -> tuple[Registry, dict[str, Any]]:
    """Validate every definition; return the registry and the raw data for the browser bundle.

    Raises:
        DefinitionError: for the first invalid file, with the line of the offending location added.
    """
    sources = read_sources(directory)
    raw = {name: data for name, (data, _) in sources.items()}
    try:
        return Registry.from_sources(raw), raw
    except DefinitionError as error:
        node = sources.get(error.source, (None, None))[1]
        line = line_of(node, error.path)
        path = f"{error.path} (line {line})" if line else error.path
        raise DefinitionError(error.source, path, error.problem) from None


def line_of(node: yaml.Node | None, path: str) -> int | None:
    """Return the 1-based line of a location such as ``sections[1].items[0].text`` in a YAML tree."""
    for step in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if isinstance(node, yaml.SequenceNode) and step.startswith("["):
            index = int(step[1:-1])
            node = node.value[index] if index < len(node.value) else node
        elif isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), node)
        else:
            break
    return node.start_mark.line + 1 if node is not None else None
