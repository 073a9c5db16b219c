"""Every tool by keyboard alone: visible focus on each control, actions with Enter/Space, no keyboard trap."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_python
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

TOOLS = sorted(p.stem for p in (ROOT / "docs" / "tools").glob("*.md") if p.stem != "index")
MAX_TABS = 400
# The focus ring as the reader sees it: the control's own outline and shadow, and those of its wrapping label.
FOCUS_LOOK = """(el) => {
  const look = (node) => { if (!node) return ""; const s = getComputedStyle(node);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" "); };
  return look(el) + " | " + look(el.closest("label"));
}"""
# The focused element, kept in window.__stops so that its unfocused look can be read once focus has moved on.
ACTIVE = """(widget) => { const el = document.activeElement; window.__stops = window.__stops || [];
  return {inside: widget.contains(el), tag: el.tagName, index: window.__stops.push(el) - 1,
          name: el.dataset.kbAction || el.dataset.kbField || el.textContent.trim().slice(0, 20)}; }"""


def tab_through(page, widget) -> list[dict]:
    """Press Tab from the widget's title until focus leaves the widget; each stop with its focused look."""
    page.click(".kb-widget__title")
    page.evaluate("window.__stops = []")
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        active = widget.evaluate(ACTIVE)
        if not active["inside"]:
            return stops
        active["focused"] = page.evaluate(f"({FOCUS_LOOK})(document.activeElement)")
        stops.append(active)
    raise AssertionError(f"focus is still inside the widget after {MAX_TABS} Tab presses (keyboard trap)")


@pytest.fixture(scope="module")
def keyboard_page(browser):
    """One page for every tool (the worker and its Python stay warm across instant navigation)."""
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context.close()


@pytest.mark.parametrize("tool", TOOLS)
def test_every_control_shows_focus_and_focus_leaves_the_tool(keyboard_page, site_url, tool):
    page = keyboard_page
    page.goto(f"{site_url}tools/{tool}/")
    assert wait_python(page, timeout=60000) == "ready"
    widget = page.locator("[data-kb-widget]").first
    stops = tab_through(page, widget)
    assert len(stops) >= 3, f"too few keyboard stops in {tool}: {stops}"
    unfocused = page.evaluate(f"window.__stops.map({FOCUS_LOOK})")
    invisible = [s["name"] for s in stops if s["focused"] == unfocused[s["index"]]]
    assert invisible == [], f"no visible focus on: {invisible}"
    actions = {s["name"] for s in stops if s["tag"] == "BUTTON"}
    assert actions >= {b.get_attribute("data-kb-action") for b in widget.locator("[data-kb-action]:visible").all()}


@pytest.mark.parametrize(("tool", "toggle", "state"), [
    ("first-response", ".kb-item__label input", "(el) => el.checked"),
    ("apology-mail", ".kb-form__incident > summary", "(el) => el.parentElement.open"),
])
def test_enter_and_space_operate_the_controls(keyboard_page, site_url, tool, toggle, state):
    page = keyboard_page
    page.goto(f"{site_url}tools/{tool}/")
    assert wait_python(page, timeout=60000) == "ready"
    control = page.locator(toggle).first
    before = control.evaluate(state)
    control.focus()
    page.keyboard.press("Space" if tool == "first-response" else "Enter")
    assert control.evaluate(state) != before
    page.locator("[data-kb-action='copy-text']").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-kb-message]:has-text('コピーしました')")
    page.evaluate("window.print = () => { window.__printed += 1; }")
    for key in ("Enter", "Space"):
        page.evaluate("window.__printed = 0")
        page.locator("[data-kb-action='print']").focus()
        page.keyboard.press(key)
        page.wait_for_function("window.__printed > 0", timeout=5000)
        page.wait_for_timeout(500)  # a second activation (keyup, a second listener) would land by now
        assert page.evaluate("window.__printed") == 1, f"{key} printed more than once"
