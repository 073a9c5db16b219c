"""The draft under check, with the views that several detectors share, each computed at most once."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import NamedTuple

from . import text as textlib
from .text import Sentence


class Hit(NamedTuple):
    """What a rule found: a character range ``[start, end)`` and the values of its message fields."""

    start: int
    end: int
    fields: dict[str, str] | None = None


class Context:
    """A draft and the vocabulary of the checker that reads it."""

    def __init__(self, text: str, terms: dict[str, re.Pattern[str]]) -> None:
        self.text = text
        self.terms = terms
        self._matches: dict[str, list[re.Match[str]]] = {}
        self._starts_by_term: dict[str, list[int]] = {}

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Every sentence of the draft, in order."""
        return textlib.split(self.text)

    @cached_property
    def _starts(self) -> list[int]:
        return [sentence.start for sentence in self.sentences]

    @cached_property
    def body(self) -> list[Sentence]:
        """The sentences that are not frame (subject, address, greeting, name, signature).

        The ``frame`` term is matched against each sentence on its own, so it may use ``^`` and ``$``.
        """
        frame = self.terms["frame"]
        return [s for s in self.sentences if not frame.search(self.text[s.start:s.end])]

    def matches(self, term: str) -> list[re.Match[str]]:
        """Return every match of a vocabulary term in the draft (computed once per term)."""
        if term not in self._matches:
            self._matches[term] = [m for m in self.terms[term].finditer(self.text) if m.end() > m.start()]
        return self._matches[term]

    def starts(self, term: str) -> list[int]:
        """Return the start offsets of a term's matches, in order (for bisection)."""
        if term not in self._starts_by_term:
            self._starts_by_term[term] = [m.start() for m in self.matches(term)]
        return self._starts_by_term[term]

    def sentence_at(self, position: int) -> Sentence | None:
        """Return the sentence that contains a position, or ``None`` between sentences."""
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and position < self.sentences[index].end:
            return self.sentences[index]
        return None

    def slice(self, sentence: Sentence) -> str:
        """Return the text of a sentence."""
        return self.text[sentence.start:sentence.end]
