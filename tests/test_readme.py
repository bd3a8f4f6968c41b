"""README's two set-up commands: in a virtual environment, the second one CI's own, and the first
one working on a fresh checkout."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = re.findall(
    r"```bash\n# 1\..*?\n([^#\n][^\n]*)\n```.*?```bash\n# 2\..*?\n([^\n]*)\n```", README, re.S
)


def test_both_commands_install_into_a_virtual_environment() -> None:
    assert COMMANDS, "README 的第一、二条命令找不到"
    serve, tests = COMMANDS[0]
    for command in (serve, tests):
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install -e ")
        assert "python3 -m pip" not in command  # the system Python may refuse it
    assert serve.endswith(".venv/bin/xinfang demo --serve")
    assert tests.endswith(".venv/bin/python -m pytest")
    assert "externally managed" in README and "Windows" in README


def test_ci_runs_exactly_the_readme_s_test_command() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().splitlines()
    assert run[-1] == COMMANDS[0][1]


def test_the_first_command_works_on_a_fresh_checkout(tmp_path: Path) -> None:
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=False)
    if archive.returncode != 0:
        pytest.skip("不是 git 仓库的克隆，无法取出提交的文件")
    checkout = tmp_path / "xinfang"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(checkout, filter="data")
    assert not (checkout / "build").exists()
    done = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "demo"], cwd=checkout, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    demo = checkout / "build" / "示例台账"
    assert (demo / "mkdocs.yml").is_file() and (demo / ".git").is_dir()
    assert "查看网站" in done.stderr
