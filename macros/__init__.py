"""Build-time macros of the knowledge base (mkdocs-macros-plugin module).

Pages call ``{{ checklist("first-response") }}``; after the build, the Python runtime is put into the site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from widgets.errors import DefinitionError, RequestError
from widgets.registry import bundle_json

from . import site_assets
from .definitions import load_registry
from .render import render_checklist


def define_env(env) -> None:
    """Load and validate every definition, then register the macros."""
    try:
        registry, raw = load_registry()
    except DefinitionError as error:
        raise PluginError(f"Invalid widget definition: {error}") from None
    env.variables["kb_bundle"] = bundle_json(raw)

    @env.macro
    def checklist(identifier: str) -> str:
        """Embed the checklist with this id."""
        try:
            return render_checklist(registry.get("checklist", identifier))
        except RequestError as error:
            raise PluginError(f"checklist(): {error}") from None


def on_post_build(env) -> None:
    """Put Pyodide, the project's wheel and the lock file into the built site."""
    try:
        site_assets.install(Path(env.conf["site_dir"]), env.variables["kb_bundle"])
    except site_assets.AssetError as error:
        raise PluginError(str(error)) from None
