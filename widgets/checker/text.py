"""Sentences of a draft, with character offsets into the original text.

Business mails wrap lines by hand, often in the middle of a sentence. A line break therefore ends a
sentence only when the line cannot go on: it ends with a sentence mark, the next line is blank or starts
a list item, or the line ends with something other than a comma or a particle (a name, a heading, 様).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOUNDARY = re.compile(r"[。！？!?]+[」』）)]*|\n")
LIST_ITEM = re.compile(r"[ \t　]*(?:[・■□●◆◇※＊*•\-－]|[一二三四五六七八九十]、|[0-9０-９]{1,2}[.．)）、]"
                       r"|[（(][0-9０-９]{1,2}[)）]|[①-⑳])")
SPACE = " \t\r\n　"
# A comma ends a clause only after a conjunctive form (確認し、 / 遅れており、 / ため、 / ので、 / が、),
# not after a topic or an adverb (本日、 / このたびは、): 「確認し、早急にご報告します」 is two clauses.
CLAUSE_END = re.compile(r"(?:[てでしりきくずがらば]|ため|けれど|ものの|ところ|うえ|際|後)[、，,]")
CONTINUES = "、，,のにをがはとでてもへやしきくりつ"


@dataclass(frozen=True)
class Sentence:
    """A sentence as a half-open character range ``[start, end)`` of the text, trimmed of spaces."""

    start: int
    end: int


def split(text: str) -> list[Sentence]:
    """Split a draft into sentences.

    >>> text = "お世話になっております。\\n先日お届けした部品のうち、\\n40個が別の品番でした。\\n■経緯\\n・確認中"
    >>> [text[s.start:s.end] for s in split(text)]
    ['お世話になっております。', '先日お届けした部品のうち、\\n40個が別の品番でした。', '■経緯', '・確認中']
    """
    sentences: list[Sentence] = []
    start = 0
    for mark in BOUNDARY.finditer(text):
        if mark.group() == "\n":
            if _line_goes_on(text, mark.start()):
                continue
            _append(sentences, text, start, mark.start())
        else:
            _append(sentences, text, start, mark.end())
        start = mark.end()
    _append(sentences, text, start, len(text))
    return sentences


def clauses(text: str, sentence: Sentence) -> list[Sentence]:
    """Split one sentence into clauses at the commas that follow a conjunctive form.

    >>> text = "本日、現在の状況を確認し、早急にご報告いたします。"
    >>> [text[c.start:c.end] for c in clauses(text, Sentence(0, len(text)))]
    ['本日、現在の状況を確認し、', '早急にご報告いたします。']
    """
    parts: list[Sentence] = []
    start = sentence.start
    for mark in CLAUSE_END.finditer(text, sentence.start, sentence.end):
        parts.append(Sentence(start, mark.end()))
        start = mark.end()
    if start < sentence.end:
        parts.append(Sentence(start, sentence.end))
    return parts


def _line_goes_on(text: str, newline: int) -> bool:
    line_start = text.rfind("\n", 0, newline) + 1
    line = text[line_start:newline].rstrip(SPACE)
    following_end = text.find("\n", newline + 1)
    following = text[newline + 1:following_end if following_end >= 0 else len(text)]
    if not line or not following.strip(SPACE) or LIST_ITEM.match(following):
        return False
    return line[-1] in CONTINUES


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start] in SPACE:
        start += 1
    while end > start and text[end - 1] in SPACE:
        end -= 1
    if start < end:
        sentences.append(Sentence(start, end))


def visible_length(text: str) -> int:
    """Count the characters of a text without spaces and line breaks.

    >>> visible_length("ご迷惑を\\n　おかけしました。")
    12
    """
    return sum(1 for char in text if char not in SPACE)


def excerpt(text: str, *, limit: int = 40) -> str:
    """Shorten a text for a list of findings: spaces and line breaks collapse, long texts end with ``…``.

    >>> excerpt("工場の\\nミスで", limit=10)
    '工場の ミスで'
    >>> excerpt("あいうえおかきくけこさ", limit=10)
    'あいうえおかきくけこ…'
    """
    flat = " ".join(text.replace("　", " ").split())
    return flat if len(flat) <= limit else flat[:limit] + "…"
