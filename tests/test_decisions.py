"""The leading group decides, the program lists: 通报批评 only on a recorded decision, the
candidates on a paper of their own, and one draft record per incident.

Issue 23 point 1 and issue 20 point 7. The bundled campaign at 2008-07-20 records four decisions:
ZZ2008-001 (06-10, issued as 〔2008〕2号), ZZ2008-002 (07-01, 〔2008〕4号), the talk ZZ2008-003
(07-03) and ZZ2008-004 (07-18, 柳河镇, decided at the group's fifth meeting and not issued yet).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from xinfang.cli import main
from xinfang.history.gate import run_check
from xinfang.office.notice.build import build_notice, write_markdown
from xinfang.records.repository import open_repository

from .test_duty_records import bundled

AS_OF = date(2008, 7, 20)
UNITS = ("城关镇", "东关乡", "柳河镇", "石桥乡", "青山镇", "县委政法委", "县人民法院", "县司法局")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return bundled(tmp_path / "repo")


def criticism(root: Path, as_of: date = AS_OF) -> str:
    text = write_markdown(build_notice(root, as_of))
    return text[text.index("、通报批评\n") : text.index("、下一步工作要求")]


def propose(root: Path, *args: str) -> int:
    return main(["propose", "--root", str(root), "--as-of", "2008-07-20", *args])


# --- 23.1: the notice names only what the leading group decided ----------------------------------


def test_the_bundled_notice_criticises_no_unit_without_a_recorded_decision(repo: Path) -> None:
    named = criticism(repo)
    assert [u for u in UNITS if u in named] == ["柳河镇"]
    decisions = {
        a.id: a for a in open_repository(repo).duties.actions if a.kind == "notice" and a.decided
    }
    assert set(decisions) == {"ZZ2008-001", "ZZ2008-002", "ZZ2008-004"}
    # Who decided, when, at which meeting, on which facts, as the record says.
    assert (
        "（一）经县信访问题专项治理活动领导小组（领导小组第五次会议，7月18日）研究，认定柳河镇存在"
        "处理不到位的问题，决定予以通报批评。认定的事实：县环保局 5 月 28 日下达限期治理决定后，"
        in named
    )
    assert "（关联事件：XF2008-T03-003（6月16日））" in named
    # Decisions issued before (〔2008〕2号 and 4号) are not criticised a second time.
    assert "石桥乡" not in named and "县人民法院" not in named


def test_a_record_without_its_meeting_or_facts_is_no_decision(repo: Path) -> None:
    path = repo / "accountability" / "ZZ2008-004.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("meeting: 领导小组第五次会议\n", ""), encoding="utf-8")
    assert "柳河镇" not in criticism(repo)
    [found] = [f for f in run_check(repo, AS_OF).findings if f.rule == "accountability-decision"]
    assert found.file == "accountability/ZZ2008-004.yml" and "研究决定的会议" in found.message


def test_a_decision_is_named_once_its_date_has_come(repo: Path) -> None:
    assert "柳河镇" not in criticism(repo, date(2008, 7, 17))
    assert "柳河镇" in criticism(repo, date(2008, 7, 18))


# --- 23.1: the candidates, on a paper of their own ----------------------------------------------


def test_the_study_paper_lists_the_incidents_with_their_facts(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert propose(repo) == 0
    paper = capsys.readouterr().out
    assert paper.startswith("# 供领导小组研究的事项")
    assert "是否存在上述情形、是否造成严重影响，由领导小组认定" in paper
    assert "建议" not in paper and "予以通报批评" not in paper
    items = re.findall(r"^（[一二三四五六七八九十]）(\d+月\d+日)，(XF2008-\w+-\d+)", paper, re.M)
    assert items == [
        ("4月25日", "XF2008-D07-001"),
        ("4月28日", "XF2008-T01-004"),
        ("5月6日", "XF2008-D06-001"),
        ("5月6日", "XF2008-D08-001"),
        ("5月8日", "XF2008-T05-003"),
        ("5月12日", "XF2008-T03-001"),
        ("5月19日", "XF2008-D07-005"),
    ]
    # Dealt with by a decision (T03-003, D02-005, T04-004, D05-002): not proposed again.
    studied = paper.split("## 三、")[0]
    assert "XF2008-T03-003" not in studied and "XF2008-D02-005" not in studied
    # Before the case was registered: background, not a candidate.
    background = paper.split("## 三、不计入单位责任的事件（背景）")[1]
    assert "4月15日，XF2008-T02-003" in background and "7月3日，XF2008-T01-005" in background
    out = repo / "供研究.docx"
    assert propose(repo, "--format", "docx", "--out", str(out)) == 0
    assert Document(str(out)).paragraphs[0].text == "供领导小组研究的事项"


def test_the_facts_that_bear_on_the_fault_element(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """东关乡 registered 刘集村's school case on 21 April and reported its ledger late (22 April);
    with no re-hearing and a deadline of 31 May, 12 parents went to the province on 3 June."""
    path = repo / "cases" / "XF2008-T02-003.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  deadline: '2008-07-15'", "  deadline: '2008-05-31'")
    text = re.sub(r"rehearing:\n(  .*\n)+", "", text)
    gone = "    note: 12 名家长到乡政府集体上访。\n"
    text = text.replace(
        gone,
        gone + "  - date: '2008-06-03'\n    form: visit\n    level: province\n    head_count: 12\n",
    )
    path.write_text(text, encoding="utf-8")
    assert propose(repo) == 0
    paper = capsys.readouterr().out
    item = paper.split("（八）6月3日，XF2008-T02-003")[1].split("## 三、")[0]
    assert "信访人 12 人到省走访，属越级集体访。共同承担责任的单位：东关乡。" in item
    assert "至事件发生时没有再次听取信访人的申诉。" in item
    assert "办结时限5月31日，事件发生时已超过 3 天。" in item
    assert "事件发生时，承办单位“排查台账”逾期报送。" in item


# --- 20.7: one draft record per incident --------------------------------------------------------


def test_propose_write_never_drafts_a_second_record(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert propose(repo, "--write") == 0
    first = capsys.readouterr().out.split()
    assert first == [f"accountability/ZZ2008-{n:03d}.yml" for n in range(5, 12)]
    # The drafts do not pass the check until the decision is written in them ...
    findings = [f for f in run_check(repo, AS_OF).findings if f.file in first]
    assert {f.file for f in findings if f.severity == "error"} == set(first)
    # ... and still hold their incidents: a second run drafts nothing.
    assert propose(repo, "--write") == 0
    assert "没有需要起草的" in capsys.readouterr().out
    assert sorted(p.name for p in (repo / "accountability").iterdir())[-1] == "ZZ2008-011.yml"
    # The paper says which incident has a draft waiting.
    assert propose(repo) == 0
    assert "已起草记录 accountability/ZZ2008-005.yml" in capsys.readouterr().out


def test_a_record_dated_later_still_holds_its_incident(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    later = repo / "accountability" / "ZZ2008-004.yml"
    later.write_text(
        later.read_text(encoding="utf-8").replace("date: '2008-07-18'", "date: '2008-07-25'"),
        encoding="utf-8",
    )
    assert propose(repo, "--write") == 0
    written = capsys.readouterr().out.split()
    texts = [(repo / w).read_text(encoding="utf-8") for w in written]
    assert len(written) == 7 and not any("case: XF2008-T03-003" in t for t in texts)


def test_a_completed_draft_is_a_decision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert propose(repo, "--write") == 0
    path = repo / "accountability" / "ZZ2008-010.yml"  # 张湾村, 12 May
    text = path.read_text(encoding="utf-8")
    assert "case: XF2008-T03-001" in text and "#   - 4月19日再次听取了信访人的申诉" in text
    text = (
        text.replace("date: ''", "date: '2008-07-20'")
        .replace("meeting: ''", "meeting: 领导小组第六次会议")
        .replace("fault: []", "fault: [perfunctory]")
        .replace("facts: []", "facts: [柳河镇对张湾村征地补偿款审计只召开了一次座谈会。]")
    )
    path.write_text(text, encoding="utf-8")
    assert [
        f for f in run_check(repo, AS_OF).findings if f.file == path.relative_to(repo).as_posix()
    ] == []
    named = criticism(repo)
    assert "柳河镇存在敷衍应付的问题" in named
    assert propose(repo) == 0
    assert "，XF2008-T03-001（" not in capsys.readouterr().out.split("## 三、")[0]


def test_a_draft_never_takes_an_id_deleted_in_git(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pull-request guard refuses an id used before: the draft draws past it, as
    `xinfang new --kind accountability` does."""
    env = ["-c", "user.name=褚文静", "-c", "user.email=a@b"]
    shutil.copy(
        repo / "accountability" / "ZZ2008-003.yml", repo / "accountability" / "ZZ2008-005.yml"
    )
    text = (repo / "accountability" / "ZZ2008-005.yml").read_text(encoding="utf-8")
    (repo / "accountability" / "ZZ2008-005.yml").write_text(
        text.replace("id: ZZ2008-003", "id: ZZ2008-005"), encoding="utf-8"
    )
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", *env, "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", *env, "commit", "-qm", "登记"], cwd=repo, check=True)
    (repo / "accountability" / "ZZ2008-005.yml").unlink()
    subprocess.run(["git", *env, "commit", "-qam", "撤回"], cwd=repo, check=True)
    assert propose(repo, "--write") == 0
    assert capsys.readouterr().out.split()[0] == "accountability/ZZ2008-006.yml"
    assert not [
        f for f in run_check(repo, AS_OF, base="HEAD").findings if f.rule == "guard-id-reused"
    ]


def test_drafts_never_overwrite_a_record(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(
        repo / "accountability" / "ZZ2008-001.yml", repo / "accountability" / "ZZ2008-010.yml"
    )
    assert propose(repo, "--write") == 0
    assert capsys.readouterr().out.split()[0] == "accountability/ZZ2008-011.yml"
