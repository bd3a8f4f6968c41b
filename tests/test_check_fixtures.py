"""`xinfang check` on folders of records, each with its expected findings.

A folder under tests/check/ holds `cases/` and `expected.txt`: one line per finding,
`file:line rule severity`, optionally followed by ` | ` and words the message must contain, then
`exit N`. Adding a case means adding a folder; the clerk-mistake folders (full-width colon, `#` in
a text, a value starting with `[`…) are the examples in the staff guide's 常见错误.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from xinfang.cli import main

from .conftest import make_repo

FIXTURES = Path(__file__).parent / "check"


def _run(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict]:
    code = main(["check", "--root", str(root), "--format", "json", "--as-of", "2008-07-20", *extra])
    out = capsys.readouterr().out
    return code, json.loads(out)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_fixture(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = FIXTURES / name
    root = make_repo(tmp_path / name, folder / "cases")
    code, report = _run(root, capsys)
    got = [f"{f['file']}:{f['line']} {f['rule']} {f['severity']}" for f in report["findings"]]
    got.append(f"exit {code}")
    expected = [
        line for line in (folder / "expected.txt").read_text(encoding="utf-8").split("\n") if line
    ]
    assert got == [line.split(" | ")[0] for line in expected], "\n".join(got)
    for finding, line in zip(report["findings"], expected, strict=False):
        assert finding["message"], finding
        assert "Traceback" not in finding["message"]
        for words in line.split(" | ")[1:]:
            assert words in finding["message"], (words, finding["message"])


def test_the_guide_quotes_real_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every 提示 in the staff guide's 常见错误 is what check says for one of the folders here."""
    messages: list[str] = []
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        root = make_repo(tmp_path / folder.name, folder / "cases")
        messages += [f["message"] for f in _run(root, capsys)[1]["findings"]]
    guide = (FIXTURES.parent.parent / "docs" / "guide.md").read_text(encoding="utf-8")
    section = guide.split("## 常见错误")[1].split("\n## ")[0]
    quoted = re.findall(r"^(?:提示（[^）]*）|提示|或)：(.+)$", section, flags=re.MULTILINE)
    assert len(quoted) >= 10, quoted
    for text in quoted:
        pieces = [p.strip().rstrip("。") for p in re.split(r"…+", text) if p.strip(" 。")]
        assert any(all(p in m for p in pieces) for m in messages), text
