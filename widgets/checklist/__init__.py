"""Checklists: the definition model, its validation, and every computation from state to output.

The engine serves every checklist-like tool from data (``widgets/definitions/*.yml``, ``kind: checklist``):
check items with notes and conditions, tracked items (status, owner, due date), single-choice questions,
results computed from the answers, gated items and a timeline. Modules:

- :mod:`.model` the frozen dataclasses; :mod:`.parse` validates a definition; :mod:`.predicates` the
  ``show_if`` / ``when`` expressions; :mod:`.state` normalizes stored states; :mod:`.outputs` computes the
  ``view``; :mod:`.export` writes text and Markdown.
"""

from .export import export_text
from .model import (Action, Checklist, Choice, Condition, Field, Gate, Item, Link, Predicate, Question, Result,
                    Section, Status, Test)
from .outputs import progress, view
from .parse import parse
from .state import EXPORT_FORMAT, NOTE_MAX, Normalized, empty_state, import_document, normalize

__all__ = [
    "EXPORT_FORMAT", "NOTE_MAX", "Action", "Checklist", "Choice", "Condition", "Field", "Gate", "Item", "Link",
    "Normalized", "Predicate", "Question", "Result", "Section", "Status", "Test", "empty_state", "export_text",
    "import_document", "normalize", "parse", "progress", "view",
]
