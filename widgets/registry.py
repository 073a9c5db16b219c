"""The set of validated definitions, keyed by kind and id.

At build time the definitions come from YAML files (parsed by the build, see ``macros/definitions.py``);
in the browser they come from ``bundle.json``, written into the wheel by the build from the same data.
Each definition is parsed, then linked, by its kind (:data:`widgets.kinds.KINDS`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .errors import DefinitionError, RequestError
from .kinds import BY_NAME, KINDS
from .schema import Node

BUNDLE = "bundle.json"


@dataclass
class Registry:
    """Validated definitions by kind, then id, and the file each one came from."""

    by_kind: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[tuple[str, str], str] = field(default_factory=dict)

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
        if kind.value not in BY_NAME:
            raise kind.fail(f"unknown kind {kind.value!r} (known: {', '.join(sorted(BY_NAME))})")
        definition = BY_NAME[kind.value].parse(node)
        same_kind = self.by_kind.setdefault(kind.value, {})
        if definition.id in same_kind:
            other = self.sources[(kind.value, definition.id)]
            raise node.child("id").fail(f"{kind.value} id '{definition.id}' is already defined in {other}")
        same_kind[definition.id] = definition
        self.sources[(kind.value, definition.id)] = node.source

    def link(self) -> None:
        """Resolve the references between definitions (each kind's ``link``)."""
        for kind in KINDS:
            if kind.link is not None:
                for identifier, definition in self.by_kind.get(kind.name, {}).items():
                    self.by_kind[kind.name][identifier] = kind.link(definition, self)

    def verify(self) -> None:
        """Run the build-time checks of every kind (``verify``), too slow to repeat in the browser.

        Raises:
            DefinitionError: for the first definition that fails its checks.
        """
        for kind in KINDS:
            if kind.verify is not None:
                for definition in self.by_kind.get(kind.name, {}).values():
                    kind.verify(definition, self)

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

    def only(self, kind: str) -> Any:
        """Return the one definition of a kind (the incident form).

        Raises:
            RequestError: when there is none or more than one.
        """
        known = list(self.by_kind.get(kind, {}).values())
        if len(known) != 1:
            raise RequestError(f"exactly one {kind} definition is needed, found {len(known)}")
        return known[0]

    def source_of(self, kind: str, identifier: str) -> str:
        """Return the file a definition came from."""
        return self.sources[(kind, identifier)]


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
        raise DefinitionError(BUNDLE, (), "the package was built without its definitions") from error
    return Registry.from_sources(json.loads(text)["sources"])
