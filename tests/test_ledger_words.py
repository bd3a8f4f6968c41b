"""The classes of words a ledger uses, each read by rule, not by a list of whole strings:
headings by their roots, units by their short names, leaders by surname and post, dates as
clerks type them, type cells with more in them, titles without names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from xinfang.office.excel.dates import Calendar, Vague, read_date
from xinfang.office.excel.headings import meaning
from xinfang.office.excel.officials import Officials, parse
from xinfang.office.excel.titles import derive_title, place_of
from xinfang.office.excel.type_cells import read_type
from xinfang.office.excel.units import UnitNames, guess_kind
from xinfang.records.repository import load_campaign

from .conftest import ROOT

CAMPAIGN, LOADED = load_campaign(ROOT)


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("来访人", "petitioners.name"), ("上访人姓名", "petitioners.name"), ("当事人", "petitioners.name"),
        ("上访事由", "demand"), ("反映内容", "demand"), ("主要问题", "demand"), ("反映的主要问题", "demand"),
        ("问题性质", "category"), ("信访类别", "category"), ("分类", "category"),
        ("首次来访时间", "received"), ("上访日期", "received"), ("排查时间", "registered"),
        ("处理情况", "progress"), ("化解措施", "progress"), ("办理进展情况", "progress"),
        ("是否息访", "settled"), ("是否息诉罢访", "settled"),
        ("包案单位", "responsibility.unit"), ("承办部门", "responsibility.unit"),
        ("经办人", "responsibility.handler"), ("具体责任人", "responsibility.handler"),
        ("包保人", "responsibility.stability_officer.name"),
        ("稳控责任人", "responsibility.stability_officer.name"),  # not the handler's 责任人
        ("稳控责任单位", "responsibility.stability_officer.unit"),  # not the handling unit
        ("上访人数", "head_count"),  # not 上访人
        ("化解时限", "responsibility.deadline"), ("包案县级领导", "responsibility.lead_official"),
    ],
)  # fmt: skip
def test_a_heading_is_read_by_its_roots_and_their_order(heading: str, key: str) -> None:
    found = meaning(heading, {})
    assert (found.key, found.tied) == (key, ())
    assert found.roots  # said: the report names the roots it was read by


@pytest.mark.parametrize(
    ("heading", "tied"),
    [
        ("包案领导及单位", {"responsibility.unit", "responsibility.lead_official"}),
        ("姓名及电话", {"petitioners.name", "petitioners.phone"}),
    ],
)
def test_a_heading_two_fields_fit_equally_is_a_tie(heading: str, tied: set[str]) -> None:
    found = meaning(heading, {})
    assert found.key is None and set(found.tied) == tied


@pytest.mark.parametrize("heading", ["发生时间", "时间", "单位", "来信来访"])
def test_a_heading_no_field_fits_is_left_out(heading: str) -> None:
    assert meaning(heading, {}).key is None


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("县检察院", "D03"), ("县人民检察院", "D03"), ("公安局", "D04"), ("青山镇政府", "T05"),
        ("青山镇人民政府", "T05"), ("县发改局", "D08"), ("县国土局", "D07"), ("县劳动局", "D10"),
        ("县法院", "D02"), ("政法委", "D01"), ("县委政法委", "D01"), ("城关", "T01"),
        ("XX县公安局", "D04"), ("Ｔ０１", "T01"), (" 东关乡 人民政府", "T02"),
    ],
)  # fmt: skip
def test_units_by_their_short_names(written: str, code: str) -> None:
    assert UnitNames(CAMPAIGN).match(written).code == code


@pytest.mark.parametrize(
    ("written", "candidates"),
    [
        ("县司法所", {"D05"}),
        ("东关司法所", {"T02", "D05"}),
        ("县信访办", {"D06"}),
        ("县教育局", set()),
    ],
)
def test_a_unit_that_is_not_one_lists_the_candidates(written: str, candidates: set[str]) -> None:
    found = UnitNames(CAMPAIGN).match(written)
    assert found.code is None and set(found.candidates) == candidates


def test_a_place_is_in_its_township() -> None:
    assert UnitNames(CAMPAIGN).within("柳河镇张湾村三组").code == "T03"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("县卫生局", "department"), ("城南镇", "township"), ("城关街道办事处", "township"),
     ("县教育中心", "department"), ("县水泥厂", None), ("河口乡人民政府", "township")],
)  # fmt: skip
def test_the_kind_of_a_new_unit_from_its_ending(name: str, kind: str | None) -> None:
    assert guess_kind(name) == kind


OFFICIALS = Officials.of(LOADED.data)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("郑副县长", "郑春生"), ("赵县长", "赵振华"), ("郑春生（副县长）", "郑春生"),
        ("副县长 郑春生", "郑春生"), ("秦书记", "秦志远"), ("尤镇长", "尤美玲"), ("何院长", "何文斌"),
        ("吕副检察长", "吕志明"), ("王主任", "王爱华"), ("冯主席", "冯志刚"),
    ],
)  # fmt: skip
def test_leaders_by_surname_and_post(written: str, name: str) -> None:
    found = OFFICIALS.resolve(written)
    assert (found.name, found.known) == (name, True)


def test_a_surname_and_post_that_pick_no_one_or_several_is_not_a_leader() -> None:
    assert OFFICIALS.resolve("孙县长").name is None  # no 孙 among the county's people
    assert OFFICIALS.resolve("郑县长").name == "郑春生"
    assert OFFICIALS.resolve("赵副县长").name == "赵振华"  # 常务副县长 is a 副县长
    assert OFFICIALS.resolve("郑县长助理").name is None  # 郑春生 is no 县长助理
    two = Officials.of(
        {"leaders": [{"name": "王大明", "post": "副县长"}, {"name": "王小红", "post": "副县长"}]}
    ).resolve("王副县长")
    assert two.name is None and [p.name for p in two.candidates] == ["王大明", "王小红"]


@pytest.mark.parametrize(
    ("written", "name", "surname", "post"),
    [
        ("县长助理 孙某某", "孙某某", "", "县长助理"), ("孙某某（副县长）", "孙某某", "", "副县长"),
        ("孙副县长", "", "孙", "副县长"), ("孙县长", "", "孙", "县长"), ("欧阳书记", "", "欧阳", "书记"),
        ("孙国庆", "孙国庆", "", ""),
    ],
)  # fmt: skip
def test_a_written_leader_is_a_name_and_a_post(
    written: str, name: str, surname: str, post: str
) -> None:
    found = parse(written)
    assert found is not None and (found.name, found.surname, found.post) == (name, surname, post)


@pytest.mark.parametrize("written", ["县长", "赵振华、郑春生", "请县领导协调"])
def test_what_is_not_one_leader(written: str) -> None:
    assert parse(written) is None


CAL = Calendar(2008, 2008, "台账的填报时间")


@pytest.mark.parametrize(
    ("value", "day", "note"),
    [
        ("08.4.15", date(2008, 4, 15), "年份只写了两位"), ("07-11-5", date(2007, 11, 5), "年份只写了两位"),
        ("98.3.2", date(1998, 3, 2), "按 1998 年"), ("4月15日", date(2008, 4, 15), "没有写年份"),
        ("4.15", date(2008, 4, 15), "没有写年份"), (4.16, date(2008, 4, 16), "没有写年份"),
        ("２００８年３月２０日", date(2008, 3, 20), ""), ("二〇〇八年四月十五日", date(2008, 4, 15), ""),
        ("2008-4-15 10:30", date(2008, 4, 15), ""), ("2008/04/15", date(2008, 4, 15), ""),
        (39553, date(2008, 4, 15), ""), (20080415, date(2008, 4, 15), ""),
    ],
)  # fmt: skip
def test_dates_as_clerks_type_them(value: object, day: date, note: str) -> None:
    reading = read_date(value, CAL)
    assert reading.day == day and note in reading.note


def test_a_month_alone_is_a_day_only_where_the_field_says_which() -> None:
    assert read_date("2007年9月", CAL, "first").day == date(2007, 9, 1)
    assert read_date("6月", CAL, "last").day == date(2008, 6, 30)
    assert read_date("2008.2", CAL, "last").day == date(2008, 2, 29)
    with pytest.raises(Vague, match="只写到月"):
        read_date("6月", CAL)


@pytest.mark.parametrize(
    "value", ["4月上旬", "6月底", "春节前", "2008年4月中旬", "4月15日至20日", "约4月", 4.1, "去年"]
)
def test_vague_dates_are_named_never_guessed(value: object) -> None:
    with pytest.raises(Vague):
        read_date(value, CAL, "last")


@pytest.mark.parametrize("value", ["2008年2月30日", "0001-01-01", 2_958_000, "15/4/2008", -3])
def test_dates_that_are_no_day_of_a_ledger(value: object) -> None:
    with pytest.raises(ValueError, match="日期"):
        read_date(value, CAL)


WORDS = {"涉法涉诉": "litigation", "热点难点": "hotspot", "省市交办": "assigned"}
FLAGS = {
    "重复访": "repeat",
    "越级访": "cross_level",
    "集体访": "collective",
    "上访老户": "long_term",
}


@pytest.mark.parametrize(
    ("text", "category", "flags", "count", "level"),
    [
        ("重复访（3次）", None, ["repeat"], None, None),
        ("集体访 30 余人", None, ["collective"], 30, None),
        ("越级访（赴京）", None, ["cross_level"], None, "beijing"),
        ("进京访", None, ["cross_level"], None, "beijing"),
        ("到市上访", None, ["cross_level"], None, "city"),
        ("涉法涉诉、集体上访十余人", "litigation", ["collective"], 10, None),
        ("市信访局交办", None, [], None, None),  # assigned by the city: no visit
    ],
)
def test_a_type_cell_with_more_in_it(
    text: str, category: str | None, flags: list[str], count: int | None, level: str | None
) -> None:
    cell = read_type(text, WORDS, FLAGS, "county")
    assert (cell.category, cell.flags, cell.head_count, cell.level) == (
        category,
        flags,
        count,
        level,
    )


def test_words_outside_the_four_categories_are_unknown_and_risks_are_marked() -> None:
    assert read_type("一般", WORDS, FLAGS, "county").unknown == ["一般"]
    assert read_type("其他", WORDS, FLAGS, "county").unknown == ["其他"]
    assert read_type("苗头隐患", WORDS, FLAGS, "county").risk
    assert read_type("矛盾纠纷", WORDS, FLAGS, "county").risk
    assert read_type("进京访", WORDS, FLAGS, "beijing").flags == []  # the level allowed there


@pytest.mark.parametrize(
    ("address", "township", "place", "who"),
    [
        ("XX县城关镇南街村二组", "城关镇", "城关镇南街村", "村民"),
        ("杨店村", "石桥乡", "石桥乡杨店村", "村民"),
        ("青山镇街道", "青山镇", "青山镇街道", "居民"),
        (None, "东关乡", "东关乡", "群众"),
        (None, None, "", "群众"),
    ],
)
def test_the_place_of_a_derived_title(
    address: str | None, township: str | None, place: str, who: str
) -> None:
    assert place_of(address, township, "XX县") == (place, who)


def test_a_derived_title_carries_no_name() -> None:
    title = derive_title(
        "赵大海反映村支书钱立民侵占补偿款，要求退还", "城关镇南街村", "村民", ["赵大海", "钱立民"]
    )
    assert title == "城关镇南街村村民反映村支书钱某侵占补偿款"
    assert "赵大海" not in title and "钱立民" not in title


def test_the_fixtures_here_are_the_bundled_campaigns() -> None:
    assert Path(ROOT / "campaign.yml").is_file() and CAMPAIGN.county == "XX县"
