"""Faulty or slow delivery of the Python runtime: named at once, never a timeout on a link that progresses."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import time

import pytest

from macros.static_server import Handler
from tests.browser.conftest import PAGE, item, wait_python
from tests.conftest import serve

pytestmark = pytest.mark.browser

STATUS = "[data-kb-status]"


def faulty_server(directory, fault: str):
    """Serve the site, but answer the wasm with ``fault``: ``404`` or ``text/plain``."""

    class Faulty(Handler):
        def send_head(self):  # noqa: D102
            if self.path.endswith("pyodide.asm.wasm"):
                if fault == "404":
                    self.send_error(404)
                    return None
                self.extensions_map = {**self.extensions_map, ".wasm": "text/plain"}
            return super().send_head()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Faulty, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize(("fault", "expected"), [("404", "pyodide.asm.wasm を読み込めませんでした（HTTP 404"),
                                                 ("text/plain", "pyodide.asm.wasm の種類が正しくありません（text/plain")])
def test_a_faulty_wasm_is_named_within_two_seconds(page, built_site, fault, expected):
    server = faulty_server(built_site, fault)
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{PAGE}")
        started = time.monotonic()
        assert wait_python(page, timeout=15000) == "failed"
        waited = time.monotonic() - started
        assert expected in page.locator(STATUS).first.text_content()
        assert waited < 2 + 3, f"named after {waited:.1f} s"  # 2 s budget, plus the page load on a loaded machine
    finally:
        server.shutdown()
        server.server_close()


def requested_names(page) -> list[str]:
    """Start recording the file names the page and its workers request; return the list being filled."""
    names: list[str] = []
    page.on("request", lambda request: names.append(request.url.split("?")[0].rsplit("/", 1)[-1]))
    return names


def test_a_fast_first_visit_downloads_no_standard_library_no_wheel_and_no_search_index(page, site_url):
    requested = requested_names(page)
    page.goto(site_url + PAGE)
    assert wait_python(page) == "ready"
    assert page.evaluate("kbPython.snapshot") is True
    item(page, "facts-timeline").check()
    page.wait_for_function("document.querySelector('[data-kb-out=progress]').textContent === '1 / 13 完了'")
    # The snapshot holds every module imported: an empty zip stands for the standard library.
    assert "snapshot_stdlib.zip" in requested and "python_stdlib.zip" not in requested, requested
    assert not [name for name in requested if name.endswith(".whl")], requested
    assert requested.count("pyodide.asm.wasm") == 1, requested
    # The header search loads its index when the reader types, not with every page.
    assert "index.json" not in requested and "engine.mjs" not in requested, requested


def test_a_slow_link_shows_progress_in_megabytes_and_becomes_ready_without_the_snapshot(page, site_url):
    requested = requested_names(page)
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    # 3 Mbps: clearly below the link speed where the snapshot stops paying off (about 4.5 Mbps for today's sizes).
    session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 50, "downloadThroughput": 3e6 / 8,
                                                      "uploadThroughput": 3e6 / 8})
    page.goto(site_url + PAGE)
    page.wait_for_function("document.querySelector('[data-kb-status]').textContent.includes(' MB')", timeout=30000)
    line = page.locator(STATUS).first.text_content()
    assert line.startswith("Python を準備しています… ") and line.endswith(" MB"), line
    assert wait_python(page, timeout=120000) == "ready"
    page.wait_for_function("document.querySelector('[data-kb-status]').textContent === '準備完了'", timeout=10000)
    assert page.evaluate("kbPython.snapshot") is False, "at 3 Mbps the snapshot costs more than it saves"
    # The normal boot takes the wasm the first attempt downloaded and compiled; it needs the standard library.
    assert requested.count("pyodide.asm.wasm") == 1, requested
    assert "python_stdlib.zip" in requested, requested


def foreign_snapshot_site(built_site, tmp_path):
    """A copy of the site whose snapshot names another wheel than the lock file does."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    snapshot = site / "assets" / "pyodide" / "snapshot.dat"
    data = bytearray(snapshot.read_bytes())
    data[8:16] = b"00000000"  # the wheel's sha256 in the header no longer matches the lock file
    snapshot.write_bytes(bytes(data))
    for sibling in site.glob("assets/pyodide/snapshot.dat.*"):
        sibling.unlink()
    return site


def test_a_snapshot_made_for_another_wheel_is_not_used_and_python_still_works(page, built_site, tmp_path):
    server, url = serve(foreign_snapshot_site(built_site, tmp_path))
    try:
        page.goto(url + PAGE)
        assert wait_python(page, timeout=60000) == "ready"
        assert page.evaluate("kbPython.snapshot") is False
        item(page, "facts-timeline").check()
        page.wait_for_function("document.querySelector('[data-kb-out=progress]').textContent === '1 / 13 完了'")
        page.wait_for_function("document.querySelector(\"[data-kb-out='items.facts-timeline.checked_at']\")"
                               ".textContent.endsWith(' 完了')")
    finally:
        server.shutdown()


def test_without_snapshot_or_wheel_the_missing_wheel_is_named(page, built_site, tmp_path):
    site = foreign_snapshot_site(built_site, tmp_path)
    for wheel in site.glob("assets/pyodide/kb_widgets-*.whl*"):
        wheel.unlink()
    server, url = serve(site)
    try:
        page.goto(url + PAGE)
        assert wait_python(page, timeout=60000) == "failed"
        line = page.locator(STATUS).first.text_content()
        assert "ツールの部品（kb-widgets の .whl）を読み込めませんでした" in line and "Traceback" not in line, line
        item(page, "facts-timeline").check()
        assert page.text_content("[data-kb-out=progress]") == "1 / 13 完了", "checklists work without Python"
    finally:
        server.shutdown()
