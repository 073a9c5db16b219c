"""Shared fixtures: the definitions registry, the built site, a local server and headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.definitions import load_registry  # noqa: E402
from macros.static_server import RECOMMENDED_HEADERS, StaticServer  # noqa: E402

CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def registry():
    """The registry of the project's own definitions."""
    return load_registry()[0]


def build_site(project: Path, site_dir: Path, site_url: str = "") -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of ``project`` into ``site_dir`` (for ``site_url`` when given)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    env = {**os.environ, "KB_SITE_URL": site_url} if site_url else None
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False, env=env)


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_project(target: Path) -> Path:
    """Copy the sources needed for a build into ``target`` (node_modules and the cache are linked)."""
    for name in ("docs", "macros", "widgets", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("node_modules", ".cache"):
        (target / name).symlink_to(ROOT / name)
    return target


@pytest.fixture(scope="session")
def site_port() -> int:
    """The port the test server will use; the site is built for it (instant navigation needs site_url)."""
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port) -> Path:
    """The site, built once per test session with ``--strict``."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site, f"http://127.0.0.1:{site_port}/")
    assert result.returncode == 0, result.stderr
    return site


def serve(directory: Path, prefix: str = "", port: int = 0, headers: dict[str, str] | None = None):
    """Serve ``directory`` on 127.0.0.1 (under ``prefix`` when given) as deployed (precompressed files, MIME
    types, cache headers, plus ``headers``); return (server, base URL)."""
    root = directory
    if prefix:
        root = directory.parent / f"{directory.name}-mount"
        mount = root / prefix.strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        if not mount.exists():
            mount.symlink_to(directory)
    server = StaticServer(root, port, headers=RECOMMENDED_HEADERS if headers is None else headers)
    return server, f"http://127.0.0.1:{server.port}{prefix}/"


@pytest.fixture(scope="session")
def site_url(built_site, site_port):
    """Base URL of the built site on a local server."""
    server, url = serve(built_site, port=site_port)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make test` (it installs it) or apt-get install chromium")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
