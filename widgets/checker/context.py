"""The draft under check, with the views that several detectors share, each computed at most once."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
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

    @cached_property
    def clauses(self) -> list[Sentence]:
        """Every clause of every sentence, in order (see :func:`.text.clauses`)."""
        return [clause for sentence in self.sentences for clause in textlib.clauses(self.text, sentence)]

    @cached_property
    def _clause_starts(self) -> list[int]:
        return [clause.start for clause in self.clauses]

    @cached_property
    def internal(self) -> bool:
        """Whether the draft is addressed to colleagues (the optional ``internal`` term matches)."""
        pattern = self.terms.get("internal")
        return bool(pattern and pattern.search(self.text))

    def sentence_at(self, position: int) -> Sentence | None:
        """Return the sentence that contains a position, or ``None`` between sentences."""
        return _containing(self.sentences, self._starts, position)

    def clause_at(self, position: int) -> Sentence | None:
        """Return the clause that contains a position, or ``None`` between sentences."""
        return _containing(self.clauses, self._clause_starts, position)

    def clause_index(self, position: int) -> int:
        """Return the index in :attr:`clauses` of the clause that contains a position, or -1."""
        index = bisect_right(self._clause_starts, position) - 1
        return index if index >= 0 and position < self.clauses[index].end else -1

    def span_of(self, position: int) -> Sentence:
        """Return the sentence around a position, or the whole text when it falls between sentences."""
        return self.sentence_at(position) or Sentence(0, len(self.text))

    def within(self, term: str, start: int, end: int) -> list[re.Match[str]]:
        """Return the matches of a term that lie inside ``[start, end)``."""
        starts = self.starts(term)
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        return [m for m in self.matches(term)[first:last] if m.end() <= end]

    def slice(self, sentence: Sentence) -> str:
        """Return the text of a sentence."""
        return self.text[sentence.start:sentence.end]


def _containing(spans: list[Sentence], starts: list[int], position: int) -> Sentence | None:
    index = bisect_right(starts, position) - 1
    if index >= 0 and position < spans[index].end:
        return spans[index]
    return None
