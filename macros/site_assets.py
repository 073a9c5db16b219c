"""Put the self-hosted Python runtime into the built site: Pyodide core, the wheel, its lock file and the snapshot."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from . import stdlib
from .wheel import build_wheel

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")  # python_stdlib.zip: trimmed (macros/stdlib.py)
STDLIB_NAME = "python_stdlib.zip"
# What Pyodide mounts as the standard library on the snapshot path: nothing (an empty zip). The snapshot holds
# every module the widgets use already imported (macros/make_snapshot.mjs proves it), so a first visit on a fast
# link does not download the standard library; a normal boot (another wheel, a slow link) uses STDLIB_NAME.
SNAPSHOT_STDLIB_NAME = "snapshot_stdlib.zip"
SITE_SUBDIR = Path("assets") / "pyodide"
CACHE_DIR = ROOT / ".cache"
SNAPSHOT_NAME = "snapshot.dat"
SNAPSHOT_CACHE = CACHE_DIR / "app-snapshot"
SNAPSHOT_MAGIC = b"KBSNAP1\n"  # then the wheel's sha256 (64 hex digits), newlines up to HEADER_SIZE, the snapshot
HEADER_SIZE = 80  # a multiple of 8: the worker hands Pyodide a view of the data after the header
KEEP_SNAPSHOTS = 3
WHEEL_CACHE = CACHE_DIR / "wheels"
# Pure-Python distributions the widgets import in the browser, shipped at the version installed for the build.
BROWSER_DEPENDENCIES = ("jpholiday",)
SNAPSHOT_SCRIPT = Path(__file__).resolve().parent / "make_snapshot.mjs"
EXERCISE_SCRIPT = Path(__file__).resolve().parent / "exercise.py"


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


def snapshot_key(wheels: list[Path]) -> str:
    """The cache key of an application snapshot: Pyodide's version, the wheels and the scripts that make it."""
    digest = hashlib.sha256(pyodide_version().encode())
    for path in (SNAPSHOT_SCRIPT, EXERCISE_SCRIPT, *wheels):
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def snapshot_header(wheel: Path) -> bytes:
    """The header the worker checks: the snapshot fits only the wheel whose sha256 the lock file names."""
    return (SNAPSHOT_MAGIC + hashlib.sha256(wheel.read_bytes()).hexdigest().encode()).ljust(HEADER_SIZE, b"\n")


def empty_stdlib() -> Path:
    """The empty zip of the snapshot path (only its end-of-central-directory record), made once in the cache."""
    path = SNAPSHOT_CACHE / SNAPSHOT_STDLIB_NAME
    if not path.is_file():
        SNAPSHOT_CACHE.mkdir(parents=True, exist_ok=True)
        zipfile.ZipFile(path, "w").close()
    return path


def run_application(stdlib_zip: Path, modules: Path, output: str, wheels: list[Path]) -> None:
    """Boot Pyodide with the wheels and answer every operation (macros/make_snapshot.mjs); write the module list
    and, unless ``output`` is ``-``, the memory snapshot, checked by restoring it on the empty zip."""
    command = ["node", str(SNAPSHOT_SCRIPT), str(stdlib_zip), str(empty_stdlib()), str(modules), output,
               str(EXERCISE_SCRIPT), *map(str, wheels)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise AssetError(f"booting the application in Pyodide failed:\n{result.stdout}{result.stderr}")


def make_snapshot(wheels: list[Path]) -> Path:
    """Return the cached application snapshot for these wheels (the project's first), making it when missing.

    Beside it: ``.zip``, the standard library trimmed to the modules the application imported (the snapshot is
    taken on that zip: Python caches the zip's table of contents), and ``.modules``, their names.
    """
    cached = SNAPSHOT_CACHE / f"{snapshot_key(wheels)}.dat"
    if cached.is_file():
        return cached
    SNAPSHOT_CACHE.mkdir(parents=True, exist_ok=True)
    raw, modules, trimmed = cached.with_suffix(".raw"), cached.with_suffix(".modules"), cached.with_suffix(".zip")
    run_application(PYODIDE_NPM / STDLIB_NAME, modules, "-", wheels)
    stdlib.trim(PYODIDE_NPM / STDLIB_NAME, modules.read_text(encoding="utf-8").split(), trimmed)
    run_application(trimmed, modules.with_suffix(".trimmed"), str(raw), wheels)  # every operation on the trimmed zip
    modules.with_suffix(".trimmed").unlink()
    partial = cached.with_suffix(".partial")
    partial.write_bytes(snapshot_header(wheels[0]) + raw.read_bytes())
    raw.unlink()
    partial.replace(cached)
    for stale in sorted(SNAPSHOT_CACHE.glob("*.dat"), key=lambda path: path.stat().st_mtime)[:-KEEP_SNAPSHOTS]:
        for path in (stale, stale.with_suffix(".modules"), stale.with_suffix(".zip")):
            path.unlink(missing_ok=True)
    return cached


def snapshot(target: Path, wheels: list[Path]) -> None:
    """Put the uncompressed application snapshot (the server sends its precompressed siblings), the trimmed
    standard library it was taken with (for a normal boot) and the empty one of the snapshot path into the site."""
    cached = make_snapshot(wheels)
    for source, name in ((cached, SNAPSHOT_NAME), (cached.with_suffix(".zip"), STDLIB_NAME),
                         (empty_stdlib(), SNAPSHOT_STDLIB_NAME)):
        destination = target / name
        if not destination.is_file() or destination.stat().st_mtime != source.stat().st_mtime:
            shutil.copy2(source, destination)


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


def write_sizes(target: Path) -> None:
    """Write sizes.json: the size of each runtime file, so the worker can show download progress."""
    sizes = {path.name: path.stat().st_size for path in sorted(target.iterdir())
             if path.is_file() and path.suffix not in (".br", ".gz") and path.name != "sizes.json"}
    (target / "sizes.json").write_text(json.dumps(sizes, indent=0), encoding="utf-8")


def install(site_dir: Path, bundle_json: str) -> Path:
    """Install Pyodide, the project's wheel and the lock file under ``site_dir``; return the wheel."""
    target = site_dir / SITE_SUBDIR
    target.mkdir(parents=True, exist_ok=True)
    copy_core(target)
    for stale in target.glob("kb_widgets-*.whl"):
        stale.unlink()
    wheel = build_wheel(target, bundle_json, requires=BROWSER_DEPENDENCIES)
    dependencies = []
    for source in dependency_wheels():
        shutil.copy2(source, target / source.name)
        dependencies.append(target / source.name)
    write_lock(target, [wheel, *dependencies])
    snapshot(target, [wheel, *dependencies])
    write_sizes(target)
    return wheel
