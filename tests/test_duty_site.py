"""The site's pages for the work beside cases: registers, links both ways, content on the
obligations page, leaders' pages and the weekly brief, escaped text, and the office's lists
only in the office's own build."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from xinfang.site.generator import build_site
from xinfang.site.inputs import Site, gather

from .conftest import ROOT, make_repo
from .test_duty_records import bundled

AS_OF = date(2008, 7, 20)


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(gather(ROOT, AS_OF))


def _page(site: Site, path: str) -> str:
    return next(p.body for p in site.pages if p.path == path)


def test_the_pages_exist_and_the_lists_stay_out_of_the_public_site(site: Site) -> None:
    paths = {p.path for p in site.pages}
    assert {
        "risks/index.md",
        "persons.md",
        "assignments.md",
        "submissions/index.md",
        "accountability.md",
        "leaders/index.md",
        "brief.md",
        "units/T04.md",
        "risks/YH2008-T04-001.md",
        "submissions/D05.md",
        "leaders/郑春生.md",
    } <= paths
    assert not [p for p in paths if p.startswith("office/")]


def test_risk_register_and_page(site: Site) -> None:
    register = _page(site, "risks/index.md")
    for risk_id in ("YH2008-T01-001", "YH2008-D08-002", "YH2008-T05-002"):
        assert f'href="{risk_id}.html"' in register
    page = _page(site, "risks/YH2008-T04-001.md")
    assert "下次复查：2008-07-15，已逾期 5 天" in page and "[risk-review]" in page
    assert "风险重大" in page and "冯志刚" in page


def test_a_risk_and_its_case_link_both_ways(site: Site) -> None:
    risk = _page(site, "risks/YH2008-T01-001.md")
    assert 'href="../cases/XF2008-T01-005.html"' in risk
    case = _page(site, "cases/XF2008-T01-005.md")
    assert "由苗头隐患形成" in case and 'href="../risks/YH2008-T01-001.html"' in case
    assigned = _page(site, "cases/XF2008-D01-002.md")
    assert 'href="../assignments.html#JB2008-002"' in assigned


def test_a_risk_seen_before_its_case_was_registered_is_still_open() -> None:
    early = build_site(gather(ROOT, date(2008, 7, 1)))
    page = _page(early, "risks/YH2008-T01-001.md")
    assert "在控" in page and "形成的信访案件" not in page


def test_obligations_show_content_and_acceptance(site: Site) -> None:
    page = _page(site, "obligations.md")
    assert "成员 6 人" in page and "报 3 件，台账 4 件，不一致" in page
    assert "<th>验收</th>" in page and "待验收" in page
    later = _page(build_site(gather(ROOT, date(2008, 8, 10))), "obligations.md")
    assert "退回整改" in later and "验收通过" in later


def test_submission_page_compares_with_the_generated_ledger(site: Site) -> None:
    page = _page(site, "submissions/T02.md")
    assert "XF2008-T02-003" in page and "2008-04-21 登记" in page
    assert "154****" in page  # working-group phones masked
    returned = _page(build_site(gather(ROOT, date(2008, 8, 10))), "submissions/T02.md")
    assert "退回整改" in returned and "总结没有写刘集村小学撤并案件" in returned


def test_assignments_page(site: Site) -> None:
    page = _page(site, "assignments.md")
    assert "超期未报结（1 件）" in page and "JB2008-002" in page
    assert "2008-07-18（逾期 2 天）" in page
    assert page.count('<h3 id="JB2008-') == 10


def test_accountability_and_unit_pages(site: Site) -> None:
    page = _page(site, "accountability.md")
    assert 'id="ZZ2008-003"' in page and "诫勉谈话" in page
    assert "供领导小组研究的事项（7 起）" in page and "XF2008-D07-001" in page
    assert "建议" not in page and "ZZ2008-004" in page  # decided on 07-18
    unit = _page(site, "units/T01.md")
    assert "县信访专项治理办〔2008〕4号" in unit and "诫勉谈话" in unit
    assert "包保的重点人员 2 人" in unit


def test_leader_page_shows_decisions_and_next_steps(site: Site) -> None:
    page = _page(site, "leaders/郑春生.md")
    assert "需要决定的事项（8 项）" in page
    assert "XF2008-T03-003" in page and "已超期 9 天" in page
    assert 'href="../assignments.html#JB2008-003"' in page
    assert "包保的重点人员" in page and "3 人" in page


def test_weekly_brief(site: Site) -> None:
    page = _page(site, "brief.md")
    assert "2008-07-14 至 2008-07-20" in page
    for case_id in ("XF2008-D04-005", "XF2008-D06-003", "XF2008-T03-005"):
        assert case_id in page.split("本周结案")[0]
    assert "本周结案（3 件）" in page and "交办件超期未报结 1 件" in page


def test_rule_catalogue_lists_the_record_rules(site: Site) -> None:
    page = _page(site, "rules.md")
    assert 'id="person-no-movements"' in page and 'id="report-back-overdue"' in page


def test_dashboard_figures(site: Site) -> None:
    home = _page(site, "index.md")
    assert "重点工作" in home and 'href="risks/index.html"' in home
    assert "交办件超期未报结" in home


def test_record_text_is_escaped(tmp_path: Path) -> None:
    root = bundled(tmp_path / "repo")
    path = root / "risks" / "YH2008-T04-002.yml"
    text = path.read_text(encoding="utf-8").replace(
        "title: 陈岗村养殖场污水影响村民饮用水井",
        "title: \"<script>alert('x')</script> 陈岗村 {{ 7*7 }}\"",
    )
    path.write_text(text, encoding="utf-8")
    bodies = "\n".join(p.body for p in build_site(gather(root, AS_OF)).pages)
    assert "<script>alert" not in bodies
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 陈岗村 {{ 7*7 }}" in bodies


def test_the_office_build_adds_each_units_list(tmp_path: Path) -> None:
    office = build_site(gather(ROOT, AS_OF, office=True))
    page = _page(office, "office/persons/T01.md")
    assert "周玉兰" in page and "3905**********" in page and "154****" in page
    assert "38 天前，超过间隔" in page
    assert "内部资料，注意保密" in page
    assert 'href="../../office/persons/index.html"' not in page
    assert "office/persons/index.html" in _page(office, "persons.md")


def test_a_repository_without_the_new_folders_builds(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", ROOT / "cases")
    shutil.rmtree(root / "evidence")
    site = build_site(gather(root, AS_OF))
    assert "在控隐患" in _page(site, "index.md")
    assert "尚无责任追究的记录" in _page(site, "accountability.md")


def test_key_person_findings_are_counted_publicly_and_listed_for_the_office(site: Site) -> None:
    public = _page(site, "compliance.md")
    assert "persons/" not in public and "ZD2008" not in public
    assert "<h3>重点人员（1 项）</h3>" in public and "只在领导小组办公室的内部页面列出" in public
    office = _page(build_site(gather(ROOT, AS_OF, office=True)), "office/persons/index.md")
    assert "ZD2008-T01-002 周玉兰" in office and "[person-contact]" not in office
    assert "person-contact" in office and "38 天" in office


def test_the_machinery_pages_on_the_site_s_date(site: Site) -> None:
    meetings = _page(site, "meetings.md")
    assert "石桥乡" in meetings and "没有专门会议的记录" in meetings  # 县劳动和社会保障局, 县建设局
    assert 'class="xf-overdue">2008-04-15' in meetings  # after the mobilisation phase
    assert "尚未召开总结大会" in meetings  # held on 7-29
    inspections = _page(site, "inspections.md")
    assert inspections.count("逾期未整改") >= 2 and "DC2008-003" in inspections
    summary = _page(site, "commendations.md")
    assert "尚无表彰决定的记录" in summary and "ZZ2008-004" in summary  # decided 7-25; 7-18
    six = _page(site, "six.md")
    assert six.index("城关镇") < six.index("县建设局") and "博办字20238号" in six
    assert "没有专门会议的记录" in six and "不打分、不排名" in six
    assert "排查依据：博办字20238号、博办字18号" in _page(site, "risks/index.md")
    assert "本单位的六个到位" in _page(site, "units/T04.md")
    dashboard = _page(site, "index.md")
    assert "单位召开专门会议" in dashboard and "督查问题逾期未整改" in dashboard


def test_the_summary_page_shows_commendations_beside_accountability() -> None:
    summary = _page(build_site(gather(ROOT, date(2008, 7, 31))), "commendations.md")
    assert summary.index("BZ2008-001") < summary.index("ZZ2008-001")
    assert "领导小组第七次会议" in summary and "控告申诉科科长 彭卫华" in summary
    assert "程序不评先进，也不认定过错" in summary
