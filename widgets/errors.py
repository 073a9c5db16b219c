"""Errors raised while loading definitions or handling requests."""


class DefinitionError(ValueError):
    """A definition file does not match its schema.

    Attributes:
        source: The file (or bundle entry) the definition came from.
        path: Location inside the definition, e.g. ``sections[1].items[0].text``.
        problem: What is wrong, in one sentence.
    """

    def __init__(self, source: str, path: str, problem: str) -> None:
        self.source = source
        self.path = path
        self.problem = problem
        where = f"{source}: {path}" if path else source
        super().__init__(f"{where}: {problem}")


class RequestError(ValueError):
    """A request from the browser is malformed or names an unknown widget."""
