"""Shape a checker result for the page runtime: findings and coverage as lists, the draft with highlights.

The runtime writes ``lists`` into ``data-kb-list`` elements and ``marks`` into ``data-kb-marks`` elements
(see ARCHITECTURE.md). Offsets are converted from Python code points to the UTF-16 units JavaScript uses.
"""

from __future__ import annotations

from typing import Any

from .model import SEVERITY_LABELS


def page_url(guide: str) -> str:
    """Turn a docs path such as ``respond/x.md#id`` into the site path ``respond/x/#id``.

    >>> page_url("respond/effective-apology.md#ng-patterns")
    'respond/effective-apology/#ng-patterns'
    """
    path, _, anchor = guide.partition("#")
    path = path.removesuffix(".md").removesuffix("index").rstrip("/")
    return (f"{path}/" if path else "") + (f"#{anchor}" if anchor else "")


def utf16_offsets(text: str) -> list[int]:
    """Return the UTF-16 offset of every code point position of ``text`` (length + 1 entries).

    >>> utf16_offsets("a𠮷b")
    [0, 1, 3, 4]
    """
    offsets = [0]
    for character in text:
        offsets.append(offsets[-1] + (2 if ord(character) > 0xFFFF else 1))
    return offsets


def page_outputs(draft: str, result: dict[str, Any]) -> dict[str, Any]:
    """Return the ``lists`` and ``marks`` outputs of a checker result for ``draft``."""
    offsets = utf16_offsets(draft)
    findings = [{"text": f"［{SEVERITY_LABELS[f['severity']]}］{f['category']}：「{f['excerpt']}」",
                 "detail": f"{f['reason']} 言い換えの例：{f['suggestion']}",
                 "state": f["severity"], "href": page_url(f["guide"])} for f in result["findings"]]
    coverage = [_coverage_entry(element) for element in result["coverage"]]
    ranges = [{"start": offsets[f["start"]], "end": offsets[f["end"]], "state": f["severity"],
               "title": f"{SEVERITY_LABELS[f['severity']]}：{f['reason']}"} for f in result["findings"]]
    return {"lists": {"findings": findings, "coverage": coverage},
            "show": {"findings": bool(findings)},
            "marks": {"draft": {"text": draft, "ranges": ranges}}}


def _coverage_entry(element: dict[str, Any]) -> dict[str, Any]:
    if element["present"]:
        state, detail = "present", "あり"
    elif element["optional"]:
        state, detail = "optional", "なし（なくてもかまいません）"
    else:
        state, detail = "missing", f"なし：{element['suggestion']}"
    return {"text": element["label"], "detail": detail, "state": state, "href": page_url(element["guide"])}
