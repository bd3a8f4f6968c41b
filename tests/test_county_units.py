"""The units list of a new campaign: as Notepad or Excel saves it, kinds guessed, codes given,
bad lines named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from xinfang.county.units import UnitsError, guess_kind, read_units

#: A county clerk's list, as typed into Notepad: short names, the county's order.
CLERK_LIST = "城关镇\n东关乡\n县人民法院\n县信访局\n柳河镇\n县政府办\n新华街道办事处\n县综治中心\n"


def _codes(path: Path) -> list[tuple[str, str, str]]:
    return [(u.code, u.name, u.kind) for u in read_units(path)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_a_notepad_list_in_any_of_its_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "单位.txt"
    path.write_bytes(CLERK_LIST.replace("\n", "\r\n").encode(encoding))
    assert _codes(path) == [
        ("T01", "城关镇", "township"),
        ("T02", "东关乡", "township"),
        ("D01", "县人民法院", "department"),
        ("D02", "县信访局", "department"),
        ("T03", "柳河镇", "township"),
        ("D03", "县政府办", "department"),
        ("T04", "新华街道办事处", "township"),  # 办事处 of a 街道 is no 办
        ("D04", "县综治中心", "department"),
    ]
    assert all(u.guessed for u in read_units(path))


def test_kinds_are_told_by_the_end_of_the_name() -> None:
    assert guess_kind("城关镇人民政府") == "township"
    assert guess_kind("东关乡党委") == "township"
    assert guess_kind("县人武部") == "department"
    assert guess_kind("县委政法委") == "department"
    assert guess_kind("西山林场") is None


def test_a_kind_and_reviewers_may_follow_the_name(tmp_path: Path) -> None:
    path = tmp_path / "单位.txt"
    path.write_text("城关镇 乡镇 @chengguan-xf\n西山林场，部门，linchang-xf\n县信访局\n", "utf-8")
    units = read_units(path)
    assert [(u.code, u.kind, u.reviewers, u.guessed) for u in units] == [
        ("T01", "township", ("@chengguan-xf",), False),
        ("D01", "department", ("@linchang-xf",), False),
        ("D02", "department", (), True),
    ]


def test_bad_lines_are_all_named_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "单位.txt"
    path.write_text("城关镇\n\n县信访局\n 城关镇 \n西山林场\n县公安局 派出所\n\n\n", "utf-8")
    with pytest.raises(UnitsError) as caught:
        read_units(path)
    message = str(caught.value)
    assert "没有建立任何文件" in message
    assert "单位.txt 第 2 行是空行" in message
    assert "单位.txt 第 4 行：“城关镇”与第 1 行重复" in message
    assert "单位.txt 第 5 行：“西山林场”从名称看不出是乡镇还是部门" in message
    assert "“西山林场 部门”" in message  # the fix, written out
    # 派出所 is read as part of the name: a department, so line 6 is fine
    assert "第 6 行" not in message
    assert "第 7 行" not in message and "第 8 行" not in message  # the empty end of the file


def test_a_file_that_is_neither_utf8_nor_gbk_or_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "单位.txt"
    path.write_bytes(b"\x81\x20\xff\xfe\x00")  # not UTF-8, not GB18030, no UTF-16 mark
    with pytest.raises(UnitsError, match="另存为 UTF-8"):
        read_units(path)
    with pytest.raises(UnitsError, match="无法读取单位名单"):
        read_units(tmp_path / "没有这个文件.txt")
    empty = tmp_path / "空.txt"
    empty.write_text("\n\n", "utf-8")
    with pytest.raises(UnitsError, match="中没有单位"):
        read_units(empty)


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_an_excel_list_with_kinds_and_reviewers(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "成员单位.xlsx",
        [
            ["东平县信访问题专项治理活动成员单位"],  # the sheet's title, above the headings
            ["序号", "单位名称", "类型", "审核人"],
            [1, "城关镇", "乡镇", "@chengguan-xf @cg-leader"],
            [2, "县信访局", None, "xinfangju"],
            [3, "西山林场", "部门", None],
            [None, None, None, None],
        ],
    )
    units = read_units(path)
    assert [(u.code, u.name, u.kind, u.reviewers, u.guessed) for u in units] == [
        ("T01", "城关镇", "township", ("@chengguan-xf", "@cg-leader"), False),
        ("D01", "县信访局", "department", ("@xinfangju",), True),
        ("D02", "西山林场", "department", (), False),
    ]


def test_an_excel_list_without_a_name_column_or_with_gaps(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "单位.xlsx", [["单位", "类型"], ["城关镇", "乡镇"], [None, None], ["县信访局"]]
    )
    with pytest.raises(UnitsError, match=r"单位\.xlsx 第 3 行是空行"):
        read_units(path)
    path = _sheet(tmp_path / "名单.xlsx", [["序号", "备注"], [1, "城关镇"]])
    with pytest.raises(UnitsError, match="表头中没有“单位名称”列"):
        read_units(path)
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UnitsError, match="无法作为 Excel 工作簿读取"):
        read_units(broken)
    with pytest.raises(UnitsError, match=r"另存为 \.xlsx"):
        read_units(tmp_path / "旧版.xls")
