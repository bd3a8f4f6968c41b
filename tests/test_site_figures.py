"""The plan's figures where readers see them: dashboard, unit pages, case pages, rule page."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from xinfang.site.generator import generate
from xinfang.site.inputs import Site

from .conftest import ROOT, make_repo

AS_OF = date(2008, 7, 20)


@pytest.fixture(scope="module")
def site() -> Site:
    return generate(ROOT, AS_OF)


def page(site: Site, path: str) -> str:
    return next(p.body for p in site.pages if p.path == path)


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_dashboard_shows_the_sensitive_periods_and_both_units_of_each_incident(site: Site) -> None:
    home = text(page(site, "index.md"))
    assert "控制目标（目标为零；统计区间 2008-04-12 至 2008-09-17）" in home
    assert (
        "北京奥运会（2008-08-08 至 2008-08-24）：还有 19 天开始，共 17 天；期间发生越级访、集体访和非正常进京访 0 起。"
        in home
    )
    assert "北京残奥会（2008-09-06 至 2008-09-17）：还有 48 天开始" in home
    row = re.search(r"<tr><td>2008-06-24</td>.*?</tr>", page(site, "index.md"))
    assert row is not None
    assert text(row.group(0)) == "2008-06-24越级访、非正常进京访XF2008-D02-005县人民法院城关镇进京1"


def test_unit_pages_list_the_incidents_charged_to_the_unit(site: Site) -> None:
    township = page(site, "registers/unit/T01.md")
    assert "本单位承担责任的越级访、集体访和非正常进京访（3 起）" in township
    # XF2008-T01-005's visit of 07-03 came before its registration (07-08): not charged.
    assert "XF2008-T01-005</a></td><td>承办单位" not in township
    # 城关镇 handles neither case; its people petitioned in both.
    for case_id in ("XF2008-D02-005", "XF2008-D06-001"):
        row = re.search(
            rf"<tr><td>[0-9-]+</td><td>[^<]*</td><td><a [^>]*>{case_id}</a>.*?</tr>", township
        )
        assert row is not None and "<td>信访人所属单位</td>" in row.group(0), case_id
    bureau = page(site, "registers/unit/D06.md")
    assert "（0 起）" in bureau and "统计区间内没有。" in bureau


def test_registers_put_priority_cases_first(site: Site) -> None:
    ids = re.findall(
        r'<tr [^>]*><td><a href="[^"]*">(XF2008-[^<]+)</a>', page(site, "registers/index.md")
    )
    assert len(ids) == 48
    first_plain = ids.index("XF2008-D02-001")  # the first case that is not a priority
    assert ids[:first_plain] == sorted(ids[:first_plain]) and "XF2008-T05-003" in ids[:first_plain]
    assert "XF2008-D04-001" in ids[first_plain:]


def test_case_page_shows_both_deadlines_and_which_binds(site: Site) -> None:
    body = text(page(site, "cases/XF2008-T01-001.md"))
    assert "活动办结时限 2008-06-30，按期办结" in body
    assert (
        "法定办理期限 2008-06-16（《信访条例》第三十三条：自受理之日 2008-04-16 起 60 日），逾期完成"
        in body
    )
    assert "法定办理期限 2008-06-16 早于活动办结时限：以法定期限为准。" in body
    assert (
        "适用法规：《信访条例》（2005）（2005-05-01 起施行）；期间按《民法通则》第一百五十四条计算。"
        in body
    )
    running = text(page(site, "cases/XF2008-D04-005.md"))
    assert (
        "法定办理期限 2008-09-16（《信访条例》第三十三条：自受理之日 2008-07-16 起 60 日），剩余 58 天"
        in running
    )
    assert "活动办结时限不晚于法定办理期限：以活动办结时限为准" in running
    unrecorded = text(page(site, "cases/XF2008-T05-003.md"))
    assert (
        "没有记录受理日期（statutory.accepted），法定办理期限无法计算：以活动办结时限为准。"
        in unrecorded
    )


def test_a_case_of_2022_cites_the_2022_regulation(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    case = (ROOT / "cases" / "XF2008-T01-001.yml").read_text(encoding="utf-8")
    case = case.replace("registered: '2008-04-15'", "registered: '2022-05-10'")
    case = case.replace(
        "  received: '2008-04-15'\n  accepted: '2008-04-16'",
        "  received: '2022-05-09'\n  accepted: '2022-05-12'",
    )
    (root / "cases" / "XF2008-T01-001.yml").write_text(case, encoding="utf-8")
    body = text(page(generate(root, date(2022, 6, 1)), "cases/XF2008-T01-001.md"))
    assert (
        "适用法规：《信访工作条例》（2022）（2022-05-01 起施行）；期间按《民法典》第二百零一条、第二百零三条计算。"
        in body
    )
    assert (
        "法定办理期限 2022-07-11（《信访工作条例》第三十四条：自受理之日 2022-05-12 起 60 日）"
        in body
    )


def test_rule_page_cites_the_plan_or_the_article(site: Site) -> None:
    rules = page(site, "rules.md")
    rows = re.findall(r'<tr id="([a-z-]+)">(.*?)</tr>', rules)
    assert len(rows) >= 27
    for rule_id, row in rows:
        source = re.findall(r"<td>(.*?)</td>", row)[-1]
        # the plan, the regulation of 2005, or (for the key-person register) the personal
        # information law that bounds what may be recorded
        assert source.startswith(("实施方案", "《信访条例》（2005）第", "《个人信息保护法》第")), (
            rule_id
        )
