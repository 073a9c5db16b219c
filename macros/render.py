"""Render widgets to static HTML at build time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from widgets import checklist as checklist_model

from . import checklist_html

TEMPLATES = Path(__file__).resolve().parent / "templates"

_environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                           trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def render_template(name: str, **context) -> str:
    """Render a widget template without blank lines (so Markdown keeps it as one raw HTML block)."""
    html = _environment.get_template(name).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_checklist(definition: checklist_model.Checklist) -> str:
    """Return the HTML of a checklist, usable before any script runs (see ``checklist_html``)."""
    return render_template("checklist.html", **checklist_html.context(definition))


def render_checker(definition) -> str:
    """Return the HTML of a draft checker (a textarea and empty result areas until Python answers)."""
    return render_template("checker.html", checker_id=definition.id)


def document_renderer(registry) -> Callable[[Any], str]:
    """Return the renderer of document builders, which also need the shared incident form."""
    def render_document(definition) -> str:
        return render_template("document.html", d=definition, form=registry.get("incident", "incident"))
    return render_document
