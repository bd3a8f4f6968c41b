"""History from one pass over git log: throwaway repositories with fixed dates and authors."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from xinfang.errors import ConfigError
from xinfang.history.fields import FieldReader, read_whole
from xinfang.history.reader import FIELDS, SHALLOW_MESSAGE, FieldChange, History, read_history

EXAMPLE = Path(__file__).resolve().parents[1] / "cases" / "XF2008-T01-001.yml"


class Repo:
    """A throwaway git repository; every commit has the author and date it is given."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def env(self, author: str, date: str) -> dict[str, str]:
        email = f"{abs(hash(author)) % 10_000}@xf.local"
        return {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": date,
        }

    def git(
        self, *args: str, author: str = "测试员", date: str = "2008-04-12T09:00:00+08:00"
    ) -> str:
        out = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=self.env(author, date),
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout.strip()

    def write(self, rel: str, text: str) -> None:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))

    def commit(self, message: str, author: str, date: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, author=author, date=date)
        return self.git("rev-parse", "HEAD")


def case(
    case_id: str,
    status: str = "registered",
    handler: str = "褚文静",
    deadline: str = "2008-06-30",
    closed: str | None = None,
    extensions: int = 0,
    progress: int = 0,
) -> str:
    lines = [
        "# yaml-language-server: $schema=../schema/case.schema.json",
        f"id: {case_id}",
        "title: 城关镇北街村村民反映拆迁补偿款未足额发放",
        "category: prominent",
        "registered: '2008-04-15'",
        "petitioners:",
        "  - name: 刘长河",
        "    locality: T01",
        "head_count: 12",
        "demand: 要求按新标准补足差额。",
        "responsibility:",
        "  unit: T01",
        "  lead_official: 郑春生",
        f"  handler: {handler}",
        "  stability_officer:",
        "    name: 孟庆丰",
        "    unit: T01",
        f"  deadline: '{deadline}'",
        f"status: {status}",
    ]
    if progress:
        lines.append("progress:")
        for k in range(progress):
            lines += [f"  - date: '2008-05-{10 + k:02d}'", f"    note: 第 {k + 1} 次走访。"]
    if extensions:
        lines.append("extensions:")
        for _ in range(extensions):
            lines += [
                "  - approved_by: 郑春生",
                "    approved_on: '2008-06-20'",
                "    days: 30",
                "    reason: 需要进一步核实。",
            ]
    if closed:
        lines += ["closure:", f"  date: '{closed}'", "  seal: true", "settled: true"]
    return "\n".join(lines) + "\n"


def values(changes: list[FieldChange]) -> list[tuple[object, object]]:
    return [(c.old, c.new) for c in changes]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "ledger")


