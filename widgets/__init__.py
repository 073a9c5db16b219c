"""Widget logic of the knowledge base, shared by the build (CPython) and the browser (Pyodide).

The package is pure Python with the standard library only: no DOM, no browser imports and no I/O
beyond reading its own bundled definitions. The browser calls :func:`widgets.api.handle`.
"""

__version__ = "0.1.0"
