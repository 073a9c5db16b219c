"""A small threaded static server that serves the built site the way the README's server configurations do.

Precompressed siblings (``x.wasm.br``, ``x.wasm.gz``, written by :mod:`macros.precompress`) are sent with
``Content-Encoding`` and ``Vary: Accept-Encoding`` when the client accepts them; MIME types are the ones
browsers insist on (``application/wasm`` for streaming compilation, ``text/javascript`` for modules);
hashed file names are cached as immutable, HTML is revalidated. ``headers`` adds headers to every answer
(a Content-Security-Policy, for instance).

Usage: python -m macros.static_server [--port 8000] [--bind 127.0.0.1] site/
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import http.server
import re
import threading
from pathlib import Path

MIME_TYPES = {
    ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
    ".json": "application/json", ".zip": "application/zip", ".whl": "application/zip",
    ".css": "text/css", ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8", ".xml": "application/xml", ".dat": "application/octet-stream",
}
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
# The policy the README recommends (no inline scripts anywhere); `make serve` and the browser tests send it.
RECOMMENDED_HEADERS = {
    "Content-Security-Policy": "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'self'",
}
# Names that change whenever their content does: a hash or a version in the name.
HASHED = re.compile(r"(\.[0-9a-f]{8,}(\.min)?\.(js|css|mjs)$)|(\+h[0-9a-f]{10}-py3-none-any\.whl$)")


def accepted_encodings(header: str) -> set[str]:
    """Return the content codings an Accept-Encoding header allows (``q=0`` excluded)."""
    accepted = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name and not re.search(r"q\s*=\s*0(\.0*)?\s*$", params):
            accepted.add(name.strip().lower())
    return accepted


def cache_control(path: str) -> str:
    """The Cache-Control value for a request path: immutable for hashed names, revalidated otherwise."""
    if HASHED.search(path):
        return "public, max-age=31536000, immutable"
    return "no-cache"


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with precompressed siblings, strict MIME types, cache headers and extra headers."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    extra_headers: dict[str, str] = {}

    def log_message(self, *args) -> None:  # noqa: D102 - quiet: tests and benchmarks read no logs
        pass

    def handle(self) -> None:  # noqa: D102 - a client that leaves mid-download (a cancelled fetch) is no error
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def send_head(self):  # noqa: D102 - precompressed sibling when the client accepts it
        self._encoding = None
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.is_file():
            accepted = accepted_encodings(self.headers.get("Accept-Encoding", ""))
            for coding, suffix in ENCODINGS:
                sibling = Path(f"{path}{suffix}")
                if coding in accepted and sibling.is_file():
                    return self._send_encoded(path, sibling, coding)
        return super().send_head()

    def _send_encoded(self, original: Path, encoded: Path, coding: str):
        modified = int(original.stat().st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since and self._not_modified(since, modified):
            self.send_response(304)
            self.end_headers()
            return None
        self._encoding = coding
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(original)))
        self.send_header("Content-Length", str(encoded.stat().st_size))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return encoded.open("rb")

    @staticmethod
    def _not_modified(since: str, modified: int) -> bool:
        try:
            return email.utils.parsedate_to_datetime(since).timestamp() >= modified
        except (TypeError, ValueError, IndexError, OverflowError):
            return False

    def end_headers(self) -> None:  # noqa: D102 - the headers every answer gets
        if getattr(self, "_encoding", None):
            self.send_header("Content-Encoding", self._encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", cache_control(self.path.split("?")[0]))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


class StaticServer:
    """Serve ``directory`` on ``bind:port`` (0: a free port) in a background thread."""

    def __init__(self, directory: Path, port: int = 0, bind: str = "127.0.0.1",
                 headers: dict[str, str] | None = None) -> None:
        handler = type("SiteHandler", (Handler,), {"extra_headers": dict(headers or {})})
        self.httpd = http.server.ThreadingHTTPServer((bind, port), functools.partial(handler, directory=str(directory)))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def shutdown(self) -> None:
        """Stop the server and free its port."""
        self.httpd.shutdown()
        self.httpd.server_close()


def main(argv: list[str] | None = None) -> None:
    """Serve a built site until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args(argv)
    server = StaticServer(args.directory, args.port, args.bind, headers=RECOMMENDED_HEADERS)
    print(f"Serving {args.directory} on http://{args.bind}:{server.port}/ (Ctrl+C stops)")
    try:
        server.thread.join()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
