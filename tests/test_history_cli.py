"""`xinfang history` as a person reads it: Chinese values, creation apart, uncommitted work named."""

from __future__ import annotations

from pathlib import Path

import pytest

from xinfang.cli import main

from .conftest import make_repo
from .test_history import Repo, case

CASE = "XF2008-T01-001"
REL = f"cases/{CASE}.yml"


@pytest.fixture
def ledger(tmp_path: Path) -> Repo:
    repo = Repo(make_repo(tmp_path / "ledger"))
    repo.write(REL, case(CASE))
    repo.commit("登记北街村案件", "褚文静", "2008-04-15T09:30:00+08:00")
    return repo


def _history(repo: Repo, capsys: pytest.CaptureFixture[str], case_id: str = CASE) -> str:
    assert main(["history", case_id, "--root", str(repo.path)]) == 0
    return capsys.readouterr().out


def test_creation_is_not_counted_as_a_change_and_none_reads_as_nothing(
    ledger: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _history(ledger, capsys)
    assert "创建：2008-04-15 褚文静" in out and "登记北街村案件" in out
    assert "创建时：办理状态 已登记；承办单位 T01 城关镇；包案领导 郑春生" in out
    assert "创建后没有修改。" in out
    assert "修改 1 次" not in out and "None" not in out

    ledger.write(REL, case(CASE, status="closed", closed="2008-06-25"))
    ledger.commit("结案", "孟庆丰", "2008-06-26T10:00:00+08:00")
    out = _history(ledger, capsys)
    assert "创建后修改 1 次：" in out
    assert "2008-06-26  办理状态：已登记 → 已结案（孟庆丰" in out
    assert "2008-06-26  结案日期：（无） → 2008-06-25（孟庆丰" in out
    assert "2008-06-26  息诉罢访：（无） → 是（孟庆丰" in out
    assert "None" not in out and "True" not in out


def test_a_case_not_yet_committed_is_named_as_such(
    ledger: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger.write("cases/XF2008-T01-002.yml", case("XF2008-T01-002"))
    out = _history(ledger, capsys, "xf2008-t01-002")  # the id as typed in a hurry
    assert "案件 XF2008-T01-002 还没有提交到 git（新文件）：提交后才有修改记录。" in out
    ledger.git("add", "cases/XF2008-T01-002.yml")
    assert "已暂存、还没有提交" in _history(ledger, capsys, "XF2008-T01-002")


def test_uncommitted_edits_are_pointed_out(
    ledger: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger.write(REL, case(CASE, status="in_progress"))
    out = _history(ledger, capsys)
    assert f"注意：{REL} 有尚未提交的修改，以上记录不含这些修改。" in out


def test_an_unknown_id_is_a_clear_error(ledger: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "XF2008-T09-001", "--root", str(ledger.path)]) == 2
    assert "git 历史和 cases/ 目录中都没有案件 XF2008-T09-001" in capsys.readouterr().err
