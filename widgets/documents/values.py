"""What a placeholder in a document template stands for, and the conditions parts can depend on.

Placeholders (``{name}`` in a template) are:

- the text fields of the incident (``{cause}``, ``{what_happened}`` ...), with honorifics removed from
  the customer's names (the templates add the right one);
- derived values, listed in :data:`DERIVED` (``{addressee_block}``, ``{next_contact}``, ``{date}`` ...);
- the document's own text, textarea and datetime options (``{proposal}``, ``{reply_by}``).

A placeholder without a value renders as a visible marker such as 【未入力: 原因】 and its source is
reported as missing (an incident field id, or ``options.<id>``).

Conditions (``when:`` / ``unless:`` of a part) are the flags of :data:`FLAGS`, a placeholder name
(true when it has a value), a checkbox option, or ``<select option>=<value>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from .. import timefmt
from . import honorifics, jdate
from .incident import BY_ID, FIELDS, text

TEXT_INPUTS = ("text", "textarea")
BARE_NAMES = ("customer_company", "customer_department", "customer_contact")
_TOPIC_SUFFIXES = ("についてのお詫び", "に関するお詫び", "のお詫び", "お詫び", "について", "の件")
OPENINGS = {"kinkei": ("謹啓", "謹白"), "haikei": ("拝啓", "敬具"), "kyukei": ("急啓", "草々")}


def missing_marker(label: str) -> str:
    """Return the visible stand-in for a value that was not entered.

    >>> missing_marker("原因")
    '【未入力: 原因】'
    """
    return f"【未入力: {label}】"


@dataclass(frozen=True)
class Value:
    """The text of a placeholder, the sources that were missing, and notes for the reader."""

    text: str
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def filled(self) -> bool:
        """True when the value has text and nothing in it is missing."""
        return bool(self.text) and not self.missing


def absent(source: str, label: str) -> Value:
    """Return the marker value of a missing source."""
    return Value(missing_marker(label), (source,))


@dataclass(frozen=True)
class OptionValues:
    """Options of one request, already validated, with the labels of the document's options."""

    values: dict[str, object]
    labels: dict[str, str]
    inputs: dict[str, str]


@dataclass
class Placeholders:
    """The values of a document's placeholders and conditions for one render (each computed once)."""

    incident: dict[str, str]
    options: OptionValues
    now: datetime
    calendar: jdate.OfficeCalendar = field(default_factory=jdate.OfficeCalendar)
    _cache: dict[str, Value] = field(default_factory=dict)

    @property
    def clock_style(self) -> str:
        """``24h`` or ``ampm``, from the ``clock`` option (how times are written)."""
        return str(self.options.values.get("clock") or "24h")

    @property
    def date_style(self) -> str:
        """``wareki`` or ``seireki``, from the ``date_style`` option."""
        return str(self.options.values.get("date_style") or "wareki")

    def value(self, name: str) -> Value:
        """Return the value of a placeholder (the name was checked when the template was loaded)."""
        if name not in self._cache:
            self._cache[name] = self._compute(name)
        return self._cache[name]

    def _compute(self, name: str) -> Value:
        if name in DERIVED:
            return DERIVED[name].compute(self)
        if name in self.options.labels:
            return _option_value(self, name)
        return field_value(self.incident, name)

    def satisfies(self, condition: str) -> bool:
        """Tell whether a condition of a part holds."""
        if condition in FLAGS:
            return FLAGS[condition](self)
        if "=" in condition:
            option, expected = condition.split("=", 1)
            return self.options.values.get(option) == expected
        if self.options.inputs.get(condition) == "checkbox":
            return self.options.values.get(condition) is True
        return self.value(condition).filled


# --- incident fields --------------------------------------------------------------------------


def field_value(incident: dict[str, str], field_id: str) -> Value:
    """Return the value of an incident text field (names without their honorific)."""
    value = text(incident, field_id)
    if field_id in BARE_NAMES:
        value = honorifics.bare(value)
    return Value(value) if value else absent(field_id, BY_ID[field_id].label)


def _option_value(context: Placeholders, name: str) -> Value:
    raw = context.options.values.get(name)
    source = f"options.{name}"
    if context.options.inputs[name] == "datetime":
        moment = timefmt.parse_local(raw)
        if moment is None:
            return absent(source, context.options.labels[name])
        return _promise_value(context, jdate.Promise("by", moment), "", context.options.labels[name])
    value = raw.strip() if isinstance(raw, str) else ""
    return Value(value) if value else absent(source, context.options.labels[name])


# --- derived values ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Derived:
    """A placeholder computed from several fields.

    Attributes:
        label: What the placeholder stands for (for the template validation messages).
        internal: Depends on an internal-only field (forbidden in customer-facing documents).
        compute: Function of the placeholders of one render.
    """

    label: str
    internal: bool
    compute: Callable[[Placeholders], Value]


def _addressee_block(context: Placeholders) -> Value:
    lines = honorifics.addressee_lines(*(text(context.incident, f) for f in BARE_NAMES))
    if lines[0]:
        return Value("\n".join(lines))
    label = BY_ID["customer_company"].label
    return Value("\n".join([missing_marker(label), *lines[1:]]), ("customer_company",))


def _addressee(context: Placeholders) -> Value:
    block = _addressee_block(context)
    return Value(" ".join(block.text.split("\n")), block.missing)


def _customer_name(context: Placeholders) -> Value:
    return Value(honorifics.person(text(context.incident, "customer_contact")) or "ご担当者様")


