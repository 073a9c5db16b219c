"""Detectors: the rules that are more than one regular expression, each a small function.

A detector is called with the :class:`~.context.Context` of the draft and its :class:`~.model.Rule`, whose
``params`` the parser has validated against :data:`DETECTORS` (regular expressions already compiled).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .context import Context, Hit
from .model import Rule
from .text import Sentence, visible_length


@dataclass(frozen=True)
class Param:
    """A detector parameter: ``kind`` is ``int``, ``regex``, ``term``, ``pairs`` or ``choice``."""

    kind: str
    required: bool = True
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Detector:
    """A detector function with the parameters, vocabulary terms and message fields it uses."""

    function: Callable[[Context, Rule], list[Hit]]
    params: dict[str, Param] = field(default_factory=dict)
    terms: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()


def term_hits(context: Context, rule: Rule) -> list[Hit]:
    """Every match of the vocabulary term named by the ``term`` parameter."""
    return [Hit(m.start(), m.end()) for m in context.matches(rule.param("term"))]


def evidence(context: Context, rule: Rule) -> list[Hit]:
    """Matches of ``pattern`` whose sentence does not also match ``unless``.

    ``unless`` turns a word into no evidence when its sentence negates, hedges or empties it: 「再発防止に
    努めます」 names prevention without a measure, 「弊社の責任ではございません」 denies what it names.
    """
    unless, hits = rule.param("unless"), []
    for match in rule.param("pattern").finditer(context.text):
        sentence = context.span_of(match.start())
        if match.end() > match.start() and not (unless and unless.search(context.text, sentence.start,
                                                                          sentence.end)):
            hits.append(Hit(match.start(), match.end()))
    return hits


def _first_apology(context: Context) -> Sentence | None:
    matches = context.matches("apology")
    return context.sentence_at(matches[0].start()) if matches else None


def apology_missing(context: Context, rule: Rule) -> list[Hit]:
    """No apology anywhere (and no ``unless`` wording either): point at the first sentence of the body."""
    unless = rule.param("unless")
    if context.matches("apology") or (unless and unless.search(context.text)):
        return []
    target = next(iter(context.body or context.sentences), None)
    return [Hit(target.start, target.end)] if target else []


def apology_weak(context: Context, rule: Rule) -> list[Hit]:
    """Wording that only comes near an apology (``pattern``), in a draft without an actual apology."""
    if context.matches("apology"):
        return []
    return [Hit(m.start(), m.end()) for m in rule.param("pattern").finditer(context.text) if m.end() > m.start()]


def excuse_before_apology(context: Context, rule: Rule) -> list[Hit]:
    """Sentences of the body that give reasons (``excuse``) before the first apology, or without one.

    A sentence that also names one's own shortfall (the optional ``own_fault``) is an admission, not an excuse.
    """
    first = _first_apology(context)
    limit = first.start if first else len(context.text)
    excuse, own_fault = rule.param("excuse"), rule.param("own_fault")
    return [Hit(s.start, s.end) for s in context.body
            if s.end <= limit and excuse.search(context.text, s.start, s.end)
            and not (own_fault and own_fault.search(context.text, s.start, s.end))]


def apology_late(context: Context, rule: Rule) -> list[Hit]:
    """The first apology comes after ``min_before`` body sentences and ``share`` percent of the body."""
    first = _first_apology(context)
    if first is None:
        return []
    before = [s for s in context.body if s.end <= first.start]
    total = sum(visible_length(context.slice(s)) for s in context.body)
    done = sum(visible_length(context.slice(s)) for s in before)
    if len(before) < rule.param("min_before") or done * 100 < rule.param("share") * total:
        return []
    return [Hit(first.start, first.end)]


def _future_dates(context: Context) -> list[Hit]:
    """Every date of the draft that does not name a past event (「10月8日にお届けした部品」).

    The past tense counts when it follows the date within ``PAST_REACH`` characters and before a comma.
    """
    found = []
    for date in context.matches("date"):
        tail = context.text[date.end():date.end() + PAST_REACH]
        tail = tail[:min((i for i in (tail.find("、"), tail.find("。")) if i >= 0), default=len(tail))]
        if not context.terms["past"].search(tail):
            found.append(Hit(date.start(), date.end()))
    return found


def _first_date(dates: list[Hit], starts: list[int], start: int, end: int) -> Hit | None:
    """The first of ``dates`` (sorted, with their ``starts``) that starts inside ``[start, end)``."""
    index = bisect_left(starts, start)
    return dates[index] if index < len(dates) and dates[index].start < end else None


def _promise_after(context: Context, position: int, end: int) -> Any:
    """The first promise of the sentence that ends after ``position`` (it may start before: 「確認し、早急に…」)."""
    for promise in context.within("promise", context.span_of(position).start, end):
        if promise.end() > position:
            return promise
    return None


def _governed_start(context: Context, position: int, sentence: Sentence) -> int:
    """Where the clauses around a word start: back over earlier clauses without a verb of their own.

    「明日の午前中に、調査の結果とあわせて、改めてご連絡します」 is one promise; 「本日中に代品を手配し、原因は
    早急にご報告します」 holds two, and the first clause (ending 「手配し、」) keeps its date to itself.
    """
    clauses, index = context.clauses, context.clause_index(position)
    if index < 0:
        return sentence.start
    while (index > 0 and clauses[index - 1].start >= sentence.start
           and not OWN_VERB.search(context.text, clauses[index - 1].start, clauses[index - 1].end)):
        index -= 1
    return clauses[index].start


def vague_promise(context: Context, rule: Rule) -> list[Hit]:
    """A vague word (``vague``) before the verb of a promise, with no date in the clauses it governs.

    The date may stand in the vague word's clause or in a later clause of the same sentence up to the end of
    the promise's clause (「早急に原因を調査し、10月17日までにご報告します」), not in an earlier clause that
    belongs to another promise (「本日中に代品を手配し、原因は早急にご報告します」).
    """
    hits, dates = [], _future_dates(context)
    starts = [date.start for date in dates]
    for match in rule.param("vague").finditer(context.text):
        sentence = context.span_of(match.start())
        promise = _promise_after(context, match.start(), sentence.end)
        if promise is None:
            continue
        first = _governed_start(context, match.start(), sentence)
        last = context.clause_at(promise.end() - 1) or sentence
        if _first_date(dates, starts, first, last.end) is None:
            hits.append(Hit(match.start(), match.end()))
    return hits


def dated_promise(context: Context, rule: Rule) -> list[Hit]:
    """A promise with a date or time in its sentence, before the promise ends, that is not a past event."""
    hits, dates = [], _future_dates(context)
    starts = [date.start for date in dates]
    for promise in context.matches("promise"):
        date = _first_date(dates, starts, context.span_of(promise.start()).start, promise.end())
        if date is not None:
            hits.append(Hit(min(date.start, promise.start()), promise.end()))
    return hits


def letter_closing(context: Context, rule: Rule) -> list[Hit]:
    """頭語 and 結語: ``case`` is ``missing`` (no 結語), ``mismatch`` (the wrong one) or ``orphan`` (no 頭語)."""
    pairs, case = rule.param("pairs"), rule.param("case")
    opening = pairs.opening.search(context.text)
    closings = [m for m in pairs.closing.finditer(context.text) if not opening or m.start() > opening.end()]
    if case == "orphan":
        return [] if opening or not closings else [Hit(*closings[-1].span(1), {"closing": closings[-1].group(1)})]
    if not opening:
        return []
    word, allowed = opening.group(1), pairs.allowed(opening.group(1))
    values = {"opening": word, "expected": "・".join(allowed)}
    if case == "missing":
        return [] if closings else [Hit(*opening.span(1), values)]
    last = closings[-1] if closings else None
    if last is None or last.group(1) in allowed:
        return []
    return [Hit(*last.span(1), {**values, "closing": last.group(1)})]


def repeated(context: Context, rule: Rule) -> list[Hit]:
    """Every match of ``pattern`` once it occurs at least ``min_count`` times."""
    matches = [m for m in rule.param("pattern").finditer(context.text) if m.end() > m.start()]
    if len(matches) < rule.param("min_count"):
        return []
    return [Hit(m.start(), m.end(), {"count": str(len(matches))}) for m in matches]


def long_sentence(context: Context, rule: Rule) -> list[Hit]:
    """Sentences longer than ``max`` characters (spaces and line breaks not counted)."""
    limit, hits = rule.param("max"), []
    for sentence in context.sentences:
        length = visible_length(context.slice(sentence))
        if length > limit:
            hits.append(Hit(sentence.start, sentence.end, {"length": str(length), "max": str(limit)}))
    return hits


CASES = ("missing", "mismatch", "orphan")
PAST_REACH = 16
OWN_VERB = re.compile(r"(?:し|して|いたし|いたして|ため|ので)[、，,]$")
ORDER_TERMS = ("apology", "frame")
PROMISE_TERMS = ("date", "promise", "past")

DETECTORS: dict[str, Detector] = {
    "term": Detector(term_hits, {"term": Param("term")}),
    "evidence": Detector(evidence, {"pattern": Param("regex"), "unless": Param("regex", required=False)}),
    "apology-missing": Detector(apology_missing, {"unless": Param("regex", required=False)}, ORDER_TERMS),
    "apology-weak": Detector(apology_weak, {"pattern": Param("regex")}, ORDER_TERMS),
    "excuse-before-apology": Detector(excuse_before_apology,
                                      {"excuse": Param("regex"), "own_fault": Param("regex", required=False)},
                                      ORDER_TERMS),
    "apology-late": Detector(apology_late, {"min_before": Param("int"), "share": Param("int")}, ORDER_TERMS),
    "vague-promise": Detector(vague_promise, {"vague": Param("regex")}, PROMISE_TERMS),
    "dated-promise": Detector(dated_promise, terms=PROMISE_TERMS),
    "letter-closing": Detector(letter_closing, {"pairs": Param("pairs"), "case": Param("choice", choices=CASES)},
                               fields=("opening", "expected", "closing")),
    "repeated": Detector(repeated, {"pattern": Param("regex"), "min_count": Param("int")}, fields=("count",)),
    "long-sentence": Detector(long_sentence, {"max": Param("int")}, fields=("length", "max")),
}
"""Every detector a rule may name, by name."""


def run(rule: Rule, context: Context) -> list[Hit]:
    """Return what one rule finds in a draft: the matches of its pattern, or its detector's hits."""
    if rule.pattern is not None:
        return [Hit(m.start(), m.end()) for m in rule.pattern.finditer(context.text) if m.end() > m.start()]
    return DETECTORS[rule.detector].function(context, rule)


def needed_terms(rule: Rule) -> tuple[str, ...]:
    """Return the vocabulary terms a rule uses."""
    if not rule.detector:
        return ()
    own: Any = rule.param("term")
    return DETECTORS[rule.detector].terms + ((own,) if own else ())
