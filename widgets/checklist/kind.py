"""The checklist kind: its request operations and how pages embed it (``{{ checklist("id") }}``).

Requests (``state`` is what the page stores, see :mod:`.state`)::

    {"op": "view", "state": {...}, "now": "2026-11-28T14:05:00"}        -> {text, show, states, lists}
    {"op": "export", "format": "text" | "markdown" | "json", ...}       -> {text, filename, mime}
    {"op": "normalize", "state": {...}}                                 -> {state, notes}
    {"op": "import", "document": {...}}                                 -> {state, notes}
"""

from __future__ import annotations

from typing import Any

from ..documents.incident import BY_ID as INCIDENT_FIELDS
from ..errors import DefinitionError
from ..kind import Kind, Page, export_format, exported, json_text, request_now
from . import static_html
from .export import export_text
from .model import Checklist
from .outputs import view
from .parse import parse
from .state import EXPORT_FORMAT, Normalized, import_document, normalize


def _answer(result: Normalized) -> dict[str, Any]:
    return {"state": result.state, "notes": list(result.notes)}


def view_op(checklist: Checklist, request: dict[str, Any]) -> dict[str, Any]:
    """Answer ``view``: every output of the page for the normalized state."""
    return view(checklist, normalize(checklist, request.get("state")).state, request_now(request))


def export_op(checklist: Checklist, request: dict[str, Any]) -> dict[str, str]:
    """Answer ``export``: plain text or Markdown to paste, or the JSON document that ``import`` reads back."""
    export = export_format(request, ("text", "markdown", "json"))
    state = normalize(checklist, request.get("state")).state
    now = request_now(request)
    if export == "json":
        document = {"format": EXPORT_FORMAT, "checklist": checklist.id, "title": checklist.title,
                    "definition_version": checklist.version,
                    "exported_at": request["now"], "state": state}
        return exported(checklist.title, now, export, json_text(document))
    return exported(checklist.title, now, export, export_text(checklist, state, now, markdown=export == "markdown"))


def link(checklist: Checklist, registry: Any) -> Checklist:
    """Check that fields mirroring the incident record name real incident fields.

    Raises:
        DefinitionError: at ``fields[i].incident``, listing the known fields.
    """
    for index, field in enumerate(checklist.fields):
        if field.incident and field.incident not in INCIDENT_FIELDS:
            raise DefinitionError(registry.source_of("checklist", checklist.id), ("fields", index, "incident"),
                                  f"unknown incident field '{field.incident}' (known: {', '.join(INCIDENT_FIELDS)})")
    return checklist


KIND = Kind(
    name="checklist",
    parse=parse,
    link=link,
    operations={
        "view": view_op,
        "export": export_op,
        "normalize": lambda checklist, request: _answer(normalize(checklist, request.get("state"))),
        "import": lambda checklist, request: _answer(import_document(checklist, request.get("document"))),
    },
    page=Page(macro="checklist", template="checklist.html", context=static_html.context),
)
