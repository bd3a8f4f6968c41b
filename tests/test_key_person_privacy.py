"""Key persons are sensitive (个人信息保护法 Art. 28): confidential everywhere the site and the
exports reach. Public pages show counts only; the office's own build shows each unit's list with
masked numbers; exports mask names and numbers unless --full; notices, briefs, status and
findings carry no one's identity. Invented numbers do not look like real people's."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
import yaml
from docx import Document

from xinfang.cli import main
from xinfang.office.excel.export import workbook_bytes

from .conftest import ROOT

PEOPLE = [
    yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "persons").glob("*.yml"))
]
NAMES = [p["name"] for p in PEOPLE]
NUMBERS = [p[k] for p in PEOPLE for k in ("id_number", "phone") if k in p]


def _texts(person: dict) -> list[str]:
    """What only the key-person record says (long enough not to occur by chance elsewhere)."""
    texts = [person["background"], *(v for v in person["help"].values() if isinstance(v, str))]
    for contact in person.get("contacts", []):
        texts += [contact["note"], contact.get("help", "")]
    if "removed" in person:
        texts.append(person["removed"]["reason"])
    return [t for t in texts if len(t) >= 10]


TEXTS = [t for p in PEOPLE for t in _texts(p)]


def _leaks(text: str, *, names: bool = True) -> list[str]:
    found = [s for s in NUMBERS + TEXTS if s in text]
    if names:
        found += [n for n in NAMES if n in text]
    return found


def _files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file() and p.suffix != ".xlsx"]


def test_the_secrets_are_there_to_find() -> None:
    assert len(PEOPLE) >= 12 and len(NUMBERS) >= 24 and len(TEXTS) > 100


def test_the_public_site_shows_no_key_person(built_site: Path) -> None:
    """Outside case pages and the case lookup, which finds petitioners by name as their case
    pages name them, nothing names them; nowhere their numbers or the register's texts."""
    lookup = built_site / "assets"
    for path in _files(built_site):
        text = path.read_bytes().decode("utf-8", errors="ignore")
        is_case_page = path.parent.name == "cases"  # a petitioner's name is on their case page
        is_lookup = path == lookup / "cases.json" or path.parent == lookup / "lookup"
        assert _leaks(text, names=not (is_case_page or is_lookup)) == [], path
        # No page tells which petitioner is a key person: no register id, no link to a list.
        assert [p["id"] for p in PEOPLE if p["id"] in text] == [], path
        assert not re.search(r'href="[^"]*office/persons', text), path
    assert not list(built_site.glob("office/**/*.html"))


def test_the_public_site_shows_the_counts(built_site: Path) -> None:
    page = (built_site / "persons.html").read_text(encoding="utf-8")
    assert "不记录行踪和动向，不限制其依法信访的权利" in page
    assert re.search(r'<div class="xf-num">13</div><div>包保中</div>', page)


def test_the_sites_workbook_has_no_key_person_data(built_site: Path) -> None:
    [book] = list((built_site / "downloads").glob("*.xlsx"))
    workbook = openpyxl.load_workbook(book, read_only=True)
    try:
        cells = " ".join(
            str(v) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True)
            for v in row if v is not None
        )  # fmt: skip
        assert "重点人员包保台账" not in workbook.sheetnames
    finally:
        workbook.close()
    assert _leaks(cells, names=False) == []


def test_the_office_build_masks_numbers(tmp_path: Path) -> None:
    out = tmp_path / "office"
    assert main(["pages", "--root", str(ROOT), "--out", str(out), "--office"]) == 0
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (out / "office").rglob("*.md"))
    assert all(name in pages for name in NAMES)
    assert [n for n in NUMBERS if n in pages] == []
    for path in out.rglob("*"):
        if path.is_file() and path.suffix != ".xlsx":
            assert [n for n in NUMBERS if n in path.read_bytes().decode("utf-8", "ignore")] == []


def _sheet_texts(path: Path) -> dict[str, str]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {
            ws.title: " ".join(
                str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None
            )
            for ws in book.worksheets
        }
    finally:
        book.close()


