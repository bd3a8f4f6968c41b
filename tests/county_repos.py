"""County repositories for the city's tests: made by ``xinfang init``, filled from the bundled campaign.

One builder for every test that needs a county: ``xinfang init`` with the county's name and
administrative code, then the bundled campaign's configuration and records (campaign.yml, the
record folders, evidence/) entered as a second commit. Each county's identity numbers are made its own (valid
numbers with the county's code in front), except those named in ``keep``: a petitioner kept in
two counties is the same person in both.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from xinfang.rules.identity import check_digit

from .conftest import ROOT

FOLDERS = ("schema", "cases", "risks", "persons", "assignments", "submissions", "accountability",
           "evidence")  # fmt: skip
_ID = re.compile(r"id_number: '([0-9]{17}[0-9X])'")
GIT_DATE = "2008-07-20T18:00:00+08:00"


def own_number(number: str, code: str) -> str:
    """The county's own version of a number: same birth date and sequence, the county's region."""
    first17 = code + number[6:17]
    return first17 + check_digit(first17)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": GIT_DATE, "GIT_COMMITTER_DATE": GIT_DATE,
           "GIT_AUTHOR_NAME": "县信访局", "GIT_AUTHOR_EMAIL": "xfj@example.gov.cn",
           "GIT_COMMITTER_NAME": "县信访局", "GIT_COMMITTER_EMAIL": "xfj@example.gov.cn"}  # fmt: skip
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def make_county(target: Path, name: str, code: str, keep: frozenset[str] = frozenset()) -> Path:
    """A county repository in ``target`` made by ``xinfang init``, then given the bundled campaign's
    units, leaders and records as its clerks would enter them (a second commit); identity numbers
    in ``keep`` left as they are."""
    bundled = yaml.safe_load((ROOT / "campaign.yml").read_text(encoding="utf-8"))
    units = target.parent / f"{target.name}-单位.txt"
    units.write_text("".join(f"{u['name']}\n" for u in bundled["units"]), encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_DATE": GIT_DATE, "GIT_COMMITTER_DATE": GIT_DATE,
           "GIT_AUTHOR_NAME": "县信访局", "GIT_AUTHOR_EMAIL": "xfj@example.gov.cn",
           "GIT_COMMITTER_NAME": "县信访局", "GIT_COMMITTER_EMAIL": "xfj@example.gov.cn"}  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "xinfang", "init", str(target), "--county", name, "--code", code,
         "--year", "2008", "--units", str(units)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    made = yaml.safe_load((target / "campaign.yml").read_text(encoding="utf-8"))
    assert made["county_code"] == code and [u["name"] for u in made["units"]] == [
        u["name"] for u in bundled["units"]
    ]
    campaign = (ROOT / "campaign.yml").read_text(encoding="utf-8")
    campaign = re.sub(r"^county: .*$", f"county: {name}", campaign, count=1, flags=re.M)
    campaign = re.sub(r"^county_code: .*$", f"county_code: '{code}'", campaign, count=1, flags=re.M)
    (target / "campaign.yml").write_text(campaign, encoding="utf-8")
    for folder in FOLDERS:
        if (ROOT / folder).is_dir():
            shutil.rmtree(target / folder, ignore_errors=True)
            shutil.copytree(ROOT / folder, target / folder)
    if (ROOT / "holidays.yml").is_file():
        shutil.copy(ROOT / "holidays.yml", target / "holidays.yml")
    for path in [*(target / "cases").glob("*.yml"), *(target / "persons").glob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        mine = _ID.sub(lambda m: m.group(0) if m.group(1) in keep else
                       f"id_number: '{own_number(m.group(1), code)}'", text)  # fmt: skip
        if mine != text:
            path.write_text(mine, encoding="utf-8")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", f"录入{name}专项治理台账")
    return target
