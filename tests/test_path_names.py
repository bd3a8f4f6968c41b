"""Outputs stay where they belong (issue 20, point 10).

A name used in a path (a leader's name, a unit's code, a record's id) never leads outside the
output folder: not with ``..``, ``/`` or ``\\``, ``#``, ``?``, ``%``, NUL, nor as a name Windows
reserves (CON, NUL.txt…). The site's links to such pages still work. `pages --out` into a record
folder or the repository is refused in Chinese.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from xinfang.cli import main
from xinfang.records.file_names import file_name

from .conftest import ROOT, make_repo

FOLDERS = ("persons", "risks", "assignments", "submissions", "accountability")
WINDOWS = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
           *(f"LPT{i}" for i in range(1, 10))}  # fmt: skip

HOSTILE = [
    "..", ".", "../../郑春生", "..\\..\\郑春生", "/etc/郑春生", "C:\\郑春生", "王#1", "李?2", "赵%3",
    "赵%2e%2e%2f", "钱\x00立民", "CON", "nul.txt", "Com1", "lpt9.doc", "郑春生.", "郑春生 ", ".git",
    "a/b", "a_b", "孙 五", "王\t五", "郑春生" * 60, "<王>", 'a"b', "a|b", "a*b", "a:b",
]  # fmt: skip


@pytest.mark.parametrize("name", HOSTILE)
def test_a_name_becomes_one_harmless_file_name(name: str) -> None:
    safe = file_name(name)
    assert safe and safe not in (".", "..") and not safe.startswith(".")
    assert not set(safe) & set('/\\#?%\x00:*"<>|\t ')
    assert safe.split(".")[0].upper() not in WINDOWS
    assert not safe.endswith((".", " "))
    assert len(safe.encode("utf-8")) <= 120
    assert file_name(safe) == safe  # a safe name stays as it is


def test_names_stay_apart_and_plain_names_stay_as_they_are() -> None:
    assert len({file_name(n) for n in HOSTILE}) == len(HOSTILE)
    for name in ("郑春生", "欧阳建国", "T01", "XF2008-T01-001", "YH2008-D08-001"):
        assert file_name(name) == name


LEADERS = {
    "郑春生": "../../郑春生",
    "赵振华": "a/b#c?d%2e",
    "钱立民": "CON",
    "王爱华": "..\\王爱华",
    "冯志刚": "冯志刚%00",
}


def _hostile_repo(tmp_path: Path) -> Path:
    """The bundled campaign with county leaders renamed as a careless or hostile clerk might."""
    root = make_repo(tmp_path / "repo", ROOT / "cases")
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, root / folder)
    for path in [root / "campaign.yml", *root.glob("*/*.yml")]:
        text = path.read_text(encoding="utf-8")
        for old, new in LEADERS.items():  # where the name is the whole value, quoted
            quoted = "'" + new.replace("'", "''") + "'"
            text = re.sub(rf"(?<=[\s\[{{,:]){old}(?=\s*(?:[,}}\]]|$))", quoted, text, flags=re.M)
        path.write_text(text, encoding="utf-8")
    return root


def _links(page: Path) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', page.read_text("utf-8"))]


def _all_files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def test_leader_pages_stay_in_the_output_and_their_links_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _hostile_repo(tmp_path)
    assert main(["check", "--root", str(root), "--as-of", "2008-07-20"]) in (0, 1)
    out = tmp_path / "deep" / "er" / "pages"
    before = _all_files(tmp_path)
    assert main(["pages", "--root", str(root), "--out", str(out), "--as-of", "2008-07-20"]) == 0
    written = _all_files(tmp_path) - before
    assert written and all(p.resolve().is_relative_to(out.resolve()) for p in written)
    leaders = (out / "leaders").iterdir()
    assert len([p for p in leaders if p.suffix == ".md"]) == len(LEADERS) + 1  # and the index
    broken = []
    for page in out.rglob("*.md"):
        for href in _links(page):
            if re.match(r"^[a-z]+:|^#", href):
                continue
            target = unquote(href.split("#")[0].split("?")[0])
            if not target:
                continue
            resolved = (page.parent / target).resolve()
            source = resolved.with_suffix(".md") if resolved.suffix == ".html" else resolved
            if not (resolved.exists() or source.exists()):
                broken.append((page.relative_to(out).as_posix(), href))
    assert broken == []
    index = (out / "leaders" / "index.md").read_text(encoding="utf-8")
    for shown in LEADERS.values():
        assert html.escape(shown, quote=False) in index  # the name is shown as written


def test_a_brief_for_a_leader_stays_in_the_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _hostile_repo(tmp_path)
    here = tmp_path / "work" / "here"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    before = set(_all_files(root))
    for name in LEADERS.values():
        args = ["brief", "--leader", name, "--format", "docx", "--as-of", "2008-07-20"]
        assert main([*args, "--root", str(root)]) == 0
        written = Path(capsys.readouterr().out.strip())
        assert written.parent.resolve() == (root / "输出").resolve() and written.is_file(), written
    assert not _all_files(tmp_path / "work")
    assert {p.parent for p in set(_all_files(root)) - before} == {root / "输出"}


@pytest.mark.parametrize(
    "where", ["cases", "cases/页面", "risks", "persons/x", "assignments", "submissions",
              "accountability", "evidence", "schema", ".git", "."],
)  # fmt: skip
def test_pages_into_a_record_folder_or_the_repository_is_refused(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _hostile_repo(tmp_path)
    (root / ".git").mkdir()
    before = {p: p.read_bytes() for p in _all_files(root)}
    code = main(["pages", "--root", str(root), "--out", str(root / where), "--as-of", "2008-07-20"])
    said = capsys.readouterr().err
    assert code == 2
    assert "不能" in said and "请另选" in said, said
    assert {p: p.read_bytes() for p in _all_files(root)} == before


def test_pages_into_an_ordinary_folder_of_the_repository_is_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", ROOT / "cases")
    out = root / "build" / "pages"
    assert main(["pages", "--root", str(root), "--out", str(out), "--as-of", "2008-07-20"]) == 0
    assert (out / "index.md").is_file()


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_pages_through_a_link_into_a_record_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo", ROOT / "cases")
    link = tmp_path / "看起来在外面"
    link.symlink_to(root / "cases", target_is_directory=True)
    assert main(["pages", "--root", str(root), "--out", str(link), "--as-of", "2008-07-20"]) == 2
    assert "cases" in capsys.readouterr().err
