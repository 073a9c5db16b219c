"""The built site: review and change dates in every page footer, the edit link, builds without git."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project

pytestmark = pytest.mark.slow
EDITOR = "https://git.example.invalid/kb/edit/main/docs/"


def build(project: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False,
                          env={**os.environ, **env})


@pytest.fixture(scope="module")
def copied_site(tmp_path_factory) -> Path:
    """The site built from a copy of the project without .git, with an editor URL configured."""
    root = tmp_path_factory.mktemp("nogit")
    project = copy_project(root / "project")
    result = build(project, root / "out", KB_EDIT_URI=EDITOR)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "out"


def pages(site: Path) -> list[Path]:
    return [path for path in site.rglob("index.html") if "assets" not in path.parts and path.parent != site / "404"]


def test_every_page_shows_its_review_date_and_last_change(built_site):
    for path in pages(built_site):
        html = path.read_text()
        assert '<p class="kb-freshness__reviewed">最終確認日：<time datetime="20' in html, path
        assert '<p class="kb-freshness__changed">最終更新日：<span class="git-revision-date-localized' in html, path
        assert "このページを編集" not in html, path  # no editor URL configured


def test_a_contacts_page_shows_the_japanese_dates(built_site):
    html = (built_site / "care" / "self-care" / "index.html").read_text()
    assert '<time datetime="2026-12-04">2026年12月4日</time>（次の確認予定：2027年6月4日）' in html


def test_without_git_the_build_works_and_links_to_the_editor(copied_site):
    html = (copied_site / "respond" / "interim-reply" / "index.html").read_text()
    assert f'<a href="{EDITOR}respond/interim-reply.md" rel="edit">このページを編集</a>' in html
    assert "最終更新日：" in html


def test_an_invalid_review_date_fails_the_build_naming_the_file(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "respond" / "interim-reply.md"
    page.write_text(page.read_text().replace("reviewed: 2026-11-28", "reviewed: 2026-11-31", 1))
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/respond/interim-reply.md: reviewed: '2026-11-31' is not a date in the form YYYY-MM-DD" in result.stderr


def test_an_overdue_page_warns_without_failing_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "basics" / "not-my-fault.md"
    page.write_text(page.read_text().replace("reviewed: 2026-11-28", "reviewed: 2024-05-01", 1))
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "docs/basics/not-my-fault.md: review due since 2025-05-01 (last reviewed 2024-05-01)" in result.stderr
    html = (tmp_path / "out" / "basics" / "not-my-fault" / "index.html").read_text()
    assert "確認の予定日「2025年5月1日」を過ぎています" in html


RELOAD_SCRIPT = """
import pathlib
from mkdocs.commands.build import build
from mkdocs.config import load_config

def once():
    build(load_config("mkdocs.yml", site_dir="out"))
    return pathlib.Path("out/care/self-care/index.html").read_text()

before = once()
module = pathlib.Path("macros/freshness.py")
module.write_text(module.read_text().replace('return f"{day.year}年{day.month}月{day.day}日"',
                                             'return f"{day.year}年{day.month}月{day.day}日（再読み込み）"'))
after = once()
print("edited" if "（再読み込み）" not in before and "（再読み込み）" in after else "stale")
"""


def test_a_second_build_in_the_same_process_uses_edited_macros_code(tmp_path):
    """What `mkdocs serve` does on a change: rebuild in the same Python process."""
    project = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-c", RELOAD_SCRIPT], cwd=project, capture_output=True, text=True,
                            check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.stdout.strip().splitlines()[-1:] == ["edited"], result.stdout + result.stderr


def test_a_shallow_clone_builds_with_dates(tmp_path):
    """CI checkouts are often shallow: the plugin only notes it, the strict build still passes."""
    if subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, check=False).returncode:
        pytest.skip("the project is not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", ROOT.as_uri(), str(clone)], check=True)
    for name in ("node_modules", ".cache"):
        (clone / name).symlink_to(ROOT / name)
    result = build(clone, tmp_path / "out", GITHUB_ACTIONS="true")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "care" / "self-care" / "index.html").read_text()
    assert "最終確認日：" in html and "最終更新日：" in html
