"""Everything a checklist shows, computed from a normalized state at a local time ``now``.

The ``view`` result follows the runtime protocol: ``text`` (``data-kb-out``), ``show`` (``data-kb-show``),
``states`` (``data-kb-state-of``) and ``lists`` (``data-kb-list``). Keys:

- ``progress``, ``elapsed``, ``tracking.summary``; ``items.<id>.checked_at`` for check items;
  ``items.<id>.status_at`` and ``items.<id>.due`` for tracked items; ``items.<id>.blocked`` for gated items.
- ``show``: ``section.<id>``, ``item.<id>``, ``question.<id>`` (conditional parts that the runtime cannot
  decide alone), ``gate.<id>`` / ``gate.<id>.blocked``, ``result.<id>``, ``results.<section id>.waiting``.
- ``states``: ``items.<id>`` → ``open``, ``active``, ``done``, ``skipped``, ``overdue``, ``due-today`` or ``blocked``.
- ``lists``: ``timeline`` and ``result.<id>.because`` (the answers that led to a result).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import timefmt
from .model import Checklist, Item, Result, Section
from .predicates import evaluate, matched_tests, value_at, visible

OPEN_KINDS = ("open", "active")


def record(state: dict[str, Any], item_id: str) -> dict[str, Any]:
    """Return the record of an item (an empty one when absent)."""
    found = (state.get("items") or {}).get(item_id)
    return found if isinstance(found, dict) else {}


def visible_items(checklist: Checklist, state: dict[str, Any]) -> list[tuple[Section, Item]]:
    """Return the items that apply under the state, in order."""
    return [(s, i) for s, i in checklist.all_items() if visible(s, i, state, checklist)]


def status_of(checklist: Checklist, state: dict[str, Any], item: Item):
    """Return the current status of a tracked item (the first status when none is set)."""
    return checklist.status(record(state, item.id).get("status"))


def gate_open(checklist: Checklist, state: dict[str, Any], item: Item) -> bool:
    """Tell whether a gated item may be checked (its required items are settled)."""
    return item.gate is None or evaluate(item.gate.requirement, state, checklist)


def is_done(checklist: Checklist, state: dict[str, Any], item: Item) -> bool | None:
    """Tell whether an item counts as done; ``None`` when it is left out of the total (not applicable)."""
    if item.tracked:
        kind = status_of(checklist, state, item).kind
        return None if kind == "skipped" else kind == "done"
    return bool(record(state, item.id).get("checked")) and gate_open(checklist, state, item)


def progress(checklist: Checklist, state: dict[str, Any]) -> tuple[int, int]:
    """Return (done, total) over the items that apply under the state (not-applicable ones left out)."""
    marks = [is_done(checklist, state, item) for _, item in visible_items(checklist, state)]
    counted = [mark for mark in marks if mark is not None]
    return sum(counted), len(counted)


def elapsed_text(state: dict[str, Any], now: datetime) -> str:
    """Word the time since the start, or ask for the start time."""
    started = timefmt.parse_local(state.get("started_at"))
    if started is None:
        return "把握した時刻を入れると、経過時間を表示します。"
    return f"{timefmt.date_and_clock(started)} に把握 ・ 経過 {timefmt.elapsed(started, now)}"


def checked_label(entry: dict[str, Any]) -> str:
    """Return ``14:12 完了`` for a checked item with its time, else an empty string."""
    stamp = timefmt.parse_local(entry.get("checked_at"))
    return f"{timefmt.digital_clock(stamp)} 完了" if entry.get("checked") and stamp else ""


def due_state(checklist: Checklist, state: dict[str, Any], item: Item, now: datetime) -> tuple[str, str]:
    """Return the state name and the due-date wording of a tracked item."""
    status = status_of(checklist, state, item)
    due = timefmt.parse_day(record(state, item.id).get("due"))
    if status.kind not in OPEN_KINDS:
        return status.kind, ""
    if due is None:
        return status.kind, ""
    days = (due - now.date()).days
    if days < 0:
        return "overdue", f"期限 {timefmt.short_date(due)} ・ {-days}日過ぎています"
    if days == 0:
        return "due-today", f"期限は今日（{timefmt.short_date(due)}）です"
    return status.kind, f"期限 {timefmt.short_date(due)} ・ あと{days}日"


def status_time(checklist: Checklist, state: dict[str, Any], item: Item) -> str:
    """Return when the current status of a tracked item was set: ``完了: 11月30日 10:20``."""
    status = status_of(checklist, state, item)
    stamp = timefmt.parse_local((record(state, item.id).get("at") or {}).get(status.id))
    if stamp is None or status.kind == "open":
        return ""
    return f"{status.label}: {stamp.month}月{stamp.day}日 {timefmt.digital_clock(stamp)}"


def blocked_text(checklist: Checklist, state: dict[str, Any], item: Item) -> str:
    """Say which required items are still open before a gated item may be checked."""
    parts = []
    for ref in item.gate.items:
        required = next(i for _, i in checklist.all_items() if i.id == ref)
        if required.tracked:
            status = status_of(checklist, state, required)
            if status.kind in OPEN_KINDS:
                settled = "」か「".join(s.label for s in checklist.statuses if s.kind in ("done", "skipped"))
                parts.append(f"先に「{required.text}」を「{settled}」にしてください。いまは「{status.label}」です。")
        elif not record(state, ref).get("checked"):
            parts.append(f"先に「{required.text}」にチェックを入れてください。")
    return "".join(parts)


def shown_results(checklist: Checklist, section: Section, state: dict[str, Any]) -> list[Result]:
    """Return the results of a section that the answers call for (``otherwise`` ones when none other is)."""
    shown = [r for r in section.results if not r.otherwise and evaluate(r.when, state, checklist)]
    if not shown:
        shown = [r for r in section.results if r.otherwise and evaluate(r.when, state, checklist)]
    return shown


def because(checklist: Checklist, result: Result, state: dict[str, Any]) -> list[dict[str, str]]:
    """Return the answers that led to a result, as list entries."""
    questions = {q.id: q for _, q in checklist.all_questions()}
    entries = []
    for test in matched_tests(result.when, state):
        question = questions[test.path.split(".", 1)[1]]
        entry = {"text": question.text, "detail": f"→ {question.label_of(value_at(state, test.path))}"}
        if entry not in entries:
            entries.append(entry)
    return entries


def unanswered(checklist: Checklist, section: Section, state: dict[str, Any]) -> int:
    """Count the visible, unanswered questions that the results of a section look at."""
    wanted: set[str] = set()
    everything = False
    for result in section.results:
        wanted |= {t.path.split(".", 1)[1] for t in (result.when.tests() if result.when else [])
                   if t.path.startswith("answers.")}
        everything |= _uses_answered_all(result.when)
        wanted |= set(_answered_ids(result.when))
    return sum(1 for s, q in checklist.all_questions()
               if (everything or q.id in wanted) and visible(s, q, state, checklist)
               and not value_at(state, f"answers.{q.id}"))


def _uses_answered_all(predicate) -> bool:
    if predicate is None:
        return False
    if predicate.op == "answered":
        return not predicate.questions
    return any(_uses_answered_all(p) for p in predicate.parts)


def _answered_ids(predicate) -> list[str]:
    if predicate is None:
        return []
    own = list(predicate.questions) if predicate.op == "answered" else []
    return own + [q for p in predicate.parts for q in _answered_ids(p)]


def timeline(checklist: Checklist, state: dict[str, Any]) -> list[dict[str, str]]:
    """Return what was done when, oldest first, as list entries ``{text, detail?, state?}``."""
    events: list[tuple[datetime, int, dict[str, str]]] = []
    started = timefmt.parse_local(state.get("started_at"))
    if checklist.started and started:
        events.append((started, -1, {"text": f"{timefmt.date_and_clock(started)}　{checklist.started_event}"}))
    for order, (_, item) in enumerate(checklist.all_items()):
        events += [(moment, order, entry) for moment, entry in _item_events(checklist, state, item)]
    events.sort(key=lambda event: (event[0], event[1]))
    if not events:
        return [{"text": "まだ記録がありません。状況を変えたりチェックしたりすると、その時刻がここに並びます。"}]
    return [entry for _, _, entry in events]


def _item_events(checklist: Checklist, state: dict[str, Any], item: Item) -> list[tuple[datetime, dict[str, str]]]:
    entry = record(state, item.id)
    owner = (entry.get("owner") or "").strip()
    detail = {"detail": f"担当: {owner}"} if owner else {}
    if item.tracked:
        stamps = entry.get("at") or {}
        return [(moment, {"text": f"{timefmt.date_and_clock(moment)}　{item.text}：{status.label}",
                          "state": status.kind, **detail})
                for status in checklist.statuses
                if (moment := timefmt.parse_local(stamps.get(status.id)))]
    moment = timefmt.parse_local(entry.get("checked_at"))
    if not entry.get("checked") or moment is None or not gate_open(checklist, state, item):
        return []
    return [(moment, {"text": f"{timefmt.date_and_clock(moment)}　{item.text}：完了", "state": "done"})]


def tracking_summary(checklist: Checklist, state: dict[str, Any], now: datetime) -> str:
    """Count tracked items by status, and the overdue ones: ``完了 2 ・ 対応中 1 ・ 未着手 4 ・ 期限切れ 1``."""
    tracked = [item for _, item in visible_items(checklist, state) if item.tracked]
    counts = {s.id: 0 for s in checklist.statuses}
    overdue = 0
    for item in tracked:
        counts[status_of(checklist, state, item).id] += 1
        overdue += due_state(checklist, state, item, now)[0] == "overdue"
    parts = [f"{s.label} {counts[s.id]}" for s in checklist.statuses]
    return " ・ ".join(parts + ([f"期限切れ {overdue}"] if overdue else []))


def view(checklist: Checklist, state: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Compute every output the page shows for a state at local time ``now``.

    Returns:
        ``{"text": {...}}`` plus ``show``, ``states`` and ``lists`` when the checklist uses them; the keys
        are exactly those of the ``data-kb-*`` attributes of the static HTML.
    """
    text: dict[str, str] = {}
    if checklist.shows_progress:
        text["progress"] = "{} / {} 完了".format(*progress(checklist, state))
    if checklist.started:
        text["elapsed"] = elapsed_text(state, now)
    show: dict[str, bool] = {}
    states: dict[str, str] = {}
    lists: dict[str, list[dict[str, str]]] = {}
    for section in checklist.sections:
        _view_section(checklist, section, state, now, (text, show, states, lists))
    if checklist.has_tracked:
        text["tracking.summary"] = tracking_summary(checklist, state, now)
    if checklist.timeline:
        lists["timeline"] = timeline(checklist, state)
    result: dict[str, Any] = {"text": text}
    result.update({key: value for key, value in (("show", show), ("states", states), ("lists", lists)) if value})
    return result


