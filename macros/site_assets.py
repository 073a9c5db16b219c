"""Put the self-hosted Python runtime into the built site: Pyodide core, the wheel and its lock file."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from .wheel import build_wheel

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
SITE_SUBDIR = Path("assets") / "pyodide"
CACHE_DIR = ROOT / ".cache"
# Gzip data under a neutral name: servers that add Content-Encoding for ".gz" files would break it.
SNAPSHOT_NAME = "snapshot.dat"
WHEEL_CACHE = CACHE_DIR / "wheels"
# Pure-Python distributions the widgets import in the browser, shipped at the version installed for the build.
BROWSER_DEPENDENCIES = ("jpholiday",)
SNAPSHOT_SCRIPT = Path(__file__).resolve().parent / "make_snapshot.mjs"


class AssetError(RuntimeError):
    """The Python runtime could not be put into the site."""


def copy_core(target: Path) -> None:
    """Copy the Pyodide core files from the pinned npm package, skipping unchanged ones."""
    for name in CORE_FILES:
        source = PYODIDE_NPM / name
        if not source.is_file():
            raise AssetError(f"{source} is missing: run `npm ci` (or `make setup`) first")
        destination = target / name
        stat = source.stat()
        if not destination.is_file() or destination.stat().st_size != stat.st_size \
                or destination.stat().st_mtime < stat.st_mtime:
            shutil.copy2(source, destination)


def pyodide_version() -> str:
    """Return the version of the pinned Pyodide npm package."""
    return json.loads((PYODIDE_NPM / "package.json").read_text(encoding="utf-8"))["version"]


def snapshot(target: Path) -> None:
    """Put the gzip-compressed memory snapshot of the booted core into the site (made once per version)."""
    cached = CACHE_DIR / f"pyodide-snapshot-{pyodide_version()}.dat"
    if not cached.is_file():
        CACHE_DIR.mkdir(exist_ok=True)
        raw = cached.with_suffix(".raw")
        result = subprocess.run(["node", str(SNAPSHOT_SCRIPT), str(raw)], capture_output=True, text=True,
                                cwd=ROOT, check=False)
        if result.returncode != 0:
            raise AssetError(f"making the Pyodide snapshot failed:\n{result.stdout}{result.stderr}")
        partial = cached.with_suffix(".partial")
        partial.write_bytes(gzip.compress(raw.read_bytes(), compresslevel=9, mtime=0))
        raw.unlink()
        partial.replace(cached)
    destination = target / SNAPSHOT_NAME
    if not destination.is_file() or destination.stat().st_mtime < cached.stat().st_mtime:
        shutil.copy2(cached, destination)


def dependency_wheels() -> list[Path]:
    """Return the wheels of ``BROWSER_DEPENDENCIES``, downloading a missing one from the package index once."""
    wheels = []
    for name in BROWSER_DEPENDENCIES:
        version = metadata.version(name)
        pattern = f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
        if not (WHEEL_CACHE / pattern).is_file():
            command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                       "--dest", str(WHEEL_CACHE), f"{name}=={version}"]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0 or not (WHEEL_CACHE / pattern).is_file():
                raise AssetError(f"could not get the wheel {pattern} for the browser:\n{result.stderr}")
        wheels.append(WHEEL_CACHE / pattern)
    return wheels


def write_lock(target: Path, wheels: list[Path]) -> None:
    """Write the site's own pyodide-lock.json: the core's lock, reduced to the wheels the site hosts."""
    lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock["packages"] = {}
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch) / "pyodide-lock.json"
        base.write_text(json.dumps(lock), encoding="utf-8")
        command = [str(Path(sys.executable).parent / "pyodide"), "lockfile", "add-wheels",
                   "--input", str(base), "--output", str(target / "pyodide-lock.json"),
                   "--base-path", str(target), *map(str, wheels)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssetError(f"pyodide lockfile add-wheels failed:\n{result.stdout}{result.stderr}")


def install(site_dir: Path, bundle_json: str) -> Path:
    """Install Pyodide, the project's wheel and the lock file under ``site_dir``; return the wheel."""
    target = site_dir / SITE_SUBDIR
    target.mkdir(parents=True, exist_ok=True)
    copy_core(target)
    snapshot(target)
    for stale in target.glob("kb_widgets-*.whl"):
        stale.unlink()
    wheel = build_wheel(target, bundle_json, requires=BROWSER_DEPENDENCIES)
    dependencies = []
    for source in dependency_wheels():
        shutil.copy2(source, target / source.name)
        dependencies.append(target / source.name)
    write_lock(target, [wheel, *dependencies])
    return wheel
