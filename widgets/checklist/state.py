"""Checklist states: the empty state, fitting a stored or imported state to the current definition.

A state is plain JSON written by the browser runtime::

    {"started_at": "2026-11-28T14:05",
     "conditions": {"recovery": true},
     "items": {"facts-timeline": {"checked": true, "checked_at": "2026-11-28T14:12:40", "note": "..."},
               "step-3": {"status": "done", "owner": "品質保証", "due": "2026-12-01", "note": "",
                          "at": {"doing": "2026-11-28T15:00:00", "done": "2026-11-30T10:20:00"}}},
     "answers": {"q-facts": "partly"},
     "fields": {"case": "A社 部品の錆"},
     "keep": true}

``answers`` and ``fields`` exist only for definitions with questions or fields, ``keep`` only when the
reader chose to keep an opt-in checklist, so the state of the first checklist keeps its original shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import timefmt
from ..errors import RequestError
from ..kind import foreign_file
from .model import Checklist, Item

EXPORT_FORMAT = "kb-checklist"
NOTE_MAX = 500
OWNER_MAX = 40
FIELD_MAX = 200


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

    Items and questions renamed in the definition (``renamed_from``) keep their record; records of removed
    items, unknown conditions, answers that are no longer choices and values of the wrong type are dropped,
    each with a note for the reader.
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
    state: dict[str, Any] = {"started_at": started, "conditions": conditions, "items": items}
    if checklist.all_questions():
        state["answers"] = _normalize_answers(checklist, raw.get("answers"), notes)
    if checklist.fields:
        state["fields"] = _normalize_fields(checklist, raw.get("fields"), notes)
    if checklist.persist_opt_in and isinstance(raw.get("keep"), bool):
        state["keep"] = raw["keep"]
    if checklist.incident and isinstance(raw.get("incident"), dict):
        state["incident"] = _linked_incident(checklist, raw["incident"])
    return Normalized(state, tuple(notes))


def _linked_incident(checklist: Checklist, raw: dict[str, Any]) -> dict[str, str]:
    """Keep the incident fields the checklist shows (the browser stores the record itself elsewhere)."""
    wanted = {f.incident for f in checklist.fields if f.incident}
    return {key: _text(value, FIELD_MAX) for key, value in raw.items() if key in wanted and isinstance(value, str)}


def _normalize_conditions(checklist: Checklist, raw: Any, notes: list[str]) -> dict[str, bool]:
    raw = raw if isinstance(raw, dict) else {}
    known = {c.id for c in checklist.conditions}
    if set(raw) - known:
        notes.append(f"現在のチェックリストにない条件 {len(set(raw) - known)} 件の記録は読み込みませんでした。")
    return {cid: value for cid, value in raw.items() if cid in known and isinstance(value, bool)}


def _normalize_items(checklist: Checklist, raw: Any, notes: list[str]) -> dict[str, dict[str, Any]]:
    raw = raw if isinstance(raw, dict) else {}
    by_id = {item.id: item for _, item in checklist.all_items()}
    aliases = {old: item.id for item in by_id.values() for old in (item.id, *item.renamed_from)}
    items: dict[str, dict[str, Any]] = {}
    dropped: list[str] = []
    renamed = 0
    cut: dict[str, list[str]] = {"note": [], "owner": []}
    for key, record in raw.items():
        target = aliases.get(key)
        clean = _clean_record(by_id[target], record, checklist) if target else None
        if clean is None:
            dropped.append(key)
        elif target not in items or key == target:
            renamed += key != target
            items[target] = clean
            for part, kept in cut.items():
                if part in clean and isinstance(record.get(part), str) and len(record[part]) > len(clean[part]):
                    kept.append(by_id[target].text)
    if renamed:
        notes.append(f"名前が変わった項目 {renamed} 件の記録を、新しい項目に引き継ぎました。")
    if dropped:
        notes.append(f"現在のチェックリストにない項目、または読み取れない記録 {len(dropped)} 件"
                     f"（{named(dropped)}）は読み込みませんでした。")
    if cut["note"]:
        notes.append(f"メモが{NOTE_MAX}文字を超えていた項目（{named(cut['note'])}）は、先頭の{NOTE_MAX}文字だけを読み込みました。")
    if cut["owner"]:
        notes.append(f"担当が{OWNER_MAX}文字を超えていた項目（{named(cut['owner'])}）は、先頭の{OWNER_MAX}文字だけを読み込みました。")
    return items


def named(names: list[str], shown: int = 3) -> str:
    """Name a few things for a note: ``「a」「b」「c」ほか 2 件``.

    >>> named(["a", "b", "c", "d", "e"])
    '「a」「b」「c」ほか 2 件'
    """
    more = f"ほか {len(names) - shown} 件" if len(names) > shown else ""
    return "".join(f"「{name[:40]}」" for name in names[:shown]) + more


def _clean_record(item: Item, record: Any, checklist: Checklist) -> dict[str, Any] | None:
    if item.tracked:
        return _clean_tracked(record, checklist)
    if not isinstance(record, dict) or not isinstance(record.get("checked", False), bool):
        return None
    stamp = record.get("checked_at")
    return {
        "checked": record.get("checked", False),
        "checked_at": stamp if timefmt.parse_local(stamp) else None,
        "note": _text(record.get("note"), NOTE_MAX),
    }


def _clean_tracked(record: Any, checklist: Checklist) -> dict[str, Any] | None:
    if not isinstance(record, dict):
        return None
    known = {s.id for s in checklist.statuses}
    status = record.get("status")
    stamps = record.get("at") if isinstance(record.get("at"), dict) else {}
    return {
        "status": status if status in known else None,
        "owner": _text(record.get("owner"), OWNER_MAX),
        "due": record.get("due") if timefmt.parse_day(record.get("due")) else None,
        "note": _text(record.get("note"), NOTE_MAX),
        "at": {sid: stamp for sid, stamp in stamps.items() if sid in known and timefmt.parse_local(stamp)},
    }


def _text(value: Any, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _normalize_answers(checklist: Checklist, raw: Any, notes: list[str]) -> dict[str, str]:
    raw = raw if isinstance(raw, dict) else {}
    questions = {q.id: q for _, q in checklist.all_questions()}
    aliases = {old: q.id for q in questions.values() for old in (q.id, *q.renamed_from)}
    answers: dict[str, str] = {}
    dropped = 0
    for key, value in raw.items():
        target = aliases.get(key)
        if target is None or not questions[target].label_of(value):
            dropped += value is not None
        elif target not in answers or key == target:
            answers[target] = value
    if dropped:
        notes.append(f"現在の質問や選択肢にない回答 {dropped} 件は読み込みませんでした。")
    return answers


def _normalize_fields(checklist: Checklist, raw: Any, notes: list[str]) -> dict[str, str]:
    raw = raw if isinstance(raw, dict) else {}
    present = [f for f in checklist.fields if isinstance(raw.get(f.id), str)]
    cut = [f.label for f in present if len(raw[f.id]) > FIELD_MAX]
    if cut:
        notes.append(f"{FIELD_MAX}文字を超えていた欄（{named(cut)}）は、先頭の{FIELD_MAX}文字だけを読み込みました。")
    return {f.id: _text(raw.get(f.id), FIELD_MAX) for f in present}


def import_document(checklist: Checklist, document: Any) -> Normalized:
    """Read an exported JSON document back into a state for this checklist.

    Raises:
        RequestError: when the document is not an export of this checklist, naming the tool it belongs to.
    """
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT \
            or document.get("checklist") != checklist.id:
        raise RequestError(foreign_file(document, f"「{checklist.title}」で書き出したもの"))
    return normalize(checklist, document.get("state"))
