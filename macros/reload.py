"""Let ``mkdocs serve`` pick up edits to ``widgets/`` and ``macros/`` on every rebuild (no MkDocs hook needed).

mkdocs-macros imports the ``macros`` package with ``importlib.import_module`` in its ``on_config``, so after the
first build the cached modules (and the ``widgets`` modules they import) would be reused. The macros module calls
:func:`forget_project_modules` at the end of each build, so the next build imports the edited code.
"""

from __future__ import annotations

import sys

PACKAGES = frozenset({"macros", "widgets"})


def forget_project_modules() -> list[str]:
    """Drop the project's modules from the import cache; return their names."""
    names = [name for name in sys.modules if name.split(".")[0] in PACKAGES]
    for name in names:
        del sys.modules[name]
    return names
