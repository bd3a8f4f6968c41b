"""Names never published stay out of free text too (issue 20, point 8).

A key person's name or status (the register in persons/ is confidential) and the petitioners of a
confidential case never reach a public output through what a clerk typed: a case's title, demand
and progress notes, a risk's description, an assignment's subject, a unit's report, an
accountability decision. The records are seeded with them in every such text (and a commit
message); then the site is built with MkDocs and every file it holds is scanned (the pages, the
lookup and search indexes, the workbook), and so are the masked export, the notice and the
briefs. `xinfang check` warns on each text that names them, with the field, the line and what to
write instead, and without the name.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from .conftest import ROOT, make_repo

FOLDERS = ("persons", "risks", "assignments", "submissions", "accountability")
STATUS = "已列为重点人员"  # a key person's status, written as a statement about someone
# The free texts seeded, by record folder (key paths; * for every item of a list).
TEXTS = {
    "cases": ["title", "demand", "investigation", "root_cause", "progress.*.note", "events.*.note",
              "responsibility.requirements", "next_steps", "closure.report.investigation"],
    "risks": ["title", "description", "measures", "reviews.*.note"],
    "assignments": ["subject", "report_backs.*.content", "supervisions.*.content"],
    "submissions": ["registration.note", "progress.*.text", "summary.text"],
    "accountability": ["reason", "outcome"],
}  # fmt: skip
CONFIDENTIAL_CASE = "XF2008-D03-001"


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _check_character(body: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


# Two key persons registered in the fixture who petition no case, so that no case page names them
# by right (every bundled key person is a petitioner too); the petitioner of a confidential case.
KEY, OTHER_KEY = "柏永年", "滕秀英"
HIDDEN = _load(ROOT / "cases" / f"{CONFIDENTIAL_CASE}.yml")["petitioners"][0]["name"]
KEY_ID = "ZD2008-D08-002"


def _register(root: Path, number: int, name: str) -> None:
    data = _load(ROOT / "persons" / "ZD2008-D08-001.yml")
    body = f"39052119500312{100 + number:03d}"
    data.update(id=f"ZD2008-D08-{number:03d}", name=name, id_number=body + _check_character(body),
                phone=f"154003777{90 + number}")  # fmt: skip
    text = "# yaml-language-server: $schema=../schema/person.schema.json\n"
    text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (root / "persons" / f"ZD2008-D08-{number:03d}.yml").write_text(text, encoding="utf-8")


SECRETS = [KEY, OTHER_KEY, HIDDEN, STATUS, KEY_ID]


def _seed_text(data: dict, path: str, add: str) -> int:
    """Append ``add`` to the text at ``path`` (dotted, * for list items); how many were changed."""
    head, _, rest = path.partition(".")
    node = data.get(head)
    if node is None:
        return 0
    if not rest:
        if isinstance(node, str):
            data[head] = (node[: 80 - len(add)] if head == "title" else node) + add
            return 1
        return 0
    if rest.startswith("*"):
        items = node if isinstance(node, list) else []
        tail = rest[2:]
        if not tail:
            for i, item in enumerate(items):
                if isinstance(item, str):
                    items[i] = item + add
            return len(items)
        return sum(_seed_text(item, tail, add) for item in items if isinstance(item, dict))
    return _seed_text(node, rest, add) if isinstance(node, dict) else 0


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "褚文静", "GIT_AUTHOR_EMAIL": "s@xx.gov",
           "GIT_COMMITTER_NAME": "褚文静", "GIT_COMMITTER_EMAIL": "s@xx.gov"}  # fmt: skip
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The bundled campaign with the names written into every kind of free text, the way a
    clerk would (“刘某某（重点人员）来电”); how many texts were seeded in each file."""
    root = make_repo(tmp_path_factory.mktemp("names") / "repo", ROOT / "cases")
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, root / folder)
    _register(root, 2, KEY)
    _register(root, 3, OTHER_KEY)
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs", root / "docs")
    seeded: dict[str, int] = {}
    for folder, paths in TEXTS.items():
        for n, path in enumerate(sorted((root / folder).glob("*.yml"))):
            data = _load(path)
            add = [f"（{KEY}{STATUS}）", f"，{OTHER_KEY}来电", f"；{HIDDEN}补充材料",
                   f"（{KEY_ID}）"][n % 4]  # fmt: skip
            count = sum(_seed_text(data, p, add) for p in paths)
            if count:
                seeded[f"{folder}/{path.name}"] = count
                path.write_text(
                    yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
                )
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", f"补录材料：{KEY}、{HIDDEN}")
    return root, seeded


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xinfang.cli", *args],
        cwd=root, capture_output=True, text=True, check=False,
    )  # fmt: skip


