"""The set of validated definitions, keyed by kind and id.

At build time the definitions come from YAML files (parsed by the build, see ``macros/definitions.py``);
in the browser they come from ``bundle.json``, written into the wheel by the build from the same data.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from . import checker, checklist
from .documents import incident as documents_incident
from .documents import template as documents_template
from .errors import DefinitionError, RequestError
from .schema import Node

PARSERS: dict[str, Callable[[Node], Any]] = {
    "checklist": checklist.parse,
    "document": documents_template.parse,
    "incident": documents_incident.parse_form,
    "checker-rules": checker.parse_rules,
    "checker": checker.parse_checker,
}
# Kinds whose definitions refer to other definitions: called once every file is added, a linker returns the
# definition with its references resolved, or raises DefinitionError (e.g. a checker naming an unknown family).
LINKERS: dict[str, Callable[[Any, Registry], Any]] = {"checker": checker.link}
BUNDLE = "bundle.json"


@dataclass
class Registry:
    """Validated definitions by kind, then id."""

    by_kind: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_sources(cls, sources: dict[str, Any]) -> Registry:
        """Validate raw definitions, given as ``{source name: parsed data}``.

        Raises:
            DefinitionError: for the first invalid definition, or an id defined twice.
        """
        registry = cls()
        for source, raw in sorted(sources.items()):
            registry.add(Node(raw, source))
        registry.link()
        return registry

    def add(self, node: Node) -> None:
        """Validate one definition and add it."""
        kind = node.mapping({"kind"}, set(node.value) if isinstance(node.value, dict) else set()).child("kind")
        if kind.value not in PARSERS:
            raise kind.fail(f"unknown kind {kind.value!r} (known: {', '.join(sorted(PARSERS))})")
        definition = PARSERS[kind.value](node)
        same_kind = self.by_kind.setdefault(kind.value, {})
        if definition.id in same_kind:
            raise node.child("id").fail(f"{kind.value} id '{definition.id}' is already defined in another file")
        same_kind[definition.id] = definition

    def link(self) -> None:
        """Resolve the references between definitions (see ``LINKERS``)."""
        for kind, linker in LINKERS.items():
            for identifier, definition in self.by_kind.get(kind, {}).items():
                self.by_kind[kind][identifier] = linker(definition, self)

    def get(self, kind: str, identifier: str) -> Any:
        """Return a definition.

        Raises:
            RequestError: naming the unknown id and the known ones.
        """
        known = self.by_kind.get(kind, {})
        if identifier not in known:
            names = ", ".join(sorted(known)) or "none"
            raise RequestError(f"unknown {kind} id {identifier!r} (known: {names})")
        return known[identifier]


def bundle_json(sources: dict[str, Any]) -> str:
    """Serialize raw definitions for the wheel, after checking that they validate."""
    Registry.from_sources(sources)
    return json.dumps({"sources": sources}, ensure_ascii=False, sort_keys=True)


@cache
def bundled() -> Registry:
    """Return the registry shipped inside the package (used in the browser)."""
    try:
        text = resources.files(__package__).joinpath(BUNDLE).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DefinitionError(BUNDLE, "", "the package was built without its definitions") from error
    return Registry.from_sources(json.loads(text)["sources"])
