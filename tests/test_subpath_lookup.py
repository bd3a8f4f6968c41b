"""The site served from a path that is not the server's root, as intranet servers often do.

A small server maps /xinfang/ to the built site and answers 404 for everything else, so a link
or request that assumes the root shows up as a failure; Chromium then finds a case with the
lookup. The nginx configuration on the publishing page (docs/publish.md) runs too, as written
there but for the port and the folder: content types, gzip, cache headers and the intranet-only
rule are checked against the real server. Needs Debian's Chromium and nginx (.ci/run installs
both); never downloads a browser.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browsing import QuietHandler, chromium, needs_chromium, serving
from .conftest import ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PREFIX = "/xinfang/"
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = needs_chromium


class _SubPathHandler(QuietHandler):
    """Serves the site under PREFIX only; records every path that was not found."""

    missing: list[str]

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return os.path.join(self.directory, "\0no-such-file")
        return super().translate_path("/" + path[len(PREFIX) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404:
            self.missing.append(self.path)
        super().send_error(code, message, explain)


@pytest.fixture(scope="module")
def subpath_server(built_site: Path) -> Iterator[tuple[str, list[str]]]:
    missing: list[str] = []
    handler = type("Handler", (_SubPathHandler,), {"missing": missing})
    with serving(lambda *a: handler(*a, directory=str(built_site))) as url:
        yield f"{url}{PREFIX}", missing


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as instance:
        yield instance


def _find_case(browser: object, base: str, start: str) -> list[str]:
    """Type a query on ``start``, follow the hit, and return every URL the page asked for."""
    context = browser.new_context(locale="zh-CN")  # type: ignore[attr-defined]
    tab = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("pageerror", lambda err: errors.append(str(err)))
    tab.goto(base + start)
    tab.fill("#xf-lookup-input", "拆迁补偿")
    link = tab.locator(".xf-lookup-results a", has_text="XF2008-T01-001")
    link.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"subpath-{start.removesuffix('.html')}.png"))
    link.click()
    tab.wait_for_load_state("networkidle")
    assert tab.url == base + "cases/XF2008-T01-001.html"
    assert "XF2008-T01-001" in tab.locator("h1").first.inner_text()
    assert errors == []
    context.close()
    return requests


@pytest.mark.parametrize("start", ["lookup.html", "index.html"])
def test_lookup_finds_a_case_under_a_sub_path(
    browser: object, subpath_server: tuple[str, list[str]], start: str
) -> None:
    base, missing = subpath_server
    requests = _find_case(browser, base, start)
    assert base + "assets/cases.json" in requests
    assert [url for url in requests if not url.startswith(base)] == []
    assert missing == []


# --- The nginx configuration from the publishing page -------------------------------------


def _documented_nginx() -> str:
    text = (ROOT / "docs" / "publish.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```nginx\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 1, "docs/publish.md should show one nginx configuration"
    return blocks[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def nginx(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(NGINX).exists():
        pytest.skip("没有 nginx：请运行 apt-get install nginx（.ci/run 会安装）")
    work = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    server = _documented_nginx()
    for written, here in [
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("/srv/xinfang/current/", f"{built_site}/"),
    ]:
        assert server.count(written) == 1, written
        server = server.replace(written, here)
    temp = " ".join(
        f"{kind}_temp_path {work}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;" if os.geteuid() == 0 else ""  # workers must read the pytest folders
    (work / "nginx.conf").write_text(
        f"{user}\nworker_processes 1;\ndaemon off;\npid {work}/nginx.pid;\n"
        f"error_log {work}/error.log;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n include /etc/nginx/mime.types;\n default_type application/octet-stream;\n"
        f" access_log off;\n {temp}\n{server}\n}}\n",
        encoding="utf-8",
    )
    command = [NGINX, "-p", str(work), "-c", str(work / "nginx.conf")]
    test = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        process.terminate()
        process.wait(timeout=10)


class _Response:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body


def _get(url: str, source: str = "127.0.0.1", **headers: str) -> _Response:
    host, port = url.split("//")[1].split("/")[0].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10, source_address=(source, 0))
    try:
        connection.request("GET", "/" + url.split("/", 3)[3], headers=headers)
        response = connection.getresponse()
        return _Response(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def test_nginx_serves_the_index_as_compressed_json_checked_every_time(nginx: str) -> None:
    response = _get(nginx + "assets/cases.json", **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers.get("Content-Type") == "application/json; charset=utf-8"
    assert response.headers.get("Content-Encoding") == "gzip"
    assert response.headers.get("Cache-Control") == "no-cache"
    index = json.loads(gzip.decompress(response.body))
    assert any(index["prefix"] + row[0] == "XF2008-T01-001" for row in index["rows"])


def test_nginx_pages_are_checked_every_time_and_hashed_assets_kept(
    nginx: str, built_site: Path
) -> None:
    page = _get(nginx + "lookup.html", **{"Accept-Encoding": "gzip"})
    assert page.status == 200
    assert page.headers.get("Content-Type") == "text/html; charset=utf-8"
    assert page.headers.get("Content-Encoding") == "gzip"
    assert page.headers.get("Cache-Control") == "no-cache"
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    script = _get(nginx + "assets/javascripts/" + bundle)
    assert script.status == 200
    assert "immutable" in (script.headers.get("Cache-Control") or "")
    own = _get(nginx + "assets/xinfang.js")  # not hashed: checked every time
    assert own.headers.get("Cache-Control") == "no-cache"
    home = _get(nginx.rstrip("/"))
    assert home.status == 301 and home.headers.get("Location", "").endswith(PREFIX)


def test_nginx_refuses_addresses_outside_the_allowed_ranges(nginx: str) -> None:
    # 127.0.0.2 is this machine too, but not in the allowed list: it stands for an outside address.
    assert _get(nginx + "index.html", source="127.0.0.1").status == 200
    assert _get(nginx + "index.html", source="127.0.0.2").status == 403


def test_lookup_finds_a_case_through_the_documented_nginx(browser: object, nginx: str) -> None:
    requests = _find_case(browser, nginx, "lookup.html")
    assert [url for url in requests if not url.startswith(nginx)] == []
