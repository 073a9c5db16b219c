"""Trim Pyodide's standard-library zip to the packages the widgets use.

The build's snapshot script lists ``sys.modules`` after answering every operation of every definition
(:mod:`macros.exercise`); the site's ``python_stdlib.zip`` keeps every top-level module or package of that list
(whole packages, as a margin for paths the exercise does not reach) plus what installing a wheel needs when the
snapshot cannot be used. Entries are stored uncompressed: the server's brotli sibling is far smaller than a
zip of deflated entries (0.7 MB instead of 2.5 MB).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

# Installing a wheel without the snapshot (Pyodide's package loader), and Pyodide's own packages.
ALWAYS = frozenset({"_pyodide", "pyodide", "email", "sysconfig", "tarfile", "zipfile", "shutil", "importlib"})


def top_level(entry: str) -> str:
    """The top-level module or package an entry of the zip belongs to (``email/parser.py`` → ``email``)."""
    return entry.split("/", 1)[0].removesuffix(".py")


def trim(source: Path, modules: list[str], destination: Path) -> list[str]:
    """Write the entries of ``source`` that the imported ``modules`` need to ``destination``; return their names."""
    wanted = ALWAYS | {name.split(".", 1)[0] for name in modules}
    kept = []
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(destination, "w", zipfile.ZIP_STORED) as trimmed:
        for info in original.infolist():
            name = top_level(info.filename)
            if name in wanted or name.startswith("_sysconfigdata"):
                trimmed.writestr(zipfile.ZipInfo(info.filename, info.date_time), original.read(info),
                                 zipfile.ZIP_STORED)
                kept.append(info.filename)
    return kept
