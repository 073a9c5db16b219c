"""Checklists: the definition model, its validation, and every computation from state to output.

The engine serves every checklist-like tool from data (``widgets/definitions/*.yml``, ``kind: checklist``):
check items with notes and conditions, tracked items (status, owner, due date), single-choice questions,
results computed from the answers, gated items and a timeline. Modules:

- :mod:`.model` the frozen dataclasses; :mod:`.parse` validates a definition; :mod:`.predicates` the
  ``show_if`` / ``when`` expressions; :mod:`.state` normalizes stored states; :mod:`.outputs` computes the
  ``view``; :mod:`.export` writes text and Markdown; :mod:`.static_html` gives the page template its
  variables; :mod:`.kind` is the kind unit (request operations and page).

Definition keys (all but ``kind``, ``id``, ``version``, ``title`` and ``sections`` are optional)::

    description, status_text, privacy      texts of the widget (status_text: shown until Python is ready)
    started: true, started_label, started_event   the start-time field, the elapsed time, the timeline's first entry
    progress: true                          the "done / total" counter
    conditions: [{id, label, hint}]         yes/no switches; `show_if: <id>` refers to them
    statuses: [{id, label, kind}]           tracked-item states; kind: open (the first one) | active | done | skipped
    owner_suggestions: [text]               suggestions of the owner field of tracked items
    fields: [{id, label, placeholder, incident}]  short texts at the top (stored at fields.<id>, exported);
                                            with ``incident: <field>`` they mirror the shared incident record
    incident: true                          link to the shared incident record (one state per incident)
    choice_sets: {name: [{id, label}]}      choices shared by several questions (`choices: <name>`)
    timeline: false                         the "what was done when" list (lists.timeline)
    persist: always | opt-in, keep_label    opt-in: nothing stored until the reader ticks "keep"
    actions: [name | {action, label}]       buttons: copy-text, download-text, download-markdown, export-json,
                                            import-json, print, reset (opt-in checklists must keep reset)
    sections:
      - id, title, lead, show_if
        track: false                        items get a status, an owner, a due date (needs `statuses`)
        numbered: false, notes: true        numbered steps; a note field per item
        questions: [{id, text, hint, choices, show_if, renamed_from}]     single choice, stored at answers.<id>
        items: [{id, text, hint, show_if, renamed_from,
                 owner_hint,                tracked sections only: the owner field's placeholder
                 requires: {items: [...], reason}}]   check items only: hidden until those items are settled
        results: [{id, title, text, when, otherwise, tone: info | attention | urgent, because,
                   links: [{text, href: "page/#anchor" | "https://...", tel, note}], note}]

Predicates (``show_if``, ``when``) are described in :mod:`.predicates`; they may only name questions and items
declared before them. Outputs of ``view`` are listed in :mod:`.outputs`.
"""

from .export import export_text
from .model import (
    Action,
    Checklist,
    Choice,
    Condition,
    Field,
    Gate,
    Item,
    Link,
    Predicate,
    Question,
    Result,
    Section,
    Status,
    Test,
)
from .outputs import progress, view
from .parse import parse
from .state import EXPORT_FORMAT, NOTE_MAX, Normalized, empty_state, import_document, normalize

__all__ = [
    "EXPORT_FORMAT", "NOTE_MAX", "Action", "Checklist", "Choice", "Condition", "Field", "Gate", "Item", "Link",
    "Normalized", "Predicate", "Question", "Result", "Section", "Status", "Test", "empty_state", "export_text",
    "import_document", "normalize", "parse", "progress", "view",
]
