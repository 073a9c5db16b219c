"""The incident record (案件): its fields, normalization of untrusted JSON, and the export format.

An incident is a flat JSON object of strings, entered once and used by every document::

    {"title": "部品Bの納品数量不足", "customer_company": "株式会社みなと精機", "cause_status": "known",
     "next_contact": "in-30-minutes", "next_contact_at": "", "responsible_department": "物流センター出荷課", ...}

What a field means is defined here, once (:data:`FIELDS`: id, input type, length, choices, internal and
required flags; the documents depend on them). How the form presents it is data,
``widgets/definitions/documents/incident.yml`` (order, label, help text, example), checked against
:data:`FIELDS` by :func:`parse_form`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import timefmt
from ..errors import RequestError
from ..kind import foreign_file
from ..schema import Node, unique_ids
from . import jdate

EXPORT_FORMAT = "kb-incident"
EXPORT_VERSION = 1
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class SelectOption:
    """One entry of a select: the stored value and what the reader sees."""

    value: str
    label: str


def _options(labels: dict[str, str]) -> tuple[SelectOption, ...]:
    return tuple(SelectOption(value, label) for value, label in labels.items())


CAUSE_STATUSES = _options({"investigating": "調査中", "known": "判明している"})
PROMISE_CHOICES = _options(jdate.CHOICES)


@dataclass(frozen=True)
class FieldSpec:
    """The meaning of one incident field.

    Attributes:
        id: The key in the incident object.
        label: Short Japanese name, used in 【未入力: …】 markers and in notes.
        input: ``text``, ``textarea``, ``datetime`` (local ISO time) or ``select``.
        max_length: Longest accepted text.
        choices: The entries of a ``select``, in form order ('' is always allowed: not chosen yet).
        internal: Never shown in customer-facing documents.
        required: The form asks for it (only the title).
    """

    id: str
    label: str
    input: str = "text"
    max_length: int = 200
    choices: tuple[SelectOption, ...] = ()
    internal: bool = False
    required: bool = False

    @property
    def values(self) -> tuple[str, ...]:
        """The allowed values of a ``select``."""
        return tuple(choice.value for choice in self.choices)


def _textarea(field_id: str, label: str) -> FieldSpec:
    return FieldSpec(field_id, label, "textarea", 2000)


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "案件名", max_length=80, required=True),
    FieldSpec("customer_company", "取引先の会社名"),
    FieldSpec("customer_department", "取引先の部署・役職"),
    FieldSpec("customer_contact", "取引先のご担当者名"),
    FieldSpec("own_company", "自社名"),
    FieldSpec("sender_name", "差出人の氏名"),
    FieldSpec("sender_title", "差出人の所属・役職"),
    FieldSpec("sender_contact", "差出人の連絡先"),
    FieldSpec("reference", "製品名・注文番号"),
    _textarea("what_happened", "発生した事象"),
    FieldSpec("discovered_at", "発覚した日時", "datetime", 26),
    _textarea("impact_scope", "波及範囲"),
    _textarea("customer_situation", "取引先の現状"),
    _textarea("customer_trouble", "取引先がいちばん困っていること"),
    _textarea("temporary_measures", "応急処置"),
    FieldSpec("cause_status", "原因の状況", "select", 20, CAUSE_STATUSES),
    _textarea("cause", "原因"),
    FieldSpec("cause_report", "原因の報告予定", "select", 20, PROMISE_CHOICES),
    FieldSpec("cause_report_at", "原因の報告日時", "datetime", 26),
    _textarea("countermeasure", "対策"),
    _textarea("prevention", "再発防止策"),
    _textarea("next_action", "今後の対応"),
    FieldSpec("next_contact", "次回の連絡", "select", 20, PROMISE_CHOICES),
    FieldSpec("next_contact_at", "次回の連絡日時", "datetime", 26),
    FieldSpec("responsible_department", "関係部署", internal=True),
)
BY_ID = {spec.id: spec for spec in FIELDS}
METADATA = ("updated_at",)  # kept when valid (the page's incident store writes it), never shown


def empty() -> dict[str, str]:
    """Return an incident with every field empty."""
    return {spec.id: "" for spec in FIELDS}


# --- normalization ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Normalized:
    """A clean incident, with notes (in Japanese) about what was dropped or shortened."""

    incident: dict[str, str]
    notes: tuple[str, ...]


def normalize(raw: Any) -> Normalized:
    """Clean an incident from untrusted JSON.

    Unknown keys and values of the wrong type are dropped, texts are cut to their maximum length,
    line breaks become ``\\n``; every field is present in the result ('' when empty). The page's
    ``updated_at`` stamp is kept when it is a valid local time.

    >>> result = normalize({"title": "納期遅延", "cause_status": "maybe", "extra": 1})
    >>> result.incident["title"], result.incident["cause_status"]
    ('納期遅延', '')
    >>> result.notes
    ('読み取れない値があったため、空欄にしました：原因の状況。', 'この版の案件にない項目 1 件は読み込みませんでした。')
    """
    if raw is None:
        return Normalized(empty(), ())
    if not isinstance(raw, dict):
        return Normalized(empty(), ("案件のデータを読み取れなかったため、空の案件から始めます。",))
    incident = empty()
    invalid: list[str] = []
    shortened: list[str] = []
    for spec in FIELDS:
        value = _clean(spec, raw.get(spec.id, ""))
        if value is None:
            invalid.append(spec.label)
            continue
        if len(value) > spec.max_length:
            shortened.append(f"{spec.label}（{spec.max_length}文字まで）")
            value = value[:spec.max_length]
        incident[spec.id] = value
    for key in METADATA:
        if timefmt.parse_local(raw.get(key)):
            incident[key] = raw[key]
    return Normalized(incident, _notes(invalid, shortened, len(set(raw) - set(BY_ID) - set(METADATA))))


def _clean(spec: FieldSpec, value: Any) -> str | None:
    """Return a clean string value, or ``None`` when the value cannot be used."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return None
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if not value.strip():
        return ""
    if spec.input == "select" and value not in spec.values:
        return None
    if spec.input == "datetime" and timefmt.parse_local(value) is None:
        return None
    return value


