"""The notice's sections on the work beside cases, and the leaders' briefs in Markdown and Word
(the leading group's decisions and the candidates for them: ``test_decisions.py``)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from xinfang.cli import main
from xinfang.office.notice.build import build_notice, write_markdown

from .test_duty_records import bundled

AS_OF = date(2008, 7, 20)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return bundled(tmp_path / "repo")


def test_the_notice_includes_overdue_report_backs_and_decisions(repo: Path) -> None:
    text = write_markdown(build_notice(repo, AS_OF))
    assigned = text.split("## 七、交办件报结和督办情况")[1].split("## 八、")[0]
    assert "超期未报结 1 件" in assigned
    assert "| JB2008-002 | 市信访局交办（市信交〔2008〕12号）" in assigned and "| 20 |" in assigned
    assert "7月8日督办的JB2008-003" in assigned and "县国土资源局要立即回复" in assigned
    risks = text.split("## 八、苗头隐患和重点人员包保情况")[1].split("## 九、")[0]
    assert "包保中的重点人员 13 人，超过本人帮扶安排的走访间隔未走访的 1 人" in risks
    accountability = text.split("## 九、责任追究")[1].split("## 十、")[0]
    assert "7月3日诫勉谈话城关镇司法所所长（该案属地帮扶责任人）" in accountability
    assert "7月18日通报批评柳河镇（待印发，见本通报“通报批评”部分）" in accountability
    assert "领导小组尚未研究的越级访、集体访和非正常进京访 7 起" in accountability
    assert "建议" not in accountability


def test_weekly_brief_markdown(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "--root", str(repo), "--as-of", "2008-07-20"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# 信访问题专项治理活动周报")
    assert "7月14日至7月20日，新登记案件 3 件，结案 3 件" in text
    assert "| 交办件超期未报结 | 1 | JB2008-002 |" in text
    assert "| 重点人员超过走访间隔 | 1 | 名单由领导小组办公室掌握 |" in text
    assert "尚无领导小组决定的越级访、集体访和非正常进京访 7 起" in text
    assert "建议" not in text and "通报批评" not in text


def test_leader_brief(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "--root", str(repo), "--as-of", "2008-07-20", "--leader", "钱立民"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# 钱立民同志包案情况")
    assert "| JB2008-002 | 市信访局交办件报结已逾期 20 天 |" in text
    assert "| XF2008-D04-004 | 已超期 9 天（时限 2008-07-11） |" in text
    assert "包保重点人员 5 人" in text
    assert main(["brief", "--root", str(repo), "--leader", "赵钱孙"]) == 2
    assert "赵钱孙 不是包案的县级领导：可选 赵振华、钱立民" in capsys.readouterr().err


def test_briefs_in_word(repo: Path, tmp_path: Path) -> None:
    weekly, leader = tmp_path / "周报.docx", tmp_path / "领导.docx"
    assert (
        main(
            [
                "brief",
                "--root",
                str(repo),
                "--as-of",
                "2008-07-20",
                "--format",
                "docx",
                "--out",
                str(weekly),
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "brief",
                "--root",
                str(repo),
                "--leader",
                "郑春生",
                "--format",
                "docx",
                "--out",
                str(leader),
            ]
        )
        == 0
    )
    doc = Document(str(weekly))
    assert doc.paragraphs[0].text == "信访问题专项治理活动周报"
    assert "JB2008-002" in doc.tables[0].rows[2].cells[2].text
    assert any("郑春生同志包案情况" in p.text for p in Document(str(leader)).paragraphs)
    assert main(["brief", "--root", str(repo), "--format", "docx", "--out", str(weekly)]) == 2


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdfinfo")),
    reason="没有 LibreOffice（soffice）和 poppler（pdfinfo），无法排版成 PDF 数页数",
)
def test_the_weekly_brief_fits_on_one_page(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "周报.docx"
    assert (
        main(
            [
                "brief",
                "--root",
                str(repo),
                "--as-of",
                "2008-07-20",
                "--format",
                "docx",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "周报.pdf")], check=True, capture_output=True, text=True
    ).stdout
    assert "Pages:           1" in info
