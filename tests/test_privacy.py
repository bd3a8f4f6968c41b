"""Numbers in free text: every identity-card and phone number masked in everything published.

The records are seeded with the numbers in the writings clerks use (spaces, dashes, dots,
full-width digits, a lower-case x, +86 and 0086, the old 15-digit cards, landlines with an area
code in brackets or not), in every kind of text: titles, demands, notes, reports, reasons, field
values the schema refuses (whose messages the compliance page shows) and a commit's subject. Then
the site is built and every file it holds is scanned, the lookup and search indexes and the
workbook's cells included; so is the masked workbook `xinfang export` writes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from xinfang.records.privacy import mask_id_number, mask_phone, mask_text

from .conftest import ROOT, make_repo

# (the number as a clerk writes it, its digits) — each digit string appears once in the records.
WRITINGS = [
    ("39052119650412305X", "39052119650412305X"),
    ("39052119650412313x", "39052119650412313X"),
    ("390521 19650412 3033", "390521196504123033"),
    ("390521-1965-0412-3041", "390521196504123041"),
    ("３９０５２１１９６５０４１２３０２５", "390521196504123025"),
    ("3905 2119 6504 1230 68", "390521196504123068"),
    ("390521.19650412.3076", "390521196504123076"),
    ("390521650412308", "390521650412308"),  # the old 15-digit card
    ("390521 650412 309", "390521650412309"),
    ("15455661201", "15455661201"),
    ("154 5566 1202", "15455661202"),
    ("154-5566-1203", "15455661203"),
    ("1545-566-1204", "15455661204"),
    ("+86 154 5566 1205", "15455661205"),
    ("+8615455661206", "15455661206"),
    ("(+86)15455661207", "15455661207"),
    ("0086-154-5566-1208", "15455661208"),
    ("１５４５５６６１２０９", "15455661209"),
    ("＋８６　１５４　５５６６　１２１０", "15455661210"),
    ("154.5566.1211", "15455661211"),
    ("0558-2345601", "2345601"),
    ("(0558)23456702", "23456702"),
    ("（0558）2345603", "2345603"),
    ("0558 234 5604", "2345604"),
    ("+86 558 2345605", "2345605"),
    ("010-62345606", "62345606"),
    ("０５５８－２３４５６０７", "2345607"),
    ("05582345608", "2345608"),
]

SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\uff0d.\uff0e\u00b7\u30fb()（）+＋]")
FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘx", "0123456789XXX")


def _digits(text: str) -> str:
    """The text with separators gone and digits half-width: a number however it was written."""
    return SEPARATORS.sub("", text.translate(FULL_WIDTH))


def _leaked(text: str) -> list[str]:
    flat = _digits(text)
    return [written for written, digits in WRITINGS if digits in flat]


@pytest.mark.parametrize(("written", "digits"), WRITINGS)
def test_each_writing_is_masked_in_free_text(written: str, digits: str) -> None:
    text = f"信访人联系方式：{written}，2008-04-15 来访，XF2008-T01-001，补偿 7.2 万元。"
    out = mask_text(text)
    assert digits not in _digits(out), out
    assert "*" in out and "2008-04-15" in out and "XF2008-T01-001" in out and "7.2 万元" in out
    assert mask_text(out) == out  # masking twice changes nothing


@pytest.mark.parametrize(
    "text",
    [
        "2008年4月15日至2008-06-30，12户，每户8000元，共7.2万元，编号XF2008-T01-001",
        "1998年房屋被拆除，2006-2008年三次上访，邮编245100，0.5亩",
        "时限 2008-07-15，延期 30 日，第 3 组 12 人",
    ],
)
def test_dates_amounts_and_ids_are_left_alone(text: str) -> None:
    assert mask_text(text) == text


def test_the_field_masks_keep_their_shape() -> None:
    assert mask_id_number("390521196504123412") == "3905**********3412"
    assert mask_id_number("39052119650412348x") == "3905**********348x"
    assert mask_phone("15455661234") == "154****1234"
    assert mask_phone("0558-2345678") == "****-***5678"


def _cycle() -> list[str]:
    return [written for written, _ in WRITINGS]


def _seed(root: Path) -> None:
    """Every writing in the texts of the records, a refused field and a commit's subject."""
    numbers = _cycle()
    take = iter(numbers * 40)
    for path in sorted((root / "cases").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["title"] = f"{data['title'][:40]}（电话{next(take)}）"
        data["demand"] += f"联系电话 {next(take)}，身份证{next(take)}。"
        for person in data["petitioners"]:
            person["address"] = f"{person.get('address', 'XX县')}，电话{next(take)}"
        data["responsibility"]["requirements"] = f"与信访人（{next(take)}）见面核实。"
        for note in data.get("progress", []):
            note["note"] += f"（联系 {next(take)}）"
        for event in data.get("events", []):
            event["note"] = f"来访人身份证 {next(take)}"
        if data.get("closure", {}).get("report"):
            data["closure"]["report"]["investigation"] = (
                f"核实身份证号{next(take)}、电话{next(take)}。"
            )
        if data.get("investigation"):
            data["investigation"] += f"信访人电话{next(take)}。"
        if data.get("next_steps"):
            data["next_steps"] += f"（家属电话{next(take)}）"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Values the schema refuses: their messages print the value.
    bad = root / "cases" / "XF2008-T01-002.yml"
    data = yaml.safe_load(bad.read_text(encoding="utf-8"))
    data["petitioners"][0]["phone"] = "154 5566 1202"
    data["petitioners"][0]["id_number"] = "390521 19650412 3033"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    text = (root / "cases" / "XF2008-T02-002.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^head_count: .*$", "head_count: '15455661201'", text)
    (root / "cases" / "XF2008-T02-002.yml").write_text(text, encoding="utf-8")


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "褚文静", "GIT_AUTHOR_EMAIL": "s@xx.gov",
           "GIT_COMMITTER_NAME": "褚文静", "GIT_COMMITTER_EMAIL": "s@xx.gov"}  # fmt: skip
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("privacy") / "repo", ROOT / "cases")
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs", root / "docs")
    _seed(root)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "更新刘长河电话 154-5566-1203 和身份证 39052119650412313x")
    return root


