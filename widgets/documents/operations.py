"""The JSON operations of documents and incidents (registered in ``widgets.api.OPERATIONS``).

Document request (``view`` or ``export``)::

    {"kind": "document", "id": "apology-mail", "op": "view", "now": "2026-11-28T14:05:00",
     "state": {"incident": {...}, "options": {...}}}

``view`` answers ``{"text": {"preview": str, "subject": str}, "missing": [source, ...], "notes": [str, ...],
"blocks": [{"role": str, "text": str}, ...], "lists": {...}, "show": {...}}`` (``lists`` and ``show`` repeat the
same facts for the runtime's ``data-kb-list`` and ``data-kb-show``); ``export`` answers the plain text to copy or
download.

Incident requests use ``"kind": "incident", "id": "incident"``: ``normalize`` and ``view`` read
``state.incident`` (or ``state`` itself when it has no ``incident`` key), ``import`` reads ``document``
(an export), ``export`` answers the export document ``{"format": "kb-incident", "version": 1, "incident": {...}}``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import jdate, timefmt
from ..errors import RequestError
from . import incident as incident_model
from .render import Rendered, normalize_options, render
from .template import Document
from .values import Context, OptionValues


def _now(request: dict[str, Any]) -> datetime:
    now = timefmt.parse_local(request.get("now"))
    if now is None:
        raise RequestError("'now' must be a local ISO time such as 2026-11-28T14:05:00")
    return now


def _state(request: dict[str, Any]) -> dict[str, Any]:
    state = request.get("state")
    return state if isinstance(state, dict) else {}


def _render(document: Document, request: dict[str, Any]) -> tuple[Rendered, list[str]]:
    state = _state(request)
    normalized = incident_model.normalize(state.get("incident"))
    options, calendar, option_notes = normalize_options(document, state.get("options"))
    rendered = render(document, normalized.incident, options, _now(request), calendar)
    return rendered, [*normalized.notes, *option_notes, *rendered.notes]


def document_view(document: Document, request: dict[str, Any]) -> dict[str, Any]:
    """Answer ``view``: the preview text, the subject, what is missing, notes and layout blocks.

    ``lists`` and ``show`` repeat the same information in the shape of the page runtime
    (``data-kb-list`` entries ``{text, state}``, ``data-kb-show`` flags): ``lists.blocks`` carries each
    paragraph with its layout role as ``state`` (for the A4 print layout of letters and reports).
    """
    rendered, notes = _render(document, request)
    labels = {f"options.{option.id}": option.label for option in document.options}
    missing_labels = [labels.get(source) or incident_model.BY_ID[source].label for source in rendered.missing]
    return {
        "text": {"preview": rendered.body, "subject": rendered.subject},
        "missing": list(rendered.missing),
        "notes": notes,
        "blocks": [dict(block) for block in rendered.blocks],
        "lists": {"missing": [{"text": label} for label in missing_labels],
                  "notes": [{"text": note} for note in notes],
                  "blocks": [{"text": block["text"], "state": block["role"]} for block in rendered.blocks]},
        "show": {"missing": bool(rendered.missing), "notes": bool(notes), "subject": bool(rendered.subject)},
    }


def document_export(document: Document, request: dict[str, Any]) -> str:
    """Answer ``export``: the plain text the page copies or downloads (subject line first, if any)."""
    return _render(document, request)[0].plain_text()


def _incident_state(request: dict[str, Any]) -> Any:
    state = request.get("state")
    return state.get("incident") if isinstance(state, dict) and "incident" in state else state


def _normalized(result: incident_model.Normalized) -> dict[str, Any]:
    return {"incident": result.incident, "notes": list(result.notes)}


def incident_normalize(_form: Any, request: dict[str, Any]) -> dict[str, Any]:
    """Answer ``normalize``: the clean incident and notes about what was dropped."""
    return _normalized(incident_model.normalize(_incident_state(request)))


def incident_import(_form: Any, request: dict[str, Any]) -> dict[str, Any]:
    """Answer ``import``: the incident of an export document (``request["document"]``)."""
    return _normalized(incident_model.import_document(request.get("document")))


def incident_export(_form: Any, request: dict[str, Any]) -> dict[str, Any]:
    """Answer ``export``: the JSON document to save as a file."""
    return incident_model.export_document(incident_model.normalize(_incident_state(request)).incident)


def incident_view(_form: Any, request: dict[str, Any]) -> dict[str, Any]:
    """Answer ``view``: the list label and the promised times as words (for the incident page)."""
    normalized = incident_model.normalize(_incident_state(request))
    context = Context(normalized.incident, OptionValues({}, {}, {}), _now(request), jdate.OfficeCalendar())
    text = {"label": incident_model.display_title(normalized.incident)}
    notes = list(normalized.notes)
    for name in ("next_contact", "cause_report"):
        value = context.value(name)
        text[name] = "" if value.missing else value.text
        notes += value.notes
    missing = ["title"] if not incident_model.text(normalized.incident, "title") else []
    return {"text": text, "missing": missing, "notes": notes}
