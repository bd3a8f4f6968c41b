"""`xinfang init --from`: the next campaign keeps the units and policies, carries what is still
open as new records that name their origin, and never changes the last repository."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from xinfang.cli import main

from .conftest import ROOT

FOLDERS = ("cases", "risks", "persons", "assignments", "submissions", "accountability", "evidence")


def _last_campaign(tmp_path: Path) -> Path:
    """The bundled 2008 campaign as a county's own repository, committed."""
    old = tmp_path / "2008台账"
    old.mkdir()
    for name in ("campaign.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, old / name)
    for folder in ("schema", "docs", *FOLDERS):
        shutil.copytree(ROOT / folder, old / folder)
    env = {**os.environ, "GIT_AUTHOR_NAME": "吴秀兰", "GIT_AUTHOR_EMAIL": "xinfangju@example.gov.cn",
           "GIT_COMMITTER_NAME": "吴秀兰", "GIT_COMMITTER_EMAIL": "xinfangju@example.gov.cn"}  # fmt: skip
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "2008 年台账"]):
        subprocess.run(["git", *args], cwd=old, env=env, check=True, capture_output=True)
    return old


def _state(root: Path) -> str:
    """Every file of the repository, git's own included, hashed."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
        elif path.is_dir():
            digest.update(b"/")
    return digest.hexdigest()


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_next_campaign_carries_what_is_open_and_leaves_the_last_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _last_campaign(tmp_path)
    before = _state(old)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=old, capture_output=True, text=True)
    for key in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):  # made at the new campaign's start
        monkeypatch.setenv(key, "2009-04-12T09:00:00+08:00")
    new = tmp_path / "2009台账"
    assert main(["init", str(new), "--from", str(old)]) == 0  # county and year follow the last
    out = capsys.readouterr().out
    assert _state(old) == before

    campaign = _yaml(new / "campaign.yml")
    last = _yaml(old / "campaign.yml")
    assert campaign["county"] == last["county"] and campaign["year"] == 2009
    assert campaign["phases"][0]["start"] == "2009-04-12"
    assert [(u["code"], u["name"], u["kind"], u.get("reviewers"), u.get("leaders")) for u in
            campaign["units"]] == [
        (u["code"], u["name"], u["kind"], u.get("reviewers"), u.get("leaders")) for u in last["units"]
    ]  # fmt: skip
    assert campaign["leaders"] == last["leaders"]
    assert campaign["leading_group"] == last["leading_group"]
    assert campaign["policies"] == {k: v for k, v in last["policies"].items() if k != "audit_from"}
    assert campaign["key_persons"] == last["key_persons"]
    assert "submissions" not in str(campaign["units"])  # the last campaign's reports stay there

    carried = {
        folder: {p.stem: _yaml(p) for p in (new / folder).glob("*.yml")}
        for folder in ("cases", "persons", "risks")
    }
    olds = {folder: {p.stem: _yaml(p) for p in (old / folder).glob("*.yml")} for folder in FOLDERS}
    open_cases = {i for i, c in olds["cases"].items() if c["status"] != "closed"}
    assert len(open_cases) == 21
    assert {c["carried_from"]["id"] for c in carried["cases"].values()} == open_cases
    for new_id, case in carried["cases"].items():
        origin = case["carried_from"]
        assert new_id.startswith("XF2009-") and case["id"] == new_id
        assert origin["year"] == 2008 and origin["repository"] == "2008台账"
        assert origin["commit"] == head.stdout.strip()
        was = olds["cases"][origin["id"]]
        assert new_id.split("-")[1] == was["responsibility"]["unit"]
        for key in ("title", "petitioners", "demand", "head_count", "category", "events"):
            assert case[key] == was[key], key
        assert case["status"] == "registered" and case["registered"] == "2009-04-14"
        assert case["responsibility"]["deadline"] == "2009-07-15"
        assert "progress" not in case and "closure" not in case and "evidence" not in case
    active = {i for i, p in olds["persons"].items() if p["status"] == "active"}
    origins = {p["carried_from"]["id"] for p in carried["persons"].values()}
    left = active - origins
    assert len(origins) == 9 and origins <= active
    for person_id in left:  # their cases were all closed: named, for the office to decide
        assert f"重点人员 {person_id} 的关联案件都已办结，没有带过来" in out
    for person in carried["persons"].values():
        assert set(person["cases"]) <= carried["cases"].keys()
        assert "contacts" not in person and person["status"] == "active"
    open_risks = {i for i, r in olds["risks"].items() if r["status"] == "open"}
    assert {r["carried_from"]["id"] for r in carried["risks"].values()} == open_risks
    assert not list((new / "assignments").glob("*.yml"))
    assert "未办结的案件 21 件、仍在包保的重点人员 9 名、未化解的隐患 7 件" in out

    message = subprocess.run(
        ["git", "log", "-1", "--format=%B"], cwd=new, capture_output=True, text=True
    ).stdout
    assert "未办结的案件 21 件" in message
    assert not any(p["name"] in message for p in olds["persons"].values())  # ids only

    # On the first day of 排查建档 the carried records are in order.
    assert main(["check", "--root", str(new), "--as-of", "2009-04-14"]) == 0
    out = capsys.readouterr().out
    assert "0 个错误" in out
    # The one warning a carried case keeps: its statutory time (Art. 33) ran out in the last one.
    warned = {m for m in re.findall(r"警告 \[([a-z-]+)\]", out)}
    assert warned <= {"statutory-handling"}, out


def test_from_a_folder_that_is_not_a_campaign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "旧台账").mkdir()
    new = tmp_path / "新台账"
    assert main(["init", str(new), "--from", str(tmp_path / "旧台账"), "--year", "2009"]) == 2
    assert "不是活动仓库" in capsys.readouterr().err
    assert not new.exists()


def test_a_last_campaign_with_an_unreadable_record_is_not_continued(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _last_campaign(tmp_path)
    (old / "cases" / "XF2008-T01-002.yml").write_text("id: [\n", encoding="utf-8")
    before = _state(old)
    new = tmp_path / "2009台账"
    assert main(["init", str(new), "--from", str(old)]) == 2
    err = capsys.readouterr().err
    assert "读不了" in err and "cases/XF2008-T01-002.yml" in err and "xinfang check" in err
    assert not new.exists() and _state(old) == before


def test_from_and_a_units_list_together_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _last_campaign(tmp_path)
    units = tmp_path / "单位.txt"
    units.write_text("城关镇\n县信访局\n", encoding="utf-8")
    new = tmp_path / "2009台账"
    assert main(["init", str(new), "--from", str(old), "--units", str(units)]) == 2
    assert "不能同时给出单位名单" in capsys.readouterr().err
    assert not new.exists()
