"""The 「壊れていたデータの控え」 place: an empty list that docs/assets/kb/kept.mjs fills in the browser."""

from __future__ import annotations

import json
from html import escape

from widgets.registry import Registry


def tool_titles(registry: Registry) -> dict[str, str]:
    """Return ``{"kind:id": title}`` of every definition that has a title (how the list names a copy)."""
    return {f"{kind}:{identifier}": definition.title
            for kind, definitions in registry.by_kind.items()
            for identifier, definition in definitions.items() if isinstance(getattr(definition, "title", None), str)}


def kept_copies_html(registry: Registry) -> str:
    """Return the HTML of the kept-copies list (one raw HTML block, usable before any script runs)."""
    titles = escape(json.dumps(tool_titles(registry), ensure_ascii=False, sort_keys=True))
    return (f'<div class="kb-kept" data-kb-kept data-kb-titles="{titles}">'
            '<p class="kb-message" data-kb-kept-message role="status" hidden></p>'
            '<p data-kb-kept-empty>控えはありません。</p>'
            '<ul data-kb-kept-list></ul></div>')
