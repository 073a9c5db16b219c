"""``make zensical-check``: build the site with Zensical (the theme's successor) and report what differs.

The MkDocs build (``.venv``) and the Zensical build (its own venv, given on the command line) each write into a
temporary folder; the report compares, page by page, the features this site relies on. Zensical runs the macros
module's ``define_env`` itself but no MkDocs plugin or ``on_*`` function, so some features are expected to differ.
When Zensical cannot import the macros module on its own (it needs packages from the project's venv), the build
is retried with the project's packages visible and the report says so.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Callable
from pathlib import Path

# Feature name → counter of that feature in one page's HTML.
FEATURES: dict[str, Callable[[str], int]] = {
    "tool widgets": lambda html: html.count("data-kb-widget="),
    "glossary tooltips": lambda html: html.count("<abbr "),
    "review date footer": lambda html: html.count('class="kb-freshness__reviewed"'),
    "last change date": lambda html: html.count('class="kb-freshness__changed"'),
    "tags": lambda html: len(re.findall(r'class="md-tag[ "]', html)),
}
# Site-level files the site needs (the Python runtime is put in by the macros module's on_post_build).
SITE_FILES = ("assets/pyodide/pyodide.mjs", "assets/pyodide/pyodide-lock.json", "assets/kb/runtime.mjs")


def pages(site: Path) -> dict[str, str]:
    """Every built page of ``site`` by its path (``care/self-care/``), as HTML text."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        if not relative.startswith("assets"):
            found["" if relative == "." else f"{relative}/"] = path.read_text(encoding="utf-8")
    return found


def compare(mkdocs_site: Path, zensical_site: Path) -> list[str]:
    """Lines describing every difference between the two builds (empty when none is found)."""
    ours, theirs = pages(mkdocs_site), pages(zensical_site)
    lines = [f"page missing in the Zensical build: /{url}" for url in sorted(set(ours) - set(theirs))]
    lines += [f"extra page in the Zensical build: /{url}" for url in sorted(set(theirs) - set(ours))]
    for name, count in FEATURES.items():
        differing = [url for url in sorted(set(ours) & set(theirs)) if count(ours[url]) != count(theirs[url])]
        if differing:
            sample = ", ".join(f"/{url} ({count(ours[url])} → {count(theirs[url])})" for url in differing[:3])
            lines.append(f"{name}: differs on {len(differing)} of {len(ours)} pages, e.g. {sample}")
    for name in SITE_FILES:
        if (mkdocs_site / name).exists() and not (zensical_site / name).exists():
            lines.append(f"site file missing in the Zensical build: {name}")
    return lines


def build_mkdocs(site: Path) -> subprocess.CompletedProcess:
    """Build the site with MkDocs (the interpreter running this module) into ``site``."""
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def build_zensical(zensical: str, project: Path, borrow_packages: bool) -> subprocess.CompletedProcess:
    """Build a copy of the project at ``project`` with Zensical (writes ``project/site``)."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    if borrow_packages:  # after Zensical's own packages, so its dependencies win
        env["PYTHONPATH"] += os.pathsep + sysconfig.get_paths()["purelib"]
    command = [zensical, "build", "--config-file", str(project / "mkdocs.yml")]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False, env=env)


def copy_sources(target: Path) -> None:
    """Copy what a build reads into ``target`` (node_modules and the cache are linked)."""
    subprocess.run(["cp", "-r", "docs", "macros", "widgets", "overrides", "mkdocs.yml", str(target)], check=True)
    for name in ("node_modules", ".cache"):
        if Path(name).exists():
            (target / name).symlink_to(Path(name).resolve())


def last_error(output: str) -> str:
    """The last line of a failed build's output that names an error (``ModuleNotFoundError: ...``).

    >>> last_error("Traceback\\n  File x\\nModuleNotFoundError: No module named 'mkdocs'\\n  more")
    "ModuleNotFoundError: No module named 'mkdocs'"
    """
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"^[\w.]*(Error|Exception)\b", line)]
    return (errors or lines or ["(no output)"])[-1]


def main(argv: list[str] | None = None) -> int:
    """Build with both tools, print the report; exit 1 only when Zensical cannot build the site at all."""
    zensical = (argv or sys.argv[1:] or ["zensical"])[0]
    zensical = str(Path(zensical).absolute()) if os.sep in zensical else zensical  # the build runs elsewhere
    with tempfile.TemporaryDirectory(prefix="kb-zensical-") as temp:
        root = Path(temp)
        ours = build_mkdocs(root / "mkdocs-site")
        if ours.returncode != 0:
            print(f"The MkDocs build failed: {last_error(ours.stderr)}", file=sys.stderr)
            return 1
        (root / "project").mkdir()
        copy_sources(root / "project")
        result = build_zensical(zensical, root / "project", borrow_packages=False)
        print(f"Zensical build with its own venv only: {'ok' if result.returncode == 0 else 'FAILED'}")
        if result.returncode != 0:
            print(f"  {last_error(result.stdout + result.stderr)}")
            result = build_zensical(zensical, root / "project", borrow_packages=True)
            print(f"Zensical build with the project's packages importable: "
                  f"{'ok' if result.returncode == 0 else 'FAILED'}")
        if result.returncode != 0:
            print(f"  {last_error(result.stdout + result.stderr)}")
            return 1
        differences = compare(root / "mkdocs-site", root / "project" / "site")
        print("\n".join(["Differences (MkDocs → Zensical):", *(f"- {line}" for line in differences)])
              if differences else "No difference found in the compared features.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
