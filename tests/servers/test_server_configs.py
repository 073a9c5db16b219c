"""The server configurations in deploy/ (shown in README.md), tried on Debian's nginx, Apache httpd and Caddy.

Each server runs in the foreground on a free 127.0.0.1 port with a minimal configuration of its own that
includes the deploy file unchanged but for the site's path (``/srv/kb/site``) and, for Caddy, the address.
A tiny fixture site stands in for the build; every answer is compared with what ``macros.static_server``
(``make serve``) sends. `make test` installs the servers (tests/tools/ensure-servers.sh).
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest

from macros.static_server import HASHED, RECOMMENDED_HEADERS, StaticServer, cache_control
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SITE_PATH = "/srv/kb/site"
CSP = RECOMMENDED_HEADERS["Content-Security-Policy"]

# path under /kb/, Content-Type (without parameters), whether .br/.gz siblings exist, hashed name
CASES = [
    ("index.html", "text/html", True, False),
    ("tools/first-response/", "text/html", True, False),
    ("assets/pyodide/pyodide.asm.wasm", "application/wasm", True, False),
    ("assets/pyodide/snapshot.dat", "application/octet-stream", True, False),
    ("assets/kb/worker.mjs", "text/javascript", True, False),
    ("assets/search/search_index.json", "application/json", True, False),
    ("assets/stylesheets/extra.css", "text/css", True, False),
    ("assets/javascripts/bundle.1a2b3c4d.min.js", "text/javascript", True, True),
    ("assets/stylesheets/main.0123abcd.min.css", "text/css", True, True),
    ("assets/pyodide/kb_widgets-0.1.0+h0123456789-py3-none-any.whl", "application/zip", False, True),
    ("assets/pyodide/pyodide-lock.json", "application/json", False, False),
]


def write_site(site: Path) -> None:
    """The fixture site: a few files of each kind, with precompressed siblings where CASES says so."""
    for path, media_type, compressed, _ in CASES:
        file = site / (path + "index.html" if path.endswith("/") else path)
        file.parent.mkdir(parents=True, exist_ok=True)
        if media_type == "text/html":
            body = ("<!doctype html><title>kb</title>" + f"<p>{path}</p>" * 200).encode()
        elif media_type == "application/wasm":
            body = b"\0asm\1\0\0\0" + bytes(range(256)) * 20
        elif media_type == "application/zip":
            body = b"PK\3\4" + bytes(2000)
        else:
            body = (f"/* {path} */\n" + "const x = 1;\n" * 300).encode()
        file.write_bytes(body)
        if compressed:
            Path(f"{file}.br").write_bytes(brotli.compress(body))
            Path(f"{file}.gz").write_bytes(gzip.compress(body))


def deploy_text(name: str, site: Path) -> str:
    """A deploy file with the site's path (and nothing else) replaced."""
    text = (DEPLOY / name).read_text(encoding="utf-8")
    assert SITE_PATH in text, f"deploy/{name} no longer serves {SITE_PATH}"
    return text.replace(SITE_PATH, str(site))


def require(binary: str, package: str) -> str:
    found = shutil.which(binary) or (f"/usr/sbin/{binary}" if Path(f"/usr/sbin/{binary}").exists() else None)
    if not found:
        pytest.fail(f"{binary} is missing: apt-get install {package} (make test installs it)")
    return found


def start_nginx(work: Path, site: Path, port: int) -> list[str]:
    binary = require("nginx", "nginx")
    module = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
    if not module.exists():
        pytest.fail("the brotli_static module is missing: apt-get install libnginx-mod-http-brotli-static")
    (work / "kb.conf").write_text(deploy_text("nginx.conf", site), encoding="utf-8")
    user = "user root;" if os.geteuid() == 0 else ""
    temp = " ".join(f"{name}_temp_path {work}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(f"""
load_module {module};
daemon off; {user} worker_processes 1; pid {work}/nginx.pid; error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off; {temp}
    server {{
        listen 127.0.0.1:{port};
        include {work}/kb.conf;
    }}
}}
""", encoding="utf-8")
    return [binary, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")]


def start_apache(work: Path, site: Path, port: int) -> list[str]:
    binary = require("apache2", "apache2")
    modules = Path("/usr/lib/apache2/modules")
    (work / "kb.conf").write_text(deploy_text("apache.conf", site), encoding="utf-8")
    loads = "\n".join(f"LoadModule {name}_module {modules}/mod_{name}.so" for name in (
        "mpm_event", "authz_core", "alias", "dir", "mime", "rewrite", "headers", "filter", "deflate", "setenvif"))
    user = "User nobody\nGroup nogroup" if os.geteuid() == 0 else ""
    # Debian's own mime.conf and deflate.conf, as a default installation enables them.
    (work / "httpd.conf").write_text(f"""
ServerRoot {work}
{loads}
{user}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {work}/httpd.pid
DefaultRuntimeDir {work}
Mutex file:{work} default
ErrorLog {work}/error.log
LogLevel warn
Include /etc/apache2/mods-available/mime.conf
Include /etc/apache2/mods-available/deflate.conf
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<VirtualHost 127.0.0.1:{port}>
    Include {work}/kb.conf
