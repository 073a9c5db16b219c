"""Offline use of the built site: the service worker ``sw.js``, the web app manifest and its icons.

The service worker is hand-written (``macros/sw_template.js``); the build only prepends three constants:
``BUILD`` (a hash of the built files, so every deployment gets its own cache), ``PRECACHE`` (pages, search index,
styles, scripts, fonts and icons, all fetched at install: all or nothing) and ``RUNTIME`` (the Python runtime under
``assets/pyodide/``, cached once a tool page has been opened). Workbox is not used: its precache skips files over
2 MB by default (the wasm is larger), it would add a build dependency, and the two lists above are all we need.

``extra.kb.offline: false`` in mkdocs.yml (or ``KB_OFFLINE=0``) turns offline use off: the pages do not register
a worker and ``sw.js`` only removes what an earlier version stored, then unregisters itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from pathlib import Path

from .site_assets import CACHE_DIR, SITE_SUBDIR

TEMPLATE = Path(__file__).with_name("sw_template.js")
# Precompressed siblings, source maps and the gzip sitemap are never fetched by a reader's browser.
SKIPPED_SUFFIXES = (".br", ".gz", ".map")
LUNR_DIR = "assets/javascripts/lunr/"
NAME = "営業のトラブル対応・謝罪ナレッジ"
SHORT_NAME = "トラブル対応"
THEME = {"light": "#4051b5", "dark": "#1e2129"}  # indigo header; slate background of the dark palette
ICON_SIZES = (192, 512)
UNREGISTER = """// Offline use is turned off for this site (extra.kb.offline): remove what an earlier version stored.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  const prefix = `kb-offline:${self.registration.scope}:`;
  for (const name of await caches.keys()) if (name.startsWith(prefix)) await caches.delete(name);
  await self.registration.unregister();
})()));
"""


def configure(conf) -> bool:
    """Resolve ``extra.kb.offline`` (default on; ``KB_OFFLINE=0`` turns it off) into a bool the templates read."""
    kb = conf["extra"].setdefault("kb", {})
    setting = os.environ.get("KB_OFFLINE", kb.get("offline", True))
    kb["offline"] = str(setting).strip().lower() not in {"0", "false", "no", "off", ""}
    return kb["offline"]


def lunr_files(conf) -> set[str]:
    """The search scripts the theme loads for the configured search languages (not every language it ships)."""
    search = next((plugin for name, plugin in conf["plugins"].items() if name.split("/")[-1] == "search"), None)
    languages = (search.config.get("lang") or []) if search else []
    names = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"}
    names |= {f"min/lunr.{language}.min.js" for language in languages if language != "en"}
    if "ja" in languages:
        names.add("tinyseg.js")
    if "th" in languages:
        names.add("wordcut.js")
    return {LUNR_DIR + name for name in names}


def site_files(site_dir: Path, conf) -> tuple[list[str], list[str]]:
    """Split the built files into (precache, runtime), as paths relative to the site root."""
    lunr = lunr_files(conf)
    precache, runtime = [], []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or relative.endswith(SKIPPED_SUFFIXES) or relative == "sw.js":
            continue
        if relative.startswith(f"{SITE_SUBDIR.as_posix()}/"):
            runtime.append(relative)
        elif not relative.startswith(LUNR_DIR) or relative in lunr:
            precache.append(page_url(relative))
    return precache, runtime


def page_url(relative: str) -> str:
    """The URL a reader's browser asks for: ``tools/x/`` for ``tools/x/index.html``, ``./`` for the home page."""
    if relative == "index.html":
        return "./"
    return relative.removesuffix("index.html")


