"""The offline files of the build: the service worker's lists, the manifest and its icons, the build option."""

from __future__ import annotations

import json
import re
import struct

import pytest

from macros import offline


def worker_lists(site) -> dict[str, object]:
    """BUILD, PRECACHE and RUNTIME as written at the top of the built sw.js."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    return {name: json.loads(value) for name, value in
            re.findall(r"^const (BUILD|PRECACHE|RUNTIME) = (.*?);$", text, re.MULTILINE | re.DOTALL)}


@pytest.mark.slow
def test_every_page_and_asset_is_precached_and_the_python_runtime_is_not(built_site):
    lists = worker_lists(built_site)
    pages = {offline.page_url(p.relative_to(built_site).as_posix()) for p in built_site.rglob("index.html")}
    assert pages <= set(lists["PRECACHE"]) and "./" in pages
    assert {"search/search_index.json", "assets/kb/runtime.mjs", "assets/kb/kb.css",
            "assets/javascripts/lunr/min/lunr.ja.min.js", "manifest.webmanifest"} <= set(lists["PRECACHE"])
    assert not [path for path in lists["PRECACHE"] if path.startswith("assets/pyodide/") or path.endswith(".map")]
    assert "assets/javascripts/lunr/wordcut.js" not in lists["PRECACHE"]  # Thai only
    assert {"assets/pyodide/pyodide.asm.wasm", "assets/pyodide/snapshot.dat"} <= set(lists["RUNTIME"])
    for path in lists["PRECACHE"] + lists["RUNTIME"]:
        assert (built_site / path / "index.html" if path.endswith("/") else built_site / path).is_file(), path
    assert re.fullmatch(r"[0-9a-f]{16}", lists["BUILD"])


@pytest.mark.slow
def test_the_manifest_is_relative_and_its_icons_are_made_for_the_project(built_site):
    manifest = json.loads((built_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("./", "./", "standalone")
    for icon in manifest["icons"]:
        data = (built_site / icon["src"]).read_bytes()
        if icon["type"] == "image/png":
            assert data[:8] == b"\x89PNG\r\n\x1a\n"
            assert "{}x{}".format(*struct.unpack(">II", data[16:24])) == icon["sizes"]
        else:
            assert data.startswith(b"<svg")
    assert 'rel="manifest" href="manifest.webmanifest"' in (built_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("setting", "env", "expected"), [
    (True, None, True), (False, None, False), (True, "0", False), (True, "false", False), (False, "1", True),
])
def test_the_build_option_and_its_environment_override(monkeypatch, setting, env, expected):
    if env is None:
        monkeypatch.delenv("KB_OFFLINE", raising=False)
    else:
        monkeypatch.setenv("KB_OFFLINE", env)
    conf = {"extra": {"kb": {"offline": setting}}}
    assert offline.configure(conf) is expected and conf["extra"]["kb"]["offline"] is expected


def test_the_worker_of_a_build_without_offline_use_only_removes_itself(tmp_path):
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    offline.write(tmp_path, {"extra": {"kb": {"offline": False}}, "plugins": {}})
    worker = (tmp_path / "sw.js").read_text(encoding="utf-8")
    assert "unregister()" in worker and "caches.delete" in worker and "fetch" not in worker
