"""Review dates as data: validation, due dates, the console report and ``make review``."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from macros import freshness
from macros.freshness import FreshnessError, add_months, due_pages, front_matter, read

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 4)
CONTACT_AND_LAW_PAGES = ("care/self-care.md", "managers/rep-change.md", "tools/rep-change-check.md")


def page(meta: dict, src_uri: str = "care/self-care.md"):
    return SimpleNamespace(meta=dict(meta), file=SimpleNamespace(src_uri=src_uri))


def test_due_date_defaults_to_twelve_months_and_honours_review_every():
    assert read({"reviewed": dt.date(2026, 3, 31)}, "x.md", TODAY).due == dt.date(2027, 3, 31)
    assert read({"reviewed": "2026-03-31", "review_every": 6}, "x.md", TODAY).due == dt.date(2026, 9, 30)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(("meta", "message"), [
    ({"reviewed": "2026-13-01"}, "docs/a.md: reviewed: '2026-13-01' is not a date in the form YYYY-MM-DD"),
    ({"reviewed": "昨日"}, "is not a date"),
    ({"reviewed": dt.date(2027, 1, 1)}, "docs/a.md: reviewed: 2027-01-01 lies in the future"),
    ({"reviewed": dt.date(2026, 1, 1), "review_every": 0}, "review_every: 0 must be a whole number"),
    ({"reviewed": dt.date(2026, 1, 1), "review_every": "6"}, "review_every: '6' must be a whole number"),
])
def test_invalid_values_name_the_file(meta, message):
    with pytest.raises(FreshnessError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read(meta, "docs/a.md", TODAY)


def test_tomorrow_is_accepted_for_contributors_ahead_of_utc():
    assert read({"reviewed": TODAY + dt.timedelta(days=1)}, "a.md", TODAY).overdue(TODAY) is False


def test_annotate_fills_the_footer_record_and_moves_the_git_date():
    target = page({"reviewed": dt.date(2026, 11, 28), "review_every": 6, "git_revision_date_localized": "<span>x</span>"})
    freshness.annotate(target, today=TODAY)
    assert target.meta["kb_freshness"] == {"reviewed": "2026年11月28日", "reviewed_iso": "2026-11-28",
                                           "due": "2027年5月28日", "overdue": False, "changed": "<span>x</span>"}
    assert "git_revision_date_localized" not in target.meta


def test_annotate_fails_the_build_on_an_invalid_date():
    with pytest.raises(PluginError, match="docs/care/self-care.md: reviewed: '2026-02-30'"):
        freshness.annotate(page({"reviewed": "2026-02-30"}), today=TODAY)


def test_annotate_reads_front_matter_that_mkdocs_could_not_parse(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("---\ntitle: a\nreviewed: 2026-02-30\n---\n# a\n")
    broken = SimpleNamespace(meta={}, file=SimpleNamespace(src_uri="a.md", abs_src_path=str(source)))
    with pytest.raises(PluginError, match="docs/a.md: reviewed: '2026-02-30' is not a date"):
        freshness.annotate(broken, today=TODAY)


def test_an_overdue_page_is_reported_outside_mkdocs_warnings(capsys):
    freshness.annotate(page({"reviewed": dt.date(2025, 1, 10), "review_every": 6}), today=TODAY)
    err = capsys.readouterr().err
    assert "docs/care/self-care.md: review due since 2025-07-10 (last reviewed 2025-01-10)" in err
    assert logging.getLogger("kb.freshness").propagate is False  # never counted by `mkdocs build --strict`


def test_due_pages_lists_overdue_and_undated_pages_oldest_first(tmp_path):
    docs = tmp_path / "docs"
    (docs / "includes").mkdir(parents=True)
    (docs / "old.md").write_text("---\ntitle: a\nreviewed: 2024-01-01\n---\n# a\n")
    (docs / "older.md").write_text("---\ntitle: b\nreviewed: 2023-01-01\n---\n# b\n")
    (docs / "fresh.md").write_text("---\ntitle: c\nreviewed: 2026-11-01\n---\n# c\n")
    (docs / "undated.md").write_text("# no front matter\n")
    (docs / "includes" / "parts.md").write_text("*[x]: y\n")
    assert due_pages(docs, TODAY) == [
        "docs/undated.md: no review date (add 'reviewed: YYYY-MM-DD' to the front matter)",
        "docs/older.md: review due since 2024-01-01 (last reviewed 2023-01-01)",
        "docs/old.md: review due since 2025-01-01 (last reviewed 2024-01-01)",
    ]


def test_review_command_exits_1_only_on_invalid_dates(tmp_path, monkeypatch, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("---\nreviewed: 2020-01-01\n---\n")
    monkeypatch.chdir(tmp_path)
    assert freshness.main(["2026-12-04"]) == 0
    assert "docs/a.md: review due since 2021-01-01" in capsys.readouterr().out
    (tmp_path / "docs" / "a.md").write_text("---\nreviewed: 2020-02-31\n---\n")
    assert freshness.main(["2026-12-04"]) == 1
    assert "docs/a.md" in capsys.readouterr().err


def test_every_page_of_the_site_has_a_valid_review_date():
    pages = [path for path in (ROOT / "docs").rglob("*.md") if "includes" not in path.parts]
    for path in pages:
        meta = front_matter(path)
        assert "reviewed" in meta, path
        read(meta, str(path), dt.date.today())


def test_contact_and_law_pages_are_reviewed_every_six_months():
    for name in CONTACT_AND_LAW_PAGES:
        assert front_matter(ROOT / "docs" / name).get("review_every") == 6, name
