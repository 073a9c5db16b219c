"""Render a definition's static HTML at build time, from its kind's template (``macros/templates/``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from widgets.kind import Kind

TEMPLATES = Path(__file__).resolve().parent / "templates"

_environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                           trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def render_template(name: str, **variables: Any) -> str:
    """Render a widget template without blank lines (so Markdown keeps it as one raw HTML block)."""
    html = _environment.get_template(name).render(**variables)
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_definition(kind: Kind, definition: Any, registry: Any, page_url: str = "") -> str:
    """Return the HTML of a definition on the page at ``page_url``, usable before any script runs."""
    if kind.page is None:
        raise ValueError(f"definitions of kind {kind.name!r} are not embedded in pages")
    return render_template(kind.page.template, **kind.page.context(definition, registry, page_url))