def build_id(site_dir: Path, paths: list[str]) -> str:
    """A short hash of the worker template and of every listed file (name and content)."""
    digest = hashlib.sha256(TEMPLATE.read_bytes())
    for relative in paths:
        file = site_dir / (relative + "index.html" if relative.endswith("/") else relative)
        if relative == "./":
            file = site_dir / "index.html"
        digest.update(relative.encode() + b"\0" + hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()[:16]


def service_worker(site_dir: Path, conf) -> str:
    """The source of ``sw.js``: the constants of this build, then the hand-written worker."""
    precache, runtime = site_files(site_dir, conf)
    header = (f"const BUILD = {json.dumps(build_id(site_dir, precache + runtime))};\n"
              f"const PRECACHE = {json.dumps(precache, indent=0)};\n"
              f"const RUNTIME = {json.dumps(runtime, indent=0)};\n")
    return header + TEMPLATE.read_text(encoding="utf-8")


def manifest() -> str:
    """The web app manifest: relative start URL and scope, so the site works under any base path."""
    icons = [{"src": f"assets/kb/icons/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": "any maskable"} for size in ICON_SIZES]
    icons.append({"src": "assets/kb/icons/icon.svg", "sizes": "any", "type": "image/svg+xml"})
    return json.dumps({"name": NAME, "short_name": SHORT_NAME, "lang": "ja", "start_url": "./", "scope": "./",
                       "display": "standalone", "theme_color": THEME["light"], "background_color": "#ffffff",
                       "icons": icons}, ensure_ascii=False, indent=2)


def write(site_dir: Path, conf) -> None:
    """Write the manifest, the icons and ``sw.js`` (the working worker, or the self-unregistering one when off)."""
    icons = site_dir / "assets" / "kb" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    (icons / "icon.svg").write_text(icon_svg(), encoding="utf-8")
    for size in ICON_SIZES:
        (icons / f"icon-{size}.png").write_bytes(icon_png(size))
    (site_dir / "manifest.webmanifest").write_text(manifest(), encoding="utf-8")
    source = service_worker(site_dir, conf) if conf["extra"]["kb"]["offline"] else UNREGISTER
    (site_dir / "sw.js").write_text(source, encoding="utf-8")


# The icon: a teal check mark on a white speech bubble, on the indigo of the header (full bleed: maskable).
BUBBLE = (0.5, 0.47, 0.3)  # centre x, centre y, radius (fractions of the side)
TAIL = ((0.34, 0.66), (0.3, 0.82), (0.5, 0.74))
CHECK = ((0.37, 0.48), (0.46, 0.57), (0.64, 0.38))
CHECK_WIDTH = 0.05
COLOURS = {"back": (0x40, 0x51, 0xB5), "bubble": (0xFF, 0xFF, 0xFF), "check": (0x00, 0x96, 0x88)}


def icon_svg() -> str:
    """The icon as SVG (the same shapes as :func:`icon_png`)."""
    x, y, r = (value * 100 for value in BUBBLE)
    tail = " ".join(f"{a * 100:g},{b * 100:g}" for a, b in TAIL)
    check = " ".join(f"{a * 100:g},{b * 100:g}" for a, b in CHECK)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
            '<rect width="100" height="100" fill="#4051b5"/>'
            f'<circle cx="{x:g}" cy="{y:g}" r="{r:g}" fill="#fff"/><polygon points="{tail}" fill="#fff"/>'
            f'<polyline points="{check}" fill="none" stroke="#009688" stroke-width="{CHECK_WIDTH * 100:g}" '
            'stroke-linecap="round" stroke-linejoin="round"/></svg>\n')


def icon_png(size: int) -> bytes:
    """The icon as a PNG of ``size`` pixels (standard library only; cached in ``.cache/``)."""
    cached = CACHE_DIR / f"kb-icon-{hashlib.sha256(icon_svg().encode()).hexdigest()[:12]}-{size}.png"
    if cached.is_file():
        return cached.read_bytes()
    rows = b"".join(b"\0" + bytes(channel for x in range(size) for channel in pixel((x + 0.5) / size, (y + 0.5) / size))
                    for y in range(size))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
    CACHE_DIR.mkdir(exist_ok=True)
    cached.write_bytes(png)
    return png


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data and CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel(x: float, y: float) -> tuple[int, int, int]:
    """The colour at (x, y), in fractions of the side (hard edges)."""
    cx, cy, r = BUBBLE
    in_bubble = (x - cx) ** 2 + (y - cy) ** 2 <= r * r or inside(x, y, TAIL)
    if not in_bubble:
        return COLOURS["back"]
    distance = min(segment_distance(x, y, CHECK[i], CHECK[i + 1]) for i in range(len(CHECK) - 1))
    return COLOURS["check"] if distance <= CHECK_WIDTH / 2 else COLOURS["bubble"]


def segment_distance(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from (x, y) to the segment a-b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)))
    return ((x - a[0] - t * dx) ** 2 + (y - a[1] - t * dy) ** 2) ** 0.5


def inside(x: float, y: float, triangle) -> bool:
    """Whether (x, y) lies inside the triangle."""
    (ax, ay), (bx, by), (cx, cy) = triangle
    signs = [(bx - ax) * (y - ay) - (by - ay) * (x - ax), (cx - bx) * (y - by) - (cy - by) * (x - bx),
             (ax - cx) * (y - cy) - (ay - cy) * (x - cx)]
    return all(sign >= 0 for sign in signs) or all(sign <= 0 for sign in signs)
