"""A checklist as plain text or Markdown, ready to paste into a mail or a report."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import timefmt
from .model import Checklist, Field, Item, Link, Question, Result, Section
from .outputs import (
    blocked_text,
    checked_label,
    due_state,
    elapsed_text,
    gate_open,
    progress,
    record,
    shown_results,
    status_of,
    status_time,
    timeline,
    tracking_summary,
)
from .predicates import evaluate, value_at, visible


def field_value(field: Field, state: dict[str, Any]) -> str:
    """Return the text of a top field, from the linked incident record when the field mirrors one."""
    source = state.get("incident") if field.incident else state.get("fields")
    value = (source or {}).get(field.incident or field.id) if isinstance(source, dict) else None
    return value if isinstance(value, str) else ""


def export_text(checklist: Checklist, state: dict[str, Any], now: datetime, *, markdown: bool = False) -> str:
    """Write the checklist as plain text or Markdown, ready to paste into a mail to the boss."""
    lines = [f"## {checklist.title}" if markdown else f"【{checklist.title}】", _when_line(checklist, state, now)]
    if checklist.started:
        lines.append(elapsed_text(state, now))
    lines += [f"{f.label}: {' '.join(value.split())}" for f in checklist.fields
              if (value := field_value(f, state)).strip()]
    active = [c.label for c in checklist.conditions if (state.get("conditions") or {}).get(c.id)]
    if active:
        lines.append("状況: " + "、".join(active))
    if checklist.has_tracked:
        lines.append(tracking_summary(checklist, state, now))
    for section in checklist.sections:
        body = _section_lines(checklist, section, state, now, markdown)
        if body:
            lines += ["", f"### {section.title}" if markdown else f"■ {section.title}", *body]
    if checklist.timeline:
        lines += ["", "### 対応の記録（時系列）" if markdown else "■ 対応の記録（時系列）"]
        lines += [f"{'- ' if markdown else ''}{e['text']}" + (f"（{e['detail']}）" if e.get("detail") else "")
                  for e in timeline(checklist, state)]
    return "\n".join(lines) + "\n"


def _when_line(checklist: Checklist, state: dict[str, Any], now: datetime) -> str:
    moment = f"{timefmt.full_date_and_clock(now)} 時点"
    if not checklist.progress or not checklist.all_items():
        return moment
    done, total = progress(checklist, state)
    return f"{moment} ・ {done} / {total} 完了"


def _section_lines(checklist: Checklist, section: Section, state: dict[str, Any], now: datetime,
                   markdown: bool) -> list[str]:
    if not evaluate(section.show_if, state, checklist):
        return []
    lines = [_question_line(q, state, markdown) for q in section.questions if visible(section, q, state, checklist)]
    items = [i for i in section.items if visible(section, i, state, checklist)]
    for number, item in enumerate(items, 1):
        prefix = f"{number}. " if section.numbered else ""
        if item.tracked:
            lines += _tracked_lines(checklist, item, state, now, markdown, prefix)
        else:
            lines += _export_item(checklist, item, state, markdown, prefix)
    for result in shown_results(checklist, section, state) if section.results else []:
        lines += _result_lines(result, markdown)
    return lines


def _question_line(question: Question, state: dict[str, Any], markdown: bool) -> str:
    answer = question.label_of(value_at(state, f"answers.{question.id}")) or "（未回答）"
    return f"{'- ' if markdown else '・'}{question.text}：{answer}"


def _export_item(checklist: Checklist, item: Item, state: dict[str, Any], markdown: bool, prefix: str) -> list[str]:
    entry = record(state, item.id)
    checked = bool(entry.get("checked")) and gate_open(checklist, state, item)
    mark = "[x]" if checked else "[ ]"
    when = checked_label(entry) if checked else ""
    line = f"{'- ' if markdown else ''}{mark} {prefix}{item.text}" + (f"（{when}）" if when else "")
    lines = [line]
    if item.gate is not None and not gate_open(checklist, state, item):
        lines.append(f"{'  - ' if markdown else '    '}保留: {blocked_text(checklist, state, item)}")
    return lines + _note_lines(entry, markdown)


def _tracked_lines(checklist: Checklist, item: Item, state: dict[str, Any], now: datetime, markdown: bool,
                   prefix: str) -> list[str]:
    entry = record(state, item.id)
    status = status_of(checklist, state, item)
    details = []
    if (entry.get("owner") or "").strip():
        details.append(f"担当: {' '.join(entry['owner'].split())}")
    due = timefmt.parse_day(entry.get("due"))
    wording = due_state(checklist, state, item, now)[1]
    if wording:
        details.append(wording)
    elif due:
        details.append(f"期限 {timefmt.short_date(due)}")
    if status_time(checklist, state, item):
        details.append(status_time(checklist, state, item))
    line = f"{'- ' if markdown else ''}[{status.label}] {prefix}{item.text}" + (
        f"（{' ・ '.join(details)}）" if details else "")
    return [line, *_note_lines(entry, markdown)]


def _note_lines(entry: dict[str, Any], markdown: bool) -> list[str]:
    note = " ".join((entry.get("note") or "").split())
    if not note:
        return []
    return [f"  - メモ: {note}" if markdown else f"    メモ: {note}"]


def _result_lines(result: Result, markdown: bool) -> list[str]:
    indent = "  - " if markdown else "    "
    lines = [f"{'- ' if markdown else ''}結果: {result.title}"]
    if result.text:
        lines.append(f"{indent}{result.text}")
    lines += [f"{indent}{_link_text(link)}" for link in result.links if not link.internal]
    if result.note:
        lines.append(f"{indent}{result.note}")
    return lines


def _link_text(link: Link) -> str:
    parts = [link.text]
    if link.tel:
        parts.append(f"電話 {link.tel}")
    if link.href:
        parts.append(link.href)
    return "　".join(parts)
