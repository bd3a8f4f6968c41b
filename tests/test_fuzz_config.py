"""The fuzzer of ``test_fuzz.py`` turned on the configuration: ``campaign.yml`` and
``holidays.yml`` mutated the same ways as the records (bytes, lines, values, types), then every
command run on a few bundled cases.

For every mutation: no exception escapes check, status, notice, export or pages; exit codes are
0, 1 or 2; output is printable UTF-8 without terminal sequences; a configuration that stops a run
(exit 2) is named with its file and line; and one that is accepted holds together (phases in
order, every period forwards, no unit lost), and every output is made from it.

The default run tries ``XINFANG_FUZZ_EXAMPLES`` mutations (20); set it higher for a longer hunt,
for example ``XINFANG_FUZZ_EXAMPLES=500 pytest tests/test_fuzz_config.py``.
"""

from __future__ import annotations

import itertools
import re
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from xinfang.campaign.workdays import WorkCalendar
from xinfang.records.repository import load_campaign

from .conftest import ROOT, make_repo
from .test_fuzz import AS_OF, EXAMPLES, MUTATIONS, Mutation, _run

HOLIDAYS = ROOT / "tests" / "fixtures" / "config" / "holidays.yml"
SEEDS = {"campaign.yml": ROOT / "campaign.yml", "holidays.yml": HOLIDAYS}
# Cases with deadlines around holidays, incidents in the target window and a sensitive period.
CASES = ["XF2008-T01-001", "XF2008-T02-003", "XF2008-D02-005", "XF2008-D05-002", "XF2008-D07-005"]


def _sound(root: Path) -> None:
    """An accepted configuration holds together: nothing is silently dropped or backwards."""
    campaign, record = load_campaign(root)
    phases = campaign.phases
    for phase in phases:
        assert phase.start <= phase.end, phase
    for before, phase in itertools.pairwise(phases):
        assert before.end <= phase.start <= before.end + timedelta(days=1), (before, phase)
    for period in [campaign.targets, *campaign.sensitive_periods]:
        assert period.start <= period.end, period
    assert len(campaign.units) == len(record.data["units"])
    assert len(campaign.leaders) == len(set(campaign.leaders))
    WorkCalendar.from_root(root)  # read as check read it


def _fuzz_config(target: str, mutations: list[Mutation], work: Path) -> None:
    root = make_repo(work / "repo")
    for case_id in CASES:
        shutil.copy(ROOT / "cases" / f"{case_id}.yml", root / "cases")
    shutil.copy(HOLIDAYS, root / "holidays.yml")
    text = SEEDS[target].read_bytes()
    for mutation in mutations:
        text = mutation.apply(text)
    (root / target).write_bytes(text)

    root_args = ["--root", str(root), *AS_OF]
    check, report = _run("check", *root_args)
    out = work / "out"
    out.mkdir()
    results = {
        "status": _run("status", "--format", "json", *root_args),
        "notice": _run("notice", *root_args),
        "export": _run("export", "xlsx", "--force", "--out", str(out / "x.xlsx"), *root_args),
        "pages": _run("pages", "--out", str(out / "pages"), *root_args),
    }
    if check == 2:
        # Stopped by the configuration: the file and the line, in Chinese.
        assert re.search(r"(campaign|holidays)\.yml:\d+: ", report), report[-2000:]
        assert all(code == 2 for code, _ in results.values()), results
        return
    _sound(root)
    assert {name: code for name, (code, _) in results.items()} == dict.fromkeys(results, 0)
    assert (out / "pages" / "index.md").is_file() and (out / "x.xlsx").stat().st_size > 0


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: see test_fuzz.py
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(target=st.sampled_from(sorted(SEEDS)), mutations=MUTATIONS)
def test_mutated_configuration_never_crashes_and_is_named_on_its_line(
    target: str, mutations: list[Mutation]
) -> None:
    with tempfile.TemporaryDirectory() as work:
        _fuzz_config(target, mutations, Path(work))


def test_the_seed_holiday_file_is_the_notice_the_package_knows() -> None:
    """The fuzzer's seed agrees with chinesecalendar for 2008, day by day."""
    from datetime import date

    mine, package = WorkCalendar.from_root(HOLIDAYS.parent), WorkCalendar()
    day = date(2008, 1, 1)
    while day.year == 2008:
        assert mine.is_working_day(day) == package.is_working_day(day), day
        assert mine.is_holiday(day) == package.is_holiday(day), day
        day += timedelta(days=1)
