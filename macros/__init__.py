"""Build-time macros of the knowledge base (mkdocs-macros-plugin module).

Every kind with a page (:data:`widgets.kinds.KINDS`) becomes a macro: pages call ``{{ checklist("first-response") }}``.
After the build, the Python runtime is put into the site.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from widgets.errors import DefinitionError, RequestError
from widgets.kind import Kind
from widgets.kinds import KINDS
from widgets.registry import Registry, bundle_json

from . import freshness, glossary, offline, precompress, reload, search_index, site_assets
from .definitions import load_registry
from .html import render_definition
from .kept import kept_copies_html


class MacroError(Exception):
    """A macro call of a page names an unknown id: reported with the page and line, without a traceback."""


@format_error.register
def _format_macro_error(error: MacroError, markdown: str, page) -> str:
    return f"# _Macro error_\n\n{error}"


def define_env(env) -> None:
    """Load and validate every definition, then register one macro per kind that pages embed."""
    glossary.use_japanese_abbr(env.conf)  # glossary tooltips inside Japanese sentences
    offline.configure(env.conf)  # extra.kb.offline (KB_OFFLINE=0 turns it off), read by overrides/main.html
    try:
        registry, raw = load_registry()
    except DefinitionError as error:
        raise PluginError(f"Invalid widget definition: {error}") from None
    env.variables["kb_bundle"] = bundle_json(raw)
    for kind in KINDS:
        if kind.page is not None:
            env.macro(_macro(env, kind, registry), kind.page.macro)
    env.macro(lambda: kept_copies_html(registry), "kept_copies")


def _macro(env, kind: Kind, registry: Registry) -> Callable[[str], str]:
    def macro(identifier: str) -> str:
        page = env.page
        try:
            html = render_definition(kind, registry.get(kind.name, identifier), registry, page.url if page else "")
        except RequestError as error:
            raise MacroError(f"{where(page, kind.page.macro, identifier)}: {kind.page.macro}(): {error}") from None
        if page is not None:
            page.meta["kb_python"] = True  # overrides/main.html starts the worker early
        return html
    macro.__doc__ = f"Embed the {kind.name} with this id."
    return macro


def where(page, macro: str, identifier: str) -> str:
    """Name the page (``docs/tools/x.md``) and the line of the macro call, for build errors."""
    if page is None:
        return "(no page)"
    path = f"docs/{page.file.src_uri}"
    call = re.compile(rf"""{re.escape(macro)}\(\s*["']{re.escape(str(identifier))}["']\s*\)""")
    lines = Path(page.file.abs_src_path).read_text(encoding="utf-8").splitlines()
    line = next((number for number, text in enumerate(lines, 1) if call.search(text)), None)
    return f"{path}, line {line}" if line else path


def on_pre_page_macros(env) -> None:
    """Annotate the page with its review date and last change date (for the page footer)."""
    freshness.annotate(env.page)


def on_post_build(env) -> None:
    """Put Pyodide, the wheel, the lock file, the search index and the offline files into the site; precompress it."""
    reload.forget_project_modules()  # `mkdocs serve`: the next rebuild imports edited macros/ and widgets/ code
    try:
        site_assets.install(Path(env.conf["site_dir"]), env.variables["kb_bundle"])
    except site_assets.AssetError as error:
        raise PluginError(str(error)) from None
    try:
        search_index.write(Path(env.conf["site_dir"]), Path(env.conf["docs_dir"]))
    except search_index.SearchIndexError as error:
        raise PluginError(str(error)) from None
    offline.write(Path(env.conf["site_dir"]), env.conf)  # sw.js (lists the runtime above), manifest, icons
    if precompress.enabled():
        precompress.precompress_site(Path(env.conf["site_dir"]))