def test_creation_edits_and_status_timeline(repo: Repo) -> None:
    repo.write("campaign.yml", "name: 专项治理\n")
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001"))
    c1 = repo.commit("登记 XF2008-T01-001", "褚文静", "2008-04-15T09:30:00+08:00")
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001", status="in_progress"))
    c2 = repo.commit("开始化解", "孟庆丰", "2008-04-22T16:00:00+08:00")
    repo.write("README.md", "说明\n")
    repo.commit("与案件无关的提交", "Office Bot", "2008-04-23T10:00:00+08:00")
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001", status="in_progress", progress=2))
    c3 = repo.commit("记录进展", "孟庆丰", "2008-05-16T10:00:00+08:00")
    repo.write(
        "cases/XF2008-T01-001.yml",
        case(
            "XF2008-T01-001",
            status="in_progress",
            progress=2,
            handler="王建国",
            deadline="2008-07-15",
            extensions=1,
        ),
    )
    c4 = repo.commit("更换责任人并延期", "郑春生", "2008-06-20T11:00:00+08:00")
    repo.write(
        "cases/XF2008-T01-001.yml",
        case(
            "XF2008-T01-001",
            status="closed",
            progress=2,
            handler="王建国",
            deadline="2008-07-15",
            extensions=1,
            closed="2008-06-25",
        ),
    )
    # 23:30 in New York on 24 June is 11:30 on 25 June in Shanghai.
    c5 = repo.commit("结案", "陈明亮", "2008-06-24T23:30:00-04:00")

    history = read_history(repo.path)
    assert isinstance(history, History)
    assert not history.shallow and history.message is None
    assert history.head == c5
    assert set(history.files) == {"cases/XF2008-T01-001.yml"}
    fh = history.files["cases/XF2008-T01-001.yml"]
    assert fh is history.for_id("XF2008-T01-001")
    assert fh.id == "XF2008-T01-001"
    assert not fh.deleted and not fh.truncated and fh.former_paths == []

    assert fh.created.hexsha == c1
    assert fh.created.author == "褚文静"
    assert fh.created.email.endswith("@xf.local")
    assert fh.created.date == "2008-04-15T09:30:00+08:00"
    assert fh.created.day == "2008-04-15"
    assert fh.created.subject == "登记 XF2008-T01-001"
    assert [c.hexsha for c in fh.commits] == [c1, c2, c3, c4, c5]  # not the README commit
    assert fh.updated.hexsha == c5
    assert fh.updated.date == "2008-06-24T23:30:00-04:00"
    assert fh.updated.day == "2008-06-25"

    status = fh.timeline("status")
    assert values(status) == [(None, "registered"), ("registered", "in_progress"),
                              ("in_progress", "closed")]  # fmt: skip
    assert [c.commit.hexsha for c in status] == [c1, c2, c5]
    assert status[1].commit.author == "孟庆丰"

    at_creation = {c.field: c.new for c in fh.changes if c.commit.hexsha == c1}
    assert at_creation == {
        "status": "registered",
        "responsibility.unit": "T01",
        "responsibility.lead_official": "郑春生",
        "responsibility.handler": "褚文静",
        "responsibility.stability_officer": "孟庆丰",
        "responsibility.deadline": "2008-06-30",
    }
    assert not [c for c in fh.changes if c.commit.hexsha == c3]  # progress only
    assert {(c.field, c.old, c.new) for c in fh.changes if c.commit.hexsha == c4} == {
        ("responsibility.handler", "褚文静", "王建国"),
        ("responsibility.deadline", "2008-06-30", "2008-07-15"),
        ("extensions", None, 1),
    }
    assert {(c.field, c.old, c.new) for c in fh.changes if c.commit.hexsha == c5} == {
        ("status", "in_progress", "closed"),
        ("closure.date", None, "2008-06-25"),
        ("settled", None, True),
    }
    assert all(c.field in FIELDS for c in fh.changes)
    assert [c.commit.date for c in fh.changes] == sorted(
        (c.commit.date for c in fh.changes), key=lambda d: d[:10]
    )
    assert history.ids_ever == {"XF2008-T01-001"}

    bare = read_history(repo.path, with_fields=False)
    assert bare.files["cases/XF2008-T01-001.yml"].changes == []
    assert [c.hexsha for c in bare.files["cases/XF2008-T01-001.yml"].commits] == [
        c1, c2, c3, c4, c5,
    ]  # fmt: skip

    data = history.as_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["files"]["cases/XF2008-T01-001.yml"]["created"]["author"] == "褚文静"


def test_rename_is_followed(repo: Repo) -> None:
    repo.write("cases/XF2008-T01-01.yml", case("XF2008-T01-01"))
    c1 = repo.commit("登记（编号写错）", "褚文静", "2008-04-15T09:00:00+08:00")
    repo.write("cases/XF2008-T01-01.yml", case("XF2008-T01-01", status="in_progress"))
    c2 = repo.commit("化解中", "孟庆丰", "2008-04-20T09:00:00+08:00")
    repo.git("mv", "cases/XF2008-T01-01.yml", "cases/XF2008-T01-001.yml")
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001", status="in_progress"))
    c3 = repo.commit("更正编号", "陈明亮", "2008-04-21T09:00:00+08:00")
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001", status="closed"))
    c4 = repo.commit("结案", "陈明亮", "2008-06-25T09:00:00+08:00")

    history = read_history(repo.path)
    assert set(history.files) == {"cases/XF2008-T01-001.yml"}
    fh = history.files["cases/XF2008-T01-001.yml"]
    assert fh.former_paths == ["cases/XF2008-T01-01.yml"]
    assert fh.created.hexsha == c1
    assert [c.hexsha for c in fh.commits] == [c1, c2, c3, c4]
    assert [c.commit.hexsha for c in fh.timeline("status")] == [c1, c2, c4]
    assert not fh.deleted
    assert history.ids_ever == {"XF2008-T01-01", "XF2008-T01-001"}
    assert history.for_id("XF2008-T01-01") is fh
    assert history.for_id("XF2008-T01-001") is fh
    assert history.for_id("XF2008-T99-999") is None


