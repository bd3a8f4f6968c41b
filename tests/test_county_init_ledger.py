"""`xinfang init --ledger`: a county's ledger becomes its campaign in one command: the units and
leaders it names in campaign.yml, its rows as the first cases in a second commit, the report kept;
bad input makes nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from xinfang.cli import main
from xinfang.office.excel.records import plain

from .conftest import ROOT
from .test_county_init import git

LEDGERS = ROOT / "tests" / "fixtures" / "ledgers"


def _init(tmp_path: Path, ledger: Path, *extra: str) -> tuple[Path, int]:
    target = tmp_path / "东平县2008台账"
    args = ["init", str(target), "--county", "东平县", "--year", "2008", "--ledger", str(ledger)]
    return target, main([*args, *extra])


def test_a_township_ledger_becomes_a_campaign_in_one_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, code = _init(tmp_path, LEDGERS / "chengguan-ledger.xlsx")
    out = capsys.readouterr().out
    assert code == 0, out

    campaign = yaml.safe_load((repo / "campaign.yml").read_text(encoding="utf-8"))
    # Each unit once, whatever spellings the ledger used; codes and kinds as for a units list; the
    # petition bureau added, since the leading group's office sits there.
    assert [(u["code"], u["name"], u["kind"]) for u in campaign["units"]] == [
        ("T01", "城关镇", "township"),
        ("D01", "县人民检察院", "department"),
        ("D02", "县国土局", "department"),
        ("D03", "县发改局", "department"),
        ("D04", "公安局", "department"),
        ("D05", "县法院", "department"),
        ("D06", "县信访局", "department"),
    ]
    assert campaign["office"] == "D06"
    assert "T01  城关镇  乡镇（按名称判断，请核对）" in out
    assert "单位 城关镇：台账中还写作 城关镇政府、城关镇人民政府，算作同一个单位" in out
    assert "单位 县人民检察院：台账中还写作 县检察院，算作同一个单位" in out
    assert "单位 县信访局：台账中没有写" in out
    # Only full names become leaders, with the post the ledger wrote; 孙副县长 and 陈书记 are
    # spellings of them, 褚镇长 is no one's full name and is listed to fill in.
    assert campaign["leaders"] == [
        {"name": "孙立新", "post": "副县长"},
        {"name": "周立波", "post": "县长助理"},
        {"name": "郑春生", "post": "（台账未写职务）"},
        {"name": "陈明亮", "post": "镇党委书记"},
    ]
    assert "包案领导 孙立新（副县长）：台账中写作 孙立新（副县长）、孙副县长" in out
    assert "包案领导“褚镇长”（第 11 行）只写了姓和职务" in out
    assert "包案领导 郑春生：台账没有写职务" in out

    # Two commits: what was generated, then what was imported, with the report beside it.
    subjects = git(repo, "log", "--format=%s").splitlines()
    assert subjects == [
        "导入台账 chengguan-ledger.xlsx",
        "建立东平县 2008 年信访问题专项治理活动台账",
    ]
    assert git(repo, "status", "--porcelain") == ""
    imported = git(repo, "-c", "core.quotepath=off", "show", "--name-only", "--format=", "HEAD")
    assert sorted(imported.split()) == sorted(
        ["导入报告.txt", "cases/XF2008-T01-001.yml", "cases/XF2008-T01-002.yml",
         "cases/XF2008-D01-001.yml", "cases/XF2008-D01-002.yml", "cases/XF2008-D02-001.yml",
         "cases/XF2008-D03-001.yml", "cases/XF2008-D04-001.yml", "cases/XF2008-D05-001.yml",
         "risks/YH2008-T01-001.yml"]
    )  # fmt: skip
    message = git(repo, "log", "-1", "--format=%b")
    assert (
        "台账 chengguan-ledger.xlsx：10 行中导入 9 行（8 件案件、1 件隐患），不能导入 1 行。"
        in message
    )
    report = (repo / "导入报告.txt").read_text(encoding="utf-8")
    assert "台账 chengguan-ledger.xlsx：10 行中导入 9 行" in report and report in out
    # The row not imported is named with its reason; no row is lost without a word.
    assert "不能导入 1 行：\n  第 12 行，列“类别”：“一般”不是可选的问题类别" in report
    assert "包案领导“褚镇长”只写了姓和职务" in report
    case = yaml.safe_load((repo / "cases" / "XF2008-D05-001.yml").read_text(encoding="utf-8"))
    assert "lead_official" not in case["responsibility"] and "褚镇长" in case["notes"]
    case = yaml.safe_load((repo / "cases" / "XF2008-D01-002.yml").read_text(encoding="utf-8"))
    assert case["responsibility"]["lead_official"] == "孙立新"  # 孙副县长

    # check reports only what the ledger lacks: each error is one the report asked to supply, and
    # the import's own commit (old dates committed today) raises no audit finding.
    assert main(["check", "--root", str(repo), "--as-of", "2008-07-31"]) == 1
    found = capsys.readouterr().out
    assert "audit-" not in found
    to_supply = {
        m[1]: m[2]
        for m in re.finditer(
            r"→ (cases/\S+).*?导入后须补充（xinfang check 会报错）：([^\n]*)", report, re.S
        )
    }
    errors = re.findall(r"^(cases/\S+?):\d+: 错误 \[[\w-]+\] (.+)$", found, re.M)
    assert len(errors) >= 8
    for path, error in errors:
        assert plain(error) in to_supply[path], (path, error)

    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=repo, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    changes = (site / "changes.html").read_text(encoding="utf-8")
    assert "导入台账 chengguan-ledger.xlsx" in changes and "XF2008-D05-001" in changes
    program = subprocess.run(
        ["git", "log", "-50", "--format=%s"], cwd=ROOT, capture_output=True, text=True
    )
    assert not [s for s in program.stdout.splitlines() if len(s) > 12 and s in changes]


@pytest.mark.parametrize(
    ("ledger", "units", "figures"),
    [
        ("style-qingshan.xls", ["青山镇", "县民政局", "县劳动局", "县法院", "县国土局", "公安局",
                                "县信访局"], "10 行中导入 8 行（8 件案件），不能导入 2 行"),
        ("style-units.xlsx", ["城关镇", "东关乡", "县法院", "县公安局", "县信访局"],
         "8 行中导入 8 行（8 件案件），不能导入 0 行"),
        ("style-shiqiao.xlsx", ["石桥乡", "公安局", "县发改局", "县劳动局", "县信访局"],
         "7 行中导入 4 行（4 件案件），不能导入 3 行"),
        ("style-dongguan-wps.csv", ["东关乡", "县检察院", "东关司法所", "县发改局", "司法局",
                                    "县信访局"], "7 行中导入 7 行（7 件案件），不能导入 0 行"),
    ],
)  # fmt: skip
def test_each_clerk_s_ledger_starts_a_campaign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ledger: str, units: list[str], figures: str
) -> None:
    repo, code = _init(tmp_path, LEDGERS / ledger)
    out = capsys.readouterr().out
    assert code == 0, out
    campaign = yaml.safe_load((repo / "campaign.yml").read_text(encoding="utf-8"))
    assert [u["name"] for u in campaign["units"]] == units
    assert f"台账 {ledger}：{figures}。" in out
    refused = int(figures.split("不能导入 ")[1].split(" ")[0])
    if refused:
        assert f"不能导入 {refused} 行：" in (repo / "导入报告.txt").read_text(encoding="utf-8")
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "2"
    assert all(" " not in lr["name"] and len(lr["name"]) <= 4 for lr in campaign["leaders"])


def test_a_units_list_wins_for_the_units_and_the_ledger_gives_leaders_and_cases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    units = tmp_path / "单位.txt"
    units.write_text("城关镇\n县人民检察院\n县信访局\n", encoding="utf-8")
    repo, code = _init(tmp_path, LEDGERS / "chengguan-ledger.xlsx", "--units", str(units))
    out = capsys.readouterr().out
    assert code == 0, out
    campaign = yaml.safe_load((repo / "campaign.yml").read_text(encoding="utf-8"))
    assert [u["name"] for u in campaign["units"]] == ["城关镇", "县人民检察院", "县信访局"]
    assert [lr["name"] for lr in campaign["leaders"]] == ["孙立新", "周立波", "郑春生", "陈明亮"]
    # Rows of units the list leaves out are named, not lost.
    report = (repo / "导入报告.txt").read_text(encoding="utf-8")
    assert "第 7 行，列“责任单位”：单位“县国土局”在 campaign.yml 中没有定义" in report
    assert "10 行中导入 5 行（4 件案件、1 件隐患），不能导入 5 行" in out
    assert "→ cases/XF2008-D01-001.yml" in report  # 县检察院 is the list's 县人民检察院


@pytest.mark.parametrize(
    ("case", "content", "extra", "message"),
    [
        ("missing", None, [], "找不到文件"),
        ("not a workbook", b"PK\x03\x04 not really a zip", [], "台账.xlsx"),
        ("no units", "信访人,反映问题,问题类别\n甲,反映道路损毁,热点难点\n".encode(), [],
         "没有写任何单位"),
        ("a unit of no kind", "信访人,反映问题,问题类别,责任单位\n甲,反映道路损毁,热点难点,西山林场\n".encode(),
         [], "西山林场” 从名称看不出是乡镇还是部门"),
        ("with --from", None, ["--from", "上次"], "请只用其中一个"),
    ],
)  # fmt: skip
def test_a_ledger_that_cannot_start_a_campaign_makes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    content: bytes | None,
    extra: list[str],
    message: str,
) -> None:
    ledger = tmp_path / ("台账.csv" if content and not content.startswith(b"PK") else "台账.xlsx")
    if content is not None:
        ledger.write_bytes(content)
    if case == "with --from":
        ledger = LEDGERS / "style-units.xlsx"
    target, code = _init(tmp_path, ledger, *extra)
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err, err
    assert not target.exists()


def test_an_import_that_fails_takes_the_new_repository_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from xinfang.county import ledger_start
    from xinfang.errors import XinfangError

    def broken(*args: object, **kwargs: object) -> None:
        raise XinfangError("台账第 3 行读不了")

    monkeypatch.setattr(ledger_start, "import_workbook", broken)
    target, code = _init(tmp_path, LEDGERS / "style-units.xlsx")
    assert code == 2 and "台账第 3 行读不了" in capsys.readouterr().err
    assert not target.exists()
