"""`xinfang notice`: the office's 通报 in the plan's terms, as Markdown and as Word."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from xinfang.cli import main
from xinfang.office.notice.build import build_notice, chinese_date, write_markdown
from xinfang.office.notice.docx import render as render_docx

from .conftest import ROOT, make_repo

AS_OF = date(2008, 7, 20)
SECTIONS = [
    "## 一、总体进展",
    "## 二、各单位进展情况",
    "## 三、督办事项：超期未结案件",
    "## 四、提醒事项：临期案件和阶段材料",
    "## 五、结案要件和“四明确”落实中的问题",
    "## 六、越级访、集体访和非正常进京访情况",
    "## 七、通报批评",
    "## 八、下一步工作要求",
]


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "bundled", ROOT / "cases")


def section(text: str, heading: str) -> str:
    start = text.index(heading)
    following = [text.index(h) for h in SECTIONS if text.index(h) > start]
    return text[start : min(following, default=len(text))]


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2008, 7, 20), "二〇〇八年七月二十日"),
        (date(2008, 4, 1), "二〇〇八年四月一日"),
        (date(2008, 10, 15), "二〇〇八年十月十五日"),
        (date(2008, 12, 31), "二〇〇八年十二月三十一日"),
        (date(2010, 11, 10), "二〇一〇年十一月十日"),
    ],
)
def test_dates_are_written_in_words(day: date, words: str) -> None:
    assert chinese_date(day) == words


def test_markdown_has_the_parts_of_an_official_notice(bundled: Path) -> None:
    text = write_markdown(build_notice(bundled, AS_OF))
    assert "# 关于全县信访问题专项治理活动进展情况的通报" in text
    assert "县信访专项治理办〔2008〕　号" in text
    assert "各乡镇党委、政府，县直各有关单位：" in text
    positions = [text.index(h) for h in SECTIONS]
    assert positions == sorted(positions)
    assert text.rstrip().endswith("抄送：县信访问题专项治理活动领导小组组长、常务副组长。")
    assert "县信访问题专项治理活动领导小组办公室<br>二〇〇八年七月二十日" in text


def test_progress_and_overdue_cases_follow_the_status_figures(bundled: Path) -> None:
    text = write_markdown(build_notice(bundled, AS_OF))
    overall = section(text, SECTIONS[0])
    # 27/48 is 56.25%: rounded half up, with its base.
    assert "全县共排查登记信访案件 48 件，已结案 27 件，结案率 56.3%（27/48）" in overall
    assert "息诉罢访 11 件，息诉罢访率 22.9%（11/48）" in overall
    assert (
        "4月12日以来发生越级集体访 1 起、非正常进京访 1 起（目标均为零，统计至9月17日）" in overall
    )
    assert (
        "北京奥运会（8月8日至8月24日）还有 19 天开始，期间发生越级访、集体访和非正常进京访 0 起"
        in overall
    )
    units = section(text, SECTIONS[1])
    assert "| 10 | 县司法局 | 2 | 1 | 50.0% | 1 | 0 | “排查台账”“进展一”“进展二”逾期未报 |" in units
    # Only units with a case due by 20 July are ranked: 县劳动和社会保障局's one case (0 of 1
    # closed) is not due until August, and the bureau has none.
    assert (
        "截至7月20日有案件到办结时限的 14 个单位中，结案率（已结案件数与登记案件数之比）最高的是"
        "县民政局 100.0%（1/1）、县建设局 100.0%（1/1），最低的是柳河镇 40.0%（2/5）、"
        "县人民法院 40.0%（2/5）。" in units
    )
    assert "| 15 | 县劳动和社会保障局 | 1 | 0 | 0.0% |" in units
    overdue = section(text, SECTIONS[2])
    assert "超期未结案件 7 件，涉及 7 个单位" in overdue and "由县领导小组办公室逐案督办" in overdue
    assert (
        "| XF2008-D07-005 | 王畈村村民反映非法采砂破坏河堤农田 | 县国土资源局 | 郑春生 | 2008-06-20 | 30 |"
        in overdue
    )


def test_overdue_cases_and_late_reports_are_follow_ups_not_criticism(bundled: Path) -> None:
    text = write_markdown(build_notice(bundled, AS_OF))
    reminders = section(text, SECTIONS[3])
    assert "（一）7 日内到期的案件 5 件：XF2008-D02-002（县人民法院，7月22日）" in reminders
    assert "（二）阶段材料上报：东关乡“进展二”逾期未报，“排查台账”逾期报送；" in reminders
    named = section(text, SECTIONS[6])
    assert "超期" not in named and "逾期" not in named
    # 县人民检察院 and 县公安局 have overdue cases or late reports but no escalated visit.
    assert "县人民检察院" not in named and "县公安局" not in named


def test_incidents_are_listed_once_each_and_charged_only_during_handling(bundled: Path) -> None:
    text = write_markdown(build_notice(bundled, AS_OF))
    incidents = section(text, SECTIONS[5])
    assert (
        "4月12日至7月20日，发生越级集体访 1 起、非正常进京访 1 起（目标均为零）；另有越级访 2 起、"
        "集体访 12 起（均指走访，一次走访只计一起）。" in incidents
    )
    # One visit, two kinds: one incident, not two.
    assert (
        "6月24日，XF2008-D02-005（上访老户反映离婚案财产分割判决不公长期缠访，县人民法院承办、"
        "信访人属城关镇）信访人 1 人进京走访，属越级访、非正常进京访。" in incidents
    )
    # 东关乡 registered the case on 21 April, six days after the visit: background.
    assert (
        "4月15日，XF2008-T02-003（刘集村家长反映村小撤并后学生上学路远无校车，东关乡承办）"
        "信访人 12 人到县走访，属集体访（发生在案件登记之前或结案之后，作为背景列出，不计入单位责任）。"
        in incidents
    )
    # A visit to the city is lawful under Art. 16: 集体访, not 越级.
    assert "6月3日，XF2008-T04-004" in incidents and "12 人到市走访，属集体访。" in incidents


def test_no_unit_is_criticised_without_a_recorded_decision(bundled: Path) -> None:
    # This copy keeps cases only: no decision of the leading group is recorded.
    named = section(write_markdown(build_notice(bundled, AS_OF)), SECTIONS[6])
    assert "截至7月20日，领导小组没有尚未印发的通报批评决定，本期通报不点名批评任何单位。" in named
    assert "予以通报批评" not in named
    for unit in ("城关镇", "东关乡", "柳河镇", "石桥乡", "青山镇", "县人民法院", "县国土资源局"):
        assert unit not in named
    # No sanction the campaign file does not set.
    assert "工作日内" not in named


def test_the_rectification_period_comes_from_the_campaign_file(bundled: Path) -> None:
    path = bundled / "campaign.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  due_soon_days: 7\n", "  due_soon_days: 7\n  rectification_days: 3\n"),
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "accountability", bundled / "accountability")
    text = write_markdown(build_notice(bundled, AS_OF))
    named = text[text.index("、通报批评\n") : text.index("、下一步工作要求")]
    assert "柳河镇" in named
    assert (
        named.rstrip()
        .removesuffix("## 十一")
        .rstrip()
        .endswith("被通报批评的单位要在 3 个工作日内将整改措施书面报县领导小组办公室（县信访局）。")
    )


def test_compliance_gaps_come_from_the_check(bundled: Path) -> None:
    path = bundled / "cases" / "XF2008-T01-001.yml"
    text = path.read_text(encoding="utf-8").replace("  seal: true\n", "  seal: false\n")
    path.write_text(text, encoding="utf-8")
    gaps = section(write_markdown(build_notice(bundled, AS_OF)), SECTIONS[4])
    assert "（一）结案要件二：公章和签字：1 件（XF2008-T01-001），涉及城关镇。" in gaps
    assert "法定办理期限：3 件（XF2008-D07-003、XF2008-T01-001、XF2008-T02-003）" in gaps
    assert "阶段材料" not in gaps  # a reminder, not a compliance gap


def test_a_quiet_campaign_says_so(tmp_path: Path) -> None:
    text = write_markdown(build_notice(make_repo(tmp_path / "empty"), date(2008, 4, 13)))
    assert "截至4月13日，没有超期未结案件。" in text
    assert "4月12日至4月13日，未发生越级访、集体访和非正常进京访。" in text
    assert "截至4月13日，领导小组没有尚未印发的通报批评决定，本期通报不点名批评任何单位。" in text
    assert "各单位要于4月14日前向县领导小组办公室（县信访局）上报专项治理工作小组成员名单。" in text


def test_word_document_is_a4_with_chinese_fonts_headings_and_tables(
    bundled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "通报.docx"
    render_docx(build_notice(bundled, AS_OF), out)
    doc = Document(str(out))
    section_ = doc.sections[0]
    assert section_.page_width is not None and section_.page_height is not None
    assert (round(section_.page_width.cm, 1), round(section_.page_height.cm, 1)) == (21.0, 29.7)
    texts = [p.text for p in doc.paragraphs]
    assert "关于全县信访问题专项治理活动\n进展情况的通报" in texts
    assert "县信访专项治理办〔2008〕　号" in texts
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [h.removeprefix("## ") for h in SECTIONS]
    assert "二〇〇八年七月二十日　　" in texts
    assert len(doc.tables) == 2 and doc.tables[1].cell(1, 0).text == "XF2008-D07-005"
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    title_run = next(p for p in doc.paragraphs if p.text.startswith("关于")).runs[0]
    assert title_run.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer


def test_cli_prints_markdown_and_writes_word_without_overwriting(
    bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["notice", "--root", str(bundled), "--as-of", "2008-07-20"]) == 0
    assert capsys.readouterr().out.startswith("> 草稿")
    out = bundled / "通报.docx"
    args = ["notice", "--root", str(bundled), "--format", "docx", "--out", str(out)]
    assert main(args) == 0 and out.stat().st_size > 10_000
    assert main(args) == 2
    assert "已存在" in capsys.readouterr().err
