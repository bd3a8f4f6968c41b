"""A fuzzer: bundled records mutated (bytes, lines, values, types), then every command run on them.

For every mutation: no exception escapes check, status, export, notice (Markdown and Word) or
pages; exit codes are 0, 1 or 2; output is printable UTF-8 without terminal sequences; a record is
either a case or has an error finding (never dropped without a word); and a record that check
accepts is rendered by every output (its page, its row in the workbook, the notice).

The default run tries ``XINFANG_FUZZ_EXAMPLES`` mutations (20, under a minute); set it
higher for a longer hunt, for example ``XINFANG_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from xinfang.cli import main
from xinfang.records.repository import open_repository

from .conftest import ROOT, make_repo

EXAMPLES = int(os.environ.get("XINFANG_FUZZ_EXAMPLES", "20"))
AS_OF = ["--as-of", "2008-07-20"]
SOURCES = sorted((ROOT / "cases").glob("*.yml"))
KEY_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_]+:)( .*)?$")

#: Values people type, and values an attacker types, as YAML text after "key:".
HOSTILE = [
    "3 #楼", "反映南关村委会 #3 号地块", "[紧急] 会同", "*重要* 事项", "&a 文字", "!紧急 文字",
    "@县长 批示", "`重要`", "%50", "|重要", ">重要", "{a} 文字", "'反映'南关村", "~", "null", "",
    "yes", "3.10", "0x" + "f" * 5000, "9" * 4301, "-1", "1e400", ".nan", "2008-02-30",
    "'2008-13-01'", "'2099-01-01'", "'1999-01-01'", "\u3000文字", "title：文字", "a:b",
    '"\\x1b[31m红色"', '"\\ud800"', '"\\uFFFE"', '"\\x0b"', '"\\x00"', '"a\\nb\\tc"', '"\\r"',
    '"\\u202e反转"', "'<img src=x onerror=alert(1)>'", "'=1+1'", "'+86 138 5566 1234'",
    "'390521196504123412'", "'" + "长" * 300 + "'", "evidence/../../etc/passwd",
    "'evidence/" + "长" * 100 + ".pdf'", "{{ x }}", "😀", "[" * 40 + "]" * 40, "[]", "{}",
    "[a, b]", "{a: 1}", "\n  - x\n  - y", "\n  k: v", "'\\t'", '"\\u0085"', "T01", "XF2008-T01-001",
]  # fmt: skip
BYTES = [0x00, 0x01, 0x09, 0x0A, 0x0B, 0x1B, 0x20, 0x22, 0x23, 0x27, 0x2D, 0x3A, 0x5B, 0x7B, 0x7F,
         0x80, 0xC2, 0xE3, 0xFE, 0xFF]  # fmt: skip


@dataclass(frozen=True)
class Mutation:
    """One edit of a record file, shown readably when a run fails."""

    kind: str  # byte-insert, byte-replace, byte-delete, a line edit, or value
    where: float  # how far into the file (0 to 1)
    what: str | bytes = b""

    def apply(self, text: bytes) -> bytes:
        if not text:
            return text
        if self.kind.startswith("byte-"):
            i = min(int(self.where * len(text)), len(text) - 1)
            byte = bytes(self.what) if isinstance(self.what, bytes) else b""
            mode = self.kind.removeprefix("byte-")
            if mode == "insert":
                return text[:i] + byte + text[i:]
            return text[:i] + (byte if mode == "replace" else b"") + text[i + 1 :]
        lines = text.split(b"\n")
        if self.kind == "value":
            keyed = [
                n for n, ln in enumerate(lines) if KEY_LINE.match(ln.decode("utf-8", "replace"))
            ]
            if keyed:
                n = keyed[min(int(self.where * len(keyed)), len(keyed) - 1)]
                key = KEY_LINE.match(lines[n].decode("utf-8", "replace"))
                assert key is not None
                lines[n] = f"{key.group(1)} {self.what}".encode("utf-8", "surrogatepass")
            return b"\n".join(lines)
        i = min(int(self.where * len(lines)), len(lines) - 1)
        if self.kind == "delete":
            del lines[i]
        elif self.kind == "duplicate":
            lines.insert(i, lines[i])
        elif self.kind == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif self.kind == "indent":
            lines[i] = b"  " + lines[i]
        elif self.kind == "dedent":
            lines[i] = lines[i][1:]
        elif self.kind == "dash":
            lines[i] = b"- " + lines[i]
        elif self.kind == "full-width-space":
            lines[i] = "\u3000".encode() + lines[i]
        return b"\n".join(lines)


WHERE = st.floats(0, 1)
BYTE_EDITS = st.builds(
    Mutation,
    st.sampled_from(["byte-insert", "byte-replace", "byte-delete"]),
    WHERE,
    st.sampled_from(BYTES).map(lambda b: bytes([b])),
)
LINE_EDITS = st.builds(
    Mutation,
    st.sampled_from(
        ["delete", "duplicate", "swap", "indent", "dedent", "dash", "full-width-space"]
    ),
    WHERE,
)
FREE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    FREE_TEXT,
    FREE_TEXT.map(json.dumps),  # double-quoted, with escapes
    FREE_TEXT.map(lambda t: json.dumps(t + "\ud800")),
)
VALUE_EDITS = st.builds(Mutation, st.just("value"), WHERE, VALUES)
MUTATIONS = st.lists(st.one_of(BYTE_EDITS, LINE_EDITS, VALUE_EDITS), min_size=1, max_size=3)


def _run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    text = out.getvalue() + err.getvalue()
    text.encode("utf-8")  # a lone surrogate would fail to print
    assert code in (0, 1, 2), (argv, code, text[-2000:])
    assert "Traceback" not in text and "\x1b" not in text, text[-2000:]
    return code, text


def _fuzz_one(source: Path, mutations: list[Mutation], work: Path) -> None:
    root = make_repo(work / "repo")
    text = source.read_bytes()
    for mutation in mutations:
        text = mutation.apply(text)
    path = root / "cases" / source.name
    path.write_bytes(text)

    repo = open_repository(root)
    [record] = repo.records
    if record.data is None:
        assert any(f.severity == "error" for f in record.findings), record.findings
    accepted = [c for c in repo.cases if c.rel == record.rel]
    assert len(accepted) == (record.data is not None)

    root_args = ["--root", str(root)]
    check, _ = _run("check", *root_args, *AS_OF)
    out = work / "out"
    out.mkdir()
    results = {
        "status": _run("status", *root_args, *AS_OF),
        "notice": _run("notice", *root_args, *AS_OF),
        "docx": _run("notice", "--format", "docx", "--force", "--out", str(out / "n.docx"), *root_args, *AS_OF),
        "export": _run("export", "xlsx", "--force", "--out", str(out / "x.xlsx"), *root_args, *AS_OF),
        "pages": _run("pages", "--out", str(out / "pages"), *root_args, *AS_OF),
    }  # fmt: skip
    if not accepted or check == 2:
        return
    case = accepted[0]
    assert {name: code for name, (code, _) in results.items()} == dict.fromkeys(results, 0)
    assert (out / "pages" / "cases" / f"{case.id}.md").is_file()
    with zipfile.ZipFile(out / "x.xlsx") as book:
        cells = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
    assert case.id in cells
    assert (out / "n.docx").stat().st_size > 0


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    # Each example runs six commands: shrinking a failure would take many minutes, and the
    # mutations print readably as they are.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(source=st.sampled_from(SOURCES), mutations=MUTATIONS)
def test_mutated_records_never_crash_or_vanish(source: Path, mutations: list[Mutation]) -> None:
    with tempfile.TemporaryDirectory() as work:
        _fuzz_one(source, mutations, Path(work))


# --- accepted but unusual text through every output, and through mkdocs ---------------------

UNUSUAL = [
    "=SUM(A1)+1 <script>alert(1)</script> {{ x }} {% raw %} $x",
    "\u200b\ufeff\ue000 😀 مرحبا \u00a0\u3000 **粗体** `代码` | 竖线 [链接](http://x)",
    "# 标题\n\n- 列表\n\n> 引用\n\n<div>块</div>",
    "反映南关村委会 #3 号地块 & 5 # 地块 @县长 %50 *重要* !紧急",
]


@pytest.fixture(scope="module")
def unusual_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled cases with unusual text, quoted as check accepts it, in every free text."""
    root = make_repo(tmp_path_factory.mktemp("unusual") / "repo", ROOT / "cases")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    for n, path in enumerate(sorted((root / "cases").glob("*.yml"))):
        text = UNUSUAL[n % len(UNUSUAL)]
        lines = []
        for line in path.read_text(encoding="utf-8").split("\n"):
            key = re.match(
                r"^(\s*(?:- )?(?:demand|investigation|root_cause|note|requirements|about|address)):",
                line,
            )
            lines.append(f"{key.group(1)}: {json.dumps(text, ensure_ascii=False)}" if key else line)
        title = json.dumps(text.split("\n")[0][:40] + "信访事项", ensure_ascii=False)
        path.write_text(
            re.sub(r"(?m)^title: .*$", f"title: {title}", "\n".join(lines)), encoding="utf-8"
        )
    return root