def _view_section(checklist: Checklist, section: Section, state: dict[str, Any], now: datetime, out: tuple) -> None:
    text, show, states, lists = out
    _show_if(show, f"section.{section.id}", section.show_if, state, checklist)
    for question in section.questions:
        _show_if(show, f"question.{question.id}", question.show_if, state, checklist)
    for item in section.items:
        _show_if(show, f"item.{item.id}", item.show_if, state, checklist)
        _view_item(checklist, item, state, now, out)
    if section.results:
        shown = shown_results(checklist, section, state)
        for result in section.results:
            show[f"result.{result.id}"] = result in shown
            if result.because:
                lists[f"result.{result.id}.because"] = because(checklist, result, state) if result in shown else []
        if any(r.otherwise for r in section.results):
            remaining = unanswered(checklist, section, state)
            waiting = remaining > 0 and not shown
            show[f"results.{section.id}.waiting"] = waiting
            text[f"results.{section.id}.waiting"] = (
                f"残りの質問（{remaining}問）に答えると、ここに結果が表示されます。" if waiting else "")


def _show_if(show: dict[str, bool], key: str, predicate, state: dict[str, Any], checklist: Checklist) -> None:
    if predicate is not None and predicate.condition_paths() is None:
        show[key] = evaluate(predicate, state, checklist)


def _view_item(checklist: Checklist, item: Item, state: dict[str, Any], now: datetime, out: tuple) -> None:
    text, show, states, _ = out
    if item.tracked:
        states[f"items.{item.id}"], text[f"items.{item.id}.due"] = due_state(checklist, state, item, now)
        text[f"items.{item.id}.status_at"] = status_time(checklist, state, item)
        return
    allowed = gate_open(checklist, state, item)
    text[f"items.{item.id}.checked_at"] = checked_label(record(state, item.id)) if allowed else ""
    if item.gate is not None:
        show[f"gate.{item.id}"], show[f"gate.{item.id}.blocked"] = allowed, not allowed
        text[f"items.{item.id}.blocked"] = "" if allowed else blocked_text(checklist, state, item)
        checked = record(state, item.id).get("checked")
        states[f"items.{item.id}"] = "blocked" if not allowed else ("done" if checked else "open")
