"""Write the index of the Japanese header search (docs/assets/kb/search/) into the built site.

Source: the theme's ``search/search_index.json`` (one document per page and per section, written by the search
plugin, listed before macros in mkdocs.yml), the synonym groups of ``docs/includes/search-synonyms.yml`` and the
``search_aliases`` of each page's front matter. Output: ``assets/kb/search/index.json`` (pages with their title,
aliases and sections as plain text); the worker normalizes and indexes it when the search box starts.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

import yaml

SYNONYMS = Path("includes") / "search-synonyms.yml"  # inside docs_dir
OUTPUT = Path("assets") / "kb" / "search" / "index.json"
THEME_INDEX = Path("search") / "search_index.json"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
TAGS = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")


class SearchIndexError(ValueError):
    """A synonym file or a page's search_aliases is malformed (the message names the file and the problem)."""


def load_synonyms(path: Path) -> list[list[str]]:
    """Read and validate the synonym groups: a mapping with ``groups``, a list of lists of 2+ distinct words."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SearchIndexError(f"{path}: cannot read the synonym list: {error}") from None
    if not isinstance(data, dict) or set(data) != {"groups"} or not isinstance(data["groups"], list):
        raise SearchIndexError(f"{path}: expected one key `groups` holding a list of word lists")
    groups = []
    for number, group in enumerate(data["groups"], 1):
        where = f"{path}: group {number}"
        if not isinstance(group, list) or len(group) < 2:
            raise SearchIndexError(f"{where}: expected a list of at least 2 words, got {group!r}")
        if not all(isinstance(word, str) and word.strip() for word in group):
            raise SearchIndexError(f"{where}: every word must be non-empty text, got {group!r}")
        words = [word.strip() for word in group]
        if len(set(words)) != len(words):
            raise SearchIndexError(f"{where}: a word appears twice in {words!r}")
        groups.append(words)
    return groups


def page_aliases(docs_dir: Path) -> dict[str, list[str]]:
    """Map each page URL (``respond/interim-reply/``) to the ``search_aliases`` of its front matter."""
    aliases = {}
    for source in sorted(docs_dir.rglob("*.md")):
        match = FRONT_MATTER.match(source.read_text(encoding="utf-8"))
        meta = yaml.safe_load(match.group(1)) if match else None
        value = meta.get("search_aliases") if isinstance(meta, dict) else None
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(word, str) and word.strip() for word in value):
            raise SearchIndexError(f"{source}: search_aliases must be a list of non-empty words, got {value!r}")
        aliases[page_url(source.relative_to(docs_dir))] = [word.strip() for word in value]
    return aliases


def page_url(relative: Path) -> str:
    """The directory URL of a Markdown source (``index.md`` → ``""``, ``tools/index.md`` → ``tools/``)."""
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "index":
        parts.pop()
    return "".join(f"{part}/" for part in parts)


def plain(text: str) -> str:
    """Plain text of an HTML fragment of the theme's index."""
    return SPACES.sub(" ", html.unescape(TAGS.sub(" ", text))).strip()


def pages(theme_docs: list[dict[str, Any]], aliases: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Group the theme's documents into pages with their sections (the page's own text is section ``""``)."""
    result: dict[str, dict[str, Any]] = {}
    for doc in theme_docs:
        url, _, anchor = doc["location"].partition("#")
        page = result.setdefault(url, {"url": url, "title": "", "aliases": aliases.get(url, []), "sections": []})
        if not anchor:
            page["title"] = plain(doc["title"])
        page["sections"].append({"anchor": anchor, "title": plain(doc["title"]), "text": plain(doc["text"])})
    return list(result.values())


def write(site_dir: Path, docs_dir: Path) -> Path:
    """Write the search index into the site; return its path.

    The theme's own index is then cut to its settings (``KB_THEME_SEARCH_INDEX=full`` keeps it whole, for
    benchmarks/compare_search.py): the theme's script downloads it on every page and hands it to the search
    worker, which does not use it (62 kB on the wire that a first visit on a slow link waited for).
    """
    theme = json.loads((site_dir / THEME_INDEX).read_text(encoding="utf-8"))
    data = {
        "synonyms": load_synonyms(docs_dir / SYNONYMS),
        "pages": pages(theme["docs"], page_aliases(docs_dir)),
    }
    target = site_dir / OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if os.environ.get("KB_THEME_SEARCH_INDEX") != "full":
        stub = {"config": theme.get("config", {}), "docs": []}  # the theme reads config.lang and config.separator
        (site_dir / THEME_INDEX).write_text(json.dumps(stub, ensure_ascii=False), encoding="utf-8")
    return target
