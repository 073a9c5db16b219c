"""The contribution path: review owners, the pull request template, CI, configuration without hooks."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def codeowners() -> list[tuple[str, list[str]]]:
    rows = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            path, *owners = line.split()
            rows.append((path, owners))
    return rows


def owners_of(path: str) -> list[str]:
    """GitHub's rule: the last matching pattern wins."""
    found: list[str] = []
    for pattern, owners in codeowners():
        if pattern == "*" or path == pattern.lstrip("/") or path.startswith(pattern.lstrip("/")):
            found = owners
    return found


def test_every_codeowners_path_exists_and_has_team_owners():
    for pattern, owners in codeowners():
        assert owners and all(re.fullmatch(r"@[\w-]+/[\w-]+", owner) for owner in owners), pattern
        assert pattern == "*" or (ROOT / pattern.lstrip("/")).exists(), pattern


def test_content_areas_have_their_own_reviewers():
    maintainers = ["@sales-kb/kb-maintainers"]
    for folder in ("respond", "basics", "managers", "care", "reference"):
        assert owners_of(f"docs/{folder}/x.md") not in ([], maintainers), folder
    assert "@sales-kb/legal" in owners_of("docs/managers/rep-change.md")
    assert "@sales-kb/sales-enablement" in owners_of("widgets/definitions/first-response.yml")
    assert owners_of("widgets/checker/engine.py") == maintainers


def test_the_pull_request_template_asks_for_sources_and_the_review_date():
    template = (ROOT / ".github" / "pull_request_template.md").read_text()
    assert "## 出典と確認日" in template
    assert "| 変更した内容 | 出典（資料名・発行元・URL） | 確かめた日 |" in template
    assert "`reviewed`" in template and "`review_every: 6`" in template and "`make review`" in template


def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())


def test_ci_uploads_the_built_site_and_checks_review_dates():
    steps = workflow()["jobs"]["test"]["steps"]
    runs = [step.get("run") for step in steps]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert runs.index("make review") < runs.index("make build")
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/" and steps.index(upload) > runs.index("make build")


def test_the_zensical_job_never_blocks():
    job = workflow()["jobs"]["zensical"]
    assert job["continue-on-error"] is True
    assert job["steps"][-1]["run"] == "make zensical-check"


def test_nothing_relies_on_mkdocs_hooks_and_the_edit_link_is_opt_in():
    text = (ROOT / "mkdocs.yml").read_text()
    assert not re.search(r"^hooks:", text, re.M)
    assert not list((ROOT / "macros").glob("*_hook.py"))
    assert re.search(r'^edit_uri: !ENV \[KB_EDIT_URI, ""\]$', text, re.M)
    assert not re.search(r"^repo_url:", text, re.M)  # the theme would query the hosting service


def test_zensical_is_pinned_in_the_makefile_only():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^ZENSICAL_VERSION := \d+\.\d+\.\d+$", makefile, re.M)
    assert "zensical" not in (ROOT / "requirements.txt").read_text()
    for target in ("review:", "new-page:", "zensical-check:"):
        assert re.search(rf"^{target}", makefile, re.M), target


def test_contributing_explains_the_workflow_and_keeps_the_recipes():
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    for anchor in ("new-page", "freshness", "house-terms", "edit-link", "codeowners", "pull-requests",
                   "theme-future", "worked-example", "change-tools"):
        assert f"{{#{anchor}}}" in guide, anchor
    assert "make new-page SECTION=respond SLUG=late-delivery TITLE=納期遅延のお詫び" in guide
    assert "KB_EDIT_URI=" in guide
