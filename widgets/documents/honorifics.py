"""Addressing the customer: 御中 for organisations, 様 for people, never both.

The reader may type a name with its honorific already (``山田様``, ``株式会社〇〇 御中``); it is removed
before the right one is added, so the documents never show ``山田様様`` or ``御中 様``.
"""

from __future__ import annotations

import re

_HONORIFIC = re.compile(r"[\s　]*(御中|様|さま|殿|各位)[\s　]*$")


def bare(name: str) -> str:
    """Return a name without surrounding spaces and without a trailing honorific.

    >>> bare(" 山田 太郎 様 "), bare("株式会社みなと精機御中"), bare("購買部")
    ('山田 太郎', '株式会社みなと精機', '購買部')
    """
    name = name.strip()
    while True:
        stripped = _HONORIFIC.sub("", name)
        if stripped == name:
            return name
        name = stripped


def person(name: str) -> str:
    """Return a person's name with 様, or '' when no name is given.

    >>> person("山田 太郎様"), person("")
    ('山田 太郎様', '')
    """
    name = bare(name)
    return f"{name}様" if name else ""


def addressee_lines(company: str, department: str, contact: str) -> list[str]:
    """Return the addressee block: the company, then the department and the person (or 御中).

    With a person, 様 goes after the name; without one, 御中 goes after the organisation.
    An empty company is returned as an empty first line for the caller to mark as missing.

    >>> addressee_lines("株式会社みなと精機", "購買部 課長", "山田 太郎")
    ['株式会社みなと精機', '購買部 課長 山田 太郎様']
    >>> addressee_lines("株式会社みなと精機 様", "購買部", "")
    ['株式会社みなと精機', '購買部 御中']
    >>> addressee_lines("株式会社みなと精機", "", "")
    ['株式会社みなと精機 御中']
    """
    company, department, contact = bare(company), bare(department), bare(contact)
    if contact:
        return [company, " ".join(filter(None, (department, person(contact))))]
    if department:
        return [company, f"{department} 御中"]
    return [f"{company} 御中" if company else ""]
