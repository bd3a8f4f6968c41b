"""County repositories for the city's tests, made from the bundled campaign.

One builder for every test that needs a county: the bundled campaign's layout (campaign.yml,
schema/, the record folders, evidence/) copied into a throwaway git repository, with the county's
name and administrative code changed. Each county's identity numbers are made its own (valid
numbers with the county's code in front), except those named in ``keep``: a petitioner kept in
two counties is the same person in both. When ``xinfang init`` makes county repositories, this
builder is the one place to switch to it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

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
    """A county repository in ``target``, committed; identity numbers in ``keep`` left as they are."""
    target.mkdir(parents=True)
    campaign = (ROOT / "campaign.yml").read_text(encoding="utf-8")
    campaign = re.sub(r"^county: .*$", f"county: {name}", campaign, count=1, flags=re.M)
    campaign = re.sub(r"^county_code: .*$", f"county_code: '{code}'", campaign, count=1, flags=re.M)
    (target / "campaign.yml").write_text(campaign, encoding="utf-8")
    for folder in FOLDERS:
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, target / folder)
    if (ROOT / "holidays.yml").is_file():
        shutil.copy(ROOT / "holidays.yml", target / "holidays.yml")
    for path in [*(target / "cases").glob("*.yml"), *(target / "persons").glob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        mine = _ID.sub(lambda m: m.group(0) if m.group(1) in keep else
                       f"id_number: '{own_number(m.group(1), code)}'", text)  # fmt: skip
        if mine != text:
            path.write_text(mine, encoding="utf-8")
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", f"{name}专项治理台账")
    return target
