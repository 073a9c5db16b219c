"""Validate a checklist definition (parsed YAML) and build its model.

Every problem is raised as a ``DefinitionError`` located at the offending key, so the build names the file,
the path inside it (``sections[2].items[0].requires.items[0]``) and the line.
"""

from __future__ import annotations

import re

from ..schema import ID_PATTERN, Node, unique_ids
from . import predicates
from .model import (
    ACTION_LABELS,
    DEFAULT_PRIVACY,
    DEFAULT_STATUS_TEXT,
    SETTLED_KINDS,
    STATUS_KINDS,
    TONES,
    Action,
    Checklist,
    Choice,
    Condition,
    Field,
    Gate,
    Item,
    Link,
    Predicate,
    Question,
    Result,
    Section,
    Status,
    Test,
)
from .predicates import Scope

TOP_OPTIONAL = {"description", "started_label", "started_event", "conditions", "started", "progress", "statuses",
                "owner_suggestions", "fields", "incident", "timeline", "persist", "keep_label", "actions",
                "status_text", "privacy", "choice_sets"}
INTERNAL_HREF = re.compile(r"^[a-z0-9][a-z0-9/_-]*/(#[a-z0-9][a-z0-9-]*)?$")
EXTERNAL_HREF = re.compile(r"^https://[^\s\"'<>]+$")
PHONE = re.compile(r"^[0-9][0-9-]{2,20}$")


def parse(node: Node) -> Checklist:
    """Validate a checklist definition and build its model.

    Raises:
        DefinitionError: naming the file, the location inside it and the problem.
    """
    node.mapping({"kind", "id", "version", "title", "sections"}, TOP_OPTIONAL)
    scope = Scope()
    conditions = tuple(_parse_condition(n) for n in node.child("conditions").optional_items())
    scope.conditions = unique_ids([c.id for c in conditions], node.child("conditions"), "condition")
    statuses = _parse_statuses(node.child("statuses"))
    scope.statuses = tuple(s.id for s in statuses)
    scope.settled = tuple(s.id for s in statuses if s.kind in SETTLED_KINDS)
    choice_sets = _parse_choice_sets(node.child("choice_sets"))
    sections = tuple(_parse_section(n, scope, choice_sets) for n in node.child("sections").items(min_items=1))
    _check_unique_ids(node.child("sections"), sections)
    persist_opt_in = _parse_persist(node.child("persist"))
    return Checklist(
        id=node.child("id").identifier(),
        version=node.child("version").integer(minimum=1),
        title=node.child("title").text(max_length=80),
        description=node.child("description").optional_text(),
        started_label=node.child("started_label").optional_text(max_length=40) or "トラブルを把握した時刻",
        conditions=conditions,
        sections=sections,
        started=node.child("started").flag(True),
        started_event=node.child("started_event").optional_text(max_length=40) or "開始",
        progress=node.child("progress").flag(True),
        statuses=statuses,
        owner_suggestions=tuple(n.text(max_length=20) for n in node.child("owner_suggestions").optional_items()),
        fields=_parse_fields(node.child("fields"), node.child("incident").flag(False)),
        incident=node.child("incident").flag(False),
        timeline=node.child("timeline").flag(False),
        persist_opt_in=persist_opt_in,
        keep_label=node.child("keep_label").optional_text(max_length=60) or "この内容をこのブラウザーに残す",
        actions=_parse_actions(node.child("actions"), persist_opt_in),
        status_text=node.child("status_text").optional_text(max_length=120) or DEFAULT_STATUS_TEXT,
        privacy=node.child("privacy").optional_text() or DEFAULT_PRIVACY,
    )


# --- id checks ---------------------------------------------------------------------------------


def _check_unique_ids(node: Node, sections: tuple[Section, ...]) -> None:
    unique_ids([s.id for s in sections], node, "section")
    items = [i for s in sections for i in s.items]
    unique_ids([i.id for i in items] + [old for i in items for old in i.renamed_from], node,
            "item (including renamed_from)")
    questions = [q for s in sections for q in s.questions]
    unique_ids([q.id for q in questions] + [old for q in questions for old in q.renamed_from], node,
            "question (including renamed_from)")
    unique_ids([r.id for s in sections for r in s.results], node, "result")


# --- top-level parts -------------------------------------------------------------------------


def _parse_condition(node: Node) -> Condition:
    node.mapping({"id", "label"}, {"hint"})
    return Condition(node.child("id").identifier(), node.child("label").text(max_length=60),
                     node.child("hint").optional_text())


