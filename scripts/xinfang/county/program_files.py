"""The files the program gives a county's repository, and the version it records.

Some are this repository's own files, shipped as they are (``SHARED``): the schemas, the site's
hand-written pages and settings, the editor and commit-check settings. They are copied into the
package (``county/files/``, package data) by ``scripts/sync_county_files.py`` so that a county
that installs xinfang from a wheel has them; ``tests/test_county_files.py`` fails when a copy
differs from its source here. The others are the county's own versions (``county/templates/``):
the CI workflows, which install the recorded program version instead of this repository's code,
and the version file itself. ``init`` writes them all; ``upgrade`` writes them again.
"""

from __future__ import annotations

import re
from importlib import resources
from importlib.resources.abc import Traversable

from .. import __version__

#: Globs of this repository's files that a county repository gets unchanged.
SHARED = (
    "schema/*.schema.json",
    "docs/*.md",
    "docs/assets/*",
    "mkdocs.yml",
    ".pre-commit-config.yaml",
    ".vscode/settings.json",
    ".vscode/extensions.json",
)

#: The county's own files from ``county/templates/``: path in the county repository → template.
OWN = {
    ".github/workflows/ci.yml": "github-ci.yml",
    ".github/workflows/site.yml": "github-site.yml",
    ".gitea/workflows/ci.yml": "gitea-ci.yml",
    ".gitea/workflows/site.yml": "gitea-site.yml",
}

VERSION_FILE = "requirements.txt"
VERSION_LINE = re.compile(r"^\s*xinfang\s*==\s*([0-9][0-9A-Za-z.+-]*)\s*(#.*)?$", re.MULTILINE)

#: Folders whose every file the program owns: a file the new version no longer ships goes.
OWNED_FOLDERS = ("schema/", "docs/")

SITE_NAME = "信访问题专项治理活动台账"


def _package() -> Traversable:
    return resources.files("xinfang.county")


def _walk(node: Traversable, prefix: str) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for child in node.iterdir():
        rel = f"{prefix}{child.name}"
        if child.is_dir():
            found |= _walk(child, rel + "/")
        elif child.name != "__init__.py" and not child.name.endswith(".pyc"):
            found[rel] = child.read_bytes()
    return found


def shared_files() -> dict[str, bytes]:
    """The packaged copies of ``SHARED``, by their path in a repository."""
    return dict(sorted(_walk(_package() / "files", "").items()))


def version_text(version: str) -> str:
    return (
        "# 本仓库使用的 xinfang 版本：CI 按这一行安装程序（有离线安装包时从安装包安装，否则从软件包索引）。\n"
        "# 由 xinfang init 写入，xinfang upgrade 更新，请不要手工修改；升级方法见网站“工作人员指南”。\n"
        f"xinfang=={version}\n"
    )


def recorded_version(text: str) -> str | None:
    """The version a county repository's version file names, or None."""
    match = VERSION_LINE.search(text)
    return match.group(1) if match else None


def _site_named(mkdocs_yml: bytes, county: str) -> bytes:
    """This repository's mkdocs.yml with the county's name in the site's title."""
    text = mkdocs_yml.decode("utf-8")
    text = re.sub(
        r"^site_name: .*$", f"site_name: {county}{SITE_NAME}", text, count=1, flags=re.MULTILINE
    )
    return text.encode("utf-8")


def program_files(county: str, version: str = __version__) -> dict[str, bytes]:
    """Every file the program owns in a county repository, by path: what init writes and
    upgrade writes again."""
    files = shared_files()
    files["mkdocs.yml"] = _site_named(files["mkdocs.yml"], county)
    templates = _package() / "templates"
    for path, name in OWN.items():
        files[path] = (templates / name).read_bytes()
    files[VERSION_FILE] = version_text(version).encode("utf-8")
    return dict(sorted(files.items()))


def template_text(name: str) -> str:
    """A template of ``county/templates`` as text."""
    return (_package() / "templates" / name).read_text(encoding="utf-8")
