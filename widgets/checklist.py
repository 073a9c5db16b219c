"""Checklists: the definition model, its validation, and every computation from state to output.

A checklist state is plain JSON, written by the browser runtime::

    {"started_at": "2026-11-28T14:05",
     "conditions": {"recovery": true},
     "items": {"facts-timeline": {"checked": true, "checked_at": "2026-11-28T14:12:40", "note": "..."}}}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from . import timefmt
from .errors import RequestError
from .schema import Node

EXPORT_FORMAT = "kb-checklist"
NOTE_MAX = 500


@dataclass(frozen=True)
class Condition:
    """A yes/no switch at the top of a checklist that shows or hides items."""

    id: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class Item:
    """One checkable step."""

    id: str
    text: str
    hint: str = ""
    show_if: tuple[str, ...] = ()
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A titled group of items."""

    id: str
    title: str
    items: tuple[Item, ...]
    show_if: tuple[str, ...] = ()


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

    def all_items(self) -> list[tuple[Section, Item]]:
        """Return every item with its section, in order."""
        return [(section, item) for section in self.sections for item in section.items]

    def is_visible(self, section: Section, item: Item, conditions: dict[str, bool]) -> bool:
        """Tell whether an item applies under the given conditions."""
        return all(conditions.get(cid, False) for cid in section.show_if + item.show_if)


def parse(node: Node) -> Checklist:
    """Validate a checklist definition and build its model.

    Raises:
        DefinitionError: naming the file, the location inside it and the problem.
    """
    node.mapping({"kind", "id", "version", "title", "sections"},
                 {"description", "started_label", "conditions"})
    conditions = tuple(_parse_condition(n) for n in _optional_list(node.child("conditions")))
    condition_ids = _unique([c.id for c in conditions], node.child("conditions"), "condition")
    sections = tuple(_parse_section(n, condition_ids) for n in node.child("sections").items(min_items=1))
    _unique([s.id for s in sections], node.child("sections"), "section")
    item_ids = [i.id for s in sections for i in s.items]
    _unique(item_ids + [old for s in sections for i in s.items for old in i.renamed_from],
            node.child("sections"), "item (including renamed_from)")
    return Checklist(
        id=node.child("id").identifier(),
        version=node.child("version").integer(minimum=1),
        title=node.child("title").text(max_length=80),
        description=node.child("description").optional_text(),
        started_label=node.child("started_label").optional_text(max_length=40) or "トラブルを把握した時刻",
        conditions=conditions,
        sections=sections,
    )


def _optional_list(node: Node) -> list[Node]:
    return [] if node.value is None else node.items()


def _parse_condition(node: Node) -> Condition:
    node.mapping({"id", "label"}, {"hint"})
    return Condition(node.child("id").identifier(), node.child("label").text(max_length=60),
                     node.child("hint").optional_text())


def _parse_section(node: Node, condition_ids: set[str]) -> Section:
    node.mapping({"id", "title", "items"}, {"show_if"})
    return Section(
        id=node.child("id").identifier(),
        title=node.child("title").text(max_length=60),
        items=tuple(_parse_item(n, condition_ids) for n in node.child("items").items(min_items=1)),
        show_if=_condition_refs(node.child("show_if"), condition_ids),
    )


def _parse_item(node: Node, condition_ids: set[str]) -> Item:
    node.mapping({"id", "text"}, {"hint", "show_if", "renamed_from"})
    return Item(
        id=node.child("id").identifier(),
        text=node.child("text").text(max_length=160),
        hint=node.child("hint").optional_text(),
        show_if=_condition_refs(node.child("show_if"), condition_ids),
        renamed_from=node.child("renamed_from").id_list(),
    )


def _condition_refs(node: Node, condition_ids: set[str]) -> tuple[str, ...]:
    refs = (node.identifier(),) if isinstance(node.value, str) else node.id_list()
    for ref in refs:
        if ref not in condition_ids:
            known = ", ".join(sorted(condition_ids)) or "none declared"
            raise node.fail(f"refers to unknown condition '{ref}' (declared: {known})")
    return refs


def _unique(ids: list[str], node: Node, what: str) -> set[str]:
    seen: set[str] = set()
    for identifier in ids:
        if identifier in seen:
            raise node.fail(f"duplicate {what} id '{identifier}'")
        seen.add(identifier)
    return seen


# --- state -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Normalized:
    """A state made to fit the current definition, with notes for the reader about what changed."""

    state: dict[str, Any]
    notes: tuple[str, ...]


def empty_state(started_at: str | None = None) -> dict[str, Any]:
    """Return the state of an untouched checklist."""
    return {"started_at": started_at, "conditions": {}, "items": {}}


def normalize(checklist: Checklist, raw: Any) -> Normalized:
    """Fit a stored or imported state to the current definition without losing what still matches.

    Items renamed in the definition (``renamed_from``) keep their record; records of removed items,
    unknown conditions and values of the wrong type are dropped, each with a note for the reader.
    """
    if not isinstance(raw, dict):
        return Normalized(empty_state(), ("保存されていた内容を読み取れなかったため、空の状態から始めます。",))
    notes: list[str] = []
    conditions = _normalize_conditions(checklist, raw.get("conditions"), notes)
    items = _normalize_items(checklist, raw.get("items"), notes)
    started = raw.get("started_at")
    if started is not None and timefmt.parse_local(started) is None:
        notes.append("トラブルを把握した時刻の記録が読み取れなかったため、空欄にしました。")
        started = None
    return Normalized({"started_at": started, "conditions": conditions, "items": items}, tuple(notes))


