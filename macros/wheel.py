"""Build the ``kb-widgets`` wheel that the browser installs, reproducibly and with the standard library."""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

import widgets
from widgets.registry import BUNDLE

PACKAGE_DIR = Path(widgets.__file__).resolve().parent
DIST_NAME = "kb_widgets"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def wheel_files(bundle_json: str) -> dict[str, bytes]:
    """Return the package files of the wheel: the modules plus the definitions bundle."""
    files = {f"widgets/{path.relative_to(PACKAGE_DIR).as_posix()}": path.read_bytes()
             for path in sorted(PACKAGE_DIR.rglob("*.py"))}
    files[f"widgets/{BUNDLE}"] = bundle_json.encode()
    return files


def build_wheel(out_dir: Path, bundle_json: str, requires: tuple[str, ...] = ()) -> Path:
    """Write the wheel into ``out_dir`` and return its path.

    The version carries a content hash (``0.1.0+h1a2b3c4d``) so that a changed wheel never meets a
    stale copy in a browser cache, and identical inputs give a byte-identical file.
    """
    files = wheel_files(bundle_json)
    content = hashlib.sha256(b"".join(name.encode() + data for name, data in files.items())).hexdigest()
    version = f"{widgets.__version__}+h{content[:10]}"
    info = f"{DIST_NAME}-{version}.dist-info"
    files[f"{info}/METADATA"] = (f"Metadata-Version: 2.1\nName: kb-widgets\nVersion: {version}\n"
                                 "Summary: Widget logic of the sales trouble knowledge base\n"
                                 + "".join(f"Requires-Dist: {name}\n" for name in requires)).encode()
    files[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: kb-macros\nRoot-Is-Purelib: true\n"
                              b"Tag: py3-none-any\n")
    files[f"{info}/top_level.txt"] = b"widgets\n"
    record = [_record_line(name, data) for name, data in files.items()] + [f"{info}/RECORD,,"]
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{DIST_NAME}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return path
