"""``make new-page``: a page from the template, with its front matter filled and a nav entry."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.freshness import front_matter, read
from macros.new_page import NewPageError, add_to_nav, create, sections

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / ".github").mkdir()
    shutil.copy(ROOT / ".github" / "PAGE_TEMPLATE.md", tmp_path / ".github" / "PAGE_TEMPLATE.md")
    for section in ("respond", "care", "managers"):
        (tmp_path / "docs" / section).mkdir(parents=True)
    return tmp_path


def test_the_page_gets_title_heading_id_and_review_date(project):
    page = create(project, "respond", "late-delivery", "納期遅延のお詫び", TODAY)
    text = page.read_text()
    meta = front_matter(page)
    assert page == project / "docs" / "respond" / "late-delivery.md"
    assert meta["title"] == "納期遅延のお詫び" and meta["reviewed"] == "2026-12-04"
    assert read(meta, "late-delivery.md", TODAY).due == dt.date(2027, 12, 4)
    assert "\n# 納期遅延のお詫び {#late-delivery}\n" in text
    assert "ページのタイトル" not in text.split("<!--")[0]


def test_the_nav_entry_follows_the_last_page_of_the_same_folder(project):
    create(project, "respond", "late-delivery", "納期遅延のお詫び", TODAY)
    lines = (project / "mkdocs.yml").read_text().splitlines()
    index = lines.index("      - 納期遅延のお詫び: respond/late-delivery.md")
    assert lines[index - 1].endswith("respond/three-principles.md")
    assert lines[index + 1] == "  - 考え方を知る:"


def test_the_rest_of_mkdocs_yml_is_kept_byte_for_byte(project):
    before = (project / "mkdocs.yml").read_text()
    create(project, "care", "sleep", "眠れないとき", TODAY)
    after = (project / "mkdocs.yml").read_text()
    assert after.replace("      - 眠れないとき: care/sleep.md\n", "", 1) == before


@pytest.mark.parametrize(("section", "slug", "title", "message"), [
    ("respond", "Late_Delivery", "x", "slug 'Late_Delivery' must be lowercase"),
    ("respond", "late", "", "title must not be empty"),
    ("respond", "late", "a: b", "must not contain ':'"),
    ("sales", "late", "x", "section 'sales' has no page in the nav (known: tools, respond, basics,"),
    ("respond", "interim-reply", "x", "docs/respond/interim-reply.md already exists"),
])
def test_bad_arguments_are_refused_without_writing(project, section, slug, title, message):
    (project / "docs" / "respond" / "interim-reply.md").write_text("existing")
    before = (project / "mkdocs.yml").read_text()
    with pytest.raises(NewPageError, match=message.replace("(", r"\(")):
        create(project, section, slug, title, TODAY)
    assert (project / "mkdocs.yml").read_text() == before


def test_sections_come_from_the_nav():
    assert sections((ROOT / "mkdocs.yml").read_text()) == ["tools", "respond", "basics", "managers", "care",
                                                          "reference"]
    with pytest.raises(NewPageError):
        add_to_nav("nav:\n  - トップ: index.md\n", "respond", "a", "A")


def test_make_new_page_asks_for_missing_values(project):
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    (project / ".venv").symlink_to(ROOT / ".venv")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    (project / "macros").symlink_to(ROOT / "macros")
    (project / "widgets").symlink_to(ROOT / "widgets")
    shutil.copy(ROOT / "requirements.txt", project / "requirements.txt")
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / name, project / name)
    result = subprocess.run(["make", "-s", "-o", ".venv/.installed", "-o", "node_modules/.installed",
                             "new-page", "SECTION=managers"],
                            cwd=project, input="team-care\nチームで支える\n", capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "managers/team-care.md" in result.stdout
    assert "      - チームで支える: managers/team-care.md" in (project / "mkdocs.yml").read_text()
    assert front_matter(project / "docs" / "managers" / "team-care.md")["reviewed"] == dt.date.today().isoformat()
