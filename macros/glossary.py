"""Glossary tooltips that work in Japanese text (set up by the macros module, no MkDocs hook needed).

Python-Markdown's ``abbr`` extension only matches a term between word boundaries, and running Japanese text
has none, so ``窓口`` inside a sentence never got its tooltip. :func:`use_japanese_abbr` swaps in a variant that matches
terms anywhere in prose, once per page (the first use), and never inside links, code or headings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions.abbr import AbbrBlockprocessor, AbbrExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

SKIP = {"a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label"}


class FirstUseAbbrTreeprocessor(Treeprocessor):
    """Wrap the first use of each defined term on a page in ``<abbr title="...">``."""

    def __init__(self, md, abbrs: dict[str, str]) -> None:
        super().__init__(md)
        self.abbrs = abbrs
        self.seen: set[str] = set()
        self.pattern: re.Pattern[str] | None = None

    def run(self, root: etree.Element) -> None:
        """Walk the page tree in document order."""
        if not self.abbrs:
            return
        terms = sorted(self.abbrs, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(term) for term in terms))
        self.seen = set()
        self.walk(root)

    def walk(self, element: etree.Element) -> None:
        """Process the text of ``element``, then each child and the text after it."""
        if element.tag in SKIP:
            return
        if element.text and not isinstance(element.text, AtomicString):
            element.text, created = self.split(element.text)
            for index, node in enumerate(created):
                element.insert(index, node)
        for child in list(element):
            self.walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, created = self.split(child.tail)
                position = list(element).index(child) + 1
                for offset, node in enumerate(created):
                    element.insert(position + offset, node)

    def split(self, text: str) -> tuple[str, list[etree.Element]]:
        """Return the text before the first new term and the ``abbr`` elements (with their tails)."""
        fresh = []
        for match in self.pattern.finditer(text):
            if match.group(0) not in self.seen:
                self.seen.add(match.group(0))
                fresh.append(match)
        nodes = []
        for index, match in enumerate(fresh):
            end = fresh[index + 1].start() if index + 1 < len(fresh) else len(text)
            node = etree.Element("abbr", {"title": self.abbrs[match.group(0)]})
            node.text = AtomicString(match.group(0))
            node.tail = text[match.end():end]
            nodes.append(node)
        return (text[:fresh[0].start()] if fresh else text), nodes


class JapaneseAbbrExtension(AbbrExtension):
    """The ``abbr`` extension with the Japanese-aware tree processor."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown API)
        """Register the definition parser and the first-use tree processor."""
        md.registerExtension(self)
        md.treeprocessors.register(FirstUseAbbrTreeprocessor(md, self.abbrs), "abbr", 7)
        md.parser.blockprocessors.register(AbbrBlockprocessor(md.parser, self.abbrs), "abbr", 16)


def use_japanese_abbr(config) -> None:
    """Replace ``abbr`` in the MkDocs ``markdown_extensions`` with the Japanese-aware variant.

    Called while the macros plugin loads (in MkDocs' ``on_config``), before any page is rendered.
    """
    config["markdown_extensions"] = [JapaneseAbbrExtension() if name == "abbr" else name
                                     for name in config["markdown_extensions"]]
