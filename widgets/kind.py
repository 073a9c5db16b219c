"""The unit every definition kind is made of, and the request helpers its operations share.

A kind (``checklist``, ``document``, ``checker`` ...) is one :class:`Kind` record in its own package
(``widgets/<package>/kind.py``); :data:`widgets.kinds.KINDS` lists them. The registry parses and links
definitions through it, :mod:`widgets.api` answers requests with its operations, and the build renders
the pages' static HTML from its :class:`Page` (see ``macros/``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import timefmt
from .errors import RequestError
from .schema import Node

Operation = Callable[[Any, dict[str, Any]], Any]
"""``(definition, request) -> JSON-able result``: one operation of a kind (``view``, ``export`` ...)."""


@dataclass(frozen=True)
class Page:
    """How pages embed a definition of this kind: ``{{ <macro>("<id>") }}`` renders ``<template>``.

    Attributes:
        macro: The name pages call.
        template: A file of ``macros/templates/``.
        context: ``(definition, registry, page_url) -> template variables``; plain Python, so that it can
            live beside the kind (the build alone imports Jinja).
    """

    macro: str
    template: str
    context: Callable[[Any, Any, str], dict[str, Any]]


@dataclass(frozen=True)
class Kind:
    """One kind of definition: how it is read, checked and served.

    Attributes:
        name: The ``kind:`` of its YAML files.
        parse: Validates one file (``Node -> definition``); raises ``DefinitionError`` via ``Node.fail``.
        operations: Request ``op`` → :data:`Operation`.
        link: Resolves references to other definitions once every file is read:
            ``(definition, registry) -> definition``.
        verify: Build-time checks that are too slow for the browser (e.g. rule examples):
            ``(definition, registry) -> None``, raising ``DefinitionError``.
        page: How pages embed it; ``None`` for kinds that are only referenced by others.
    """

    name: str
    parse: Callable[[Node], Any]
    operations: Mapping[str, Operation] = field(default_factory=dict)
    link: Callable[[Any, Any], Any] | None = None
    verify: Callable[[Any, Any], None] | None = None
    page: Page | None = None


def foreign_file(document: Any, expected: str) -> str:
    """Say, in the reader's words, which tool an export file belongs to (``expected``: what was asked for).

    >>> foreign_file({"format": "kb-checklist", "checklist": "tracker", "title": "トラッカー"}, "初動チェックリスト")
    'このファイルは「トラッカー」で書き出したものです。「トラッカー」のページで読み込んでください。'
    >>> foreign_file([], "書き出した案件")
    'このファイルは書き出した案件ではないため、読み込めません。'
    """
    document = document if isinstance(document, dict) else {}
    if document.get("format") == "kb-incident":
        return "このファイルは書き出した案件です。文書を作るツールの「案件を読み込む」で読み込んでください。"
    if document.get("format") == "kb-checklist":
        title = document.get("title") if isinstance(document.get("title"), str) else document.get("checklist")
        if isinstance(title, str) and title:
            title = title[:60]
            return f"このファイルは「{title}」で書き出したものです。「{title}」のページで読み込んでください。"
    return f"このファイルは{expected}ではないため、読み込めません。"


def request_now(request: dict[str, Any]) -> datetime:
    """Return the request's local time ``now``.

    Raises:
        RequestError: when it is missing or not a local ISO time.
    """
    now = timefmt.parse_local(request.get("now"))
    if now is None:
        raise RequestError("'now' must be a local ISO time such as 2026-11-28T14:05:00")
    return now


def request_state(request: dict[str, Any]) -> dict[str, Any]:
    """Return the request's ``state`` (an empty one when it is not an object)."""
    state = request.get("state")
    return state if isinstance(state, dict) else {}


EXPORTS = {"text": ("txt", "text/plain"), "markdown": ("md", "text/markdown"), "json": ("json", "application/json")}
_UNSAFE = re.compile(r'[\\/:*?"<>|]')


def export_format(request: dict[str, Any], allowed: tuple[str, ...]) -> str:
    """Return the requested export format.

    Raises:
        RequestError: for a format this kind does not write.
    """
    wanted = request.get("format")
    if wanted not in allowed:
        raise RequestError(f"unknown export format {wanted!r} (this kind writes: {', '.join(allowed)})")
    return wanted


def exported(title: str, now: datetime, export: str, text: str) -> dict[str, str]:
    """Answer ``export``: the text, and the file name and type to save it under.

    >>> exported("初動 / 確認", datetime(2026, 11, 28, 14, 5), "markdown", "x")
    {'text': 'x', 'filename': '初動 _ 確認-20261128-1405.md', 'mime': 'text/markdown'}
    """
    extension, mime = EXPORTS[export]
    name = _UNSAFE.sub("_", title.strip())
    return {"text": text, "filename": f"{name}-{now:%Y%m%d-%H%M}.{extension}", "mime": mime}


def json_text(document: dict[str, Any]) -> str:
    """Write an export document as pretty-printed JSON that keeps Japanese readable."""
    return json.dumps(document, ensure_ascii=False, indent=2)
