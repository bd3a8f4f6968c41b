"""The fuzzer, for workbooks: exported and clerks' ledgers mutated (cells, zip entries, XML, bytes,
CSV lines), then imported.

For every mutation: no exception escapes ``xinfang import`` (a Chinese message at most); the exit
code is 0, 1 or 2; the output is printable; and when the workbook could be read, every row of
every sheet read that holds a value in a known column is imported or named (planned, refused
with its reason, or said to be skipped): nothing is dropped without a word.

``XINFANG_FUZZ_EXAMPLES`` sets the number of mutations (20 by default, under a minute); for a
longer hunt: ``XINFANG_FUZZ_EXAMPLES=500 pytest tests/test_fuzz_workbooks.py``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from xinfang.cli import main
from xinfang.errors import XinfangError
from xinfang.office.excel.columns import DATA_SHEET
from xinfang.office.excel.data_rows import data_rows
from xinfang.office.excel.export import export_workbook
from xinfang.office.excel.ledger_rows import choose_sheets
from xinfang.office.excel.sheet import Mapping
from xinfang.office.excel.sources import open_ledger

from .conftest import ROOT, make_repo

EXAMPLES = int(os.environ.get("XINFANG_FUZZ_EXAMPLES", "20"))
LEDGERS = ROOT / "tests" / "fixtures" / "ledgers"
FIXTURES = sorted(p.name for p in LEDGERS.iterdir() if p.suffix in (".xlsx", ".xls", ".csv"))
FORMATS = {".xlsx": "xlsx", ".xls": "xls", ".csv": "csv"}

#: What clerks and attackers put in a cell.
VALUES = [
    "_xD800_", "_xD83D__xDE00_", "_x0001_", "9" * 5000, "1e400", "-1", "0", "2958000", "4.1", "4.16",
    "4月上旬", "6月底", "春节前", "2007年9月", "6月", "０８．４．１５", "二〇〇八年四月十五日", "99.13.45",
    "一般", "其他", "苗头隐患", "矛盾纠纷", "重复访（3次）", "集体访 30 余人", "越级访（赴京）", "进京访",
    "东关司法所", "县发改局", "孙县长", "郑副县长", "赵振华、郑春生", "=1+1", "@SUM(A1)", "\t", " ",
    "合计", "填表人：某某", "XF2008-T01-001", "XF2008-T01-001\n", "SQ-01", "十余人", "是", "否",
    "[" * 500, '{"id": 1}', "&lt;script&gt;", "长" * 5000, "\u202e反转", "39052119680215441X",
]  # fmt: skip
BYTES = [b"\x00", b"<", b">", b"&", b'"', b"\xff", b"\xe3", b"PK", b"\n", b"]]>", b"<!DOCTYPE x>"]
SNIPPETS = [
    '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    '<row r="0"><c r="A0"><v>1</v></c></row>',
    '<c r="A1" t="s"><v>99999999</v></c>',
    '<c r="B2" t="d"><v>0001-01-01T00:00:00</v></c>',
    '<c r="C3" s="999999"><v>1e308</v></c>',
    '<mergeCell ref="A1:XFD1048576"/>',
    "<x>" * 3000 + "</x>" * 3000,
]


@cache
def source_bytes(name: str) -> bytes:
    """The bytes of a fixture, or of the bundled cases exported with --full (made once)."""
    if name != "export.xlsx":
        return (LEDGERS / name).read_bytes()
    with tempfile.TemporaryDirectory() as work:
        repo = make_repo(Path(work) / "repo", ROOT / "cases")
        out = export_workbook(repo, Path(work) / "export.xlsx", date(2008, 7, 20), full=True)
        return out.read_bytes()


@dataclass(frozen=True)
class Mutation:
    kind: str  # cell, entry-delete, entry-encrypt, entry-method, entry-truncate, xml-byte,
    # xml-snippet, byte, line-delete, line-duplicate, field
    where: float
    what: str | bytes = b""

    def apply(self, data: bytes, suffix: str) -> bytes:
        if suffix == ".xlsx" and not self.kind.startswith(("byte", "line", "field")):
            return self._zip(data)
        if suffix == ".csv" and self.kind.startswith(("line", "field")):
            return self._csv(data)
        at = min(int(self.where * len(data)), max(len(data) - 1, 0))
        chunk = self.what if isinstance(self.what, bytes) else self.what.encode("utf-8")
        return data[:at] + chunk + data[at + (1 if self.kind == "byte" else 0) :]

    def _zip(self, data: bytes) -> bytes:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as source:
                parts = [(i, source.read(i)) for i in source.infolist()]
        except (
            zipfile.BadZipFile,
            NotImplementedError,
            RuntimeError,
            EOFError,
            OSError,
            ValueError,
            zlib.error,
        ):
            return data  # an earlier mutation left it unreadable: leave it so
        index = min(int(self.where * len(parts)), len(parts) - 1)
        xml = [n for n, (info, _) in enumerate(parts) if info.filename.endswith(".xml")]
        if self.kind in ("cell", "xml-byte", "xml-snippet") and xml:
            index = xml[min(int(self.where * len(xml)), len(xml) - 1)]
        info, body = parts[index]
        if self.kind == "entry-delete":
            del parts[index]
        elif self.kind == "cell":
            parts[index] = (info, _cell(body, self.where, str(self.what)))
        elif self.kind.startswith("xml"):
            at = int(self.where * 7919) % max(len(body), 1)
            chunk = self.what if isinstance(self.what, bytes) else self.what.encode()
            parts[index] = (info, body[:at] + chunk + body[at:])
        elif self.kind == "entry-truncate":
            parts[index] = (info, body[: len(body) // 2])
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for part_info, part_body in parts:
                target.writestr(part_info.filename, part_body)
        result = out.getvalue()
        if self.kind in ("entry-encrypt", "entry-method"):
            result = _flag(result, info.filename.encode(), self.kind == "entry-encrypt")
        return result

    def _csv(self, data: bytes) -> bytes:
        lines = data.split(b"\n")
        i = min(int(self.where * len(lines)), len(lines) - 1)
        if self.kind == "line-delete":
            del lines[i]
        elif self.kind == "line-duplicate":
            lines.insert(i, lines[i])
        else:
            fields = lines[i].split(b",")
            j = int(self.where * 7919) % len(fields)
            text = str(self.what).replace('"', "'")
            fields[j] = f'"{text}"'.encode("gb18030", "replace")
            lines[i] = b",".join(fields)
        return b"\n".join(lines)


def _cell(xml: bytes, where: float, value: str) -> bytes:
    """The text of one <t> or <v> element replaced (escaped as XML text)."""
    spots = list(re.finditer(rb"<(t|v)(?: [^>]*)?>([^<]*)</\1>", xml))
    if not spots:
        return xml
    spot = spots[min(int(where * len(spots)), len(spots) - 1)]
    text = value.replace("&", "&amp;").replace("<", "&lt;").encode("utf-8", "surrogatepass")
    return xml[: spot.start(2)] + text + xml[spot.end(2) :]


def _flag(data: bytes, name: bytes, encrypt: bool) -> bytes:
    """An entry marked encrypted, or compressed with an unknown method (deflate64, 9)."""
    out = bytearray(data)
    for signature, flag_at, method_at, name_at in (
        (b"PK\x03\x04", 6, 8, 30),
        (b"PK\x01\x02", 8, 10, 46),
    ):
        at = out.find(signature)
        while at >= 0:
            if out[at + name_at : at + name_at + len(name)] == name:
                if encrypt:
                    struct.pack_into(
                        "<H", out, at + flag_at, struct.unpack_from("<H", out, at + flag_at)[0] | 1
                    )
                else:
                    struct.pack_into("<H", out, at + method_at, 9)
            at = out.find(signature, at + 4)
    return bytes(out)


WHERE = st.floats(0, 1)
TEXT = st.one_of(
    st.sampled_from(VALUES),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20),
)
MUTATIONS = st.lists(
    st.one_of(
        st.builds(Mutation, st.just("cell"), WHERE, TEXT),
        st.builds(Mutation, st.sampled_from(["entry-delete", "entry-encrypt", "entry-method", "entry-truncate"]), WHERE),
        st.builds(Mutation, st.just("xml-byte"), WHERE, st.sampled_from(BYTES)),
        st.builds(Mutation, st.just("xml-snippet"), WHERE, st.sampled_from(SNIPPETS)),
        st.builds(Mutation, st.just("byte"), WHERE, st.sampled_from(BYTES)),
        st.builds(Mutation, st.sampled_from(["line-delete", "line-duplicate"]), WHERE),
        st.builds(Mutation, st.just("field"), WHERE, TEXT),
    ),
    min_size=1,
    max_size=3,
)  # fmt: skip


def _content_rows(path: Path) -> dict[str, set[int]] | None:
    """The rows of each sheet the import reads that hold a value in a known column."""
    try:
        book = open_ledger(path)
    except XinfangError:
        return None
    try:
        plans, _ = choose_sheets(book, None, Mapping())
        out: dict[str, set[int]] = {}
        for plan in plans:
            grid = book[plan.name]
            if plan.header is None:
                out[plan.name] = {row for row, _, _ in data_rows(grid)}
                continue
            cols = list(plan.header.keys)
            out[plan.name] = {
                row
                for row in grid.row_numbers(after=plan.header.row)
                if any(str(grid.value(row, c) or "").strip() for c in cols)
            }
        return out
    except XinfangError:
        return None
    finally:
        book.close()


_WHERE = re.compile(r"(?:工作表“([^”]*)”)?第 ([0-9]+) 行")


def _named(report: str) -> set[tuple[str, int]]:
    """(sheet, row) of every row the report names: planned, refused, or skipped with a word."""
    out = set()
    for line in report.splitlines():
        for sheet, row in _WHERE.findall(line):
            out.add((sheet, int(row)))
        for sheet, rows in re.findall(r"(?:工作表“([^”]*)”：)?第 ([0-9]+) 行只有", line):
            out.add((sheet, int(rows)))
    return out


def _fuzz_one(name: str, mutations: list[Mutation], work: Path) -> None:
    suffix = Path(name).suffix
    data = source_bytes(name)
    for mutation in mutations:
        data = mutation.apply(data, suffix)
    path = work / f"台账{suffix}"
    path.write_bytes(data)
    repo = make_repo(work / "repo")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", FORMATS[suffix], str(path), "--root", str(repo)])
    text = out.getvalue() + err.getvalue()
    text.encode("utf-8")  # a lone surrogate would fail to print
    assert code in (0, 1, 2), (code, text[-2000:])
    assert "Traceback" not in text and "\x1b" not in text, text[-2000:]
    assert not list((repo / "cases").iterdir())  # a dry run writes nothing
    if code == 2:
        return
    rows = _content_rows(path)
    assert rows is not None, text[-2000:]
    named = _named(out.getvalue())
    single = len(rows) == 1 and DATA_SHEET not in rows
    for sheet, numbers in rows.items():
        for row in numbers:
            assert (sheet, row) in named or (single and ("", row) in named) or ("", row) in named, (
                sheet, row, text[-3000:],
            )  # fmt: skip


SOURCES = ["export.xlsx", *FIXTURES]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(name=st.sampled_from(SOURCES), mutations=MUTATIONS)
def test_mutated_workbooks_never_crash_or_drop_a_row(name: str, mutations: list[Mutation]) -> None:
    with tempfile.TemporaryDirectory() as work:
        _fuzz_one(name, mutations, Path(work))


def test_each_source_unmutated_names_every_row() -> None:
    for name in SOURCES:
        with tempfile.TemporaryDirectory() as work:
            _fuzz_one(name, [], Path(work))
