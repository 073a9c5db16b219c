"""Shared fixtures: the definitions registry, the built site, a local server and headless Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.definitions import load_registry  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def registry():
    """The registry of the project's own definitions."""
    return load_registry()[0]


def build_site(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of ``project`` into ``site_dir``."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


def copy_project(target: Path) -> Path:
    """Copy the sources needed for a build into ``target`` (node_modules and the cache are linked)."""
    for name in ("docs", "macros", "widgets", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("node_modules", ".cache"):
        (target / name).symlink_to(ROOT / name)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per test session with ``--strict``."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that keeps test output clean and lets tests make files unavailable."""

    blocked: set[str] = set()

    def log_message(self, *args) -> None:  # noqa: D102
        pass

    def send_head(self):  # noqa: D102
        if any(self.path.endswith(name) for name in self.blocked):
            self.send_error(404)
            return None
        return super().send_head()


def serve(directory: Path, prefix: str = ""):
    """Serve ``directory`` on 127.0.0.1 (under ``prefix`` when given); return (server, base URL)."""
    root = directory
    if prefix:
        root = directory.parent / f"{directory.name}-mount"
        (root / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        if not (root / prefix.strip("/")).exists():
            (root / prefix.strip("/")).symlink_to(directory)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}{prefix}/"


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the built site on a local server."""
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.fail("Chromium is missing: run `make test` (it installs it) or apt-get install chromium")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield instance
        instance.close()
