"""names_in_ledger: the units and leaders a ledger names, with no campaign.yml (for `init --ledger`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xinfang.errors import XinfangError
from xinfang.office.excel.ledger_names import names_in_ledger

from .conftest import ROOT

LEDGERS = ROOT / "tests" / "fixtures" / "ledgers"


def test_the_spellings_of_one_unit_are_counted_once_under_its_full_name(tmp_path: Path) -> None:
    names = names_in_ledger(LEDGERS / "style-units.xlsx")
    assert names.sheets == ["城关镇", "东关乡", "县法院", "公安局"]
    units = {u.name: u for u in names.units}
    assert list(units) == ["城关镇", "东关乡", "县法院", "县公安局"]
    assert units["城关镇"].spellings == ("城关镇", "城关镇政府", "城关镇人民政府")
    assert units["县公安局"].spellings == ("公安局", "县公安局")
    assert {u.name: u.kind for u in names.units} == {
        "城关镇": "township", "东关乡": "township", "县法院": "department", "县公安局": "department",
    }  # fmt: skip
    assert "跳过工作表“汇总”：汇总或打印用的表" in names.findings


def test_leaders_are_full_names_with_the_post_written_beside_them(tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    path.write_text(
        "信访人,反映问题,问题类别,承办单位,包案领导\n"
        "甲,反映道路损毁,热点难点,县人民检察院,孙国富（副县长）\n"
        "乙,反映路灯不亮,热点难点,县检察院,孙副县长\n"
        "丙,反映水管破裂,热点难点,XX县检察院,县长助理 周立波\n"
        "丁,反映低保不公,热点难点,县发展改革局,钱县长\n"
        "戊,反映占地补偿,热点难点,县发改局,周立波、孙国富\n"
        "己,反映拆迁补偿,热点难点,青山镇人民政府,郑春生\n",
        encoding="utf-8",
    )
    names = names_in_ledger(path)
    assert [(u.name, u.kind, u.rows) for u in names.units] == [
        ("县人民检察院", "department", 3),
        ("县发展改革局", "department", 2),
        ("青山镇", "township", 1),
    ]
    leaders = {leader.name: leader for leader in names.leaders}
    assert list(leaders) == ["孙国富", "周立波", "郑春生"]  # 孙副县长 is 孙国富; 钱县长 no one
    assert (leaders["孙国富"].post, leaders["孙国富"].spellings) == (
        "副县长",
        ("孙国富（副县长）", "孙国富", "孙副县长"),
    )
    assert leaders["周立波"].post == "县长助理" and leaders["郑春生"].post == ""
    assert names.findings == [
        "包案领导“钱县长”（第 5 行）只写了姓和职务，不是一位领导的姓名：请在 campaign.yml 中写明"
        "这位领导的全名和职务，导入时就能认出"
    ]


def test_a_ledger_of_each_house_style_names_its_units(tmp_path: Path) -> None:
    assert [u.name for u in names_in_ledger(LEDGERS / "style-qingshan.xls").units] == [
        "青山镇", "县民政局", "县劳动局", "县法院", "县国土局", "公安局",
    ]  # fmt: skip
    shiqiao = names_in_ledger(LEDGERS / "style-shiqiao.xlsx")
    assert [u.name for u in shiqiao.units] == ["石桥乡", "公安局", "县发改局", "县劳动局"]
    assert [leader.name for leader in shiqiao.leaders] == ["杨德胜"]  # the footer is no leader


def test_what_is_no_ledger_is_a_message(tmp_path: Path) -> None:
    path = tmp_path / "空.csv"
    path.write_text("说明\n本表无内容\n", encoding="utf-8")
    with pytest.raises(XinfangError, match="找不到台账的表头"):
        names_in_ledger(path)