def test_exports_mask_unless_full(tmp_path: Path) -> None:
    masked, full = tmp_path / "m.xlsx", tmp_path / "f.xlsx"
    assert main(["export", "xlsx", "--root", str(ROOT), "--out", str(masked)]) == 0
    assert main(["export", "xlsx", "--root", str(ROOT), "--out", str(full), "--full"]) == 0
    persons = ("重点人员包保台账", "走访帮扶记录")
    hidden, whole = _sheet_texts(masked), _sheet_texts(full)
    for name in persons:
        assert [s for s in NAMES + NUMBERS if s in hidden[name]] == [], name
    assert all(s in whole[persons[0]] for s in NAMES + NUMBERS)
    # Elsewhere, neither the numbers nor the register's texts; names are petitioners' there.
    for name, text in hidden.items():
        if name not in persons:
            assert [s for s in NUMBERS + TEXTS if s in text] == [], name


def test_notice_briefs_and_status_carry_no_identity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leaders = ("赵振华", "钱立民", "郑春生", "王爱华", "冯志刚")
    runs = [["notice"], ["brief"], ["status"], ["status", "--format", "json"], ["check"]]
    runs += [["brief", "--leader", name] for name in leaders]
    outputs = []
    for args, as_of in [(a, "2008-07-20") for a in runs] + [(["brief"], "2008-08-20")]:
        assert main([*args, "--root", str(ROOT), "--as-of", as_of]) in (0, 1)
        captured = capsys.readouterr()
        outputs.append(captured.out + captured.err)
    for fmt in ("notice", "brief"):
        out = tmp_path / f"{fmt}.docx"
        assert main([fmt, "--root", str(ROOT), "--format", "docx", "--out", str(out)]) == 0
        doc = Document(str(out))
        outputs.append("\n".join(p.text for p in doc.paragraphs))
        outputs += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert _leaks("\n".join(outputs)) == []
    capsys.readouterr()
    main(["check", "--format", "json", "--root", str(ROOT)])
    findings = json.loads(capsys.readouterr().out)["findings"]
    about_persons = [f["message"] for f in findings if f["file"].startswith("persons/")]
    assert about_persons and not [m for m in about_persons if any(n in m for n in NAMES)]


def _check_digit(body: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


@pytest.mark.parametrize("person", PEOPLE, ids=[p["id"] for p in PEOPLE])
def test_invented_numbers_do_not_look_real(person: dict) -> None:
    """Region 390521 belongs to no county (GB/T 2260 has no province 39); phones in the
    unassigned 154 block."""
    number = person["id_number"]
    assert number.startswith("390521") and number[-1] == _check_digit(number[:17])
    assert person["phone"].startswith("154") and len(person["phone"]) == 11


def test_working_group_phones_are_invented_too() -> None:
    for path in (ROOT / "submissions").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for member in data.get("working_group", {}).get("members", []):
            assert member.get("phone", "154").startswith("154"), path


def test_the_site_workbook_function_leaves_key_persons_out() -> None:
    _, content = workbook_bytes(ROOT)
    names = openpyxl.load_workbook(io.BytesIO(content), read_only=True).sheetnames
    assert "重点人员包保台账" not in names and "走访帮扶记录" not in names


def test_commit_messages_never_publish_a_key_person_or_a_confidential_petitioner(
    tmp_path: Path,
) -> None:
    """A commit message is whatever the committer typed: the names the site never publishes
    are hidden in it on the change log and on the case pages."""
    import shutil
    import subprocess

    from .conftest import make_repo

    root = make_repo(tmp_path / "县信访局 台账", ROOT / "cases")
    shutil.copytree(ROOT / "persons", root / "persons")
    secret = yaml.safe_load((root / "cases" / "XF2008-D03-001.yml").read_text(encoding="utf-8"))
    assert secret["confidential"] is True
    hidden = secret["petitioners"][0]["name"]
    message = f"走访重点人员{NAMES[0]}；{hidden}补充材料（XF2008-D03-001）"
    env = {"GIT_AUTHOR_NAME": "褚文静", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "褚文静",
           "GIT_COMMITTER_EMAIL": "a@b", "PATH": "/usr/bin:/bin"}  # fmt: skip
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    out = tmp_path / "pages"
    assert main(["pages", "--root", str(root), "--out", str(out), "--as-of", "2008-07-20"]) == 0
    log = (out / "changes.md").read_text(encoding="utf-8")
    assert "走访重点人员（保密）；（保密）补充材料" in log
    assert NAMES[0] not in log and hidden not in log
    for path in out.rglob("*"):
        if path.is_file():
            assert hidden not in path.read_text(encoding="utf-8", errors="ignore"), path
