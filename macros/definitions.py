"""Read the YAML definition files for the build and report errors with file, line and location.

Each file is parsed once into a node tree that keeps line numbers; the data is built from that tree by a
loader that rejects a key written twice in one mapping.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from widgets.errors import DefinitionError, FileError, Step
from widgets.registry import Registry

DEFINITIONS_DIR = Path(__file__).resolve().parent.parent / "widgets" / "definitions"


class _DuplicateKey(yaml.MarkedYAMLError):
    """A mapping writes the same key twice (YAML would silently keep the last one)."""


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, failing on duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)
        lines: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in lines:
                raise _DuplicateKey(problem=f"key '{key}' is written twice (first on line {lines[key]})",
                                    problem_mark=key_node.start_mark)
            lines[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


def parse_yaml(text: str, name: str) -> tuple[Any, yaml.Node | None]:
    """Parse one definition file: its data and its node tree (for line numbers).

    Raises:
        FileError: for text that is not valid YAML or repeats a key, with its line and column.
    """
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = problem if isinstance(error, _DuplicateKey) else f"is not valid YAML ({problem})"
        raise FileError(name, line, column, what) from None
    finally:
        loader.dispose()


def read_sources(directory: Path = DEFINITIONS_DIR) -> dict[str, tuple[Any, yaml.Node | None]]:
    """Parse every ``*.yml`` file below ``directory``: ``{relative name: (data, YAML node)}``."""
    sources = {}
    for path in sorted(directory.rglob("*.yml")):
        name = path.relative_to(directory.parent.parent).as_posix()
        sources[name] = parse_yaml(path.read_text(encoding="utf-8"), name)
    return sources


def load_registry(directory: Path = DEFINITIONS_DIR) -> tuple[Registry, dict[str, Any]]:
    """Validate and verify every definition; return the registry and the raw data for the browser bundle.

    Raises:
        DefinitionError: for the first invalid file, with the line of the offending location added.
    """
    sources = read_sources(directory)
    raw = {name: data for name, (data, _) in sources.items()}
    try:
        registry = Registry.from_sources(raw)
        registry.verify()
    except DefinitionError as error:
        node = sources.get(error.source, (None, None))[1]
        raise error.at_line(line_of(node, error.steps)) from None
    return registry, raw


def line_of(node: yaml.Node | None, steps: tuple[Step, ...]) -> int | None:
    """Return the 1-based line of a location such as ``("sections", 1, "items", 0)`` in a YAML tree.

    A step that is not in the tree (a missing key) gives the line of the deepest node found.
    """
    for step in steps:
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        elif isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == step), node)
        else:
            break
    return node.start_mark.line + 1 if node is not None else None
