"""Errors raised while loading definitions or handling requests."""

from __future__ import annotations

Step = str | int
"""One step of a location inside a definition: a mapping key or a list index."""


def format_path(steps: tuple[Step, ...]) -> str:
    """Write a location as ``sections[1].items[0].text`` (``(top level)`` for the definition itself).

    >>> format_path(("sections", 1, "items", 0, "text")), format_path(())
    ('sections[1].items[0].text', '(top level)')
    """
    text = ""
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "(top level)"


class DefinitionError(ValueError):
    """A definition file does not match its schema.

    Attributes:
        source: The file (or bundle entry) the definition came from.
        steps: Location inside the definition, e.g. ``("sections", 1, "items", 0, "text")``.
        problem: What is wrong, in one sentence.
        line: The 1-based line in the file, when the build knows it.
    """

    def __init__(self, source: str, steps: tuple[Step, ...], problem: str, line: int | None = None) -> None:
        self.source = source
        self.steps = steps
        self.problem = problem
        self.line = line
        where = self.path + (f" (line {line})" if line else "")
        super().__init__(f"{source}: {where}: {problem}")

    @property
    def path(self) -> str:
        """The location as text, e.g. ``sections[1].items[0].text``."""
        return format_path(self.steps)

    def at_line(self, line: int | None) -> DefinitionError:
        """Return the same error with the line of its location in the file."""
        return DefinitionError(self.source, self.steps, self.problem, line)


class FileError(DefinitionError):
    """A definition file cannot be read as YAML at all (the location is a line and column, not a path)."""

    def __init__(self, source: str, line: int, column: int, problem: str) -> None:
        super().__init__(source, (), problem, line)
        self.column = column
        ValueError.__init__(self, f"{source}: line {line}, column {column}: {problem}")


class RequestError(ValueError):
    """A request from the browser is malformed or names an unknown widget."""
