"""MkDocs hook: let ``mkdocs serve`` pick up edits to ``widgets/`` and ``macros/`` on every rebuild.

mkdocs-macros imports the ``macros`` package with ``importlib.import_module`` in its ``on_config``, so after the
first build the cached modules (and the ``widgets`` modules they import) would be reused. This hook runs first
in ``on_config`` of every build and drops those modules, so the build imports the edited code.
"""

import sys

from mkdocs.plugins import event_priority


@event_priority(100)
def on_config(config):
    """Forget the project's modules before mkdocs-macros imports them."""
    for name in [name for name in sys.modules if name.split(".")[0] in {"macros", "widgets"}]:
        del sys.modules[name]
    return config
