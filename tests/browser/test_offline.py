"""Offline use: after one page and one tool page, the whole site and its tools work with the network cut.

Also: a new deployment reaches the reader (new page or the prompt) and old caches go; the site works under a
sub-path; turning the build option off removes an existing registration and its caches.
"""

from __future__ import annotations

import re
import shutil

import pytest

from tests.browser.conftest import item, wait_python
from tests.conftest import build_site, copy_project, free_port, serve

pytestmark = pytest.mark.browser

NOTE = ".kb-offline-note"
PAGES_READY = "オフラインでも使えます"
RUNTIME_READY = "Python の道具もオフラインで使えます"
CACHES = "async () => (await caches.keys()).filter((name) => name.startsWith('kb-offline:'))"
REGISTRATIONS = "async () => (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope)"

# Records the states of the worker that the page registers (deterministic: no polling that can miss a fast failure).
WORKER_STATES = """(() => {
  const container = navigator.serviceWorker;
  const register = container.register.bind(container);
  window.__swStates = [];
  container.register = async (...args) => {
    const registration = await register(...args);
    const worker = registration.installing || registration.waiting || registration.active;
    if (worker) {
      window.__swStates.push(worker.state);
      worker.addEventListener("statechange", () => window.__swStates.push(worker.state));
    }
    return registration;
  };
})();"""


def wait_note(page, text: str, timeout: int = 60000) -> None:
    """Wait until the footer note says ``text``."""
    page.wait_for_function("([text]) => document.querySelector('.kb-offline-note')?.textContent === text",
                           arg=[text], timeout=timeout)


def prepare(page, url: str) -> None:
    """The first visits of a reader: the home page, then one tool page until Python is ready and kept."""
    page.goto(url)
    wait_note(page, PAGES_READY)
    page.goto(url + "tools/first-response/")
    assert wait_python(page) == "ready"
    wait_note(page, RUNTIME_READY)


def test_pages_search_and_tools_work_offline(context, page, site_url):
    prepare(page, site_url)
    context.set_offline(True)

    page.goto(site_url + "respond/effective-apology/")
    assert page.locator("h1").first.text_content().startswith("効果的な謝罪")
    assert page.text_content(NOTE) == RUNTIME_READY

    page.goto(site_url + "tools/apology-mail/")
    assert wait_python(page) == "ready"
    page.fill("[data-kb-field='incident.customer_company']", "株式会社みなと精機")
    page.wait_for_function("document.querySelector('[data-kb-out=preview]').textContent.includes('株式会社みなと精機')")

    page.goto(site_url + "tools/apology-checker/")
    assert wait_python(page) == "ready"
    page.fill("[data-kb-field=draft]", "工場のミスで納品が遅れました。")
    page.locator("[data-kb-marks=draft] mark").first.wait_for()

    page.goto(f"{site_url}?q=即レス")
    page.locator(".md-search-result__item > a").first.wait_for(timeout=15000)

    page.goto(site_url + "tools/first-response/")
    assert wait_python(page) == "ready"
    item(page, "facts-timeline").check()
    page.reload()
    assert wait_python(page) == "ready"
    assert item(page, "facts-timeline").is_checked()
    context.set_offline(False)


def test_a_first_visit_to_a_tool_page_keeps_its_runtime(context, page, site_url):
    page.goto(site_url + "tools/apology-checker/")
    assert wait_python(page) == "ready"
    wait_note(page, RUNTIME_READY)  # loaded before the worker took over: kept afterwards
    context.set_offline(True)
    page.goto(site_url + "tools/boss-report/")
    assert wait_python(page) == "ready"
    context.set_offline(False)