def _parse_statuses(node: Node) -> tuple[Status, ...]:
    if node.value is None:
        return ()
    statuses = tuple(_parse_status(n) for n in node.items(min_items=2))
    unique_ids([s.id for s in statuses], node, "status")
    if statuses[0].kind != "open":
        raise node.child(0).child("kind").fail("the first status is the initial one and must be of kind 'open'")
    if not any(s.kind == "done" for s in statuses):
        raise node.fail("needs at least one status of kind 'done'")
    return statuses


def _parse_status(node: Node) -> Status:
    node.mapping({"id", "label", "kind"})
    kind = node.child("kind")
    if kind.value not in STATUS_KINDS:
        raise kind.fail(f"must be one of {', '.join(STATUS_KINDS)}, got {kind.value!r}")
    return Status(node.child("id").identifier(), node.child("label").text(max_length=12), kind.value)


def _parse_choice_sets(node: Node) -> dict[str, Node]:
    if node.value is None:
        return {}
    if not isinstance(node.value, dict):
        raise node.fail("must be a mapping of set names to lists of choices")
    for name in node.value:
        if not isinstance(name, str) or not ID_PATTERN.match(name):
            raise node.fail(f"set name {name!r} must be an id of lowercase letters, digits and hyphens")
    return {name: node.child(name) for name in node.value}


def _parse_fields(node: Node, linked: bool) -> tuple[Field, ...]:
    fields = []
    for child in node.optional_items():
        child.mapping({"id", "label"}, {"placeholder", "incident"})
        source = child.child("incident")
        if source.value is not None and not linked:
            raise source.fail("needs `incident: true` at the top of the checklist")
        fields.append(Field(child.child("id").identifier(), child.child("label").text(max_length=40),
                            child.child("placeholder").optional_text(max_length=60),
                            _incident_field(source)))
    unique_ids([f.id for f in fields], node, "field")
    return tuple(fields)


