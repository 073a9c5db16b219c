"""``make new-page``: write a new page from ``.github/PAGE_TEMPLATE.md`` and add it to the nav of ``mkdocs.yml``.

``python -m macros.new_page SECTION SLUG TITLE`` (missing values are asked for). The page lands in
``docs/<SECTION>/<SLUG>.md`` with its title, heading id and review date filled in; the nav entry is put after the
last page of the same folder, so the menu group is the one that already holds that folder's pages.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAV_ENTRY = re.compile(r"^(?P<indent>\s*)- (?P<title>[^:]+): (?P<path>[\w/.-]+\.md)\s*$")


class NewPageError(ValueError):
    """The arguments cannot make a new page (unknown section, bad slug, existing file...)."""


def sections(mkdocs_yml: str) -> list[str]:
    """The docs folders that have pages in the nav, in nav order."""
    found: list[str] = []
    for line in mkdocs_yml.splitlines():
        match = NAV_ENTRY.match(line)
        if match and "/" in match["path"]:
            folder = match["path"].split("/")[0]
            if folder not in found:
                found.append(folder)
    return found


def add_to_nav(mkdocs_yml: str, section: str, slug: str, title: str) -> str:
    """Return ``mkdocs_yml`` with ``title: section/slug.md`` after the last nav entry of ``section``."""
    lines = mkdocs_yml.splitlines(keepends=True)
    last = None
    for index, line in enumerate(lines):
        match = NAV_ENTRY.match(line)
        if match and match["path"].startswith(f"{section}/"):
            last, indent = index, match["indent"]
    if last is None:
        raise NewPageError(f"section '{section}' has no page in the nav (known: {', '.join(sections(mkdocs_yml))})")
    lines.insert(last + 1, f"{indent}- {title}: {section}/{slug}.md\n")
    return "".join(lines)


def fill_template(template: str, slug: str, title: str, today: dt.date) -> str:
    """Fill the page template's title, heading, heading id and review date."""
    text = re.sub(r"^title: .*$", f"title: {title}", template, count=1, flags=re.M)
    text = re.sub(r"^reviewed: .*$", f"reviewed: {today.isoformat()}", text, count=1, flags=re.M)
    return re.sub(r"^# .*\{#page-id\}$", f"# {title} {{#{slug}}}", text, count=1, flags=re.M)


def create(root: Path, section: str, slug: str, title: str, today: dt.date) -> Path:
    """Write the page and its nav entry under project ``root``; return the page's path."""
    title = title.strip()
    if not SLUG.match(slug):
        raise NewPageError(f"slug '{slug}' must be lowercase letters, digits and hyphens (e.g. late-delivery)")
    if not title or ":" in title:
        raise NewPageError("the title must not be empty and must not contain ':'")
    config = root / "mkdocs.yml"
    nav = add_to_nav(config.read_text(encoding="utf-8"), section, slug, title)
    page = root / "docs" / section / f"{slug}.md"
    if page.exists():
        raise NewPageError(f"{page.relative_to(root)} already exists")
    template = (root / ".github" / "PAGE_TEMPLATE.md").read_text(encoding="utf-8")
    page.write_text(fill_template(template, slug, title, today), encoding="utf-8")
    config.write_text(nav, encoding="utf-8")
    return page


def main(argv: list[str] | None = None) -> int:
    """Read SECTION SLUG TITLE from the arguments (empty ones are asked for) and create the page."""
    args = list(sys.argv[1:] if argv is None else argv) + ["", "", ""]
    root = Path.cwd()
    known = ", ".join(sections((root / "mkdocs.yml").read_text(encoding="utf-8")))
    prompts = (f"フォルダー（{known}）: ", "ファイル名（英小文字とハイフン。例: late-delivery）: ", "タイトル: ")
    section, slug, title = (value or input(prompt) for value, prompt in zip(args[:3], prompts, strict=True))
    try:
        page = create(root, section.strip(), slug.strip(), title, dt.date.today())
    except NewPageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Created {page.relative_to(root)} and added it to the nav of mkdocs.yml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
