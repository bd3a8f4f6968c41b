"""The fuzzer of ``test_fuzz.py`` turned on the configuration: ``campaign.yml`` and
``holidays.yml`` mutated the same ways as the records (bytes, lines, values, types), then every
command run on a few bundled cases.

Besides those blind edits, edits that keep the file readable but change what it says: a date
moved (to any day, or to one that does not exist), a list item (a phase, a unit, a leader, a
period, a holiday) written twice, dropped or moved down.

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
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from xinfang.campaign.workdays import WorkCalendar
from xinfang.records.repository import load_campaign

from .conftest import ROOT, make_repo
from .test_fuzz import AS_OF, EXAMPLES, MUTATIONS, Mutation, _run

HOLIDAYS = ROOT / "tests" / "fixtures" / "config" / "holidays.yml"
SEEDS = {"campaign.yml": ROOT / "campaign.yml", "holidays.yml": HOLIDAYS}
# Cases with deadlines around holidays, incidents in the target window and a sensitive period.
CASES = ["XF2008-T01-001", "XF2008-T02-003", "XF2008-D02-005", "XF2008-D05-002", "XF2008-D07-005"]


DATE = re.compile(rb"'[0-9]{4}-[0-9]{2}-[0-9]{2}'")
ITEM = re.compile(rb"^( *)- ")


@dataclass(frozen=True)
class ConfigEdit:
    """An edit that keeps the file readable but changes what it says: a date moved, a list item
    (a phase, a unit, a leader, a period, a holiday) written twice, dropped or moved down."""

    kind: str  # date, item-duplicate, item-delete, item-swap
    where: float
    what: str = ""

    def apply(self, text: bytes) -> bytes:
        if self.kind == "date":
            dates = list(DATE.finditer(text))
            if not dates:
                return text
            m = dates[min(int(self.where * len(dates)), len(dates) - 1)]
            return text[: m.start()] + f"'{self.what}'".encode() + text[m.end() :]
        lines = text.split(b"\n")
        items = [n for n, line in enumerate(lines) if ITEM.match(line)]
        if not items:
            return text
        first = items[min(int(self.where * len(items)), len(items) - 1)]
        start, end = _block(lines, first)
        block = lines[start:end]
        if self.kind == "item-duplicate":
            lines[end:end] = block
        elif self.kind == "item-delete":
            del lines[start:end]
        elif self.kind == "item-swap" and end < len(lines) and ITEM.match(lines[end]):
            indent = ITEM.match(lines[start])
            after = ITEM.match(lines[end])
            if indent and after and indent.group(1) == after.group(1):
                nxt = _block(lines, end)[1]
                lines[start:nxt] = lines[end:nxt] + block
        return b"\n".join(lines)


def _block(lines: list[bytes], start: int) -> tuple[int, int]:
    """The lines of the list item starting at ``start``: it and the lines indented below it."""
    match = ITEM.match(lines[start])
    depth = len(match.group(1)) if match else 0
    end = start + 1
    while (
        end < len(lines)
        and lines[end].strip()
        and (len(lines[end]) - len(lines[end].lstrip(b" ")) > depth)
    ):
        end += 1
    return start, end


ODD_DATES = ["2008-02-30", "2008-13-01", "0001-01-01", "9999-12-31", "2008-04-20", "2008-07-15"]
CONFIG_EDITS = st.one_of(
    st.builds(
        ConfigEdit,
        st.just("date"),
        st.floats(0, 1),
        st.one_of(
            st.sampled_from(ODD_DATES),
            st.dates(date(2007, 1, 1), date(2009, 12, 31)).map(date.isoformat),
        ),
    ),
    st.builds(
        ConfigEdit,
        st.sampled_from(["item-duplicate", "item-delete", "item-swap"]),
        st.floats(0, 1),
    ),
)
EDITS = st.lists(st.one_of(MUTATIONS.map(tuple), st.tuples(CONFIG_EDITS)), min_size=1, max_size=3)


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


def _fuzz_config(target: str, mutations: list[Mutation | ConfigEdit], work: Path) -> None:
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
    event(f"{target}: check exits {check}")
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
@given(target=st.sampled_from(sorted(SEEDS)), edits=EDITS)
def test_mutated_configuration_never_crashes_and_is_named_on_its_line(
    target: str, edits: list[tuple[Mutation | ConfigEdit, ...]]
) -> None:
    with tempfile.TemporaryDirectory() as work:
        _fuzz_config(target, [m for group in edits for m in group], Path(work))


def test_the_seed_holiday_file_is_the_notice_the_package_knows() -> None:
    """The fuzzer's seed agrees with chinesecalendar for 2008, day by day."""
    mine, package = WorkCalendar.from_root(HOLIDAYS.parent), WorkCalendar()
    day = date(2008, 1, 1)
    while day.year == 2008:
        assert mine.is_working_day(day) == package.is_working_day(day), day
        assert mine.is_holiday(day) == package.is_holiday(day), day
        day += timedelta(days=1)