def test_unusual_accepted_text_passes_check_and_every_output(unusual_repo: Path) -> None:
    root_args = ["--root", str(unusual_repo)]
    _, report = _run("check", *root_args, *AS_OF, "--format", "json")
    findings = json.loads(report)["findings"]
    assert not [f for f in findings if f["rule"].startswith(("schema-", "yaml-", "bad-"))], findings
    with tempfile.TemporaryDirectory() as work:
        out = Path(work)
        for argv in (
            ["status"], ["notice"], ["notice", "--format", "docx", "--out", str(out / "n.docx")],
            ["export", "xlsx", "--out", str(out / "x.xlsx")], ["pages", "--out", str(out / "pages")],
        ):  # fmt: skip
            assert _run(*argv, *root_args, *AS_OF)[0] == 0, argv


def test_unusual_accepted_text_builds_with_mkdocs_strict(unusual_repo: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-d",
            str(unusual_repo / "site"),
        ],
        cwd=unusual_repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (unusual_repo / "site" / "cases" / "XF2008-D01-001.html").is_file()


def test_unprintable_file_names_and_keys_through_every_output(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", ROOT / "tests" / "check" / "valid" / "cases")
    with open(bytes(root / "cases") + b"/XF2008-T01-009\xff.yml", "wb") as stream:
        stream.write(b"id: a\n")
    (root / "cases" / "XF2008-T01-010\x1b[31m.yml").write_text("id: a\n", encoding="utf-8")
    (root / "cases" / "XF2008-T01-011.yml").write_text(
        'id: a\n"k\\ud800\\x1b": 1\n"k\\ud800\\x1b": 2\n', encoding="utf-8"
    )
    root_args = ["--root", str(root), *AS_OF]
    assert _run("check", *root_args)[0] == 1
    for fmt in ("json", "github"):
        assert _run("check", "--format", fmt, *root_args)[0] == 1
    assert _run("status", *root_args)[0] == 0
    assert _run("notice", *root_args)[0] == 0
    assert _run("pages", "--out", str(tmp_path / "pages"), *root_args)[0] == 0


# --- each hostile input named in the brief, through every command --------------------------------

VALID = (ROOT / "tests" / "check" / "valid" / "cases" / "XF2008-T01-001.yml").read_text(
    encoding="utf-8"
)
TITLE = "title: 城关镇北街村村民反映旧城改造拆迁补偿款未足额发放"
EVIDENCE = "  - evidence/XF2008-T01-001/结案报告.txt"
HOSTILE_RECORDS = {
    "x01": (TITLE, 'title: "城关镇北街村\\x01村民反映拆迁补偿"', 3),
    "x0b": (TITLE, 'title: "城关镇北街村\\x0b村民反映拆迁补偿"', 3),
    "x1b": (TITLE, 'title: "城关镇北街村\\x1b[31m村民反映拆迁补偿"', 3),
    "uFFFE": (TITLE, 'title: "城关镇北街村\\uFFFE村民反映拆迁补偿"', 3),
    "raw-x01": (TITLE, TITLE + "\x01", 3),
    "surrogate-value": (TITLE, 'title: "城关镇北街村\\ud800村民反映拆迁补偿"', 3),
    "surrogate-key": ("about: 城关镇", '"ab\\ud800out": 城关镇', 23),
    "surrogate-evidence": (EVIDENCE, '  - "evidence/\\udc80.txt"', 90),
    "flow-nesting": ("flags: [repeat", "flags: " + "[" * 500 + "]" * 500 + "\nx: [repeat", 5),
    "dash-nesting": ("grade: significant", "grade:\n" + "- " * 20_000 + "x", 34),
    "head-count-400": ("head_count: 12", "head_count: " + "9" * 400, 21),
    "head-count-4301": ("head_count: 12", "head_count: " + "9" * 4301, 21),
    "hex-in-text": ("about: 城关镇人民政府、县建设局", "about: 0x" + "f" * 20_000, 23),
    "long-evidence": (EVIDENCE, "  - evidence/" + "长" * 100 + ".txt", 90),
    "nul-evidence": (EVIDENCE, '  - "evidence/a\\0b.txt"', 90),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_RECORDS))
def test_hostile_records_are_refused_on_their_line_and_crash_nothing(
    name: str, tmp_path: Path
) -> None:
    old, new, line = HOSTILE_RECORDS[name]
    assert VALID.count(old) == 1
    root = make_repo(tmp_path / "repo")
    (root / "cases" / "XF2008-T01-001.yml").write_text(VALID.replace(old, new), encoding="utf-8")
    root_args = ["--root", str(root), *AS_OF]
    code, report = _run("check", "--format", "json", *root_args)
    assert code == 1
    [finding] = json.loads(report)["findings"]
    assert (finding["line"], finding["severity"]) == (line, "error"), finding
    out = tmp_path / "out"
    out.mkdir()
    for argv in (
        ["status"], ["notice"], ["notice", "--format", "docx", "--out", str(out / "n.docx")],
        ["export", "xlsx", "--out", str(out / "x.xlsx")], ["pages", "--out", str(out / "pages")],
    ):  # fmt: skip
        assert _run(*argv, *root_args)[0] == 0, argv
