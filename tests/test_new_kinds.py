"""`xinfang new --kind`: the records beside the cases, numbered like cases, from templates that
fail the schema until filled, in a repository kept in a Chinese folder with a space."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import xinfang
from xinfang.cli import main
from xinfang.office import newrecord
from xinfang.office.newcase import UsedIds
from xinfang.records.loader import load_file

from .conftest import ROOT, make_repo
from .test_cli_check import ARGPARSE_ENGLISH
from .test_new import git

FOLDERS = {
    "risk": "risks",
    "person": "persons",
    "assignment": "assignments",
    "accountability": "accountability",
    "submission": "submissions",
    "meeting": "meetings",
    "publicity": "publicity",
    "inspection": "inspections",
    "commendation": "commendations",
}
NUMBERED = (
    "risk",
    "person",
    "assignment",
    "accountability",
    "meeting",
    "publicity",
    "inspection",
    "commendation",
)
#: The arguments of each numbered kind, and the file it makes after the bundled records.
MADE = {
    "risk": (["--unit", "T01"], "risks/YH2008-T01-003.yml"),
    "person": (["--unit", "城关镇"], "persons/ZD2008-T01-003.yml"),
    "assignment": ([], "assignments/JB2008-011.yml"),
    "accountability": ([], "accountability/ZZ2008-005.yml"),
    # the office records the county's summary meeting
    "meeting": (["--unit", "县信访局"], "meetings/HY2008-D06-003.yml"),
    "publicity": (["--unit", "T01"], "publicity/XC2008-T01-002.yml"),
    "inspection": ([], "inspections/DC2008-004.yml"),
    "commendation": ([], "commendations/BZ2008-003.yml"),
}
#: What a staff member writes in place of each placeholder, key by key (in file order).
FILL: dict[str, dict[str, list[str]]] = {
    "risk": {
        "title": ["西街村村民反映村道损毁无人维修，酝酿集体上访"],
        "kind": ["village_affairs"],
        "unit": ["T01"],  # the locality
        "place": ["城关镇西街村"],
        "people": ["30"],
        "description": ["西街村主干道去年汛期损毁，村民多次找村委会未果，有到县上访的苗头。"],
        "level": ["medium"],
        "official": ["姜海涛"],
        "measures": ["镇村干部逐户说明维修计划；8 月底前落实维修资金。"],
        "review": ["'2008-08-01'"],
    },
    "person": {
        "name": ["刘长河", "潘晓东", "史建波"],  # the person, the handler, the local official
        "reasons": ["[long_term, repeat]"],
        "background": ["反映村道损毁多年未修，多次到县反映，要求修复并公开村务。"],
        "cases": ["[XF2008-T01-001]"],
        "leader": ["钱立民"],
        "unit": ["D02"],  # the handler's unit
        "resolve": ["镇政府牵头落实维修资金，8 月底前完工并当面答复。"],
        "visits": ["属地责任人每两周上门一次"],
    },
    "assignment": {
        "level": ["city"],
        "from": ["市信访局"],
        "number": ["市信交〔2008〕30号"],
        "kind": ["assign"],
        "subject": ["西街村村民反映村道损毁无人维修，到市信访局上访。"],
        "report_due": ["'2008-09-20'"],
    },
    "accountability": {
        "kind": ["notice"],
        "by": ["县信访问题专项治理活动领导小组"],
        "meeting": ["领导小组第六次会议"],
        "fault": ["[buck_passing]"],
        "facts": ["[城关镇把西街村道路维修问题三次转给村委会，没有落实维修资金。]"],
        "units": ["[T01]"],
        "reason": ["城关镇对西街村道路维修问题推诿扯皮，村民到市集体上访。"],
        "cases": ["[XF2008-T01-001]"],
    },
    "meeting": {
        "type": ["summary"],
        "chaired_by": ["赵振华"],
        "attendance": ["领导小组成员、各单位主要负责人，共 80 人"],
        "arranged": ["总结全县专项治理活动，宣读表彰决定，部署未结案件的下一步工作。"],
    },
    "publicity": {
        "form": ["street"],
        "place": ["城关镇农贸市场"],
        "topics": ["[regulation, channels]"],
        "content": ["逢集设咨询台，发放《信访条例》问答，讲明反映问题的渠道。"],
    },
    "inspection": {
        "team": ["县领导小组第一督查组"],
        "leader": ["钱立民"],
        "units": ["[T01]"],
        "focus": ["总结验收阶段：书面总结和未结案件的下一步措施。"],
    },
    "commendation": {
        "honour": ["信访问题专项治理活动先进集体"],
        "by": ["县信访问题专项治理活动领导小组"],
        "meeting": ["领导小组第七次会议"],
        "units": ["[T03]"],
        "facts": ["[柳河镇按时上报各阶段材料，登记案件逐件落实包案领导。]"],
    },
}
EMPTY = re.compile(r"^(\s*(?:- )?)(\w+):(?: ''| \[\])?(\s*#.*)?$")


#: The package under test, for the commands run in a child process.
PACKAGE_PATH = str(Path(xinfang.__file__).resolve().parents[1])


def new(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`xinfang new` run in ``repo`` by the package under test."""
    path = os.pathsep.join(filter(None, [PACKAGE_PATH, os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "new", *args],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def full_repo(tmp_path: Path) -> Path:
    """The bundled campaign with its cases and records, in a Chinese folder with a space."""
    repo = make_repo(tmp_path / "信访 案件仓库", ROOT / "cases")
    for folder in FOLDERS.values():
        shutil.copytree(ROOT / folder, repo / folder)
    return repo


def fill(text: str, values: dict[str, list[str]]) -> str:
    """Replace every placeholder ('', [] or nothing) of a key in ``values``, as staff would."""
    queues = {key: list(given) for key, given in values.items()}
    out = []
    for line in text.splitlines():
        match = EMPTY.match(line)
        if match and queues.get(match[2]):
            indent, key, rest = match.groups()
            line = f"{indent}{key}: {queues[key].pop(0)}{rest or ''}"
        out.append(line)
    assert all(not q for q in queues.values()), queues
    return "\n".join(out) + "\n"


def findings_of(report: str, rel: str) -> list[str]:
    return [line for line in report.splitlines() if line.startswith(f"{rel}:")]


def assert_required_written(schema: dict[str, Any], node: dict[str, Any], data: Any) -> None:
    """Every key the schema requires is in ``data``, in every object written."""
    if "$ref" in node:
        ref = node["$ref"].removeprefix("#/").split("/")
        node = {**schema[ref[0]][ref[1]], **node}
    if not isinstance(data, dict) or "properties" not in node:
        return
    assert set(node.get("required", ())) <= set(data), (node.get("title"), data)
    for key, value in data.items():
        assert_required_written(schema, node["properties"][key], value)


@pytest.mark.parametrize("kind", NUMBERED)
def test_a_new_record_takes_the_next_id_and_fails_check_until_filled_then_passes(
    full_repo: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    args, rel = MADE[kind]
    assert main(["new", "--root", str(full_repo), "--kind", kind, *args]) == 0
    out = capsys.readouterr()
    assert out.out == f"{rel}\n" and "中文注释" in out.err
    path = full_repo / rel
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n")
    assert not re.search(r": \d{4}-\d{2}-\d{2}", text)  # every date quoted
    record = load_file(path, full_repo)
    assert record.data is not None and not record.findings, record.findings
    schema = json.loads((full_repo / "schema" / f"{kind}.schema.json").read_text("utf-8"))
    assert_required_written(schema, schema, record.data)
    assert record.data["id"] == path.stem

    assert main(["check", "--root", str(full_repo), "--as-of", "2008-07-20", str(path)]) == 1
    found = findings_of(capsys.readouterr().out, rel)
    assert found
    for line in found:
        assert re.match(rf"^{re.escape(rel)}:[1-9][0-9]*: 错误 \[schema-[a-zA-Z]+\] “", line), line

    path.write_text(fill(text, FILL[kind]), encoding="utf-8")
    main(["check", "--root", str(full_repo), "--as-of", "2008-07-20", str(path)])
    report = capsys.readouterr().out
    assert findings_of(report, rel) == [], report


def test_the_open_state_and_the_unit_are_prefilled(full_repo: Path) -> None:
    assert new(full_repo, "--kind", "risk", "--unit", "柳河").returncode == 0
    risk = load_file(full_repo / "risks" / "YH2008-T03-003.yml", full_repo).data
    assert risk is not None
    assert risk["status"] == "open" and risk["responsibility"]["unit"] == "T03"
    assert risk["found"] == "2008-07-20"  # the campaign's as-of date, as for a new case
    assert new(full_repo, "--kind", "重点人员", "--unit", "t03").returncode == 0
    person = load_file(full_repo / "persons" / "ZD2008-T03-004.yml", full_repo).data
    assert person is not None
    assert person["status"] == "active" and person["locality"] == "T03"
    assert person["team"]["local"]["unit"] == "T03"


def test_the_key_person_template_keeps_the_register_to_helping(full_repo: Path) -> None:
    assert new(full_repo, "--kind", "person", "--unit", "T05").returncode == 0
    text = (full_repo / "persons" / "ZD2008-T05-004.yml").read_text(encoding="utf-8")
    header = text.split("\n\n")[0]
    assert "一律保密" in header and "不记录行踪和动向" in header
    assert "不限制本人依法信访的权利" in header
    keys = re.findall(r"^\s*#?\s*(?:- )?(\w+):", text, re.MULTILINE)
    assert not {"whereabouts", "movements", "location", "trace", "contacts"} & set(keys)
    for word in ("行踪：", "去向：", "动向："):
        assert word not in text


class PathName:
    """A record's path with its number replaced: risks/YH2008-T01-003.yml → …-020.yml."""

    def __init__(self, rel: str) -> None:
        self.rel = rel

    def with_number(self, number: int) -> str:
        return re.sub(r"-[0-9]{3}\.yml$", f"-{number:03d}.yml", self.rel)


@pytest.mark.parametrize("kind", NUMBERED)
def test_an_id_deleted_in_git_history_is_never_reused(full_repo: Path, kind: str) -> None:
    args, rel = MADE[kind]
    folder = FOLDERS[kind]
    made = PathName(rel)
    deleted = made.with_number(20)
    git(full_repo, "init", "-q", "-b", "main")
    (full_repo / deleted).write_text("id: x\n", encoding="utf-8")
    git(full_repo, "add", "-A")
    git(full_repo, "commit", "-q", "-m", "记录")
    git(full_repo, "rm", "-q", deleted)
    git(full_repo, "commit", "-q", "-m", "删除")
    assert not (full_repo / deleted).exists()
    result = new(full_repo, "--kind", kind, *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{made.with_number(21)}\n"
    assert "不是 git 仓库" not in result.stderr
    assert (full_repo / folder).is_dir()


@pytest.mark.parametrize("kind", NUMBERED)
def test_a_file_created_meanwhile_is_never_overwritten(
    full_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    # The ids were read before the bundled files appeared: every number they hold is drawn again.
    monkeypatch.setattr(newrecord, "used_ids", lambda *_: UsedIds(set(), from_git=False))
    folder = full_repo / FOLDERS[kind]
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    args, rel = MADE[kind]
    assert main(["new", "--root", str(full_repo), "--kind", kind, *args]) == 0
    assert capsys.readouterr().out == f"{rel}\n"
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name in before} == before


def test_a_unit_submission_is_made_once_and_never_replaced(
    full_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = full_repo / "submissions" / "T01.yml"
    before = existing.read_bytes()
    result = new(full_repo, "--kind", "submission", "--unit", "城关镇")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "submissions/T01.yml 已经存在" in result.stderr and "请直接打开它" in result.stderr
    assert existing.read_bytes() == before

    (full_repo / "submissions" / "D11.yml").unlink()
    assert (
        main(["new", "--root", str(full_repo), "--kind", "submission", "--unit", "县建设局"]) == 0
    )
    assert capsys.readouterr().out == "submissions/D11.yml\n"
    path = full_repo / "submissions" / "D11.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/submission.schema.json\n")
    record = load_file(path, full_repo)
    assert record.data == {"unit": "D11"}
    # The working group's block, uncommented and filled in, is a valid part of the record.
    block = text.split("# working_group:\n")[1].split("\n\n")[0]
    uncommented = "working_group:\n" + "\n".join(line[2:] for line in block.splitlines())
    values = {"submitted": ["'2008-04-14'"], "name": ["周建国"], "post": ["局长"]}
    filled = fill(uncommented, {**values, "role": ["leader"]})
    path.write_text(text + "\n" + filled, encoding="utf-8")
    main(["check", "--root", str(full_repo), "--as-of", "2008-07-20", str(path)])
    assert findings_of(capsys.readouterr().out, "submissions/D11.yml") == []
    assert new(full_repo, "--kind", "submission", "--unit", "D11").returncode == 2


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--kind", "case2"], "没有“case2”这种记录：请用 --kind 从以下种类中选择"),
        (
            ["--kind", "risk"],
            "请用 --unit 指定责任单位（代码或名称），例如 xinfang new --kind risk",
        ),
        (["--kind", "person"], "请用 --unit 指定属地单位"),
        (["--kind", "submission"], "请用 --unit 指定上报单位"),
        (
            ["--kind", "assignment", "--unit", "T01"],
            "交办件按年份统一编号，不分单位：请去掉 --unit",
        ),
        (
            ["--kind", "risk", "--unit", "T01", "--category", "prominent"],
            "--category 只用于新建案件",
        ),
        (["--kind", "risk", "--unit", "关"], "“关”对应多个单位"),
    ],
)
def test_usage_errors_are_chinese_and_name_the_fix(
    full_repo: Path, args: list[str], expected: str
) -> None:
    before = sorted(p.name for p in full_repo.rglob("*.yml"))
    result = new(full_repo, *args)
    assert result.returncode == 2 and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not ARGPARSE_ENGLISH.search(result.stderr)
    assert sorted(p.name for p in full_repo.rglob("*.yml")) == before


def test_the_default_kind_is_still_a_case(full_repo: Path) -> None:
    assert new(full_repo, "--unit", "T01").stdout == "cases/XF2008-T01-006.yml\n"
    assert new(full_repo, "--kind", "案件", "--unit", "T01").stdout == "cases/XF2008-T01-007.yml\n"


def test_help_is_chinese_and_lists_the_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["new", "-h"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：xinfang new") and "选项：" in out and "显示本说明并退出" in out
    assert not ARGPARSE_ENGLISH.search(out), out
    for kind, folder in FOLDERS.items():
        assert f"{kind} " in out and f"{folder}/" in out
    assert "不记录行踪和动向" in out
