"""The site builds the same under MkDocs and under ProperDocs (MkDocs 1.x's continuation).

MkDocs 1.6 is unmaintained and a "MkDocs 2" drops plugins; ProperDocs runs the same mkdocs.yml,
theme and plugins. Both builds run here with ``--strict`` and their outputs are compared file by
file: the only differences allowed are the generator's name in a <meta> tag and the workbook's
creation time.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from .conftest import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(tool: str, out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{tool} build 失败：\n{result.stderr[-3000:]}"


def _workbook(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        # docProps/core.xml holds the time the workbook was made.
        return {n: book.read(n) for n in book.namelist() if n != "docProps/core.xml"}


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("properdocs") / "site"
    _build("properdocs", out)
    return out


def test_the_plugin_is_registered_for_both_builders() -> None:
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        [plugin] = [ep for ep in entry_points(group=group) if ep.name == "xinfang"]
        assert plugin.value == "xinfang.mkdocs_plugin:XinfangPlugin", group


def test_properdocs_builds_the_same_site(built_site: Path, properdocs_site: Path) -> None:
    ours, theirs = _files(built_site), _files(properdocs_site)
    assert sorted(ours) == sorted(theirs)
    assert len(ours) > 100
    generators = set()
    for name, path in ours.items():
        a, b = path.read_bytes(), theirs[name].read_bytes()
        if name.endswith(".xlsx"):
            assert _workbook(path) == _workbook(theirs[name]), name
        elif name.endswith(".html"):
            generators.update(GENERATOR.findall(a) + GENERATOR.findall(b))
            assert GENERATOR.sub(b"", a) == GENERATOR.sub(b"", b), name
        else:
            assert a == b, name
    assert any(b"ProperDocs" in g for g in generators)  # it was really the other builder
    assert any(b"mkdocs-1." in g for g in generators)


NO_KEPT_BLOCKS = """
import sys
import xinfang.mkdocs_plugin as plugin
plugin.PAGE_TEMPLATE = "main.html"  # every page rendered whole by the theme
from mkdocs.__main__ import cli
cli(["build", "--strict", "-q", "-d", sys.argv[1]])
"""


def test_kept_theme_blocks_give_the_pages_the_theme_would_render(
    built_site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "whole"
    result = subprocess.run(
        [sys.executable, "-c", NO_KEPT_BLOCKS, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    kept = [p for p in _files(built_site) if p.startswith(("cases/", "registers/unit/"))]
    assert len(kept) > 60
    for name in kept:
        assert (built_site / name).read_bytes() == (out / name).read_bytes(), name
    page = (built_site / "cases" / "XF2008-T01-001.html").read_text(encoding="utf-8")
    assert 'class="md-sidebar md-sidebar--primary"' in page and "__config" in page


def test_the_header_is_kept_around_the_title_and_only_there() -> None:
    from xinfang.mkdocs_plugin import _header, _keep_header

    header = (
        '<header><a title="span">span</a><div class="md-header__topic" '
        'data-md-component="header-topic">\n<span class="md-ellipsis">\n  span\n</span></div></header>'
    )
    kept: dict[str, str] = {}
    assert _keep_header(kept, header, "span") == header
    assert _header(kept, "span") == header
    assert _header(kept, "XF2008-T01-002 &lt;b&gt;") == header.replace(
        "\n  span\n", "\n  XF2008-T01-002 &lt;b&gt;\n"
    )
    elsewhere: dict[str, str] = {}
    _keep_header(elsewhere, header.replace('data-md-component="header-topic"', ""), "span")
    assert _header(elsewhere, "span") is None  # the theme moved the title: nothing is kept