def _topic(context: Placeholders) -> Value:
    title = text(context.incident, "title")
    for suffix in _TOPIC_SUFFIXES:
        if title.endswith(suffix) and len(title) > len(suffix):
            title = title[: -len(suffix)]
            break
    return Value(title) if title else absent("title", BY_ID["title"].label)


def _regarding(context: Placeholders) -> Value:
    reference = text(context.incident, "reference")
    return Value(f"{reference}の件で、" if reference else "")


def _sender_surname(context: Placeholders) -> Value:
    """The rep's surname, as one names oneself to colleagues: the name up to its first space (「鈴木 一郎」)."""
    name = text(context.incident, "sender_name")
    if not name:
        return absent("sender_name", BY_ID["sender_name"].label)
    return Value(name.replace("　", " ").split()[0])


def _discovered(context: Placeholders) -> Value:
    moment = timefmt.parse_local(text(context.incident, "discovered_at"))
    if moment is None:
        return absent("discovered_at", BY_ID["discovered_at"].label)
    with_year = "date_style" in context.options.labels
    return Value(jdate.day_and_clock(moment, context.now, clock_style=context.clock_style,
                                     date_style=context.date_style, with_year=with_year))


def _promised(field_id: str, what: str) -> Callable[[Placeholders], Value]:
    def compute(context: Placeholders) -> Value:
        choice = text(context.incident, field_id)
        at = timefmt.parse_local(text(context.incident, f"{field_id}_at"))
        promise = jdate.resolve(choice, at, context.now, context.calendar)
        if promise is None:
            return absent(field_id, BY_ID[field_id].label)
        return _promise_value(context, promise, jdate.CHOICES.get(choice, ""), what)
    return compute


def _promise_value(context: Placeholders, promise: jdate.Promise, choice_label: str, what: str) -> Value:
    date_style = context.date_style if "date_style" in context.options.labels else "seireki"
    phrase = jdate.promise_text(promise, context.now, clock_style=context.clock_style, date_style=date_style)
    notes = []
    if promise.moved_because:
        notes.append(f"{what}（{choice_label}）は、{promise.moved_because}、{phrase.removesuffix('に')}としました。"
                     "日時を指定することもできます。")
    elif promise.kind == "by" and promise.moment < context.now:
        notes.append(f"{what}の日時（{jdate.day_and_clock(promise.moment, context.now)}）は、すでに過ぎています。")
    return Value(phrase, (), tuple(notes))


def _date(context: Placeholders) -> Value:
    return Value(jdate.format_date(context.now.date(), context.date_style))


def _now(context: Placeholders) -> Value:
    return Value(jdate.day_and_clock(context.now, context.now, clock_style=context.clock_style))


def _opening(index: int) -> Callable[[Placeholders], Value]:
    def compute(context: Placeholders) -> Value:
        return Value(OPENINGS.get(str(context.options.values.get("opening")), OPENINGS["haikei"])[index])
    return compute


DERIVED: dict[str, Derived] = {
    "addressee": Derived("宛名（1行）", False, _addressee),
    "addressee_block": Derived("宛名（会社名と、部署・氏名の2行）", False, _addressee_block),
    "customer_name": Derived("ご担当者の呼び方（〇〇様／ご担当者様）", False, _customer_name),
    "topic": Derived("案件名（件名用）", False, _topic),
    "regarding": Derived("「〇〇の件で、」（製品名・注文番号があるときだけ）", False, _regarding),
    "discovered": Derived("発覚した日時の文言", False, _discovered),
    "sender_surname": Derived("差出人の名字（社内あて）", False, _sender_surname),
    "next_contact": Derived("次回の連絡（〜までに）", False, _promised("next_contact", "次回の連絡")),
    "cause_report": Derived("原因の報告予定（〜までに）", False, _promised("cause_report", "原因の報告")),
    "date": Derived("文書の日付", False, _date),
    "now": Derived("現在の日時", False, _now),
    "opening_word": Derived("頭語", False, _opening(0)),
    "closing_word": Derived("結語", False, _opening(1)),
}


# --- flags ------------------------------------------------------------------------------------


def cause_known(context: Placeholders) -> bool:
    """The cause is known: so marked, or a cause was written without choosing a status."""
    status = text(context.incident, "cause_status")
    return status == "known" or (not status and bool(text(context.incident, "cause")))


def report_with_contact(context: Placeholders) -> bool:
    """The cause is to be reported at the very time of the next contact: say that time once, not twice."""
    if cause_known(context):
        return False
    report, contact = context.value("cause_report"), context.value("next_contact")
    return report.filled and contact.filled and report.text == contact.text


def letter_greeting(context: Placeholders) -> bool:
    """The letter opens with the seasonal courtesy line: asked for, and not an urgent (急啓) letter."""
    options = context.options.values
    return options.get("greeting") is True and options.get("opening") != "kyukei"


FLAGS: dict[str, Callable[[Placeholders], bool]] = {
    "cause_known": cause_known,
    "cause_investigating": lambda c: not cause_known(c),
    "countermeasure_pending": lambda c: not cause_known(c) and not text(c.incident, "countermeasure"),
    "prevention_pending": lambda c: not cause_known(c) and not text(c.incident, "prevention"),
    "letter_greeting": letter_greeting,
    "report_with_contact": report_with_contact,
}


# --- names for the template validation ---------------------------------------------------------


def field_placeholders() -> dict[str, bool]:
    """Return the placeholder names of the incident and derived values, mapped to their internal flag."""
    names = {spec.id: spec.internal for spec in FIELDS if spec.input in TEXT_INPUTS}
    names.update({name: derived.internal for name, derived in DERIVED.items()})
    return names
