"""Every kind of definition the widgets know; the registry, the API and the build iterate over this list.

Adding a kind: a package with a ``kind.py`` that builds its :class:`~widgets.kind.Kind` record(s), and one
line here.
"""

from __future__ import annotations

from .checker import kind as checker
from .checklist import kind as checklist
from .documents import kind as documents
from .kind import Kind

KINDS: tuple[Kind, ...] = (
    checklist.KIND,
    *documents.KINDS,
    *checker.KINDS,
)
BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