def _incident_field(node: Node) -> str:
    """Return the incident field id a checklist field mirrors (ids use underscores, e.g. ``customer_contact``)."""
    if node.value is None:
        return ""
    if not isinstance(node.value, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", node.value):
        raise node.fail(f"must be an incident field id such as customer_contact, got {node.value!r}")
    return node.value


def _parse_persist(node: Node) -> bool:
    if node.value not in (None, "always", "opt-in"):
        raise node.fail(f"must be 'always' or 'opt-in', got {node.value!r}")
    return node.value == "opt-in"


def _parse_actions(node: Node, persist_opt_in: bool) -> tuple[Action, ...]:
    if node.value is None:
        return tuple(Action(name, label) for name, label in ACTION_LABELS.items())
    actions = tuple(_parse_action(n) for n in node.items(min_items=1))
    unique_ids([a.name for a in actions], node, "action")
    if persist_opt_in and "reset" not in {a.name for a in actions}:
        raise node.fail("must include 'reset': with `persist: opt-in` an erase button is always shown")
    return actions


def _parse_action(node: Node) -> Action:
    if isinstance(node.value, dict):
        node.mapping({"action", "label"})
        name_node, label = node.child("action"), node.child("label").text(max_length=30)
    else:
        name_node, label = node, ""
    if name_node.value not in ACTION_LABELS:
        raise name_node.fail(f"unknown action {name_node.value!r} (known: {', '.join(ACTION_LABELS)})")
    return Action(name_node.value, label or ACTION_LABELS[name_node.value])


# --- sections --------------------------------------------------------------------------------


def _parse_section(node: Node, scope: Scope, choice_sets: dict[str, Node]) -> Section:
    node.mapping({"id", "title"}, {"items", "questions", "results", "show_if", "lead", "track", "numbered", "notes"})
    if all(node.value.get(key) is None for key in ("items", "questions", "results")):
        raise node.fail("needs at least one of 'items', 'questions' or 'results'")
    show_if = predicates.parse(node.child("show_if"), scope)
    tracked = node.child("track").flag(False)
    if tracked and not scope.statuses:
        raise node.child("track").fail("needs the top-level 'statuses' that tracked items can take")
    questions = tuple(_parse_question(n, scope, choice_sets) for n in _present(node.child("questions")))
    items = tuple(_parse_item(n, scope, tracked) for n in _present(node.child("items")))
    results = tuple(_parse_result(n, scope) for n in _present(node.child("results")))
    return Section(
        id=node.child("id").identifier(),
        title=node.child("title").text(max_length=60),
        items=items,
        show_if=show_if,
        lead=node.child("lead").optional_text(),
        questions=questions,
        results=results,
        numbered=node.child("numbered").flag(False),
        notes=node.child("notes").flag(True),
    )


def _present(node: Node) -> list[Node]:
    return [] if node.value is None else node.items(min_items=1)


def _parse_item(node: Node, scope: Scope, tracked: bool) -> Item:
    optional = {"hint", "show_if", "renamed_from"} | ({"owner_hint"} if tracked else {"requires"})
    node.mapping({"id", "text"}, optional)
    item = Item(
        id=node.child("id").identifier(),
        text=node.child("text").text(max_length=160),
        hint=node.child("hint").optional_text(),
        show_if=predicates.parse(node.child("show_if"), scope),
        renamed_from=node.child("renamed_from").id_list(),
        tracked=tracked,
        owner_hint=node.child("owner_hint").optional_text(max_length=40),
        gate=_parse_gate(node.child("requires"), scope),
    )
    scope.items[item.id] = tracked
    return item


def _parse_gate(node: Node, scope: Scope) -> Gate | None:
    if node.value is None:
        return None
    node.mapping({"items", "reason"})
    refs = node.child("items").id_list()
    if not refs:
        raise node.child("items").fail("must list at least one item")
    tests = []
    for index, ref in enumerate(refs):
        if ref not in scope.items:
            known = ", ".join(scope.items) or "none"
            raise node.child("items").child(index).fail(
                f"refers to unknown item '{ref}' (declared before this point: {known})")
        tests.append(_settled_test(ref, scope))
    requirement = Predicate("all", tuple(Predicate("test", test=t) for t in tests))
    return Gate(refs, node.child("reason").text(), requirement)


def _settled_test(ref: str, scope: Scope) -> Test:
    if not scope.items[ref]:
        return Test(f"items.{ref}.checked")
    return Test(f"items.{ref}.status", scope.settled, default=scope.statuses[0])


def _parse_question(node: Node, scope: Scope, choice_sets: dict[str, Node]) -> Question:
    node.mapping({"id", "text", "choices"}, {"hint", "show_if", "renamed_from"})
    question = Question(
        id=node.child("id").identifier(),
        text=node.child("text").text(max_length=160),
        choices=_parse_choices(node.child("choices"), choice_sets),
        hint=node.child("hint").optional_text(),
        show_if=predicates.parse(node.child("show_if"), scope),
        renamed_from=node.child("renamed_from").id_list(),
    )
    if question.id in scope.questions:
        raise node.child("id").fail(f"duplicate question id '{question.id}'")
    scope.questions[question.id] = tuple(c.id for c in question.choices)
    return question


def _parse_choices(node: Node, choice_sets: dict[str, Node]) -> tuple[Choice, ...]:
    if isinstance(node.value, str):
        if node.value not in choice_sets:
            known = ", ".join(choice_sets) or "none declared"
            raise node.fail(f"refers to unknown choice set '{node.value}' (declared in choice_sets: {known})")
        node = choice_sets[node.value]
    choices = []
    for child in node.items(min_items=2):
        child.mapping({"id", "label"})
        choices.append(Choice(child.child("id").identifier(), child.child("label").text(max_length=40)))
    unique_ids([c.id for c in choices], node, "choice")
    return tuple(choices)


def _parse_result(node: Node, scope: Scope) -> Result:
    node.mapping({"id", "title"}, {"text", "when", "otherwise", "tone", "links", "note", "because"})
    otherwise = node.child("otherwise").flag(False)
    when = predicates.parse(node.child("when"), scope, results=True)
    if when is None and not otherwise:
        raise node.fail("needs 'when' (the answers that show it) or 'otherwise: true'")
    tone = node.child("tone")
    if tone.value is not None and tone.value not in TONES:
        raise tone.fail(f"must be one of {', '.join(TONES)}, got {tone.value!r}")
    return Result(
        id=node.child("id").identifier(),
        title=node.child("title").text(max_length=80),
        text=node.child("text").optional_text(max_length=600),
        when=when,
        otherwise=otherwise,
        tone=tone.value or "info",
        links=tuple(_parse_link(n) for n in node.child("links").optional_items()),
        note=node.child("note").optional_text(),
        because=node.child("because").flag(False),
    )


def _parse_link(node: Node) -> Link:
    node.mapping({"text"}, {"href", "tel", "note"})
    href, tel = node.child("href"), node.child("tel")
    if href.value is None and tel.value is None:
        raise node.fail("needs 'href' (a page of this site or an https:// address) or 'tel'")
    if href.value is not None and not (isinstance(href.value, str) and (
            INTERNAL_HREF.match(href.value) or EXTERNAL_HREF.match(href.value))):
        raise href.fail("must be a site page such as 'respond/three-principles/#no-lies' or an https:// address, "
                        f"got {href.value!r}")
    if tel.value is not None and not (isinstance(tel.value, str) and PHONE.match(tel.value)):
        raise tel.fail(f"must be a phone number of digits and hyphens, got {tel.value!r}")
    return Link(node.child("text").text(max_length=80), href.value or "", tel.value or "",
                node.child("note").optional_text())
