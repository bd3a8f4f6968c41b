"""Which files are records: links and special files under cases/ and among the evidence.

A link is never followed into a record: wherever it points, it gets a finding that shows nothing
of the target, and a valid case kept elsewhere never becomes a record through one.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from xinfang.history.gate import run_check
from xinfang.records.repository import open_repository

from .conftest import ROOT, make_repo
from .test_guard import audited_repo, commit

CASE = "XF2008-T01-001"
OTHER = "XF2008-T01-002"
SECRET = "root_password: hunter2\nprivate_key_line: MIIEvQIBADANBgkqhkiG9w0BAQEF\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo")
    shutil.copy(ROOT / "cases" / f"{CASE}.yml", root / "cases")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.yml").write_text(SECRET, encoding="utf-8")
    shutil.copy(ROOT / "cases" / f"{OTHER}.yml", tmp_path / "outside")  # a valid case elsewhere
    return root


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()


# What a clerk or an attacker can leave under cases/, and the rule that must name it.
ENTRIES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "a link to a system file": (
        "cases/XF2008-T01-009.yml",
        lambda r: os.symlink(
            r.parent / "outside" / "secret.yml", r / "cases" / "XF2008-T01-009.yml"
        ),
    ),
    "a link to a valid case elsewhere": (
        f"cases/{OTHER}.yml",
        lambda r: os.symlink(r.parent / "outside" / f"{OTHER}.yml", r / "cases" / f"{OTHER}.yml"),
    ),
    "a relative link leaving the repository": (
        f"cases/{OTHER}.yml",
        lambda r: os.symlink(f"../../outside/{OTHER}.yml", r / "cases" / f"{OTHER}.yml"),
    ),
    "a link to a case inside": (
        f"cases/{OTHER}.yml",
        lambda r: os.symlink(f"{CASE}.yml", r / "cases" / f"{OTHER}.yml"),
    ),
    "a dangling link": (
        "cases/XF2008-T01-009.yml",
        lambda r: os.symlink("nowhere.yml", r / "cases" / "XF2008-T01-009.yml"),
    ),
    "a looping link": (
        "cases/XF2008-T01-009.yml",
        lambda r: os.symlink("XF2008-T01-009.yml", r / "cases" / "XF2008-T01-009.yml"),
    ),
    "a linked folder": (
        "cases/乡镇",
        lambda r: os.symlink(r.parent / "outside", r / "cases" / "乡镇"),
    ),
    "a pipe": ("cases/XF2008-T01-009.yml", lambda r: _fifo(r / "cases" / "XF2008-T01-009.yml")),
    "a pipe without the suffix": ("cases/pipe", lambda r: _fifo(r / "cases" / "pipe")),
    "a socket": ("cases/sock.yml", lambda r: _socket(r / "cases" / "sock.yml")),
}


@pytest.mark.parametrize("entry", ENTRIES, ids=list(ENTRIES))
def test_links_and_special_files_get_a_finding_and_are_never_read(repo: Path, entry: str) -> None:
    rel, make = ENTRIES[entry]
    make(repo)
    records = open_repository(repo)
    assert [c.id for c in records.cases] == [CASE]  # nothing read through the link
    found = [f for f in records.all_findings() if f.file == rel]
    assert [(f.rule, f.severity) for f in found] in (
        [("case-symlink", "error")],
        [("case-not-a-file", "error")],
    )
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "check"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,  # a pipe opened for reading would wait for ever
    )
    assert result.returncode == 1
    assert "root_password" not in result.stdout and "hunter2" not in result.stdout
    assert "outside" not in result.stdout  # not even where it points
    assert rel in result.stdout


def test_cases_folder_itself_a_link_is_refused(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    (root / "cases").rmdir()
    shutil.copytree(ROOT / "cases", tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", root / "cases")
    records = open_repository(root)
    assert records.cases == []
    assert [f.rule for f in records.all_findings()] == ["case-symlink"]


def test_a_link_named_on_the_command_line_is_not_followed(repo: Path) -> None:
    os.symlink(repo.parent / "outside" / "secret.yml", repo / "cases" / "XF2008-T01-009.yml")
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "check", "cases/XF2008-T01-009.yml"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "[case-symlink]" in result.stdout and "root_password" not in result.stdout


def test_a_closed_case_replaced_by_a_link_is_refused_by_the_guard(tmp_path: Path) -> None:
    root = audited_repo(tmp_path / "repo")
    shutil.copy(ROOT / "cases" / f"{CASE}.yml", root / "cases")
    commit(root, "登记")
    elsewhere = tmp_path / f"{CASE}.yml"
    shutil.copy(ROOT / "cases" / f"{CASE}.yml", elsewhere)  # the same text, outside
    (root / "cases" / f"{CASE}.yml").unlink()
    os.symlink(elsewhere, root / "cases" / f"{CASE}.yml")
    rules = {f.rule for f in run_check(root, base="HEAD").findings}
    assert {"case-symlink", "guard-no-record"} <= rules


# Evidence the record names: each must be a regular file inside the repository.
EVIDENCE: dict[str, Callable[[Path], None]] = {
    "a link leaving the repository": lambda t: os.symlink(t.parent.parent.parent / "outside" / "secret.yml", t),
    "a dangling link": lambda t: os.symlink("nowhere.txt", t),
    "a looping link": lambda t: os.symlink(t.name, t),
    "a pipe": _fifo,
    "a folder": lambda t: t.mkdir(),
}  # fmt: skip


@pytest.mark.parametrize("kind", EVIDENCE, ids=list(EVIDENCE))
def test_evidence_that_is_not_a_file_in_the_repository_gets_a_finding(
    repo: Path, kind: str
) -> None:
    target = repo / "evidence" / CASE / "结案报告.txt"
    target.unlink()
    EVIDENCE[kind](target)
    found = [f for f in run_check(repo).findings if f.rule == "evidence-files"]
    assert found and all(f.severity == "error" for f in found)
    assert all("root_password" not in f.message and "outside" not in f.message for f in found)


# --- nothing outside the count: a file in a record folder is read, or named ----------------------

UNREAD = {
    "upper-case suffix": ("XF2008-T01-009.YML", "XF2008-T01-009.yml"),
    "mixed-case suffix": ("XF2008-T01-009.Yaml", "XF2008-T01-009.yaml"),
    "a second suffix": ("XF2008-T01-009.yml.txt", "XF2008-T01-009.yml"),
    "no suffix": ("XF2008-T01-009", "XF2008-T01-009.yml"),
    "a Word file": ("XF2008-T01-009.docx", "evidence/"),
    "a README": ("说明.md", "evidence/"),
}


@pytest.mark.parametrize("name", UNREAD, ids=list(UNREAD))
@pytest.mark.parametrize("folder", ["cases", "cases/城关镇", "risks", "persons"])
def test_a_file_in_a_record_folder_that_is_not_read_is_named_with_the_fix(
    repo: Path, name: str, folder: str
) -> None:
    file_name, fix = UNREAD[name]
    (repo / folder).mkdir(parents=True, exist_ok=True)
    source = ROOT / ("cases" if folder.startswith("cases") else folder)
    (repo / folder / file_name).write_bytes(sorted(source.glob("*.yml"))[0].read_bytes())
    found = run_check(repo, as_of=date(2008, 7, 20)).findings
    named = [f for f in found if f.rule == "unread-file"]
    assert [(f.file, f.line, f.severity) for f in named] == [(f"{folder}/{file_name}", 1, "error")]
    assert fix in named[0].message and "不会被读取" in named[0].message
    records = open_repository(repo)
    assert f"{folder}/{file_name}" in {f.file for f in records.all_findings()}
    broken = len(records.records) - len(records.cases) + records.duties.broken
    assert broken == 1  # in the count of files not counted, as the dashboard and status say


@pytest.mark.parametrize("name", [".gitkeep", ".DS_Store", ".说明"])
def test_hidden_files_in_record_folders_are_left_alone(repo: Path, name: str) -> None:
    (repo / "cases" / name).write_text("", encoding="utf-8")
    (repo / "risks").mkdir()
    (repo / "risks" / name).write_text("", encoding="utf-8")
    found = run_check(repo, as_of=date(2008, 7, 20)).findings
    assert not [f for f in found if f.severity == "error"], found


SAME_IDS = {
    "zero padding": ("XF2008-T01-0001", "XF2008-T01-001"),
    "more zero padding": ("XF2008-T01-00001", "XF2008-T01-001"),
}


@pytest.mark.parametrize("name", SAME_IDS, ids=list(SAME_IDS))
def test_case_ids_that_differ_only_in_zero_padding_are_one_id(repo: Path, name: str) -> None:
    other, first = SAME_IDS[name]
    text = (ROOT / "cases" / f"{first}.yml").read_text(encoding="utf-8")
    (repo / "cases" / f"{other}.yml").write_text(
        text.replace(f"id: {first}", f"id: {other}"), "utf-8"
    )
    found = [
        f for f in run_check(repo, as_of=date(2008, 7, 20)).findings if f.rule == "duplicate-id"
    ]
    both = {f"cases/{other}.yml", f"cases/{first}.yml"}
    assert [f.severity for f in found] == ["error"]  # on one of the two, naming the other
    assert {found[0].file, *(p for p in both if p in found[0].message)} == both
    only = run_check(repo, as_of=date(2008, 7, 20), only=[repo / "cases" / f"{other}.yml"])
    found = [f for f in only.findings if f.rule == "duplicate-id"]
    assert [f.file for f in found] == [f"cases/{other}.yml"]
    assert f"cases/{first}.yml" in found[0].message


def test_ids_of_other_records_that_differ_only_in_zero_padding_are_one_id(repo: Path) -> None:
    (repo / "risks").mkdir()
    text = (ROOT / "risks" / "YH2008-D08-001.yml").read_text(encoding="utf-8")
    (repo / "risks" / "YH2008-D08-001.yml").write_text(text, encoding="utf-8")
    (repo / "risks" / "YH2008-D08-0001.yml").write_text(
        text.replace("id: YH2008-D08-001", "id: YH2008-D08-0001"), encoding="utf-8"
    )
    found = [
        f for f in run_check(repo, as_of=date(2008, 7, 20)).findings if f.rule == "duplicate-id"
    ]
    assert len(found) == 1
    assert found[0].file in {"risks/YH2008-D08-0001.yml", "risks/YH2008-D08-001.yml"}


def test_one_id_whatever_its_padding_width_or_case() -> None:
    from xinfang.records.ids import same_id

    one = same_id("XF2008-T01-001")
    for other in (
        "XF2008-T01-0001",
        "XF2008-T01-00001",
        "ＸＦ２００８－Ｔ０１－００１",
        "xf2008-t01-001",
    ):
        assert same_id(other) == one, other
    assert same_id("XF2008-T01-010") != one and same_id("XF2008-T01-100") != one
    assert same_id("XF2009-T01-001") != one
    assert same_id("9" * 5000 + "-0" * 3)  # no conversion to a number: any length reads


def test_a_deleted_id_comes_back_padded_and_is_refused(tmp_path: Path) -> None:
    root = audited_repo(tmp_path / "repo")
    shutil.copy(ROOT / "cases" / f"{OTHER}.yml", root / "cases")
    commit(root, "登记")
    (root / "cases" / f"{OTHER}.yml").unlink()
    commit(root, "误登，删除", day="2008-04-18")
    text = (ROOT / "cases" / f"{OTHER}.yml").read_text(encoding="utf-8")
    padded = OTHER.replace("-002", "-0002")
    (root / "cases" / f"{padded}.yml").write_text(text.replace(OTHER, padded), encoding="utf-8")
    found = [f for f in run_check(root, base="HEAD").findings if f.rule == "guard-id-reused"]
    assert [f.file for f in found] == [f"cases/{padded}.yml"]
    assert f"cases/{OTHER}.yml" in found[0].message
