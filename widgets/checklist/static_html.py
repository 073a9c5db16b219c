"""The template variables of a checklist page: visibility attributes, their CSS fallback, and link targets.

Visibility that depends only on condition checkboxes uses ``data-kb-show-if`` (decided by the runtime).
Visibility that depends on answers or statuses is decided by Python (``data-kb-show``). So that such parts
also work before Python is ready (or when it fails to load), a ``<style>`` element scoped to the widget hides
them with ``:has()`` selectors over the checked inputs, whenever the predicate can be written that way
(all of: a condition, an answer among some choices, a status among some statuses; or the negation of that).
Anything else starts hidden and waits for Python.

Plain Python (the build renders ``macros/templates/checklist.html`` with Jinja): attribute and style texts
are :class:`Html`, which Jinja writes without escaping again; every value inside them is escaped here.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html import escape
from typing import Any

from .model import Checklist, Item, Predicate, Test
from .outputs import progress
from .state import empty_state


class Html(str):
    """A text that is already HTML: Jinja's autoescape keeps it as it is (it honours ``__html__``)."""

    __slots__ = ()

    def __html__(self) -> str:
        return self

    @classmethod
    def format_escaped(cls, template: str, *values: str) -> Html:
        """Fill ``{}`` fields of ``template`` with escaped values.

        >>> Html.format_escaped(' data-kb-show="{}"', 'a"b')
        ' data-kb-show="a&quot;b"'
        """
        return cls(template.format(*(escape(value) for value in values)))


def site_base(page_url: str) -> str:
    """Return the relative path from a page to the site root.

    >>> site_base("tools/tracker/")
    '../../'
    >>> site_base("")
    ''
    >>> site_base("tools/tracker.html")
    '../'
    """
    directory = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    return "../" * len([part for part in directory.split("/") if part])


def link_href(href: str, page_url: str) -> str:
    """Return the ``href`` of a result link on the page at ``page_url`` (site pages are made relative to it).

    >>> link_href("respond/x/", "tools/tracker/"), link_href("https://example.jp/", "tools/tracker/")
    ('../../respond/x/', 'https://example.jp/')
    """
    if href.startswith("https://"):
        return href
    return site_base(page_url) + href


@dataclass
class Visibility:
    """The visibility attributes of one checklist's parts, and the CSS rules that hide them before Python."""

    checklist: Checklist
    rules: list[str] = field(default_factory=list)

    def attrs(self, key: str, predicate: Predicate | None, *, python_only: bool = False) -> Html:
        """Return the attributes that make a part conditional (an empty markup when it always shows).

        Args:
            key: The ``show`` key Python answers for this part.
            predicate: When the part shows.
            python_only: Start hidden and wait for Python even if CSS could decide (``otherwise`` results).
        """
        if predicate is None and not python_only:
            return Html("")
        paths = predicate.condition_paths() if predicate is not None else None
        if paths is not None and not python_only:
            return Html.format_escaped(' data-kb-show-if="{}" hidden', " ".join(paths))
        qualifiers = None if python_only or predicate is None else hide_qualifiers(predicate)
        if qualifiers is None:
            return Html.format_escaped(' data-kb-show="{}" hidden', key)
        root = f'.kb-checklist[data-kb-id="{self.checklist.id}"]'
        self.rules.append(", ".join(f'{root}{q} [data-kb-show="{key}"]' for q in qualifiers)
                          + " { display: none !important; }")
        return Html.format_escaped(' data-kb-show="{}"', key)

    def style(self) -> Html:
        """Return the ``<style>`` element with the collected rules (empty when there are none).

        The rules are made of ids and choice values, which the schema restricts to ``[a-z0-9-]``,
        so they cannot close the element.
        """
        if not self.rules:
            return Html("")
        return Html("<style>\n{}\n</style>".format("\n".join(self.rules)))


def blocked_default(checklist: Checklist, item: Item) -> str:
    """Say, before Python is ready, which items must be settled before a gated item may be checked."""
    texts = [i.text for _, i in checklist.all_items() if i.id in item.gate.items]
    settled = "」か「".join(s.label for s in checklist.statuses if s.kind in ("done", "skipped"))
    how = f"を「{settled}」にすると" if settled else "を終えると"
    return f"「{'」と「'.join(texts)}」{how}、チェックできるようになります。"


def context(checklist: Checklist, registry: Any, page_url: str) -> dict[str, Any]:
    """Return the template variables of a checklist on the page at ``page_url`` (``tools/tracker/``)."""
    return {
        "c": checklist,
        "vis": Visibility(checklist),
        "total": progress(checklist, empty_state())[1],
        "show_progress": checklist.shows_progress,
        "time_dependent": checklist.depends_on_time,
        "incident": registry.only("incident") if checklist.incident else None,
        "reset_label": next((a.label for a in checklist.actions if a.name == "reset"), "すべて消去"),
        "dynamic": dynamic,
        "negate": negate,
        "link_href": lambda href: link_href(href, page_url),
        "blocked_default": lambda item: blocked_default(checklist, item),
    }


def dynamic(*predicates: Predicate | None) -> bool:
    """Tell whether a part waits for answers or statuses (not only for condition checkboxes)."""
    return any(p is not None and p.condition_paths() is None for p in predicates)


def negate(predicate: Predicate) -> Predicate:
    """Return the negation of a predicate."""
    return Predicate("not", (predicate,))


def hide_qualifiers(predicate: Predicate) -> list[str] | None:
    """Return the ``:has()`` qualifiers of the widget root under which a part must be hidden, or ``None``.

    >>> hide_qualifiers(Predicate("test", test=Test("answers.q", ("a", "b"))))
    [':not(:has([data-kb-field="answers.q"][value="a"]:checked, [data-kb-field="answers.q"][value="b"]:checked))']
    >>> hide_qualifiers(Predicate("not", (Predicate("test", test=Test("conditions.c")),)))
    [':has([data-kb-field="conditions.c"]:checked)']
    """
    if predicate.op == "not":
        clauses = _clauses(predicate.parts[0])
        return None if clauses is None else ["".join(f":has({clause})" for clause in clauses)]
    clauses = _clauses(predicate)
    return None if clauses is None else [f":not(:has({clause}))" for clause in clauses]


def _clauses(predicate: Predicate) -> list[str] | None:
    """Write a predicate as clauses that must all hold, each a selector list of which one must match."""
    if predicate.op == "test":
        selectors = _selectors(predicate.test)
        return None if selectors is None else [", ".join(selectors)]
    if predicate.op == "all":
        parts = [_clauses(part) for part in predicate.parts]
        return None if None in parts else [clause for part in parts for clause in part]
    if predicate.op == "any":
        parts = [_clauses(part) for part in predicate.parts]
        if None in parts or any(len(part) != 1 for part in parts):
            return None
        return [", ".join(part[0] for part in parts)]
    return None


def _selectors(test: Test) -> list[str] | None:
    if not test.values:
        return [f'[data-kb-field="{test.path}"]:checked']
    if test.default in test.values:
        return None  # "no radio checked" means the default: no selector for that
    return [f'[data-kb-field="{test.path}"][value="{value}"]:checked' for value in test.values]
