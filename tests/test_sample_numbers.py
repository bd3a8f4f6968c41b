"""Sample personal numbers belong to nobody: an ID region code of no county, the 154 phone block.

GB/T 2260 has no province 39, so 390521 is no county's code; the birth dates are real dates and
the check digits valid under GB 11643, so the numbers pass every format check. No operator holds
the 154 mobile block. The staff guide explains the choice.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9])")
MOBILE_RE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


def check_digit(body: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def assert_invented(text: str, where: str, valid: bool = True) -> int:
    """Every number in ``text`` is invented; with ``valid``, each passes the entry checks too
    (fixtures that test those checks hold wrong check digits and dates on purpose)."""
    ids = ID_RE.findall(text)
    for number in ids:
        assert number.startswith("390521"), (where, number)
        if valid:
            date(int(number[6:10]), int(number[10:12]), int(number[12:14]))  # a real birth date
            assert number[-1] == check_digit(number[:17]), (where, number)
    phones = MOBILE_RE.findall(text)
    assert all(p.startswith("154") for p in phones), (where, phones)
    return len(ids) + len(phones)


def test_check_digit_of_the_standards_example() -> None:
    assert check_digit("11010519491231002") == "X"  # GB 11643's own example


def test_bundled_cases_and_test_fixtures() -> None:
    files = [*(ROOT / "cases").glob("*.yml"), *(ROOT / "tests" / "check").rglob("*.yml")]
    files += [ROOT / "tests" / "rules" / "_base.yml", ROOT / "docs" / "guide.md"]
    files += [ROOT / "tests" / "fixtures" / "ledgers" / "make_ledger.py"]
    files += [*(ROOT / "tests").glob("test_*.py")]
    # Fixtures of the identity-number and date checks hold wrong numbers on purpose.
    made_wrong = {"petitioner-numbers", "date-mistakes", "test_plausibility.py"}
    found = sum(
        assert_invented(
            p.read_bytes().decode("utf-8", "replace"),
            p.name,
            valid=not made_wrong & set(p.relative_to(ROOT).parts),
        )
        for p in files
    )
    assert found > 100
    for rules in (ROOT / "tests" / "rules").glob("*.yml"):  # checked, but wrong on purpose
        assert_invented(rules.read_text(encoding="utf-8"), rules.name, valid=False)
    people = [
        person
        for path in (ROOT / "cases").glob("*.yml")
        for person in yaml.safe_load(path.read_text(encoding="utf-8"))["petitioners"]
    ]
    assert sum("id_number" in p for p in people) > 40 and sum("phone" in p for p in people) > 40


def test_benchmark_generators(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    sys.modules.pop("generate_cases", None)
    import bench_history
    import generate_cases

    generate_cases.generate(tmp_path, 200, seed=1)
    texts = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "cases").glob("*.yml"))
    assert assert_invented(texts, "generate_cases") > 50
    numbers = " ".join(bench_history.id_number(i) for i in range(0, 20000, 7))
    assert assert_invented(numbers, "bench_history") > 2000
