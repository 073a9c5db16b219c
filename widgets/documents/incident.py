"""The incident record (案件): its fields, normalization of untrusted JSON, and the export format.

An incident is a flat JSON object of strings, entered once and used by every document::

    {"title": "部品Bの納品数量不足", "customer_company": "株式会社みなと精機", "cause_status": "known",
     "next_contact": "in-30-minutes", "next_contact_at": "", "responsible_department": "物流センター出荷課", ...}

The field ids and value types are fixed here (the documents depend on their meaning); the form of the
page (labels, help texts, choice labels, order) is data: ``widgets/definitions/documents/incident.yml``,
checked against :data:`FIELDS` by :func:`parse_form`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import jdate, timefmt
from ..errors import RequestError
from ..schema import Node

EXPORT_FORMAT = "kb-incident"
EXPORT_VERSION = 1
INPUTS = ("text", "textarea", "datetime", "select")
CAUSE_STATUSES = ("known", "investigating")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class FieldSpec:
    """The meaning of one incident field.

    Attributes:
        id: The key in the incident object.
        label: Short Japanese name, used in 【未入力: …】 markers and in notes.
        input: ``text``, ``textarea``, ``datetime`` (local ISO time) or ``select``.
        max_length: Longest accepted text.
        choices: Allowed values of a ``select`` ('' is always allowed: not chosen yet).
        internal: Never shown in customer-facing documents.
        required: The form asks for it (only the title).
    """

    id: str
    label: str
    input: str = "text"
    max_length: int = 200
    choices: tuple[str, ...] = ()
    internal: bool = False
    required: bool = False


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
    FieldSpec("cause_report", "原因の報告予定", "select", 20, tuple(jdate.CHOICES)),
    FieldSpec("cause_report_at", "原因の報告日時", "datetime", 26),
    _textarea("countermeasure", "対策"),
    _textarea("prevention", "再発防止策"),
    _textarea("next_action", "今後の対応"),
    FieldSpec("next_contact", "次回の連絡", "select", 20, tuple(jdate.CHOICES)),
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
    if spec.input == "select" and value not in spec.choices:
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


def display_title(incident: dict[str, str]) -> str:
    """Return the name of an incident for lists: its title, or a stand-in.

    >>> display_title({"title": " 納期遅延 "}), display_title({"customer_company": "株式会社〇〇"})
    ('納期遅延', '（案件名なし）株式会社〇〇')
    """
    return text(incident, "title") or f"（案件名なし）{text(incident, 'customer_company')}".rstrip()


# --- export and import ------------------------------------------------------------------------


def export_document(incident: dict[str, str]) -> dict[str, Any]:
    """Return the JSON document that hands an incident over (to the boss, to a successor)."""
    clean = normalize(incident).incident
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "incident": {key: clean[key] for key in BY_ID}}


def import_document(document: Any) -> Normalized:
    """Read an exported incident back.

    Raises:
        RequestError: when the document is not an incident export or comes from a newer version.
    """
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise RequestError("このファイルは案件の書き出しデータではありません。")
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
class Choice:
    """One entry of a select."""

    value: str
    label: str


@dataclass(frozen=True)
class FormField:
    """One input of the incident form, as the page renders it."""

    id: str
    label: str
    input: str
    help: str = ""
    example: str = ""
    choices: tuple[Choice, ...] = ()
    internal: bool = False
    required: bool = False
    max_length: int = 200


@dataclass(frozen=True)
class IncidentForm:
    """The validated ``kind: incident`` definition: the fields of the form in page order."""

    id: str
    version: int
    title: str
    description: str
    fields: tuple[FormField, ...]


def parse_form(node: Node) -> IncidentForm:
    """Validate the incident form definition against :data:`FIELDS`.

    Every field must appear exactly once, with the input type, the choice values and the internal
    and required flags that the documents rely on.

    Raises:
        DefinitionError: naming the file, the location inside it and the problem.
    """
    node.mapping({"kind", "id", "version", "title", "fields"}, {"description"})
    fields = tuple(_parse_field(child) for child in node.child("fields").items(min_items=1))
    seen = [f.id for f in fields]
    for field_id in seen:
        if seen.count(field_id) > 1:
            raise node.child("fields").fail(f"field '{field_id}' is listed twice")
    missing = [spec.id for spec in FIELDS if spec.id not in seen]
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
    node.mapping({"id", "label", "input"}, {"help", "example", "choices", "internal", "required"})
    field_id = node.child("id").value
    if field_id not in BY_ID:
        raise node.child("id").fail(f"unknown incident field {field_id!r} (known: {', '.join(BY_ID)})")
    spec = BY_ID[field_id]
    for key, expected in (("input", spec.input), ("internal", spec.internal), ("required", spec.required)):
        value = node.child(key).value if key == "input" else node.child(key).flag()
        if value != expected:
            raise node.child(key).fail(f"must be {expected!r} for '{field_id}' (the documents rely on it)")
    return FormField(id=field_id, label=node.child("label").text(max_length=40), input=spec.input,
                     help=node.child("help").optional_text(), example=node.child("example").optional_text(),
                     choices=_parse_choices(node.child("choices"), spec), internal=spec.internal,
                     required=spec.required, max_length=spec.max_length)


def _parse_choices(node: Node, spec: FieldSpec) -> tuple[Choice, ...]:
    if spec.input != "select":
        if node.value is not None:
            raise node.fail(f"only select fields have choices ('{spec.id}' is {spec.input})")
        return ()
    choices = []
    for child in node.items(min_items=1):
        child.mapping({"value", "label"})
        choices.append(Choice(str(child.child("value").text(max_length=40)), child.child("label").text(max_length=40)))
    values = tuple(c.value for c in choices)
    if sorted(values) != sorted(spec.choices):
        raise node.fail(f"values must be exactly: {', '.join(spec.choices)} (got {', '.join(values)})")
    return tuple(choices)
