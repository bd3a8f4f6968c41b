"""Plausibility of dates and numbers, and `check --as-of` judging each case as it stood then."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from xinfang.cli import main
from xinfang.rules.identity import birth_date, check_digit, id_number_problem, phone_problem

from .conftest import ROOT, make_repo

BASE = yaml.safe_load((ROOT / "tests" / "rules" / "_base.yml").read_text(encoding="utf-8"))
CASE_ID = BASE["id"]


def _repo(tmp_path: Path, **changes: Any) -> Path:
    root = make_repo(tmp_path / "repo")
    data = {**BASE, **changes}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (root / "cases" / f"{CASE_ID}.yml").write_text(text, encoding="utf-8")
    return root


def _check(root: Path, as_of: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict]]:
    code = main(["check", "--root", str(root), "--format", "json", "--as-of", as_of])
    return code, json.loads(capsys.readouterr().out)["findings"]


# --- GB 11643 and phone numbers -----------------------------------------------------------------


def test_the_standards_own_examples_have_valid_check_digits() -> None:
    # GB 11643-1999, appendix A: a Beijing number ending in X, and a Guangdong one.
    assert check_digit("11010519491231002") == "X"
    assert check_digit("44052418800101001") == "4"
    assert birth_date("11010519491231002" + "X") == date(1949, 12, 31)
    assert birth_date("390521650412341") == date(1965, 4, 12)  # 15 digits: 19YYMMDD


def test_what_a_tired_clerk_gets_wrong_in_an_id_number() -> None:
    registered = date(2008, 4, 15)
    assert id_number_problem("390521196504123412", registered) is None
    assert id_number_problem("390521650412341", registered) is None  # old, accepted
    swapped = id_number_problem("390521196504123480", registered)
    assert swapped and "校验码" in swapped and "不要改末位凑数" in swapped
    assert "不是真实的日期" in (id_number_problem("39052119650230341" + "X", registered) or "")
    assert "晚于案件登记日期" in (id_number_problem("390521200905013416", registered) or "")
    assert "120 年以前" in (id_number_problem("390521188001010010", registered) or "")
    # The message never repeats the number or the birth date: findings are published.
    for number in ("390521196504123480", "39052119650230341X"):
        problem = id_number_problem(number, registered) or ""
        assert number not in problem and "1965" not in problem


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("15455661234", None),
        ("154-5566-1234", None),
        ("0556-5123456", None),
        ("05565123456", None),
        ("010-12345678", None),
        ("0556-5123456-80", None),
        ("1545566123", "应为 11 位数字，这里是 10 位"),
        ("5123456", "缺少区号"),
        ("0556-512345", "区号后的号码应为 7 或 8 位"),
        ("556-5123456", "位数不对"),
        ("0556512345", "应为 11 或 12 位"),
        ("05-5123456", "区号应是以 0 开头的 3 或 4 位数字"),
    ],
)
def test_phone_numbers(phone: str, expected: str | None) -> None:
    problem = phone_problem(phone)
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in problem and phone not in problem


# --- check --as-of: the case as it stood then ----------------------------------------------------


def test_a_closure_after_a_past_as_of_date_does_not_count_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    closure = {**BASE["closure"], "seal": False}  # closed 2008-06-25 without the seal
    root = _repo(tmp_path, closure=closure)
    code, findings = _check(root, "2008-07-20", capsys)
    assert code == 1 and {f["rule"] for f in findings} == {"closure-seal-signatures"}
    # On 2008-06-01 the case was in progress: neither the closure date nor its seal is judged.
    code, findings = _check(root, "2008-06-01", capsys)
    assert (code, findings) == (0, [])
    # `status` counts it the same way.
    assert main(["status", "--root", str(root), "--as-of", "2008-06-01", "--format", "json"]) == 0
    totals = json.loads(capsys.readouterr().out)["totals"]
    assert (totals["in_progress"], totals["closed"]) == (1, 0)


def test_a_case_registered_after_the_as_of_date_is_judged_only_for_its_typos(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = [{**BASE["petitioners"][0], "id_number": "390521196504123480"}]
    responsibility = {k: v for k, v in BASE["responsibility"].items() if k != "lead_official"}
    root = _repo(tmp_path, petitioners=people, head_count=1, responsibility=responsibility)
    code, findings = _check(root, "2008-04-14", capsys)  # registered 2008-04-15
    assert code == 1 and [f["rule"] for f in findings] == ["id-number"]
    code, findings = _check(root, "2008-07-20", capsys)
    assert {"id-number", "four-clarities", "priority-lead"} <= {f["rule"] for f in findings}


def test_a_closure_dated_after_today_is_a_mistake_on_any_as_of_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The campaign's own date (its "today") is 2008-07-20: a closure on 08-25 cannot have
    # happened, so it is not quietly taken for a later closure on a past as-of date.
    root = _repo(tmp_path, closure={**BASE["closure"], "date": "2008-08-25"})
    for as_of in ("2008-06-01", "2008-07-20"):
        code, findings = _check(root, as_of, capsys)
        assert code == 1
        assert [(f["rule"], f["line"]) for f in findings if f["rule"].startswith("date")] == []
        assert [f["rule"] for f in findings].count("closure-date") == 1


def test_a_mistyped_year_is_a_finding_but_a_year_without_holidays_still_stops_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responsibility = {k: v for k, v in BASE["responsibility"].items() if k != "deadline"}
    # 2080: no holiday notice, and after the as-of date: the record is wrong, not the setup.
    root = _repo(tmp_path / "typo", registered="2080-04-15", responsibility=responsibility)
    code, findings = _check(root, "2008-07-20", capsys)
    lines = (root / "cases" / f"{CASE_ID}.yml").read_text(encoding="utf-8").splitlines()
    line = lines.index("registered: '2080-04-15'") + 1
    assert (code, [(f["rule"], f["line"]) for f in findings]) == (1, [("date-range", line)])
    # A campaign really held in a year the holiday data lacks: a configuration error, as before.
    root = make_repo(tmp_path / "later")
    campaign = (root / "campaign.yml").read_text(encoding="utf-8")
    (root / "campaign.yml").write_text(
        campaign.replace("2008-", "2090-").replace("year: 2008", "year: 2090"), encoding="utf-8"
    )
    data = {**BASE, "registered": "2090-04-15", "responsibility": responsibility}
    for key in ("received", "rehearing", "progress", "events", "closure", "settled"):
        data.pop(key)
    data["status"] = "registered"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (root / "cases" / f"{CASE_ID}.yml").write_text(text, encoding="utf-8")
    assert main(["check", "--root", str(root), "--as-of", "2090-07-20"]) == 2
    assert "没有 2090 年的法定节假日" in capsys.readouterr().err
