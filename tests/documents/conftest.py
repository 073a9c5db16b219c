"""Fixtures of the document tests: the registry of the document definitions only.

Loading only ``widgets/definitions/documents/`` keeps these tests independent of the other
definition kinds; ``tests/test_definitions.py`` and the build check the whole set.
"""

from __future__ import annotations

import pytest

from macros.definitions import DEFINITIONS_DIR, load_registry

DOCUMENTS_DIR = DEFINITIONS_DIR / "documents"


@pytest.fixture(scope="session")
def documents_raw():
    """The raw document definitions, as the bundle of the wheel carries them."""
    return load_registry(DOCUMENTS_DIR)[1]


@pytest.fixture(scope="session")
def registry():
    """The registry of the document and incident definitions."""
    return load_registry(DOCUMENTS_DIR)[0]
