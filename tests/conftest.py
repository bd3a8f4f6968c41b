"""Shared fixtures: a throwaway repository made from the bundled campaign."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def make_repo(target: Path, cases: Path | None = None) -> Path:
    """A repository in ``target`` with the bundled campaign, schemas and evidence."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "campaign.yml", target / "campaign.yml")
    shutil.copytree(ROOT / "schema", target / "schema")
    shutil.copytree(ROOT / "evidence", target / "evidence")
    if cases is not None:
        shutil.copytree(cases, target / "cases")
    else:
        (target / "cases").mkdir()
    return target


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled campaign's site, built once with `mkdocs build --strict`."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("site") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly, last, how many tests were skipped and why: a skipped test did not pass."""
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    reasons: dict[str, int] = {}
    for report in skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    terminalreporter.write_sep(
        "=", f"跳过了 {len(skipped)} 个测试（没有运行，不算通过）", yellow=True
    )
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        terminalreporter.write_line(f"  {count} 个：{reason}")