def test_merge_of_a_branch_that_added_a_case(repo: Repo) -> None:
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001"))
    repo.write("cases/XF2008-T02-001.yml", case("XF2008-T02-001"))
    c1 = repo.commit("登记", "褚文静", "2008-04-15T09:00:00+08:00")
    repo.git("checkout", "-q", "-b", "t03")
    repo.write("cases/XF2008-T03-001.yml", case("XF2008-T03-001"))
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001", status="in_progress"))
    b1 = repo.commit("新增 T03 案件", "王建国", "2008-04-16T09:00:00+08:00")
    repo.git("checkout", "-q", "main")
    repo.write("cases/XF2008-T02-001.yml", case("XF2008-T02-001", status="in_progress"))
    m1 = repo.commit("T02 化解中", "李秀英", "2008-04-17T09:00:00+08:00")
    repo.git("merge", "-q", "--no-ff", "t03", "-m", "合并 t03", date="2008-04-18T09:00:00+08:00")
    merge = repo.git("rev-parse", "HEAD")

    history = read_history(repo.path)
    added = history.files["cases/XF2008-T03-001.yml"]
    assert added.created.hexsha == b1
    assert added.created.author == "王建国"
    assert [c.hexsha for c in added.commits] == [b1]  # the merge adds nothing of its own
    t01 = history.files["cases/XF2008-T01-001.yml"]
    assert [c.hexsha for c in t01.commits] == [c1, b1]
    assert values(t01.timeline("status")) == [(None, "registered"), ("registered", "in_progress")]
    assert [c.commit.hexsha for c in t01.timeline("status")] == [c1, b1]
    t02 = history.files["cases/XF2008-T02-001.yml"]
    assert [c.hexsha for c in t02.commits] == [c1, m1]
    assert all(merge not in {c.hexsha for c in fh.commits} for fh in history.files.values())


def test_merge_conflict_resolution_is_recorded_once(repo: Repo) -> None:
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001"))
    c1 = repo.commit("登记", "褚文静", "2008-04-15T09:00:00+08:00")
    repo.git("checkout", "-q", "-b", "fix")
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001", handler="王建国"))
    b1 = repo.commit("换责任人", "王建国", "2008-04-16T09:00:00+08:00")
    repo.git("checkout", "-q", "main")
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001", handler="李秀英"))
    m1 = repo.commit("换责任人（另一种）", "李秀英", "2008-04-17T09:00:00+08:00")
    result = subprocess.run(
        ["git", "merge", "-q", "fix", "-m", "合并"],
        cwd=repo.path,
        env=repo.env("陈明亮", "2008-04-18T09:00:00+08:00"),
        capture_output=True,
    )
    assert result.returncode != 0  # a conflict, resolved by hand below
    repo.write(
        "cases/XF2008-T01-001.yml", case("XF2008-T01-001", handler="赵敏", status="in_progress")
    )
    merge = repo.commit("合并：责任人定为赵敏", "陈明亮", "2008-04-18T09:00:00+08:00")

    fh = read_history(repo.path).files["cases/XF2008-T01-001.yml"]
    assert [c.hexsha for c in fh.commits] == [c1, b1, m1, merge]
    handler = fh.timeline("responsibility.handler")
    assert [(c.new, c.commit.hexsha) for c in handler] == [
        ("褚文静", c1), ("王建国", b1), ("李秀英", m1), ("赵敏", merge),
    ]  # fmt: skip
    assert handler[-1].old == "李秀英"  # the first parent's value
    assert [(c.new, c.commit.hexsha) for c in fh.timeline("status")] == [
        ("registered", c1), ("in_progress", merge),
    ]  # fmt: skip


def test_deleted_case_keeps_its_history_and_id(repo: Repo) -> None:
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001"))
    repo.write("cases/XF2008-T01-002.yml", case("XF2008-T01-002"))
    c1 = repo.commit("登记两件", "褚文静", "2008-04-15T09:00:00+08:00")
    repo.git("rm", "-q", "cases/XF2008-T01-002.yml")
    c2 = repo.commit("删除重复登记", "陈明亮", "2008-04-16T09:00:00+08:00")

    history = read_history(repo.path)
    gone = history.files["cases/XF2008-T01-002.yml"]
    assert gone.deleted
    assert gone.created.hexsha == c1
    assert [c.hexsha for c in gone.commits] == [c1, c2]
    assert not history.files["cases/XF2008-T01-001.yml"].deleted
    assert history.ids_ever == {"XF2008-T01-001", "XF2008-T01-002"}
    assert history.for_id("XF2008-T01-002") is gone


