"""The definition model of checklists: plain frozen dataclasses, built once by :mod:`.parse`.

A checklist has sections; a section holds checkable items, tracked items (with a status, an owner, a due date),
single-choice questions and results (texts shown when the answers call for them). Visibility and results are
described by predicates (:mod:`.predicates`) over the state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUS_KINDS = ("open", "active", "done", "skipped")
"""What a status means for progress: not started, under way, finished, not applicable (left out of the total)."""

SETTLED_KINDS = ("done", "skipped")
TONES = ("info", "attention", "urgent")

ACTION_LABELS = {
    "copy-text": "テキストをコピー",
    "download-text": "テキストで保存",
    "download-markdown": "見出し付きテキストで保存",
    "export-json": "ファイルに保存",
    "import-json": "ファイルから読み込む",
    "print": "印刷",
    "reset": "すべて消去",
}
"""Every action button a checklist may show, with its default label (the order of the first checklist)."""

DEFAULT_STATUS_TEXT = "チェックとメモはこのまま使えます。経過時間と書き出しの機能を準備しています。"
DEFAULT_PRIVACY = ("入力した内容はこのブラウザーの中だけに保存され、どこにも送信されません。"
                   "共用のパソコンでは、使い終わったら「すべて消去」を押してください。")


@dataclass(frozen=True)
class Test:
    """One look at the state: the value at ``path`` is one of ``values`` (or ``True`` when ``values`` is empty).

    ``default`` is the value assumed when the path is absent (a tracked item's first status).
    """

    path: str
    values: tuple[str, ...] = ()
    default: str | None = None

    def holds(self, value: Any) -> bool:
        """Tell whether a state value passes this test."""
        if not self.values:
            return value is True
        value = self.default if value is None else value
        return value in self.values


@dataclass(frozen=True)
class Predicate:
    """A boolean expression over the state.

    ``op`` is ``test`` (see ``test``), ``all``, ``any``, ``not`` (one part), ``at_least`` (``count`` of the parts)
    or ``answered`` (every visible question in ``questions`` has an answer; empty means all questions).
    """

    op: str
    parts: tuple[Predicate, ...] = ()
    test: Test | None = None
    count: int = 0
    questions: tuple[str, ...] = ()

    def tests(self) -> list[Test]:
        """Return every test in the expression, in order."""
        own = [self.test] if self.test else []
        return own + [t for part in self.parts for t in part.tests()]

    def condition_paths(self) -> tuple[str, ...] | None:
        """Return the condition paths when this is only "all of these conditions are checked", else ``None``.

        Such predicates are evaluated by the runtime itself (``data-kb-show-if``), before Python is ready.
        """
        if self.op == "test" and self.test and not self.test.values and self.test.path.startswith("conditions."):
            return (self.test.path,)
        if self.op == "all" and self.parts:
            paths = [part.condition_paths() for part in self.parts]
            return None if None in paths else tuple(p for group in paths for p in group)
        return None


@dataclass(frozen=True)
class Condition:
    """A yes/no switch at the top of a checklist that shows or hides items."""

    id: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class Status:
    """One state of a tracked item (e.g. 未着手 / 対応中 / 完了 / 該当なし)."""

    id: str
    label: str
    kind: str


@dataclass(frozen=True)
class Gate:
    """A check item that may only be checked once other items are settled (e.g. closing a case)."""

    items: tuple[str, ...]
    reason: str
    requirement: Predicate


@dataclass(frozen=True)
class Item:
    """One step: a checkbox, or (``tracked``) a status with an owner and a due date."""

    id: str
    text: str
    hint: str = ""
    show_if: Predicate | None = None
    renamed_from: tuple[str, ...] = ()
    tracked: bool = False
    owner_hint: str = ""
    gate: Gate | None = None


@dataclass(frozen=True)
class Choice:
    """One answer of a single-choice question."""

    id: str
    label: str


@dataclass(frozen=True)
class Question:
    """A single-choice question; its answer is stored at ``answers.<id>``."""

    id: str
    text: str
    choices: tuple[Choice, ...]
    hint: str = ""
    show_if: Predicate | None = None
    renamed_from: tuple[str, ...] = ()

    def label_of(self, choice_id: Any) -> str:
        """Return the label of an answer, or an empty string."""
        return next((c.label for c in self.choices if c.id == choice_id), "")


@dataclass(frozen=True)
class Link:
    """A link of a result: a page of this site (``respond/three-principles/#no-lies``), a web page or a phone."""

    text: str
    href: str = ""
    tel: str = ""
    note: str = ""

    @property
    def internal(self) -> bool:
        """Tell whether the link points at a page of this site."""
        return bool(self.href) and not self.href.startswith("https://")

    @property
    def tel_href(self) -> str:
        """Return the ``tel:`` URL of the phone number (digits only)."""
        return "tel:" + "".join(ch for ch in self.tel if ch.isdigit())


@dataclass(frozen=True)
class Result:
    """A text shown when the answers call for it (``when``); ``otherwise`` results show when no other one does."""

    id: str
    title: str
    text: str = ""
    when: Predicate | None = None
    otherwise: bool = False
    tone: str = "info"
    links: tuple[Link, ...] = ()
    note: str = ""
    because: bool = False


@dataclass(frozen=True)
class Section:
    """A titled group of items, questions and results."""

    id: str
    title: str
    items: tuple[Item, ...] = ()
    show_if: Predicate | None = None
    lead: str = ""
    questions: tuple[Question, ...] = ()
    results: tuple[Result, ...] = ()
    numbered: bool = False
    notes: bool = True


@dataclass(frozen=True)
class Field:
    """A short text field at the top of the checklist (e.g. the case name), stored at ``fields.<id>``.

    With ``incident`` set (checklists linked to the shared incident record), the field shows and edits that
    field of the current incident instead, stored at ``incident.<incident>``.
    """

    id: str
    label: str
    placeholder: str = ""
    incident: str = ""

    @property
    def path(self) -> str:
        """The state path the page binds the field to."""
        return f"incident.{self.incident}" if self.incident else f"fields.{self.id}"


@dataclass(frozen=True)
class Action:
    """An action button."""

    name: str
    label: str


@dataclass(frozen=True)
class Checklist:
    """A validated checklist definition."""

    id: str
    version: int
    title: str
    description: str
    started_label: str
    conditions: tuple[Condition, ...]
    sections: tuple[Section, ...]
    started: bool = True
    started_event: str = "開始"
    progress: bool = True
    statuses: tuple[Status, ...] = ()
    owner_suggestions: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    incident: bool = False
    timeline: bool = False
    persist_opt_in: bool = False
    keep_label: str = ""
    actions: tuple[Action, ...] = field(default_factory=tuple)
    status_text: str = DEFAULT_STATUS_TEXT
    privacy: str = DEFAULT_PRIVACY

    def all_items(self) -> list[tuple[Section, Item]]:
        """Return every item with its section, in order."""
        return [(section, item) for section in self.sections for item in section.items]

    def all_questions(self) -> list[tuple[Section, Question]]:
        """Return every question with its section, in order."""
        return [(section, question) for section in self.sections for question in section.questions]

    def status(self, status_id: Any) -> Status:
        """Return a status by id, or the first status (the initial one) for anything else."""
        return next((s for s in self.statuses if s.id == status_id), self.statuses[0])

    @property
    def has_tracked(self) -> bool:
        """Tell whether any item has a status."""
        return any(item.tracked for _, item in self.all_items())

    @property
    def shows_progress(self) -> bool:
        """Tell whether the page shows the "done / total" counter."""
        return self.progress and bool(self.all_items())

    @property
    def depends_on_time(self) -> bool:
        """Tell whether the view changes with the time alone (elapsed time, due dates)."""
        return self.started or self.has_tracked
