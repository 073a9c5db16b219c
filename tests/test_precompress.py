"""Precompressed siblings: smaller, decoding to the original, cached by content and settings, off when asked."""

from __future__ import annotations

import gzip
import random

import brotli

from macros import precompress


def test_siblings_decode_to_the_original_and_a_small_saving_writes_none(tmp_path):
    text = tmp_path / "page.html"
    text.write_text("<p>お詫びの手紙を書く前に、事実を確かめます。</p>\n" * 400, encoding="utf-8")
    noise = tmp_path / "noise.json"
    noise.write_bytes(random.Random(0).randbytes(4096))  # incompressible: no sibling worth sending
    written = precompress.precompress_file(text)
    assert sorted(path.name for path in written) == ["page.html.br", "page.html.gz"]
    assert brotli.decompress((tmp_path / "page.html.br").read_bytes()) == text.read_bytes()
    assert gzip.decompress((tmp_path / "page.html.gz").read_bytes()) == text.read_bytes()
    assert precompress.precompress_file(noise) == []


def test_large_files_are_cached_under_their_content_and_the_settings(tmp_path, monkeypatch):
    monkeypatch.setattr(precompress, "CACHE_DIR", tmp_path / "cache")
    data = b"snapshot " * (precompress.CACHE_FROM // 4)
    first = precompress.compressed(data, ".br")
    cached = list((tmp_path / "cache").iterdir())
    assert [path.name.split(".", 1)[1] for path in cached] == [f"{precompress.SETTINGS}.br"]
    cached[0].write_bytes(b"from the cache")
    assert precompress.compressed(data, ".br") == b"from the cache", "the second call reads the cache"
    monkeypatch.setattr(precompress, "SETTINGS", "other")
    assert precompress.compressed(data, ".br") == first, "other settings never reuse a file of the old ones"


def test_precompressing_can_be_turned_off(monkeypatch):
    monkeypatch.delenv("KB_PRECOMPRESS", raising=False)
    assert precompress.enabled()
    monkeypatch.setenv("KB_PRECOMPRESS", "0")
    assert not precompress.enabled()
