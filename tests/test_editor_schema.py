"""The schemas in the editor staff use: VS Code's YAML extension, i.e. yaml-language-server.

tests/editor/check-schema.mjs starts the real yaml-language-server (pinned in
tests/editor/package.json) over stdio, configured as VS Code configures it from
.vscode/settings.json, and checks validation, completion and hover on the real case files and
campaign.yml. This test runs it and reports its findings by group.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EDITOR = ROOT / "tests" / "editor"
SCRIPT = EDITOR / "check-schema.mjs"
INSTALL_HINT = "运行 npm ci --prefix tests/editor 安装 yaml-language-server 后再运行"

NODE = shutil.which("node")
pytestmark = [
    pytest.mark.skipif(
        NODE is None, reason=f"未找到 node（需要 Node.js 20 或更高版本）；{INSTALL_HINT}"
    ),
    pytest.mark.skipif(
        not (EDITOR / "node_modules" / "yaml-language-server").is_dir(),
        reason=f"tests/editor/node_modules 中没有 yaml-language-server；{INSTALL_HINT}",
    ),
]


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return run_checker(SCRIPT)


def run_checker(script: Path) -> dict[str, Any]:
    """Run one of the editor checks (a Node script) and return its JSON report."""
    assert NODE is not None
    result = subprocess.run(
        [NODE, str(script), "--root", str(ROOT)],
        cwd=EDITOR,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    try:
        data: dict[str, Any] = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"{script.name} 没有输出 JSON（退出码 {result.returncode}）：\n{result.stdout}\n{result.stderr}"
        )
    data["returncode"] = result.returncode
    return data


def _failures(report: dict[str, Any], prefix: str) -> list[dict[str, Any]]:
    group = [c for c in report["checks"] if c["name"].startswith(prefix)]
    assert group, f"没有 {prefix!r} 类检查：{[c['name'] for c in report['checks']]}"
    return [c for c in group if not c["ok"]]


def _show(failures: list[dict[str, Any]]) -> str:
    return json.dumps(failures, ensure_ascii=False, indent=1)[:6000]


def test_language_server_ran(report: dict[str, Any]) -> None:
    assert "error" not in report, report.get("error")
    assert report["server"]["package"] == "yaml-language-server"
    assert report["server"]["serverInfo"]["version"] == report["server"]["version"]


def test_schemas_are_associated_like_vscode(report: dict[str, Any]) -> None:
    failures = _failures(report, "association:")
    assert not failures, _show(failures)


def test_schemas_load_without_problems(report: dict[str, Any]) -> None:
    failures = _failures(report, "schemas:")
    assert not failures, "yaml-language-server 报告了架构本身的问题：\n" + _show(failures)


def test_validation(report: dict[str, Any]) -> None:
    failures = _failures(report, "validation:")
    assert not failures, _show(failures)


def test_completion(report: dict[str, Any]) -> None:
    failures = _failures(report, "completion:")
    assert not failures, _show(failures)


def test_hover(report: dict[str, Any]) -> None:
    failures = _failures(report, "hover:")
    assert not failures, _show(failures)


def test_every_expectation_held(report: dict[str, Any]) -> None:
    failures = [c for c in report["checks"] if not c["ok"]]
    assert report["returncode"] == 0 and report["ok"] and not failures, _show(failures)
