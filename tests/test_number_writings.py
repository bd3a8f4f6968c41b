"""Masking survives the ways people actually write numbers (issue 20, point 9).

An identity-card or phone number is written with any separators or spacing between its digit
groups (spaces, dashes, dots, slashes, full-width ones, mixed, several in a row), in full-width
digits, in Chinese numerals (一五四…, 〇 or 零 for 0, 幺 for 1), with invisible characters inside
(zero-width space and joiner, soft hyphen, BOM, word joiner), or with letters for digits (O for 0,
l or I for 1). However it is written, no six digits of it in a row survive masking. Dates and
amounts stay readable.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xinfang.records.privacy import mask_text

CHINESE = "〇一二三四五六七八九"
FULL = "０１２３４５６７８９"
SEPARATORS = [" ", "  ", "-", " - ", ".", "/", " / ", "\u3000", "－", "．", "／", "·", "_",
              "—", "–", "\t", "\u00a0", "(", ")", "（", "）", "-.", " . "]  # fmt: skip
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060"]
AROUND = ["信访人电话", "联系方式：", "身份证号码为", "（", "来电", "本人号码 ", ""]
AFTER = ["。", "，已核实", "）", " 来访", "", "；次日回访"]


def _check_character(body: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(["390521", "340822", "110105", "620102"]))
    born = draw(st.dates(min_value=date(1920, 1, 1), max_value=date(2007, 12, 31)))
    serial = draw(st.integers(0, 999))
    if draw(st.booleans()):  # the old 15-digit card
        return f"{region}{born:%y%m%d}{serial:03d}"
    body = f"{region}{born:%Y%m%d}{serial:03d}"
    return body + _check_character(body)


mobiles = st.builds(
    lambda second, rest: f"1{second}{rest:09d}",
    st.sampled_from("3456789"),
    st.integers(0, 10**9 - 1),
)
landlines = st.builds(
    lambda area, local: f"{area}{local}",
    st.sampled_from(["010", "021", "0558", "0551", "0931"]),
    st.one_of(st.integers(2_000_000, 9_999_999), st.integers(20_000_000, 99_999_999)).map(str),
)
numbers = st.one_of(id_numbers(), mobiles, landlines)


@st.composite
def writings(draw: st.DrawFn) -> tuple[str, str]:
    """(a number, the number as someone wrote it)."""
    number = draw(numbers)
    style = draw(st.sampled_from(["ascii", "full", "chinese", "letters", "mixed"]))
    out: list[str] = []
    cut = sorted(draw(st.sets(st.integers(1, len(number) - 1), max_size=len(number) - 1)))
    for i, ch in enumerate(number):
        if i in cut:
            out.append(draw(st.sampled_from(SEPARATORS)))
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
        how = (
            style
            if style != "mixed"
            else draw(st.sampled_from(["ascii", "full", "chinese", "letters"]))
        )
        if ch in "Xx":
            out.append(draw(st.sampled_from(["X", "x", "Ｘ", "ｘ"])))
        elif how == "full":
            out.append(FULL[int(ch)])
        elif how == "chinese":
            out.append({"0": draw(st.sampled_from("〇零")), "1": draw(st.sampled_from("一幺"))}.get(
                ch, CHINESE[int(ch)]))  # fmt: skip
        elif how == "letters" and ch in "01":
            out.append(draw(st.sampled_from("Oo" if ch == "0" else "lI")))
        else:
            out.append(ch)
    if number.startswith("1") and len(number) == 11 and draw(st.booleans()):
        out.insert(0, draw(st.sampled_from(["+86 ", "+86", "0086-", "(+86)", "＋８６　"])))
    return number, "".join(out)


_FLAT = str.maketrans("０１２３４５６７８９〇零一幺二三四五六七八九OoIlＸｘx",
                      "01234567890011234567890011XXX")  # fmt: skip


def _flat(text: str) -> str:
    """Only the digits (and X) of a text, however written: what a reader could read back."""
    return re.sub(r"[^0-9X*]", "", text.translate(_FLAT))


def _survivors(number: str, out: str) -> list[str]:
    flat = _flat(out)
    return [number[i : i + 6] for i in range(len(number) - 5) if number[i : i + 6] in flat]


@settings(max_examples=500, deadline=None)
@given(writing=writings(), before=st.sampled_from(AROUND), after=st.sampled_from(AFTER))
def test_no_six_digits_of_a_number_survive_however_written(
    writing: tuple[str, str], before: str, after: str
) -> None:
    number, written = writing
    out = mask_text(f"{before}{written}{after}")
    assert _survivors(number.upper(), out) == [], (written, out)
    assert mask_text(out) == out  # masking twice changes nothing


@pytest.mark.parametrize(
    "written",
    [
        "154 5566 1201", "154/5566/1201", "154 - 5566 - 1201", "1 5 4 5 5 6 6 1 2 0 1",
        "一五四五五六六一二〇一", "幺五四 五五六六 幺二零幺", "l54OO66l2Ol", "154\u200b5566\u00ad1201",
        "\ufeff15455661201", "１５４－５５６６－１２０１", "154.5566/1201", "390521/1965/0412/3033",
        "三九〇五二一一九六五〇四一二三〇三三", "39052l l965O4l23O33", "0558 / 2345 601",
    ],
)  # fmt: skip
def test_the_writings_people_use_are_masked(written: str) -> None:
    out = mask_text(f"信访人电话{written}。")
    assert "*" in out, out
    flat = _flat(written)
    assert all(flat[i : i + 6] not in _flat(out) for i in range(len(flat) - 5)), out


@pytest.mark.parametrize(
    "text",
    [
        "2008年4月20日来访，补偿12000元",
        "二〇〇八年四月二十日来访，补偿一万二千元",
        "2008-04-20 至 2008-06-30，共 120 人，每人 1,200 元",
        "2008.04.20 14:30 第一二三组到会",
        "2008/4/20、2008/5/20、2008/6/20 三次回访",
        "2008-04-20 2008-05-20 2008-06-20 三次回访",
        "补偿款 1,380,000 元，12.5 万元，0.5 亩",
        "编号 XF2008-T01-001、ZD2008-D08-001，邮编 245100",
        "Hello World 2008, Iowa 2007 Ohio 2006",
        "三四月份五六十人七八个",
    ],
)
def test_dates_and_amounts_stay_readable(text: str) -> None:
    assert mask_text(text) == text
