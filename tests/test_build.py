"""The MkDocs build: strict success, clear failures, self-hosted runtime, no foreign origin."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, build_site, copy_project

pytestmark = pytest.mark.slow


def test_runtime_and_wheel_are_in_the_site(built_site):
    pyodide = built_site / "assets" / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "snapshot.dat"):
        assert (pyodide / name).stat().st_size > 1000, name
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())
    assert set(lock["packages"]) == {"kb-widgets", "jpholiday"}
    for entry in lock["packages"].values():
        wheel = pyodide / entry["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]
    assert lock["packages"]["kb-widgets"]["imports"] == ["widgets"]
    assert lock["packages"]["kb-widgets"]["depends"] == ["jpholiday"]


def test_the_snapshot_names_the_wheel_it_was_made_with(built_site):
    pyodide = built_site / "assets" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())
    header = (pyodide / "snapshot.dat").read_bytes()[:80]
    assert header.rstrip(b"\n") == b"KBSNAP1\n" + lock["packages"]["kb-widgets"]["sha256"].encode()


def test_compressible_files_have_smaller_precompressed_siblings(built_site):
    pyodide = built_site / "assets" / "pyodide"
    for path in (pyodide / "pyodide.asm.wasm", pyodide / "snapshot.dat", pyodide / "python_stdlib.zip",
                 built_site / "tools" / "first-response" / "index.html"):
        for suffix in (".br", ".gz"):
            sibling = path.with_name(path.name + suffix)
            assert sibling.stat().st_size < path.stat().st_size * 0.95, sibling


def test_tool_pages_start_the_worker_from_the_head_without_inline_scripts_of_ours(built_site):
    html = (built_site / "tools" / "first-response" / "index.html").read_text()
    assert re.search(r'<link rel="modulepreload" href="[^"]*assets/pyodide/pyodide\.asm\.mjs">', html)
    assert re.search(r'<script type="module" src="[^"]*assets/kb/boot\.mjs" async>', html)
    # The worker fetches the large files itself: it sees the link's speed and may cancel the snapshot.
    for name in ("pyodide.asm.wasm", "snapshot.dat", "python_stdlib.zip"):
        assert name not in html, name
    assert "python.start()" not in html
    assert "pyodide.asm.mjs" not in (built_site / "respond" / "report-to-boss" / "index.html").read_text()


def test_checklist_page_has_static_checkboxes_inside_labels(built_site):
    html = (built_site / "tools" / "first-response" / "index.html").read_text()
    assert html.count('data-kb-item>') == 16
    assert re.search(r'<label class="kb-item__label"><input type="checkbox" data-kb-field="items\.facts-timeline\.checked"', html)
    assert 'data-kb-show-if="conditions.recovery" hidden' in html


def break_and_build(tmp_path: Path, edit) -> str:
    project = copy_project(tmp_path / "project")
    edit(project)
    result = build_site(project, tmp_path / "out")
    assert result.returncode != 0, "the build should have failed"
    return result.stdout + result.stderr


def test_a_broken_definition_fails_the_build_naming_file_location_and_problem(tmp_path):
    def edit(project):
        path = project / "widgets" / "definitions" / "first-response.yml"
        path.write_text(path.read_text().replace("show_if: recovery", "show_if: recovry", 1))
    output = break_and_build(tmp_path, edit)
    assert ("Invalid widget definition: widgets/definitions/first-response.yml: sections[0].items[3].show_if "
            "(line ") in output
    assert "refers to unknown condition 'recovry'" in output


def test_an_unknown_checklist_id_names_the_page_and_line_without_a_traceback(tmp_path):
    def edit(project):
        page = project / "docs" / "tools" / "first-response.md"
        page.write_text(page.read_text().replace('checklist("first-response")', 'checklist("first-respons")'))
    output = break_and_build(tmp_path, edit)
    source = (ROOT / "docs" / "tools" / "first-response.md").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(source, 1) if 'checklist("first-response")' in text)
    assert (f"docs/tools/first-response.md, line {line}: checklist(): "
            "unknown checklist id 'first-respons' (known: ") in output
    assert "Traceback" not in output


def test_a_duplicate_key_fails_the_build_with_file_and_line(tmp_path):
    def edit(project):
        path = project / "widgets" / "definitions" / "first-response.yml"
        lines = path.read_text(encoding="utf-8").splitlines()
        number = next(i for i, text in enumerate(lines) if text.startswith("version:"))
        lines.insert(number + 1, "version: 2")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = break_and_build(tmp_path, edit)
    assert "widgets/definitions/first-response.yml: line " in output
    assert "key 'version' is written twice" in output and "Traceback" not in output


def test_a_rule_example_that_no_longer_matches_fails_the_build(tmp_path):
    def edit(project):
        path = project / "widgets" / "definitions" / "checker" / "excuses.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        examples = data["rules"][0]["examples"]
        examples["no_match"].append(examples["match"][0])
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    output = break_and_build(tmp_path, edit)
    assert "Invalid widget definition: widgets/definitions/checker/excuses.yml: rules[0].examples.no_match[" in output
    assert "finds something in its own example" in output and "Traceback" not in output


class References(HTMLParser):
    """Collects every URL a page would load by itself (not plain links to read)."""

    LOADING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
               ("audio", "src"), ("embed", "src"), ("object", "data"), ("link", "href")}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") in {"canonical", "alternate", "prev", "next"}:
            return
        for name, value in attrs:
            if (tag, name) in self.LOADING and value:
                self.urls.append(value)


FOREIGN = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def test_no_page_loads_anything_from_another_origin(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        parser = References()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(built_site)}: {url}" for url in parser.urls if FOREIGN.match(url)]
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            if FOREIGN.match(url):
                offenders.append(f"{sheet.relative_to(built_site)}: {url}")
        if "@import" in sheet.read_text(encoding="utf-8") and "fonts.googleapis" in sheet.read_text(encoding="utf-8"):
            offenders.append(f"{sheet.relative_to(built_site)}: Google Fonts import")
    # The service worker fetches only the site's own files, and the manifest names only them.
    worker = (built_site / "sw.js").read_text(encoding="utf-8")
    offenders += [f"sw.js: {url}" for url in re.findall(r"\b[a-z][a-z0-9+.-]*://[^\s\"'`]*", worker)]
    manifest = json.loads((built_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    offenders += [f"manifest: {icon['src']}" for icon in manifest["icons"] if FOREIGN.match(icon["src"])]
    assert offenders == []


def test_no_page_uses_features_that_fetch_from_a_cdn(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in html, f"{page}: mkdocs-material loads mermaid from a CDN"
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page


def test_lock_file_points_only_at_local_files(built_site):
    lock = json.loads((built_site / "assets" / "pyodide" / "pyodide-lock.json").read_text())
    for entry in lock["packages"].values():
        assert not FOREIGN.match(entry["file_name"])


def test_widget_pages_start_the_worker_early_and_guidance_pages_do_not(built_site):
    early = 'assets/kb/boot.mjs" async></script>'
    assert early in (built_site / "tools" / "first-response" / "index.html").read_text(encoding="utf-8")
    assert early in (built_site / "tools" / "apology-mail" / "index.html").read_text(encoding="utf-8")
    assert early not in (built_site / "respond" / "report-to-boss" / "index.html").read_text(encoding="utf-8")
