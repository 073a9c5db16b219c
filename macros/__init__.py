"""Build-time macros of the knowledge base (mkdocs-macros-plugin module).

Pages call ``{{ checklist("first-response") }}``; after the build, the Python runtime is put into the site.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from widgets.errors import DefinitionError, RequestError
from widgets.registry import bundle_json

from . import checklist_html, freshness, glossary, reload, site_assets
from .definitions import load_registry
from .render import document_renderer, render_checker, render_checklist

# Macro name (= definition kind) → renderer of its static HTML; a page calls e.g. {{ checklist("first-response") }}.
MACROS: dict[str, Callable[[Any], str]] = {
    "checklist": render_checklist,
    "checker": render_checker,
}


def define_env(env) -> None:
    """Load and validate every definition, then register the macros."""
    glossary.use_japanese_abbr(env.conf)  # glossary tooltips inside Japanese sentences
    try:
        registry, raw = load_registry()
    except DefinitionError as error:
        raise PluginError(f"Invalid widget definition: {error}") from None
    env.variables["kb_bundle"] = bundle_json(raw)

    def embed(kind: str, render: Callable[[Any], str]) -> Callable[[str], str]:
        def macro(identifier: str) -> str:
            try:
                html = render(registry.get(kind, identifier))
            except RequestError as error:
                raise PluginError(f"{kind}(): {error}") from None
            if env.page is not None:
                env.page.meta["kb_python"] = True  # overrides/main.html starts the worker early
            return html
        macro.__doc__ = f"Embed the {kind} with this id."
        return macro

    for kind, render in {**MACROS, "document": document_renderer(registry)}.items():
        env.macro(embed(kind, render), kind)


def on_pre_page_macros(env) -> None:
    """Tell the checklist renderer which page it is on (result links are written relative to it)."""
    checklist_html.PAGE_URL.set(env.page.url)
    freshness.annotate(env.page)  # review date and last change date for the page footer


def on_post_build(env) -> None:
    """Put Pyodide, the project's wheel and the lock file into the built site."""
    reload.forget_project_modules()  # `mkdocs serve`: the next rebuild imports edited macros/ and widgets/ code
    try:
        site_assets.install(Path(env.conf["site_dir"]), env.variables["kb_bundle"])
    except site_assets.AssetError as error:
        raise PluginError(str(error)) from None
