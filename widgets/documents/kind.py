"""The document and incident kinds: request operations, and how pages embed a document builder.

Document requests (``{{ document("apology-mail") }}`` pages)::

    {"kind": "document", "id": "apology-mail", "op": "view", "now": "2026-11-28T14:05:00",
     "state": {"incident": {...}, "options": {...}}}

``view`` answers the page outputs: ``text`` (``preview``, ``subject``), ``lists`` (``missing``, ``notes``,
and for letters ``blocks``, each paragraph with its layout role as ``state``) and ``show`` (``missing``,
``notes``, ``subject``). ``export`` (format ``text``) answers ``{text, filename, mime}``.

Incident requests use the incident definition's kind and id (the page's ``data-kb-incident-kind`` and
``data-kb-incident``): ``import`` reads ``document`` (an export file), ``export`` (format ``json``) reads
``state.incident`` (or ``state`` itself) and answers the export file.
"""

from __future__ import annotations

from typing import Any

from ..kind import Kind, Page, export_format, exported, json_text, request_now, request_state
from . import incident as incident_model
from .compose import Rendered, normalize_options, render
from .template import Document, parse


def render_request(document: Document, request: dict[str, Any]) -> tuple[Rendered, list[str]]:
    """Render a document for a request's state and time; return it with every note for the reader."""
    state = request_state(request)
    normalized = incident_model.normalize(state.get("incident"))
    options, option_notes = normalize_options(document, state.get("options"))
    rendered = render(document, normalized.incident, options, request_now(request))
    return rendered, [*normalized.notes, *option_notes, *rendered.notes]


def document_view(document: Document, request: dict[str, Any]) -> dict[str, Any]:
    """Answer ``view``: the preview, the subject, what is missing, notes and (letters) the layout blocks."""
    rendered, notes = render_request(document, request)
    labels = {f"options.{option.id}": option.label for option in document.options}
    missing = [labels.get(source) or incident_model.BY_ID[source].label for source in rendered.missing]
    lists: dict[str, list[dict[str, str]]] = {"missing": [{"text": label} for label in missing],
                                              "notes": [{"text": note} for note in notes]}
    if document.channel == "letter":
        lists["blocks"] = [{"text": block["text"], "state": block["role"]} for block in rendered.blocks]
    return {
        "text": {"preview": rendered.body, "subject": rendered.subject},
        "lists": lists,
        "show": {"missing": bool(missing), "notes": bool(notes), "subject": bool(rendered.subject)},
    }


def document_export(document: Document, request: dict[str, Any]) -> dict[str, str]:
    """Answer ``export``: the plain text the page copies or downloads (subject line first, if any)."""
    export = export_format(request, ("text",))
    return exported(document.title, request_now(request), export, render_request(document, request)[0].plain_text())


def incident_import(_form: incident_model.IncidentForm, request: dict[str, Any]) -> dict[str, Any]:
    """Answer ``import``: the incident of an export file (``request["document"]``), with notes."""
    result = incident_model.import_document(request.get("document"))
    return {"incident": result.incident, "notes": list(result.notes)}


def incident_export(form: incident_model.IncidentForm, request: dict[str, Any]) -> dict[str, str]:
    """Answer ``export``: the file that hands the incident over, named after its title."""
    export, now = export_format(request, ("json",)), request_now(request)
    state = request.get("state")
    raw = state.get("incident") if isinstance(state, dict) and "incident" in state else state
    incident = incident_model.normalize(raw).incident
    document = incident_model.export_document(incident, request["now"])
    return exported(incident_model.text(incident, "title") or form.title, now, export, json_text(document))


def _document_page(document: Document, registry: Any, page_url: str) -> dict[str, Any]:
    return {"d": document, "form": registry.only("incident")}


KINDS = (
    Kind(name="incident", parse=incident_model.parse_form,
         operations={"import": incident_import, "export": incident_export}),
    Kind(name="document", parse=parse, operations={"view": document_view, "export": document_export},
         page=Page(macro="document", template="document.html", context=_document_page)),
)