def test_shallow_clone_is_detected(repo: Repo, tmp_path: Path) -> None:
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001"))
    repo.commit("登记", "褚文静", "2008-04-15T09:00:00+08:00")
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001", status="in_progress"))
    last = repo.commit("化解中", "孟庆丰", "2008-04-20T09:00:00+08:00")
    clone = tmp_path / "ci-checkout"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)],
        check=True,
        env=repo.env("CI", "2008-04-21T09:00:00+08:00"),
        capture_output=True,
    )

    history = read_history(clone)
    assert history.shallow
    assert history.message == SHALLOW_MESSAGE
    assert "浅克隆" in SHALLOW_MESSAGE
    assert "fetch-depth: 0" in SHALLOW_MESSAGE
    assert "git fetch --unshallow" in SHALLOW_MESSAGE
    fh = history.files["cases/XF2008-T01-001.yml"]
    assert fh.truncated  # the creation is beyond the cut
    assert fh.created.hexsha == last
    assert not read_history(repo.path).shallow
    assert not read_history(repo.path).files["cases/XF2008-T01-001.yml"].truncated


def test_not_a_repository_raises_config_error(tmp_path: Path) -> None:
    plain = tmp_path / "download"
    plain.mkdir()
    (plain / "cases").mkdir()
    with pytest.raises(ConfigError, match="不是 git 仓库"):
        read_history(plain)
    with pytest.raises(ConfigError, match="不存在"):
        read_history(tmp_path / "missing")


def test_repository_without_commits_gives_empty_history(repo: Repo) -> None:
    history = read_history(repo.path)
    assert history.files == {} and history.ids_ever == set()
    assert not history.shallow and history.head is None


def test_broken_yaml_does_not_crash(repo: Repo) -> None:
    path = "cases/XF2008-T01-001.yml"
    repo.write(path, case("XF2008-T01-001"))
    c1 = repo.commit("登记", "褚文静", "2008-04-15T09:00:00+08:00")
    repo.write(path, case("XF2008-T01-001").replace("status: registered", "status: [closed"))
    c2 = repo.commit("写坏了", "孟庆丰", "2008-04-16T09:00:00+08:00")
    (repo.path / path).write_bytes(case("XF2008-T01-001", status="in_progress").encode("gbk"))
    c3 = repo.commit("GBK 编码", "孟庆丰", "2008-04-16T10:00:00+08:00")
    repo.write(path, "\x00\x01 not yaml: [\n")
    repo.commit("乱码", "孟庆丰", "2008-04-16T11:00:00+08:00")
    repo.write(path, case("XF2008-T01-001", status="closed", closed="2008-06-25"))
    c5 = repo.commit("修好并结案", "陈明亮", "2008-06-25T09:00:00+08:00")

    fh = read_history(repo.path).files[path]
    assert len(fh.commits) == 5
    assert c2 in {c.hexsha for c in fh.commits} and c3 in {c.hexsha for c in fh.commits}
    status = fh.timeline("status")
    # Unreadable versions give no values: the change is seen against the last readable one.
    assert [(c.old, c.new, c.commit.hexsha) for c in status] == [
        (None, "registered", c1), ("registered", "closed", c5),
    ]  # fmt: skip


def test_root_may_be_a_folder_inside_the_repository(tmp_path: Path) -> None:
    outer = Repo(tmp_path / "county")
    outer.write("ledger/cases/XF2008-T01-001.yml", case("XF2008-T01-001"))
    outer.write("cases/XF2008-X99-001.yml", case("XF2008-X99-001"))  # outside the ledger
    c1 = outer.commit("登记", "褚文静", "2008-04-15T09:00:00+08:00")
    history = read_history(outer.path / "ledger")
    assert set(history.files) == {"cases/XF2008-T01-001.yml"}
    assert history.files["cases/XF2008-T01-001.yml"].created.hexsha == c1


def test_other_files_under_cases_are_not_records(repo: Repo) -> None:
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001"))
    repo.write("cases/README.md", "案件目录\n")
    repo.write("cases/2009/XF2009-T01-001.yaml", case("XF2009-T01-001"))
    repo.commit("登记", "褚文静", "2008-04-15T09:00:00+08:00")
    history = read_history(repo.path)
    assert set(history.files) == {"cases/XF2008-T01-001.yml", "cases/2009/XF2009-T01-001.yaml"}
    assert history.ids_ever == {"XF2008-T01-001", "XF2009-T01-001"}


