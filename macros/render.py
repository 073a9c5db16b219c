"""Render widgets to static HTML at build time."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from widgets import checklist as checklist_model

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _show_if(conditions: tuple[str, ...]) -> Markup:
    """Render the attribute that hides an element until all its conditions are checked."""
    if not conditions:
        return Markup("")
    fields = " ".join(f"conditions.{cid}" for cid in conditions)
    return Markup(' data-kb-show-if="{}" hidden').format(fields)


_environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                           trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
_environment.globals["show_if"] = _show_if


def render_checklist(definition: checklist_model.Checklist) -> str:
    """Return the HTML of a checklist, usable before any script runs."""
    total = checklist_model.progress(definition, checklist_model.empty_state())[1]
    html = _environment.get_template("checklist.html").render(c=definition, total=total)
    return "\n".join(line for line in html.splitlines() if line.strip())