def test_a_broken_deployment_stores_nothing_and_the_site_still_works(context, page, built_site, tmp_path):
    site = shutil.copytree(built_site, tmp_path / "site", symlinks=True)
    (site / "404.html").unlink()  # precached, never asked for by the pages
    server, url = serve(site)
    try:
        page.add_init_script(WORKER_STATES)
        page.goto(url)
        page.wait_for_function("() => window.__swStates.includes('redundant')")  # the install failed
        assert "activated" not in page.evaluate("() => window.__swStates")
        page.wait_for_function("async () => (await navigator.serviceWorker.getRegistration()) === undefined")
        assert page.evaluate(CACHES) == [] and page.locator(NOTE).count() == 0
        page.goto(url + "respond/effective-apology/")
        assert page.locator("h1").first.text_content().startswith("効果的な謝罪")
    finally:
        server.shutdown()


def test_nothing_the_worker_fetches_leaves_the_origin(context, page, site_url):
    prepare(page, site_url)
    origin = re.match(r"https?://[^/]+", site_url).group(0)
    assert [url for url in context.requests if not url.startswith(origin)] == []


def test_the_storage_panel_shows_the_size_and_removes_the_copy(page, site_url):
    page.goto(site_url)
    wait_note(page, PAGES_READY)
    page.goto(site_url + "reference/offline/")
    page.wait_for_function("/約 [0-9.]+ MB/.test(document.querySelector('[data-kb-offline=size]').textContent)")
    assert page.text_content("[data-kb-offline=state]") == PAGES_READY
    page.click("[data-kb-offline=clear]")
    page.wait_for_function("document.querySelector('[data-kb-offline=message]').textContent !== ''")
    assert page.evaluate(CACHES) == [] and page.evaluate(REGISTRATIONS) == []


def test_the_panel_says_so_where_service_workers_are_refused(browser, site_url):
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + "reference/offline/")
        page.wait_for_function("() => document.querySelector('[data-kb-offline=state]').textContent.includes('使えません')")
        assert "MB" in page.text_content("[data-kb-offline=size]")
    finally:
        context.close()


@pytest.fixture
def project(tmp_path):
    """A copy of the sources (to deploy changed builds) and a port for a site under /kb/."""
    return copy_project(tmp_path / "project"), free_port()


def deploy(monkeypatch, project, site, url: str, offline: str = "1") -> None:
    """Build the project into ``site`` (the same directory every time: a deployment over the old one)."""
    monkeypatch.setenv("KB_OFFLINE", offline)
    result = build_site(project, site, url)
    assert result.returncode == 0, result.stderr


def test_updates_under_a_sub_path_and_turning_it_off(browser, project, tmp_path, monkeypatch):
    source, port = project
    site = tmp_path / "site"
    url = f"http://127.0.0.1:{port}/kb/"
    deploy(monkeypatch, source, site, url)
    server, served = serve(site, "/kb", port)
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
    try:
        page = context.new_page()
        page.goto(url)
        wait_note(page, PAGES_READY)
        assert page.evaluate(REGISTRATIONS) == [url]
        old = page.evaluate(CACHES)
        assert len(old) == 1 and old[0].startswith(f"kb-offline:{url}:")

        home = source / "docs" / "index.md"
        home.write_text(home.read_text(encoding="utf-8").replace("\n# ", "\n# 新版 ", 1), encoding="utf-8")
        deploy(monkeypatch, source, site, url)
        page.goto(url)
        assert "新版" in page.locator("h1").first.text_content()
        page.locator(".kb-offline-update button").click(timeout=30000)
        page.wait_for_function(f"([old]) => ({CACHES})().then((names) => names.length === 1 && names[0] !== old)",
                               arg=old, timeout=30000)
        wait_note(page, PAGES_READY)
        context.set_offline(True)
        page.goto(url + "basics/not-my-fault/")
        page.goto(url)
        assert "新版" in page.locator("h1").first.text_content()
        context.set_offline(False)

        deploy(monkeypatch, source, site, url, offline="0")
        page.goto(url + "respond/trouble-flow/")
        page.wait_for_function(f"({REGISTRATIONS})().then((scopes) => scopes.length === 0)", timeout=30000)
        page.goto(url + "basics/not-my-fault/")
        assert page.evaluate(CACHES) == [] and page.evaluate(REGISTRATIONS) == []
        assert 'assets/kb/offline.mjs' not in page.content()
    finally:
        context.close()
        server.shutdown()