@pytest.fixture(scope="module")
def site(seeded: Path) -> Path:
    out = seeded / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=seeded,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def _texts(path: Path) -> list[str]:
    """What a file says: text files decoded, JSON re-read (its \\u escapes undone), a workbook's
    every XML part (cells, shared strings, sheet names)."""
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            return [book.read(name).decode("utf-8", "replace") for name in book.namelist()]
    text = data.decode("utf-8", "replace")
    if path.suffix == ".json":
        return [text, json.dumps(json.loads(text), ensure_ascii=False)]
    return [text]


def test_the_seeded_records_hold_every_writing(seeded: Path) -> None:
    texts = "\n".join(p.read_text(encoding="utf-8") for p in (seeded / "cases").glob("*.yml"))
    assert set(_leaked(texts)) == set(_cycle())


def test_no_number_is_published_on_the_site(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix not in (".png", ".ico")]
    kinds = {p.suffix for p in files}
    assert {".html", ".json", ".xlsx"} <= kinds
    assert (site / "search" / "search_index.json").is_file()
    assert (site / "assets" / "cases.json").is_file()
    leaks = {}
    for path in files:
        found = sorted({w for text in _texts(path) for w in _leaked(text)})
        if found:
            leaks[str(path.relative_to(site))] = found
    assert leaks == {}
    compliance = (site / "compliance.html").read_text(encoding="utf-8")
    assert "“联系电话”的值" in compliance  # the refused value's message is there, masked
    changes = (site / "changes.html").read_text(encoding="utf-8")
    assert "更新刘长河电话" in changes


def test_no_number_in_the_masked_export(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "export", "xlsx", "--out", str(out),
         "--as-of", "2008-07-20"],
        cwd=seeded, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    leaks = sorted({w for text in _texts(out) for w in _leaked(text)})
    assert leaks == []


@pytest.mark.parametrize(
    "value", ["390521196504123412", "39052119650412348x", "390521650412308", "1234"]
)
def test_masking_an_id_number_twice_changes_nothing(value: str) -> None:
    once = mask_id_number(value)
    assert mask_id_number(once) == once and mask_text(once) == once


@pytest.mark.parametrize("value", ["15455661234", "0558-2345678", "+86 154 5566 1234", "110"])
def test_masking_a_phone_twice_changes_nothing(value: str) -> None:
    once = mask_phone(value)
    assert mask_phone(once) == once and mask_text(once) == once


def test_names_never_published_are_hidden_longest_first() -> None:
    from xinfang.records.privacy import name_hider

    hide = name_hider(["张翠兰", "张翠", " 李 ", "王五", ""])
    assert hide("张翠兰、张翠和王五来访") == "（保密）、（保密）和（保密）来访"
    assert hide("李庄村委会") == "李庄村委会"  # one character is no name to hide
    assert name_hider([])("张翠兰") == "张翠兰"
