"""Rendering a document template for an incident: the text, the subject, the layout blocks, what is missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .. import timefmt
from .incident import text
from .template import Document, Line, Option, Part, Text
from .values import OptionValues, Placeholders

TEXT_OPTION_MAX = 2000


@dataclass(frozen=True)
class Rendered:
    """A rendered document.

    Attributes:
        subject: The mail subject ('' when the document has none).
        body: The full text, paragraphs separated by a blank line.
        blocks: The paragraphs with their layout role, ``{"role": ..., "text": ...}``.
        missing: Sources shown as 【未入力: …】, in order of appearance: incident field ids or ``options.<id>``.
        notes: Remarks for the reader (moved times, internal names in a customer document ...).
    """

    subject: str
    body: str
    blocks: tuple[dict[str, str], ...]
    missing: tuple[str, ...]
    notes: tuple[str, ...]

    def plain_text(self) -> str:
        """Return what the page copies or downloads: the subject line (if any), then the body."""
        return (f"件名：{self.subject}\n\n" if self.subject else "") + self.body + "\n"


class _Collector:
    """Collects missing sources and notes in order, without duplicates."""

    def __init__(self) -> None:
        self.missing: dict[str, None] = {}
        self.notes: dict[str, None] = {}

    def add(self, missing: tuple[str, ...], notes: tuple[str, ...]) -> None:
        self.missing.update(dict.fromkeys(missing))
        self.notes.update(dict.fromkeys(notes))


def render(document: Document, incident: dict[str, str], options: OptionValues, now: datetime) -> Rendered:
    """Render a document for a normalized incident and normalized options at local time ``now``."""
    context = Placeholders(incident, options, now)
    collector = _Collector()
    subject = ""
    if document.subject and _shown(context, document.subject.when, document.subject.unless):
        subject = " ".join(_render_text(context, document.subject.text, collector).split())
    blocks = tuple(block for part in document.parts if (block := _render_part(context, part, collector)))
    body = "\n\n".join(block["text"] for block in blocks)
    notes = list(collector.notes)
    if document.audience == "customer":
        notes += _internal_name_notes(incident, subject + body)
    return Rendered(subject, body, blocks, tuple(collector.missing), tuple(notes))


def _shown(context: Placeholders, when: tuple[str, ...], unless: tuple[str, ...]) -> bool:
    return all(context.satisfies(c) for c in when) and not any(context.satisfies(c) for c in unless)


def _render_part(context: Placeholders, part: Part, collector: _Collector) -> dict[str, str] | None:
    if not _shown(context, part.when, part.unless):
        return None
    lines = [_render_line(context, line, collector) for line in part.lines]
    rendered = "\n".join(line for line in lines if line is not None).strip("\n")
    return {"role": part.role, "text": rendered} if rendered.strip() else None


def _render_line(context: Placeholders, line: Line, collector: _Collector) -> str | None:
    if not _shown(context, line.when, line.unless):
        return None
    return _render_text(context, line.text, collector)


def _render_text(context: Placeholders, template: Text, collector: _Collector) -> str:
    pieces = []
    for segment in template.segments:
        if isinstance(segment, str):
            pieces.append(segment)
            continue
        value = context.value(segment.name)
        collector.add(value.missing, value.notes)
        pieces.append(value.text)
    return "".join(pieces)


def _internal_name_notes(incident: dict[str, str], output: str) -> list[str]:
    department = text(incident, "responsible_department")
    if len(department) < 2 or department not in output:
        return []
    return [f"お客様向けの文書に、社内の部署名「{department}」が入っています。お客様には部署名を出さず、"
            "会社としての説明に書き換えてください。"]


# --- options ----------------------------------------------------------------------------------


def normalize_options(document: Document, raw: Any) -> tuple[OptionValues, tuple[str, ...]]:
    """Validate the options of a request against the document's options.

    Unknown keys are ignored; invalid values fall back to the default with a note.
    """
    raw = raw if isinstance(raw, dict) else {}
    values: dict[str, object] = {}
    notes: list[str] = []
    for option in document.options:
        value = _option(option, raw.get(option.id))
        if value is None:
            notes.append(f"「{option.label}」の値が読み取れなかったため、既定の値にしました。")
            value = option.default
        values[option.id] = value
    labels = {o.id: o.label for o in document.options}
    return OptionValues(values, labels, {o.id: o.input for o in document.options}), tuple(notes)


def _option(option: Option, value: Any) -> Any:
    """Return a valid option value, the default for an absent one, or ``None`` for an invalid one."""
    if value is None or value == "":
        return option.default
    if option.input == "select":
        return value if isinstance(value, str) and value in {c.value for c in option.choices} else None
    if option.input == "checkbox":
        return value if isinstance(value, bool) else None
    if not isinstance(value, str):
        return None
    if option.input == "datetime":
        return value if timefmt.parse_local(value) else None
    return value.replace("\r\n", "\n")[:TEXT_OPTION_MAX]