</VirtualHost>
""", encoding="utf-8")
    return [binary, "-f", str(work / "httpd.conf"), "-DFOREGROUND"]


def start_caddy(work: Path, site: Path, port: int) -> list[str]:
    binary = require("caddy", "caddy")
    text = deploy_text("Caddyfile", site)
    assert "intranet.example.co.jp {" in text
    text = text.replace("intranet.example.co.jp {", f"http://127.0.0.1:{port} {{")
    (work / "Caddyfile").write_text("{\n    admin off\n}\n" + text, encoding="utf-8")
    return [binary, "run", "--config", str(work / "Caddyfile"), "--adapter", "caddyfile"]


STARTERS = {"nginx": start_nginx, "apache": start_apache, "caddy": start_caddy}


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return ", ".join(self.headers.get_all(name) or [])


def get(port: int, path: str, accept: str | None) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        headers = {"Accept-Encoding": accept} if accept is not None else {}
        connection.putrequest("GET", "/kb/" + path, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


def wait_until_up(process: subprocess.Popen, port: int, work: Path, name: str) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    process.kill()
    out, err = process.communicate()
    log = (work / "error.log").read_text(errors="replace") if (work / "error.log").exists() else ""
    pytest.fail(f"{name} did not start:\n{out.decode(errors='replace')}{err.decode(errors='replace')}\n{log}")


@pytest.fixture(scope="module")
def site():
    # World-readable outside pytest's private tmp: nginx's and Apache's workers drop root for nobody.
    base = Path(tempfile.mkdtemp(prefix="kb-servers-"))
    base.chmod(0o755)
    site = base / "kb"
    write_site(site)
    yield site
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module", params=["nginx", "apache", "caddy", "static_server"])
def server(request, site):
    """(name, port) of a running server with /kb/ mapped to the fixture site."""
    name = request.param
    if name == "static_server":
        instance = StaticServer(site.parent, headers=RECOMMENDED_HEADERS)
        yield name, instance.port
        instance.shutdown()
        return
    work = site.parent / name
    work.mkdir()
    for sub in ("xdg-data", "xdg-config"):
        (work / sub).mkdir()
    port = free_port()
    command = STARTERS[name](work, site, port)
    env = {**os.environ, "HOME": str(work), "XDG_DATA_HOME": str(work / "xdg-data"),
           "XDG_CONFIG_HOME": str(work / "xdg-config")}
    process = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_until_up(process, port, work, name)
        yield name, port
    finally:
        process.terminate()
        try:
            process.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def original(site: Path, path: str) -> bytes:
    return (site / (path + "index.html" if path.endswith("/") else path)).read_bytes()


@pytest.mark.parametrize(("path", "media_type", "compressed", "hashed"), CASES, ids=[c[0] for c in CASES])
def test_encodings_types_and_cache_headers(server, site, path, media_type, compressed, hashed):
    name, port = server
    body = original(site, path)
    for accept, coding in (("br, gzip", "br"), ("gzip", "gzip"), (None, None)):
        answer = get(port, path, accept)
        where = f"{name} GET /kb/{path} Accept-Encoding: {accept}"
        assert answer.status == 200, where
        assert answer.headers.get_content_type() == media_type, f"{where}: {answer.header('Content-Type')}"
        expected = coding if compressed else None
        assert (answer.headers.get("Content-Encoding") or None) == expected, where
        assert not answer.headers.get("Content-Language"), where
        decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[expected](answer.body)
        assert decoded == body, where
        if compressed:
            assert "accept-encoding" in answer.header("Vary").lower(), f"{where}: Vary {answer.header('Vary')!r}"
            assert answer.header("Vary").lower().count("accept-encoding") == 1, f"{where}: Vary {answer.header('Vary')!r}"
        assert answer.header("Cache-Control") == cache_control("/kb/" + path), where
        assert answer.header("X-Content-Type-Options") == "nosniff", where
    assert bool(HASHED.search("/kb/" + path)) == hashed  # the cases agree with the reference rule


def test_html_pages_carry_the_security_headers(server):
    name, port = server
    for path in ("index.html", "tools/first-response/"):
        answer = get(port, path, "gzip")
        assert answer.header("Content-Security-Policy") == CSP, f"{name} /kb/{path}"
        assert answer.header("X-Content-Type-Options") == "nosniff", f"{name} /kb/{path}"
        assert re.fullmatch(r"text/html(; ?charset=utf-8)?", answer.header("Content-Type"), re.I), name


def test_a_missing_file_is_not_found(server):
    name, port = server
    assert get(port, "assets/nothing-here.js", "br, gzip").status == 404, name


def test_readme_shows_each_deploy_file_verbatim():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```$", readme, re.M | re.S)
    for name in ("nginx.conf", "apache.conf", "Caddyfile", "web.config"):
        text = (DEPLOY / name).read_text(encoding="utf-8")
        assert text in blocks, f"README.md does not show deploy/{name} as it is, in a fenced block of its own"