def _normalize_conditions(checklist: Checklist, raw: Any, notes: list[str]) -> dict[str, bool]:
    raw = raw if isinstance(raw, dict) else {}
    known = {c.id for c in checklist.conditions}
    if set(raw) - known:
        notes.append(f"現在のチェックリストにない条件 {len(set(raw) - known)} 件の記録は読み込みませんでした。")
    return {cid: value for cid, value in raw.items() if cid in known and isinstance(value, bool)}


def _normalize_items(checklist: Checklist, raw: Any, notes: list[str]) -> dict[str, dict[str, Any]]:
    raw = raw if isinstance(raw, dict) else {}
    aliases = {old: item.id for _, item in checklist.all_items() for old in (item.id, *item.renamed_from)}
    items: dict[str, dict[str, Any]] = {}
    dropped = renamed = 0
    for key, record in raw.items():
        target = aliases.get(key)
        clean = _clean_record(record)
        if target is None or clean is None:
            dropped += 1
        elif target not in items or key == target:
            renamed += key != target
            items[target] = clean
    if renamed:
        notes.append(f"名前が変わった項目 {renamed} 件の記録を、新しい項目に引き継ぎました。")
    if dropped:
        notes.append(f"現在のチェックリストにない項目、または読み取れない記録 {dropped} 件は読み込みませんでした。")
    return items


def _clean_record(record: Any) -> dict[str, Any] | None:
    if not isinstance(record, dict) or not isinstance(record.get("checked", False), bool):
        return None
    note = record.get("note", "")
    stamp = record.get("checked_at")
    return {
        "checked": record.get("checked", False),
        "checked_at": stamp if timefmt.parse_local(stamp) else None,
        "note": note[:NOTE_MAX] if isinstance(note, str) else "",
    }


# --- outputs ---------------------------------------------------------------------------------


def progress(checklist: Checklist, state: dict[str, Any]) -> tuple[int, int]:
    """Return (done, total) over the items that apply under the state's conditions."""
    visible = _visible_items(checklist, state)
    done = sum(1 for _, item in visible if _record(state, item.id).get("checked"))
    return done, len(visible)


def view(checklist: Checklist, state: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Compute every text the page shows for a state at local time ``now``.

    Returns:
        ``{"text": {output key: text}, "done": int, "total": int}``; the output keys match the
        ``data-kb-out`` attributes of the static HTML.
    """
    done, total = progress(checklist, state)
    text = {"progress": f"{done} / {total} 完了", "elapsed": _elapsed_text(state, now)}
    for _, item in checklist.all_items():
        text[f"items.{item.id}.checked_at"] = _checked_label(_record(state, item.id))
    return {"text": text, "done": done, "total": total}


def _elapsed_text(state: dict[str, Any], now: datetime) -> str:
    started = timefmt.parse_local(state.get("started_at"))
    if started is None:
        return "把握した時刻を入れると、経過時間を表示します。"
    return f"{timefmt.date_and_clock(started)} に把握 ・ 経過 {timefmt.elapsed(started, now)}"


def _checked_label(record: dict[str, Any]) -> str:
    stamp = timefmt.parse_local(record.get("checked_at"))
    return f"{timefmt.clock(stamp)} 完了" if record.get("checked") and stamp else ""


def _record(state: dict[str, Any], item_id: str) -> dict[str, Any]:
    record = state.get("items", {}).get(item_id)
    return record if isinstance(record, dict) else {}


def _visible_items(checklist: Checklist, state: dict[str, Any]) -> list[tuple[Section, Item]]:
    conditions = state.get("conditions") or {}
    return [(s, i) for s, i in checklist.all_items() if checklist.is_visible(s, i, conditions)]


def export_text(checklist: Checklist, state: dict[str, Any], now: datetime, *, markdown: bool = False) -> str:
    """Write the checklist as plain text or Markdown, ready to paste into a mail to the boss."""
    done, total = progress(checklist, state)
    lines = [f"## {checklist.title}" if markdown else f"【{checklist.title}】",
             f"{timefmt.full_date_and_clock(now)} 時点 ・ {done} / {total} 完了",
             _elapsed_text(state, now)]
    active = [c.label for c in checklist.conditions if (state.get("conditions") or {}).get(c.id)]
    if active:
        lines.append("状況: " + "、".join(active))
    conditions = state.get("conditions") or {}
    for section in checklist.sections:
        items = [i for i in section.items if checklist.is_visible(section, i, conditions)]
        if items:
            lines += ["", f"### {section.title}" if markdown else f"■ {section.title}"]
            lines += [line for item in items for line in _export_item(item, _record(state, item.id), markdown)]
    return "\n".join(lines) + "\n"


def _export_item(item: Item, record: dict[str, Any], markdown: bool) -> list[str]:
    mark = ("[x]" if record.get("checked") else "[ ]")
    when = _checked_label(record)
    line = f"{'- ' if markdown else ''}{mark} {item.text}" + (f"（{when}）" if when else "")
    note = (record.get("note") or "").strip()
    if not note:
        return [line]
    note = " ".join(note.split())
    return [line, f"  - メモ: {note}" if markdown else f"    メモ: {note}"]


def import_document(checklist: Checklist, document: Any) -> Normalized:
    """Read an exported JSON document back into a state for this checklist.

    Raises:
        RequestError: when the document is not a checklist export, or belongs to another checklist.
    """
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise RequestError("このファイルはチェックリストの書き出しデータではありません。")
    if document.get("checklist") != checklist.id:
        raise RequestError(f"別のチェックリスト（{document.get('checklist')}）のデータです。")
    return normalize(checklist, document.get("state"))
