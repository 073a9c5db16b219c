"""Write ``.br`` and ``.gz`` siblings of every compressible file of the built site.

Servers configured as in the README (and :mod:`macros.static_server`) send a sibling with ``Content-Encoding``
when the browser accepts it, so the runtime's 20 MB travel as a few megabytes without the server compressing
anything at request time. A sibling is written only when it saves at least ``MIN_SAVING`` of the file.
Large files are compressed once per content (cached in ``.cache/precompressed/``): brotli at its best level
takes seconds per megabyte.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import brotli

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".txt", ".xml", ".map", ".dat", ".zip",
                ".whl"}
MIN_SAVING = 0.05
CACHE_FROM = 64 * 1024  # bytes: files at least this large are cached by content
CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "precompressed"

# Brotli's best level with its largest window, for every file: on the 31 MB application snapshot it saves 0.7 MB
# on the wire over level 9 (4.4 instead of 5.1 MB) and takes about 100 s, once per snapshot (cached by content).
# `make live` skips precompressing (KB_PRECOMPRESS=0): `mkdocs serve` sends no siblings.
SETTINGS = "b11w24g9"  # part of the cache key: changing a level above must not reuse files of the old one
CODECS: dict[str, Callable[[bytes], bytes]] = {
    ".br": lambda data: brotli.compress(data, quality=11, lgwin=24),
    ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
}


def compressed(data: bytes, suffix: str) -> bytes:
    """Return ``data`` compressed for ``suffix`` (``.br`` or ``.gz``), from the content cache for large files."""
    if len(data) < CACHE_FROM:
        return CODECS[suffix](data)
    cached = CACHE_DIR / f"{hashlib.sha256(data).hexdigest()}.{SETTINGS}{suffix}"
    if not cached.is_file():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.partial")
        partial.write_bytes(CODECS[suffix](data))
        partial.replace(cached)
    return cached.read_bytes()


def precompress_file(path: Path) -> list[Path]:
    """Write the worthwhile siblings of one file (stale ones are removed); return those written."""
    data = path.read_bytes()
    written = []
    for suffix in CODECS:
        sibling = path.with_name(path.name + suffix)
        packed = compressed(data, suffix)
        if len(packed) <= len(data) * (1 - MIN_SAVING):
            sibling.write_bytes(packed)
            written.append(sibling)
        elif sibling.exists():
            sibling.unlink()
    return written


def enabled() -> bool:
    """Whether the build precompresses (``KB_PRECOMPRESS=0`` turns it off, as `make live` does)."""
    return os.environ.get("KB_PRECOMPRESS", "1") != "0"


def precompress_site(site_dir: Path) -> list[Path]:
    """Write ``.br`` and ``.gz`` siblings for every compressible file under ``site_dir``; return them."""
    files = sorted(path for path in site_dir.rglob("*") if path.suffix in COMPRESSIBLE and path.is_file())
    return [sibling for path in files for sibling in precompress_file(path)]