# Reading the key blocks (and their traced children) one by one must agree with reading the whole
# version, wherever the whole version reads.
READER_CASES = [
    EXAMPLE.read_text(encoding="utf-8"),
    case("XF2008-T01-001"),
    case("XF2008-T01-001", status="closed", closed="2008-06-25", extensions=2, progress=3),
    "status: closed   # 已结案\nresponsibility:\n  unit: T01 # 城关镇\n  deadline: 2008-06-30\n",
    "status: 'in_progress'\nresponsibility:\n    unit: \"T01\"\n    handler: '褚''文静'\n",
    "responsibility: {unit: T01, handler: 褚文静}\nstatus: registered\nsettled: yes\n",
    "\"status\": closed\n'settled': false\n",
    "{status: closed, settled: true}\n",
    "status: closed\nextensions:\n- approved_by: 郑春生\n  days: 30\n- approved_by: 郑春生\n",
    "status: closed\nextensions: []\nclosure:\n  date: 2008-06-25T10:00:00+08:00\n",
    "status: closed\nclosure:\n  report: |\n    多行\n    文字\n  date: '2008-06-25'\n",
    "status: closed\nresponsibility:\n  stability_officer: 孟庆丰\n  requirements: >\n    多行\n",
    "status: registered\r\nresponsibility:\r\n  unit: T01\r\n",
    "\ufeffstatus: registered\nsettled: ~\n",
    "status: registered\nstatus: closed\n",
    "status:\n  closed\n",
    "status: closed\n  bad: indent\n",
    "status: &s closed\nsettled: *s\n",
    "status: !!str 123\nresponsibility:\n  unit: 12\n  deadline: 2008-6-30\n",
    "status: on\nsettled: NO\nresponsibility:\n  handler: null\n",
    "status: closed\t# tab comment\n",
    "id: x\nstatus: [closed\n",
    "status: a: b\n",
    "---\nstatus: closed\n",
    "status: closed\n---\nstatus: registered\n",
    'responsibility:\n  "unit": T01\n  requirements: 核清\nstatus: registered\n',
    "status: closed\nresponsibility:\n  requirements: |\n    多行\n  unit: T01\n  handler: 张伟\n",
    "status: closed\nclosure:\n  report:\n    problem: 反映的问题\n  date: '2008-06-25'\n"
    "  follow_up:\n    date: '2008-06-28'\n",
    "status: closed\nclosure:\n    date: '2008-06-25'\n    seal: true\n",
    "status: closed\nresponsibility:\n  unit: T01\n   handler: 张伟\n",
    "status: closed\nresponsibility:\n  unit: T01\n  unit_name: 城关镇\n  # 注释\n  deadline: x\n",
    "",
    "- not\n- a mapping\n",
    "id: XF2008-T01-001\n",
    "status: closed\nresponsibility:\n  # 注释\n  unit: T01\n# 顶格注释\n  handler: 张伟\n",
    "status: closed\nresponsibility:\n  unit: &u T01\n  handler: *u\n",
    "status: closed\nresponsibility:\n  unit: T01\n  unit: T02\n  deadline: 2008-06-30",
    "status: closed\nresponsibility:\n  handler: |\n    张伟\n  stability_officer:\n"
    "    name: 孟庆丰\n\n    unit: T01\n  deadline: 2008-06-30 10:00:00\n",
    'status: closed\nresponsibility:\n  handler: "张\n  伟"\n  deadline: x\n',
    "status: closed\nresponsibility: # 责任\n  unit: [T01, T02]\n  lead_official: {name: 郑春生}\n",
    "status: closed\nresponsibility:\n  unit: T01\n  - item\n",
    "status: closed\nclosure: &c\n  date: 2008-06-25\nsettled: *c\n",
]


@pytest.mark.parametrize("text", READER_CASES)
def test_reading_the_key_blocks_agrees_with_the_whole_version(text: str) -> None:
    data = text.encode("utf-8")
    assert FieldReader().read(data) == read_whole(data)


def test_one_reader_remembers_blocks_and_children_correctly() -> None:
    # The blocks and children read once are reused across versions: the answers do not change.
    reader = FieldReader()
    for text in READER_CASES * 2:
        data = text.encode("utf-8")
        assert reader.read(data) == read_whole(data), text