def _texts(path: Path) -> list[str]:
    """What a file says: text decoded, JSON re-read (its \\u escapes undone), every XML part of
    a workbook or a Word file."""
    if path.suffix in (".xlsx", ".docx"):
        with zipfile.ZipFile(path) as book:
            return [book.read(name).decode("utf-8", "replace") for name in book.namelist()]
    text = path.read_bytes().decode("utf-8", "replace")
    if path.suffix == ".json":
        return [text, json.dumps(json.loads(text), ensure_ascii=False)]
    return [text]


def _leaks(files: list[Path], base: Path) -> dict[str, list[str]]:
    found = {}
    for path in files:
        hits = sorted({s for text in _texts(path) for s in SECRETS if s in text})
        if hits:
            found[str(path.relative_to(base))] = hits
    return found


def test_the_names_are_there_to_find(seeded: tuple[Path, dict[str, int]]) -> None:
    root, counts = seeded
    assert {rel.split("/")[0] for rel in counts} == set(TEXTS)
    text = "\n".join(p.read_text(encoding="utf-8") for p in root.glob("*/*.yml"))
    assert all(s in text for s in SECRETS)


def test_no_public_output_carries_them(seeded: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    root, _ = seeded
    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix not in (".png", ".ico")]
    assert (site / "search" / "search_index.json") in files
    assert (site / "assets" / "cases.json") in files
    assert any(p.suffix == ".xlsx" for p in files)
    assert _leaks(files, site) == {}
    # The pages still show the texts, with （保密） where a name was.
    case_page = (site / "cases" / "XF2008-D01-001.html").read_text(encoding="utf-8")
    assert "（保密）" in case_page

    out = tmp_path / "out"
    out.mkdir()
    as_of = ("--as-of", "2008-07-20")
    leaders = [p["name"] for p in _load(ROOT / "campaign.yml")["leaders"]]
    printed = []
    runs = [["export", "xlsx", "--out", str(out / "台账.xlsx")],
            ["notice", "--format", "docx", "--out", str(out / "通报.docx")],
            ["brief", "--format", "docx", "--out", str(out / "周报.docx")],
            ["notice"], ["brief"], ["status"], ["status", "--format", "json"],
            *(["brief", "--leader", name] for name in leaders)]  # fmt: skip
    for args in runs:
        result = _run(root, *args, *as_of)
        assert result.returncode in (0, 1), (args, result.stderr[-2000:])
        printed.append(result.stdout)
    (out / "printed.txt").write_text("\n".join(printed), encoding="utf-8")
    export = out / "台账.xlsx"
    assert _leaks(sorted(p for p in out.iterdir() if p != export), out) == {}
    # The masked export keeps the key-person sheets, their names masked (邵**) and their
    # register numbers there to find a file by; nowhere else.
    book = openpyxl.load_workbook(export, read_only=True)
    try:
        for ws in book.worksheets:
            cells = " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
            own = ws.title in ("重点人员包保台账", "走访帮扶记录")
            assert [s for s in SECRETS if s in cells and not (own and s == KEY_ID)] == [], ws.title
    finally:
        book.close()


def test_check_warns_where_a_text_names_them(seeded: tuple[Path, dict[str, int]]) -> None:
    root, counts = seeded
    result = _run(root, "check", "--format", "json", "--as-of", "2008-07-20")
    findings = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "unpublished-name"]
    assert findings and all(f["severity"] == "warning" for f in findings)
    by_file: dict[str, int] = {}
    for f in findings:
        by_file[f["file"]] = by_file.get(f["file"], 0) + 1
        assert not [s for s in SECRETS[:3] if s in f["message"]], f  # never the name itself
        assert "改写" in f["message"] or "写“" in f["message"], f
    assert by_file == counts
    # On the line of the text, naming the field.
    case = root / "cases" / "XF2008-D01-001.yml"
    lines = case.read_text(encoding="utf-8").split("\n")
    title_line = next(i for i, ln in enumerate(lines, 1) if ln.startswith("title:"))
    assert any(
        f["file"] == "cases/XF2008-D01-001.yml"
        and f["line"] == title_line
        and "“案件名称”" in f["message"]
        for f in findings
    ), [f for f in findings if f["file"] == "cases/XF2008-D01-001.yml"]
