"""axe-core (pinned in package.json) on every page of the built site, in both palettes, at desktop and phone width."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import wait_python
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PALETTES = {"light": "default", "dark": "slate"}
WIDTHS = (1280, 390)
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary.split("\\n")[1])}));
}"""


def doc_pages() -> list[str]:
    """Every page of the site (from the docs folder, as the build finds them), as URL paths relative to its root."""
    sources = sorted(p.relative_to(ROOT / "docs").with_suffix("").as_posix() for p in (ROOT / "docs").rglob("*.md")
                     if "includes" not in p.parts)
    return [p.removesuffix("index") if p.endswith("index") else p + "/" for p in sources]


@pytest.fixture(scope="module")
def axe_page(browser):
    """One page reused for every check, with axe-core allowed past the site's content security policy."""
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def open_page(page, url: str) -> None:
    """Open ``url`` and wait for its widgets to be ready."""
    page.goto(url)
    if page.locator("[data-kb-python]").count():
        assert wait_python(page, timeout=60000) == "ready"
        page.wait_for_selector("[data-kb-status][data-state='ready']")
    page.evaluate(AXE.read_text(encoding="utf-8"))


def switch_palette(page, palette: str) -> None:
    """Switch to ``palette`` with the theme's own toggle, as a reader would."""
    scheme = PALETTES[palette]
    if page.evaluate("document.body.dataset.mdColorScheme") != scheme:
        page.locator("form[data-md-component=palette] label:visible").click()
        page.wait_for_function(f"document.body.dataset.mdColorScheme === {json.dumps(scheme)}")
        page.mouse.move(1, 899)  # no hover state or tooltip of the toggle left behind
        settle(page)


def settle(page) -> None:
    """Wait until the theme's colour and drawer transitions have ended (axe would read colours half-way)."""
    page.wait_for_timeout(50)
    page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running'"
                           " || a.effect.getTiming().iterations === Infinity)")


def violations(page, width: int) -> list[dict]:
    """The axe violations of the page as it stands, at ``width`` CSS px."""
    page.set_viewport_size({"width": width, "height": 900})
    settle(page)
    return page.evaluate(RUN_AXE, TAGS)


def test_axe_core_is_pinned():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    version = {**package.get("dependencies", {}), **package.get("devDependencies", {})}["axe-core"]
    assert version[0].isdigit(), "axe-core must be pinned to an exact version"
    assert AXE.exists()


@pytest.mark.parametrize("page_path", doc_pages())
def test_page_has_no_axe_violations(axe_page, site_url, page_path):
    found = {}
    open_page(axe_page, site_url + page_path)
    for palette in PALETTES:
        switch_palette(axe_page, palette)
        for width in WIDTHS:
            if result := violations(axe_page, width):
                found[f"{palette} @{width}px"] = result
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