def _notes(invalid: list[str], shortened: list[str], unknown: int) -> tuple[str, ...]:
    notes = []
    if invalid:
        notes.append(f"読み取れない値があったため、空欄にしました：{'、'.join(invalid)}。")
    if shortened:
        notes.append(f"長すぎるため、末尾を切り詰めました：{'、'.join(shortened)}。")
    if unknown:
        notes.append(f"この版の案件にない項目 {unknown} 件は読み込みませんでした。")
    return tuple(notes)


def text(incident: dict[str, str], field_id: str) -> str:
    """Return a field's text without surrounding spaces ('' when empty or unknown)."""
    return (incident.get(field_id) or "").strip()


# --- export and import ------------------------------------------------------------------------


def export_document(incident: dict[str, str], exported_at: str) -> dict[str, Any]:
    """Return the JSON document that hands an incident over (to the boss, to a successor)."""
    clean = normalize(incident).incident
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported_at": exported_at,
            "incident": {key: clean[key] for key in BY_ID}}


def import_document(document: Any) -> Normalized:
    """Read an exported incident back.

    Raises:
        RequestError: when the document is not an incident export or comes from a newer version.
    """
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise RequestError(foreign_file(document, "書き出した案件"))
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise RequestError("案件の書き出しデータの版（version）が読み取れません。")
    if version > EXPORT_VERSION:
        raise RequestError(f"新しい版（{version}）の書き出しデータのため、読み込めません。"
                           "ページを再読み込みしてから、もう一度お試しください。")
    if not isinstance(document.get("incident"), dict):
        raise RequestError("書き出しデータに案件の内容が含まれていません。")
    return normalize(document["incident"])


# --- the form definition (incident.yml) -------------------------------------------------------


@dataclass(frozen=True)
class FormField:
    """One input of the incident form: its meaning (:class:`FieldSpec`) and how the page presents it."""

    spec: FieldSpec
    label: str
    help: str = ""
    example: str = ""

    id = property(lambda self: self.spec.id, doc="The key in the incident object.")
    input = property(lambda self: self.spec.input, doc="``text``, ``textarea``, ``datetime`` or ``select``.")
    choices = property(lambda self: self.spec.choices, doc="The entries of a select.")
    internal = property(lambda self: self.spec.internal, doc="Never shown in customer-facing documents.")
    required = property(lambda self: self.spec.required, doc="The form asks for it.")
    max_length = property(lambda self: self.spec.max_length, doc="Longest accepted text.")


@dataclass(frozen=True)
class IncidentForm:
    """The validated ``kind: incident`` definition: the fields of the form in page order."""

    id: str
    version: int
    title: str
    description: str
    fields: tuple[FormField, ...]


def parse_form(node: Node) -> IncidentForm:
    """Validate the incident form definition against :data:`FIELDS`: every field exactly once.

    Raises:
        DefinitionError: naming the file, the location inside it and the problem.
    """
    node.mapping({"kind", "id", "version", "title", "fields"}, {"description"})
    fields = tuple(_parse_field(child) for child in node.child("fields").items(min_items=1))
    unique_ids([f.spec.id for f in fields], node.child("fields"), "field")
    missing = [spec.id for spec in FIELDS if spec.id not in {f.spec.id for f in fields}]
    if missing:
        raise node.child("fields").fail(f"field '{missing[0]}' is missing (every incident field must be listed)")
    return IncidentForm(
        id=node.child("id").identifier(),
        version=node.child("version").integer(minimum=1),
        title=node.child("title").text(max_length=80),
        description=node.child("description").optional_text(),
        fields=fields,
    )


def _parse_field(node: Node) -> FormField:
    node.mapping({"id", "label"}, {"help", "example"})
    field_id = node.child("id").value
    if field_id not in BY_ID:
        raise node.child("id").fail(f"unknown incident field {field_id!r} (known: {', '.join(BY_ID)})")
    return FormField(BY_ID[field_id], label=node.child("label").text(max_length=40),
                     help=node.child("help").optional_text(), example=node.child("example").optional_text())
