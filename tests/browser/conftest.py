"""Browser fixtures: a fresh context (empty localStorage) per test, with every request recorded."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PAGE = "tools/first-response/"
READY = "() => window.kbPython && ['ready', 'failed'].includes(kbPython.status)"


@pytest.fixture
def context(browser):
    """A new browser context that records the URL of every request it makes."""
    context = browser.new_context(accept_downloads=True, locale="ja-JP", timezone_id="Asia/Tokyo")
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    context.on("page", poll_without_eval)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A page whose uncaught script errors and Content-Security-Policy violations fail the test."""
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.extend(csp_violations([message])))
    yield page
    assert errors == []


def csp_violations(messages) -> list[str]:
    """The console messages that report something blocked by the Content-Security-Policy."""
    return [message.text for message in messages
            if message.type == "error" and "Content Security Policy" in message.text]


FUNCTION = re.compile(r"\s*(async\s+)?(function\b|\([^()]*\)\s*=>|\w+\s*=>)")


def poll_without_eval(page) -> None:
    """Make ``page.wait_for_function`` accept plain expressions under the strict CSP of the test server.

    Playwright polls a plain expression through eval, which ``script-src 'self'`` forbids; a function is not.
    """
    wait = page.wait_for_function

    def wait_for_function(expression: str, **options):
        if not FUNCTION.match(expression):
            expression = f"() => ({expression})"
        return wait(expression, **options)

    page.wait_for_function = wait_for_function


def wait_python(page, timeout=30000) -> str:
    """Wait until the Python runtime is ready or has failed; return its status."""
    page.wait_for_function(READY, timeout=timeout)
    return page.evaluate("kbPython.status")


def wait_for_path(page, path: str, **options) -> None:
    """Wait until the page shows ``path`` (ending the URL), whatever fragment follows it.

    The theme's navigation.tracking rewrites the fragment to the heading in view, so a glob that ends
    in the path alone misses the navigation when a heading is already in view on arrival.
    """
    page.wait_for_url(re.compile(re.escape(path) + r"(#.*)?$"), **options)


def item(page, item_id: str, part: str = "checked"):
    """Locate a field of a checklist item."""
    return page.locator(f"[data-kb-field='items.{item_id}.{part}']")
