"""Every page follows the contributor rules: front matter, explicit heading ids, known tags, key points."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "includes" not in p.parts)
TAGS = {"初動", "謝罪", "報連相", "即レス", "文書", "考え方", "窓口", "管理職", "カスハラ", "セルフケア", "資料", "ツール"}
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def front_matter(page: Path) -> tuple[dict, str]:
    text = page.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, f"{page.relative_to(ROOT)} has no front matter"
    return yaml.safe_load(match.group(1)), text[match.end():]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_front_matter_has_title_description_and_known_tags(page):
    meta, _ = front_matter(page)
    assert isinstance(meta.get("title"), str) and meta["title"].strip()
    assert isinstance(meta.get("description"), str) and len(meta["description"]) >= 10
    assert meta.get("tags") and set(meta["tags"]) <= TAGS, f"unknown tags: {set(meta.get('tags') or []) - TAGS}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_heading_has_an_explicit_id(page):
    _, body = front_matter(page)
    headings = [line for line in FENCE.sub("", body).splitlines() if re.match(r"#{1,6} ", line)]
    missing = [h for h in headings if not re.search(r"\{#[a-z0-9][a-z0-9-]*\}\s*$", h)]
    assert headings and missing == []


GUIDANCE = [p for p in PAGES if p.name not in {"tags.md", "index.md"}]  # the top page routes instead


@pytest.mark.parametrize("page", GUIDANCE, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_guidance_pages_open_with_their_key_points(page):
    _, body = front_matter(page)
    assert '!!! abstract "このページのポイント"' in body


@pytest.mark.slow
def test_every_tag_is_listed_on_the_tags_page(built_site):
    html = (built_site / "reference" / "tags" / "index.html").read_text(encoding="utf-8")
    used = {tag for page in PAGES for tag in front_matter(page)[0]["tags"]}
    missing = [tag for tag in used if f">{tag}<" not in html and f"{tag}</" not in html]
    assert missing == []


@pytest.mark.slow
def test_glossary_terms_get_tooltips_in_the_built_pages(built_site):
    html = (built_site / "respond" / "report-to-boss" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">第一報</abbr>', html)
