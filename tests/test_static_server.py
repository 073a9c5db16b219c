"""The test and `make serve` server: precompressed siblings, MIME types, cache headers, extra headers."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import pytest

from macros.static_server import StaticServer, accepted_encodings, cache_control


@pytest.fixture
def server(tmp_path):
    (tmp_path / "index.html").write_text("<p>hello</p>" * 50, encoding="utf-8")
    (tmp_path / "index.html.gz").write_bytes(gzip.compress((tmp_path / "index.html").read_bytes()))
    (tmp_path / "core.wasm").write_bytes(b"\0asm" + bytes(100))
    (tmp_path / "worker.mjs").write_text("export {};", encoding="utf-8")
    instance = StaticServer(tmp_path, headers={"Content-Security-Policy": "script-src 'self'"})
    yield f"http://127.0.0.1:{instance.port}/"
    instance.shutdown()


class Answer:
    """The headers and body of one response (the connection closed)."""

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            self.headers, self.body = response.headers, response.read()

    def read(self) -> bytes:
        return self.body


def get(url: str, **headers) -> Answer:
    return Answer(url, headers)


def test_a_precompressed_sibling_is_sent_only_when_accepted(server):
    encoded = get(server, **{"Accept-Encoding": "br;q=0, gzip"})
    assert encoded.headers["Content-Encoding"] == "gzip"
    assert encoded.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(encoded.read()).decode().startswith("<p>hello</p>")
    plain = get(server, **{"Accept-Encoding": "identity"})
    assert plain.headers["Content-Encoding"] is None
    assert plain.read().decode().startswith("<p>hello</p>")


def test_mime_types_cache_headers_and_extra_headers(server):
    wasm = get(server + "core.wasm")
    assert wasm.headers["Content-Type"] == "application/wasm"
    assert wasm.headers["Content-Security-Policy"] == "script-src 'self'"
    assert wasm.headers["X-Content-Type-Options"] == "nosniff"
    assert get(server + "worker.mjs").headers["Content-Type"] == "text/javascript"
    assert get(server).headers["Cache-Control"] == "no-cache"


def test_a_revalidated_precompressed_file_answers_not_modified(server):
    first = get(server, **{"Accept-Encoding": "gzip"})
    with pytest.raises(urllib.error.HTTPError) as answer:
        get(server, **{"Accept-Encoding": "gzip", "If-Modified-Since": first.headers["Last-Modified"]})
    assert answer.value.code == 304
    answer.value.close()


def test_helpers():
    assert accepted_encodings("gzip, deflate, br;q=0") == {"gzip", "deflate"}
    assert cache_control("/assets/javascripts/bundle.f55a23d4.min.js").endswith("immutable")
    assert cache_control("/assets/pyodide/kb_widgets-0.1.0+h0123456789-py3-none-any.whl").endswith("immutable")
    assert cache_control("/tools/first-response/") == "no-cache"
