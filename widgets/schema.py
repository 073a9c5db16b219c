"""Small helpers to validate plain data (parsed YAML or JSON) with precise error locations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import DefinitionError, Step

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class Node:
    """A value inside a definition, with the file and path it was found at."""

    value: Any
    source: str
    steps: tuple[Step, ...] = ()

    def fail(self, problem: str) -> DefinitionError:
        """Return an error located at this node."""
        return DefinitionError(self.source, self.steps, problem)

    def child(self, key: Step) -> Node:
        """Return the node of a mapping key or a list index (missing keys give ``None``)."""
        value = self.value[key] if isinstance(key, int) else self.value.get(key)
        return Node(value, self.source, (*self.steps, key))

    def mapping(self, required: set[str], optional: set[str] = frozenset()) -> Node:
        """Check that this node is a mapping with the given keys and no unknown ones."""
        if not isinstance(self.value, dict):
            raise self.fail(f"must be a mapping, got {type_name(self.value)}")
        missing = sorted(required - self.value.keys())
        if missing:
            raise self.fail(f"missing required key '{missing[0]}'")
        unknown = sorted(set(self.value) - required - optional)
        if unknown:
            allowed = ", ".join(sorted(required | optional))
            raise self.fail(f"unknown key '{unknown[0]}' (allowed: {allowed})")
        return self

    def items(self, *, min_items: int = 0) -> list[Node]:
        """Return the child nodes of a list, checking its length."""
        if not isinstance(self.value, list):
            raise self.fail(f"must be a list, got {type_name(self.value)}")
        if len(self.value) < min_items:
            raise self.fail(f"must contain at least {min_items} entr{'y' if min_items == 1 else 'ies'}")
        return [self.child(i) for i in range(len(self.value))]

    def optional_items(self) -> list[Node]:
        """Return the child nodes of a list that may be absent."""
        return [] if self.value is None else self.items()

    def flag(self, default: bool = False) -> bool:
        """Return a true/false value, or ``default`` when the key is absent."""
        if self.value is None:
            return default
        if not isinstance(self.value, bool):
            raise self.fail(f"must be true or false, got {self.value!r}")
        return self.value

    def text(self, *, max_length: int = 400) -> str:
        """Return a non-empty string value."""
        if not isinstance(self.value, str) or not self.value.strip():
            raise self.fail("must be a non-empty text")
        if len(self.value) > max_length:
            raise self.fail(f"is too long ({len(self.value)} characters, at most {max_length})")
        return self.value.strip()

    def optional_text(self, *, max_length: int = 400) -> str:
        """Return a string value, or an empty string when the key is absent."""
        return "" if self.value is None else self.text(max_length=max_length)

    def identifier(self) -> str:
        """Return an id: lowercase ASCII letters, digits and hyphens."""
        if not isinstance(self.value, str) or not ID_PATTERN.match(self.value):
            raise self.fail(f"must be an id of lowercase letters, digits and hyphens, got {self.value!r}")
        return self.value

    def integer(self, *, minimum: int = 0) -> int:
        """Return an integer value not below ``minimum``."""
        if isinstance(self.value, bool) or not isinstance(self.value, int) or self.value < minimum:
            raise self.fail(f"must be a whole number of at least {minimum}, got {self.value!r}")
        return self.value

    def id_list(self) -> tuple[str, ...]:
        """Return a possibly absent list of ids."""
        if self.value is None:
            return ()
        return tuple(node.identifier() for node in self.items())


def type_name(value: Any) -> str:
    """Name the YAML type of a value for error messages."""
    names = {dict: "a mapping", list: "a list", str: "a text", bool: "true/false", int: "a number",
             float: "a number", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


def unique_ids(ids: list[str], node: Node, what: str) -> set[str]:
    """Check that no id repeats (the error is located at ``node``); return the set of ids."""
    seen: set[str] = set()
    for identifier in ids:
        if identifier in seen:
            raise node.fail(f"duplicate {what} id '{identifier}'")
        seen.add(identifier)
    return seen
