"""The intranet guides: where they are linked, what they must say, and the commit hooks they promise."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import yaml

from .conftest import ROOT

GUIDES = ["offline.md", "windows.md", "intranet-ci.md", "publish.md"]


def _text(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def test_readme_keeps_its_first_two_commands_first_and_links_every_guide() -> None:
    readme = _text("README.md")
    blocks = re.findall(r"```bash\n(.*?)```", readme, flags=re.S)
    assert ".venv/bin/pip install -e . && .venv/bin/xinfang demo --serve" in blocks[0]
    assert '.venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest' in blocks[1]
    for guide in GUIDES:
        assert f"(docs/{guide})" in readme, guide
        assert (ROOT / "docs" / guide).is_file()


def test_the_site_navigation_holds_every_guide() -> None:
    nav = yaml.safe_load(_text("mkdocs.yml"))["nav"]
    pages = re.findall(r"'([\w./-]+\.md)'", str(nav))
    for guide in GUIDES:
        assert guide in pages


def test_windows_guide_covers_python_vsix_git_hooks_and_the_web_editor() -> None:
    guide = _text("docs/windows.md")
    for needed in [
        "--no-index --find-links D:\\xinfang-离线安装包\\wheels",
        "Add python.exe to PATH",
        "redhat.vscode-yaml",
        "https://marketplace.visualstudio.com/items?itemName=redhat.vscode-yaml",
        "https://open-vsx.org/extension/redhat/vscode-yaml",
        "code --install-extension",
        "从 VSIX 安装",
        "git config --global core.quotepath false",
        "i18n.commitEncoding utf-8",
        "pre-commit install",
        "repo: local",
        "为此提交创建一个新的分支并发起合并请求",
    ]:
        assert needed in guide, needed


def test_commit_hooks_are_local_and_download_nothing() -> None:
    config = yaml.safe_load(_text(".pre-commit-config.yaml"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    shared = yaml.safe_load(_text(".pre-commit-hooks.yaml"))
    for hook in [*config["repos"][0]["hooks"], *shared]:
        assert hook["language"] == "system"  # no environment to build, nothing to fetch
        assert "additional_dependencies" not in hook
        assert hook["entry"] == "xinfang check"
    assert config["repos"][0]["hooks"][0]["files"] == shared[0]["files"]


def test_iis_configuration_is_well_formed_and_complete() -> None:
    text = _text("docs/publish.md")
    (xml,) = re.findall(r"```xml\n(.*?)```", text, flags=re.S)
    root = ET.fromstring(xml)
    web = root.find("system.webServer")
    assert web is not None
    json_type = web.find("staticContent/mimeMap[@fileExtension='.json']")
    assert json_type is not None and json_type.get("mimeType") == "application/json"
    settings = {
        path: element.attrib
        for path in ["staticContent/clientCache", "urlCompression", "security/ipSecurity"]
        if (element := web.find(path)) is not None
    }
    assert settings["staticContent/clientCache"]["cacheControlMode"] == "DisableCache"
    assert settings["urlCompression"]["doStaticCompression"] == "true"
    assert settings["security/ipSecurity"]["allowUnlisted"] == "false"
    assert "staticTypes.[mimeType='application/json'" in text  # gzip for JSON is set server-wide
