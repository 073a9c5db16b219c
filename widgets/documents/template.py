"""Document templates (``kind: document``): the model and its validation at build time.

A template is data, one YAML file per document in ``widgets/definitions/documents/``::

    kind: document
    id: apology-mail
    version: 1
    title: お詫びメール
    audience: customer            # customer | internal
    channel: mail                 # mail | letter | phone | internal
    subject: "{topic}のお詫び"     # optional; a text, or {text, when, unless}
    options:                      # optional inputs of the page, stored under state.options
      - {id: clock, label: 時刻の書き方, input: select, choices: [{value: 24h, label: 15時30分}, ...]}
    parts:                        # paragraphs, separated by a blank line in the output
      - text: "{addressee_block}"
        role: addressee
      - lines:                    # lines of one paragraph, each may have its own condition
          - ■ 原因
          - text: "{cause}"
            when: cause_known
        unless: [cause_investigating]

Placeholders and conditions are listed in :mod:`widgets.documents.values`. ``{{`` and ``}}`` write
literal braces. Loading fails with the file and the path of the problem for an unknown placeholder or
condition, and for a customer-facing template that uses an internal-only field (the responsible
department).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from ..schema import Node
from . import jdate
from .incident import SelectOption
from .values import FLAGS, OPENINGS, field_placeholders

AUDIENCES = ("customer", "internal")
CHANNELS = ("mail", "letter", "phone", "internal")
ROLES = ("body", "date", "addressee", "sender", "title", "heading", "closing", "record", "end", "signature", "note")
OPTION_INPUTS = ("select", "checkbox", "text", "textarea", "datetime")
PLACEHOLDER_INPUTS = ("text", "textarea", "datetime")
ENGINE_OPTIONS = {"clock": jdate.CLOCK_STYLES, "date_style": jdate.DATE_STYLES, "opening": tuple(OPENINGS)}
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


@dataclass(frozen=True)
class Ref:
    """A placeholder inside a text."""

    name: str


@dataclass(frozen=True)
class Text:
    """A template text, split into literal strings and placeholders."""

    segments: tuple[str | Ref, ...]


@dataclass(frozen=True)
class Line:
    """One line of a paragraph (a text may span several lines), shown when its conditions hold."""

    text: Text
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    """A paragraph of the document; ``role`` tells the page how to lay it out (e.g. on an A4 letter)."""

    lines: tuple[Line, ...]
    role: str = "body"
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class Option:
    """A document option (an input of the page stored under ``state.options``)."""

    id: str
    label: str
    input: str
    default: Any
    choices: tuple[SelectOption, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Document:
    """A validated document template."""

    id: str
    version: int
    title: str
    description: str
    audience: str
    channel: str
    subject: Line | None
    options: tuple[Option, ...]
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class _Names:
    """What texts and conditions of one template may refer to."""

    placeholders: dict[str, bool]
    conditions: set[str]
    customer: bool


def parse(node: Node) -> Document:
    """Validate a document template and build its model.

    Raises:
        DefinitionError: naming the file, the location inside it and the problem.
    """
    node.mapping({"kind", "id", "version", "title", "audience", "channel", "parts"},
                 {"description", "subject", "options"})
    audience = _one_of(node.child("audience"), AUDIENCES)
    options = _parse_options(node.child("options"))
    names = _names(options, audience == "customer")
    subject = None if node.child("subject").value is None else _parse_line(node.child("subject"), names)
    return Document(
        id=node.child("id").identifier(),
        version=node.child("version").integer(minimum=1),
        title=node.child("title").text(max_length=80),
        description=node.child("description").optional_text(),
        audience=audience,
        channel=_one_of(node.child("channel"), CHANNELS),
        subject=subject,
        options=options,
        parts=tuple(_parse_part(child, names) for child in node.child("parts").items(min_items=1)),
    )


def _one_of(node: Node, allowed: tuple[str, ...]) -> str:
    if node.value not in allowed:
        raise node.fail(f"must be one of {', '.join(allowed)}, got {node.value!r}")
    return node.value


# --- options ----------------------------------------------------------------------------------


def _parse_options(node: Node) -> tuple[Option, ...]:
    options = tuple(_parse_option(child) for child in node.optional_items())
    ids = [option.id for option in options]
    taken = set(field_placeholders()) | set(FLAGS)
    for index, option in enumerate(options):
        if ids.count(option.id) > 1 or option.id in taken:
            raise node.child(index).child("id").fail(f"option id '{option.id}' is already used by another name")
    return options


def _parse_option(node: Node) -> Option:
    node.mapping({"id", "label", "input"}, {"choices", "default", "help"})
    option_id = _name(node.child("id"))
    kind = _one_of(node.child("input"), OPTION_INPUTS)
    choices = _parse_option_choices(node.child("choices"), kind, option_id)
    return Option(id=option_id, label=node.child("label").text(max_length=40), input=kind,
                  default=_option_default(node.child("default"), kind, choices), choices=choices,
                  help=node.child("help").optional_text())


def _name(node: Node) -> str:
    if not isinstance(node.value, str) or not NAME.match(node.value):
        raise node.fail(f"must be a name of lowercase letters, digits and underscores, got {node.value!r}")
    return node.value


def _parse_option_choices(node: Node, kind: str, option_id: str) -> tuple[SelectOption, ...]:
    if kind != "select":
        if node.value is not None:
            raise node.fail("only select options have choices")
        return ()
    choices = []
    for child in node.items(min_items=2):
        child.mapping({"value", "label"})
        choices.append(SelectOption(child.child("value").identifier(), child.child("label").text(max_length=40)))
    values = tuple(choice.value for choice in choices)
    expected = ENGINE_OPTIONS.get(option_id)
    if expected and sorted(values) != sorted(expected):
        raise node.fail(f"the values of '{option_id}' must be exactly: {', '.join(expected)}")
    if len(set(values)) != len(values):
        raise node.fail("has the same value twice")
    return tuple(choices)


def _option_default(node: Node, kind: str, choices: tuple[SelectOption, ...]) -> Any:
    if kind == "select":
        values = [choice.value for choice in choices]
        if node.value is None:
            return values[0]
        if node.value not in values:
            raise node.fail(f"must be one of the choices ({', '.join(values)}), got {node.value!r}")
        return node.value
    if kind == "checkbox":
        return node.flag()
    if node.value is not None:
        raise node.fail(f"{kind} options have no default")
    return ""


def _names(options: tuple[Option, ...], customer: bool) -> _Names:
    placeholders = field_placeholders()
    placeholders.update({o.id: False for o in options if o.input in PLACEHOLDER_INPUTS})
    conditions = set(FLAGS) | set(placeholders) | {o.id for o in options if o.input == "checkbox"}
    conditions |= {f"{o.id}={c.value}" for o in options for c in o.choices}
    return _Names(placeholders, conditions, customer)


# --- parts and texts --------------------------------------------------------------------------


def _parse_part(node: Node, names: _Names) -> Part:
    if not isinstance(node.value, dict) or ("text" in node.value) == ("lines" in node.value):
        raise node.fail("must be a mapping with either 'text' or 'lines'")
    node.mapping(set(), {"text", "lines", "role", "when", "unless"})
    if "text" in node.value:
        lines = (Line(_parse_text(node.child("text"), names)),)
    else:
        lines = tuple(_parse_line(child, names) for child in node.child("lines").items(min_items=1))
    role = "body" if node.child("role").value is None else _one_of(node.child("role"), ROLES)
    return Part(lines, role, _conditions(node.child("when"), names), _conditions(node.child("unless"), names))


def _parse_line(node: Node, names: _Names) -> Line:
    if isinstance(node.value, str):
        return Line(_parse_text(node, names))
    node.mapping({"text"}, {"when", "unless"})
    return Line(_parse_text(node.child("text"), names), _conditions(node.child("when"), names),
                _conditions(node.child("unless"), names))


def _parse_text(node: Node, names: _Names) -> Text:
    if not isinstance(node.value, str) or not node.value.strip():
        raise node.fail("must be a non-empty text")
    if len(node.value) > 2000:
        raise node.fail(f"is too long ({len(node.value)} characters, at most 2000)")
    segments: list[str | Ref] = []
    position = 0
    raw = node.value.rstrip()
    for match in _TOKEN.finditer(raw):
        segments.append(raw[position:match.start()])
        segments.append(_token(match, node, names))
        position = match.end()
    segments.append(raw[position:])
    return Text(_merge(segments))


def _token(match: re.Match[str], node: Node, names: _Names) -> str | Ref:
    token = match.group(0)
    if token in ("{{", "}}"):
        return token[0]
    name = match.group(1)
    if name is None:
        raise node.fail(f"has a lone '{token}' (write '{token * 2}' for a literal brace)")
    if name not in names.placeholders:
        raise node.fail(f"unknown placeholder {{{name}}}{_suggest(name, names.placeholders)}")
    _check_audience(node, name, names)
    return Ref(name)


def _conditions(node: Node, names: _Names) -> tuple[str, ...]:
    if node.value is None:
        return ()
    values = [node.value] if isinstance(node.value, str) else node.value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise node.fail("must be a condition name or a list of them")
    for value in values:
        if value not in names.conditions:
            raise node.fail(f"unknown condition '{value}'{_suggest(value, names.conditions)}")
        _check_audience(node, value, names)
    return tuple(values)


def _check_audience(node: Node, name: str, names: _Names) -> None:
    if names.customer and names.placeholders.get(name):
        raise node.fail(f"'{name}' is internal only and must not be used in a customer-facing document "
                        "(the customer hears about the company, never about a department)")


def _suggest(name: str, known: Any) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _merge(segments: list[str | Ref]) -> tuple[str | Ref, ...]:
    merged: list[str | Ref] = []
    for segment in segments:
        if isinstance(segment, str) and merged and isinstance(merged[-1], str):
            merged[-1] += segment
        elif segment != "":
            merged.append(segment)
    return tuple(merged)