def test_only_the_key_blocks_are_read() -> None:
    # A file broken outside the key blocks still gives its key fields (PyYAML alone would
    # give nothing); a broken key block gives no values at all.
    text = case("XF2008-T01-001", status="closed") + "evidence: [unclosed\n"
    with pytest.raises(yaml.YAMLError):
        yaml.load(text, Loader=yaml.CSafeLoader)
    fields = FieldReader().read(text.encode("utf-8"))
    assert fields is not None and fields[0] == "closed"
    broken = text.replace("  unit: T01", "  unit: [T01")
    assert FieldReader().read(broken.encode("utf-8")) is None
    # Children that are not needed are not read either.
    lenient = case("XF2008-T01-001").replace("  deadline:", "  requirements: 一: 二\n  deadline:")
    with pytest.raises(yaml.YAMLError):
        yaml.load(lenient, Loader=yaml.CSafeLoader)
    fields = FieldReader().read(lenient.encode("utf-8"))
    assert fields is not None and fields[5] == "2008-06-30"


def test_one_git_log_for_all_files(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    import git

    for n in range(1, 6):
        repo.write(f"cases/XF2008-T01-{n:03d}.yml", case(f"XF2008-T01-{n:03d}"))
        repo.commit(f"登记 {n}", "褚文静", f"2008-04-{10 + n}T09:00:00+08:00")
    for n in range(1, 6):
        repo.write(f"cases/XF2008-T01-{n:03d}.yml", case(f"XF2008-T01-{n:03d}", "in_progress"))
    repo.commit("全部化解中", "孟庆丰", "2008-04-20T09:00:00+08:00")

    calls: list[str] = []
    execute = git.cmd.Git.execute

    def counting(self: git.cmd.Git, command: list[str], *args: object, **kwargs: object) -> object:
        calls.append(command[1] if command[0].endswith("git") else command[0])
        return execute(self, command, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(git.cmd.Git, "execute", counting)
    history = read_history(repo.path)
    assert len(history.files) == 5
    assert all(len(f.timeline("status")) == 2 for f in history.files.values())
    assert calls.count("log") == 1
    assert calls.count("cat-file") == 1
    assert sorted(calls) == ["cat-file", "log", "ls-tree", "rev-parse"]


def test_a_deletion_and_an_addition_in_one_commit_are_not_a_rename(repo: Repo) -> None:
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001"))
    c1 = repo.commit("登记", "褚文静", "2008-04-15T09:00:00+08:00")
    other = (
        case("XF2008-T01-002", handler="王建国", deadline="2008-07-31")
        .replace("城关镇北街村村民反映拆迁补偿款未足额发放", "东关村村民反映宅基地被占用")
        .replace("刘长河", "马桂芳")
        .replace("head_count: 12", "head_count: 3")
        .replace("要求按新标准补足差额。", "要求恢复宅基地原状并赔偿损失。")
    )
    repo.git("rm", "-q", "cases/XF2008-T01-001.yml")
    repo.write("cases/XF2008-T01-002.yml", other)
    c2 = repo.commit("删除重复登记，登记新案件", "陈明亮", "2008-04-16T09:00:00+08:00")

    history = read_history(repo.path)
    assert history.files["cases/XF2008-T01-001.yml"].deleted
    added = history.files["cases/XF2008-T01-002.yml"]
    assert added.created.hexsha == c2 and added.former_paths == []
    assert [c.hexsha for c in history.files["cases/XF2008-T01-001.yml"].commits] == [c1, c2]


def test_reading_in_small_pieces_gives_the_same_history(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xinfang.history.git_process as history_git

    big_note = "入户走访，核对补偿标准。" * 30_000  # a version of about 1 MB
    for n in range(1, 4):
        repo.write(f"cases/XF2008-T01-{n:03d}.yml", case(f"XF2008-T01-{n:03d}"))
    repo.commit("登记", "褚文静", "2008-04-15T09:00:00+08:00")
    repo.write(
        "cases/XF2008-T01-001.yml",
        case("XF2008-T01-001", "in_progress") + f"next_steps: {big_note}\n",
    )
    repo.git("mv", "cases/XF2008-T01-002.yml", "cases/XF2008-T01-020.yml")
    repo.commit("化解中；更正编号", "孟庆丰", "2008-04-16T09:00:00+08:00")
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001", "closed", closed="2008-06-25"))
    repo.commit("结案", "陈明亮", "2008-06-25T09:00:00+08:00")

    expected = read_history(repo.path).as_dict()
    monkeypatch.setattr(history_git, "CHUNK", 7)
    assert read_history(repo.path).as_dict() == expected
    fh = read_history(repo.path).files["cases/XF2008-T01-001.yml"]
    assert [c.new for c in fh.timeline("status")] == ["registered", "in_progress", "closed"]
