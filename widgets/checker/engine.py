"""The check itself: run every rule of a checker over a draft and shape the JSON result."""

from __future__ import annotations

from typing import Any

from ..errors import RequestError
from . import detectors
from .context import Context, Hit
from .model import MESSAGE_FIELD, SEVERITIES, SEVERITY_LABELS, Checker, Rule
from .page import page_outputs
from .text import excerpt

MAX_DRAFT = 50_000
MAX_FINDINGS = 300


def check(text: str, rules: Checker) -> dict[str, Any]:
    """Check a draft against every rule of a checker.

    Args:
        text: The draft, as typed or pasted (offsets in the result are indexes into this string).
        rules: A linked :class:`~.model.Checker` (from the registry).

    Returns:
        A JSON-able dict: ``findings`` sorted by severity then position (``rule``, ``category``, ``severity``,
        ``start``, ``end``, ``excerpt``, ``reason``, ``suggestion``, ``guide``), ``coverage`` of the apology
        elements (``id``, ``label``, ``present``, ``optional``, ``severity``, ``start``, ``end``,
        ``suggestion``, ``guide``), ``counts`` (``error``, ``warning``, ``hint``, ``missing``),
        ``headlines`` (the serious faults the summary names first, see :attr:`.model.Rule.headline`) and
        ``internal`` (the draft is addressed to colleagues: rules marked ``customer_only`` were skipped).
    """
    context = Context(text, {term.id: term.pattern for term in rules.terms})
    findings: list[dict[str, Any]] = []
    coverage: list[dict[str, Any]] = []
    headlines: list[str] = []
    for rule in rules.rules:
        if rule.customer_only and context.internal:
            continue
        hits = detectors.run(rule, context)
        if rule.element is not None:
            coverage.append(_coverage(rule, hits))
            flagged = not hits and not rule.element.optional
        else:
            findings.extend(_finding(rule, hit, text) for hit in hits)
            flagged = bool(hits)
        if flagged and rule.headline and rule.headline not in headlines:
            headlines.append(rule.headline)
    findings.sort(key=lambda f: (SEVERITIES.index(f["severity"]), f["start"], f["end"], f["rule"]))
    counts = {severity: sum(1 for f in findings if f["severity"] == severity) for severity in SEVERITIES}
    counts["missing"] = sum(1 for c in coverage if not c["present"] and not c["optional"])
    return {"findings": findings, "coverage": coverage, "counts": counts, "headlines": headlines,
            "internal": context.internal}


def rule_hits(rule: Rule, text: str, rules: Checker) -> list[tuple[int, int]]:
    """Return the ranges one rule finds in a text (used by the tests of each rule's examples)."""
    context = Context(text, {term.id: term.pattern for term in rules.terms})
    return [(hit.start, hit.end) for hit in detectors.run(rule, context)]


def _fill(message: str, fields: dict[str, str] | None) -> str:
    return MESSAGE_FIELD.sub(lambda m: (fields or {}).get(m.group(1), m.group(0)), message)


def _finding(rule: Rule, hit: Hit, text: str) -> dict[str, Any]:
    return {
        "rule": rule.id,
        "category": rule.category,
        "severity": rule.severity,
        "start": hit.start,
        "end": hit.end,
        "excerpt": excerpt(text[hit.start:hit.end]),
        "reason": _fill(rule.reason, hit.fields),
        "suggestion": _fill(rule.suggestion, hit.fields),
        "guide": rule.guide,
    }


def _coverage(rule: Rule, hits: list[Hit]) -> dict[str, Any]:
    first = min(hits, key=lambda hit: (hit.start, hit.end), default=None)
    return {
        "id": rule.id,
        "label": rule.element.label,
        "present": first is not None,
        "optional": rule.element.optional,
        "severity": rule.severity,
        "start": first.start if first else None,
        "end": first.end if first else None,
        "suggestion": rule.suggestion,
        "guide": rule.guide,
    }


def summary(result: dict[str, Any], *, empty: bool = False) -> str:
    """Say in one Japanese line what matters most, then how many findings and elements there are.

    Serious faults (``headlines``) come first, so that a draft that blames the customer, or lacks an apology
    or any admission, never reads as nearly fine.

    >>> summary({"counts": {"error": 2, "warning": 1, "hint": 3}, "headlines": [], "coverage": [
    ...     {"present": True, "optional": False}, {"present": False, "optional": False},
    ...     {"present": False, "optional": True}]})
    '要修正 2 件・注意 1 件・ヒント 3 件・謝罪の要素 1/2'
    >>> summary({"counts": {"error": 1, "warning": 0, "hint": 0}, "coverage": [],
    ...          "headlines": ["お客様のせいに読める書き方があります", "お詫びの言葉がありません"]}).split("（")[0]
    'まず見直してください：お客様のせいに読める書き方があります。お詫びの言葉がありません。'
    >>> summary({"counts": {"error": 0, "warning": 0, "hint": 0}, "coverage": [], "headlines": [],
    ...          "internal": True})
    '社内あての文書として読みました（謝罪の要素は数えません）。要修正 0 件・注意 0 件・ヒント 0 件'
    """
    if empty:
        return "下書きを入力すると、ここに結果が表示されます。"
    counts = "・".join(f"{SEVERITY_LABELS[s]} {result['counts'][s]} 件" for s in SEVERITIES)
    if result.get("internal"):
        return f"社内あての文書として読みました（謝罪の要素は数えません）。{counts}"
    required = [c for c in result["coverage"] if not c["optional"]]
    present = sum(1 for c in required if c["present"])
    line = f"{counts}・謝罪の要素 {present}/{len(required)}"
    if result["headlines"]:
        return "まず見直してください：" + "".join(f"{h}。" for h in result["headlines"]) + f"（{line}）"
    return line


def draft_of(state: Any) -> tuple[str, list[str]]:
    """Read the draft from a widget state; anything unreadable becomes an empty draft, with a note."""
    draft = state.get("draft", "") if isinstance(state, dict) else None
    if isinstance(draft, str):
        return draft, []
    return "", ["保存されていた下書きを読み取れなかったため、空欄から始めます。"]


def normalize(state: Any) -> dict[str, Any]:
    """Fit a stored state to ``{"draft": str}``; returns ``{"state": ..., "notes": [...]}`` like the checklist."""
    draft, notes = draft_of(state)
    return {"state": {"draft": draft}, "notes": notes}


def view(rules: Checker, state: Any) -> dict[str, Any]:
    """Compute what the checker page shows for a state ``{"draft": "..."}``.

    Returns:
        The page outputs: ``text.summary`` and the ``lists``, ``show`` and ``marks`` of
        :mod:`widgets.checker.page`, with at most :data:`MAX_FINDINGS` findings (the summary still counts
        them all).

    Raises:
        RequestError: when the draft is longer than :data:`MAX_DRAFT` characters.
    """
    draft, _ = draft_of(state)
    if len(draft) > MAX_DRAFT:
        raise RequestError(f"下書きが長すぎます（{len(draft):,}字）。{MAX_DRAFT:,}字以内に分けてチェックしてください。")
    result = check(draft, rules)
    line = summary(result, empty=not draft.strip())
    if len(result["findings"]) > MAX_FINDINGS:
        result["findings"] = result["findings"][:MAX_FINDINGS]
        line += f"（一覧は重要な順に{MAX_FINDINGS}件まで表示します）"
    return {"text": {"summary": line}, **page_outputs(draft, result)}
