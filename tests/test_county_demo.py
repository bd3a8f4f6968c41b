"""`xinfang demo`: the bundled campaign replayed as a county's history of 2008, ending in the
bundled records exactly, with an audit that flags only what the demo means to show."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from xinfang.cli import main
from xinfang.county.demo import history
from xinfang.county.demo_history import without_audit_start
from xinfang.history.audit import audit
from xinfang.history.reader import read_history
from xinfang.records.builder import Loaded
from xinfang.records.loader import load_text
from xinfang.records.repository import open_repository
from xinfang.records.schema import load_schema
from xinfang.records.validate import validate
from xinfang.site.generator import build_site
from xinfang.site.inputs import gather

from .conftest import ROOT

RECORDS = ("cases", "risks", "persons", "assignments", "submissions", "accountability", "evidence")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("demo") / "示例台账"
    assert main(["demo", str(target), "--root", str(ROOT)]) == 0
    yield target


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=repo,
                          capture_output=True, text=True, check=True)  # fmt: skip
    return done.stdout


def _files(root: Path, folder: str) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / folder).rglob("*") if p.is_file()}  # fmt: skip


def test_the_last_tree_holds_the_bundled_records_exactly(demo: Path) -> None:
    for folder in RECORDS:
        assert _files(demo, folder) == _files(ROOT, folder), folder
    bundled = (ROOT / "campaign.yml").read_text(encoding="utf-8")
    ours = (demo / "campaign.yml").read_text(encoding="utf-8")
    assert ours == without_audit_start(bundled) != bundled
    gone = set(bundled.splitlines()) - set(ours.splitlines())
    # Only the audit start and its comment are gone.
    assert all(line.strip().startswith(("#", "audit_from:")) for line in gone)
    assert any(line.strip().startswith("audit_from:") for line in gone)
    assert git(demo, "status", "--porcelain") == ""
    tracked = git(demo, "ls-files").split()
    assert not any(p.startswith(("scripts/", "tests/", "benchmarks/")) for p in tracked)


def test_every_commit_is_a_unit_s_in_2008_in_chinese(demo: Path) -> None:
    log = git(demo, "log", "--format=%aI%x1f%cI%x1f%an%x1f%ae%x1f%B%x1e").split("\x1e")
    commits = [entry.strip("\n").split("\x1f") for entry in log if entry.strip()]
    assert len(commits) > 300
    staff = {
        m["name"]
        for path in (ROOT / "submissions").glob("*.yml")
        for m in __import__("yaml").safe_load(path.read_text("utf-8"))["working_group"]["members"]
    }
    program = set(git(ROOT, "log", "-30", "--format=%an").split("\n")) - {""}
    for authored, committed, name, email, message in commits:
        assert authored.startswith("2008-") and authored.endswith("+08:00"), authored
        assert committed == authored
        assert name in staff and name not in program, name
        assert email.endswith("@xx.gov.cn")
        subject = message.splitlines()[0]
        assert (CJK.search(subject) and "：" in subject) or subject.startswith("建立"), subject
        assert not re.search(r"\b(the|and|test|fix|merge)\b", message, re.IGNORECASE), message
    messages = "\n".join(c[4] for c in commits)
    for what in ("登记案件", "办理进展", "结案", "更正", "重新办理", "延期", "走访帮扶", "验收"):
        assert what in messages, what
    first = commits[-1][4]
    assert first.startswith("建立XX县 2008 年信访问题专项治理活动台账")


def test_a_case_s_status_follows_its_dated_parts_through_a_reopening(demo: Path) -> None:
    hist = read_history(demo)
    reopened = hist.files["cases/XF2008-T03-003.yml"]
    assert [(c.commit.day, c.new) for c in reopened.timeline("status")] == [
        ("2008-04-16", "registered"),
        ("2008-04-20", "in_progress"),
        ("2008-06-03", "closed"),
        ("2008-06-16", "in_progress"),
    ]
    closed = hist.files["cases/XF2008-T01-001.yml"]
    assert [(c.commit.day, c.new) for c in closed.timeline("status")][-1] == (
        "2008-06-25",
        "closed",
    )
    corrected = git(demo, "log", "-p", "--format=%s", "--", "cases/XF2008-T03-002.yml")
    assert "-    opinion: 2.2 亩返还信访人耕种，修渠占地 0.4 亩补偿 2000 元" in corrected
    assert "+    opinion: 2.2 亩返还信访人耕种，修渠占地 0.4 亩补偿 2400 元" in corrected


def test_every_version_of_every_record_is_a_valid_record() -> None:
    from xinfang.county.demo_history import Record, steps

    repo = open_repository(ROOT)
    cases = {c.id: c.registered for c in repo.cases}
    campaign = __import__("yaml").safe_load((ROOT / "campaign.yml").read_text("utf-8"))
    rank = {code: i for i, code in enumerate(repo.campaign.units)}
    kinds = {"cases": "case", "risks": "risk", "persons": "person", "assignments": "assignment",
             "submissions": "submission", "accountability": "accountability"}  # fmt: skip
    schemas = {folder: load_schema(ROOT, kind, compiled=False) for folder, kind in kinds.items()}
    checked = 0
    for folder in kinds:
        for path in sorted((ROOT / folder).glob("*.yml")):
            record = Record(folder, f"{folder}/{path.name}", path.read_text("utf-8"), "D06")
            for step in steps(record, cases, date(2008, 4, 12), campaign, rank):
                loaded = load_text(step.text, Loaded(path, step.rel))
                assert validate(loaded, schemas[folder]), (step.rel, step.day, loaded.findings)
                checked += 1
    assert checked > 400


def test_the_audit_flags_only_the_closure_the_demo_commits_late(demo: Path) -> None:
    found = audit(open_repository(demo), read_history(demo))
    assert [(f.file, f.rule) for f in found] == [
        ("cases/XF2008-D07-004.yml", "audit-backdated-closure")
    ]
    assert "晚了 12 天" in found[0].message


def test_the_site_s_change_log_reads_as_the_county_s(demo: Path) -> None:
    inputs = gather(demo, None)
    site = build_site(inputs, None)
    changes = next(p for p in site.pages if p.path == "changes.md").body
    assert "柳河镇：XF2008-T03-002 更正" in changes and "重新办理" in changes
    assert "县国土资源局：XF2008-D07-004 补录结案" in changes
    program = [s for s in git(ROOT, "log", "-50", "--format=%s").splitlines() if len(s) > 12]
    assert program and not [s for s in program if s in changes]
    assert not re.search(r"20(1\d|2\d)-\d\d-\d\d", changes)  # only 2008 on it


def test_the_same_records_give_the_same_history(demo: Path, tmp_path: Path) -> None:
    again = [(c.when, c.author, c.message, c.files) for c in history(ROOT)]
    assert len(again) == int(git(demo, "rev-list", "--count", "HEAD"))
    head = git(demo, "rev-parse", "HEAD")
    assert main(["demo", str(demo), "--root", str(ROOT)]) == 0  # a demo folder is made again
    assert git(demo, "rev-parse", "HEAD") == head


def test_a_folder_that_is_not_a_demo_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "我的台账"
    target.mkdir()
    (target / "campaign.yml").write_text("county: 东平县\n", "utf-8")
    assert main(["demo", str(target), "--root", str(ROOT)]) == 2
    assert "不是示例仓库" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["campaign.yml"]
