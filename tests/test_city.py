"""The city's roll-up: three county repositories snapshotted, published, fetched, verified and
rolled up; bad snapshots named on the page and never used; the city site, workbook and SQL."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from xinfang.city.build import gather, update
from xinfang.snapshot.identity import KEY_VARIABLE, key_from_text
from xinfang.snapshot.manifest import MANIFEST

from .county_repos import make_county

KEY = "city-key-0123456789abcdef"
SHARED = "390521196504123412"  # 刘长河's number (XF2008-T01-001), kept in 甲县 and 乙县
AS_OF = date(2008, 7, 20)


def xinfang(
    *args: str, key: str | None = KEY, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != KEY_VARIABLE}
    if key is not None:
        env[KEY_VARIABLE] = key
    return subprocess.run([sys.executable, "-m", "xinfang", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, check=False)  # fmt: skip


def counties_yml(base: Path, extra: str = "") -> str:
    return (
        "city: XX市\n"
        f"key_fingerprint: {key_from_text(KEY).fingerprint}\n"
        "counties:\n"
        f"  - {{name: 甲县, code: '349901', git: {base / 'jia-snap.git'}}}\n"
        f"  - {{name: 乙县, code: '349902', git: '{(base / 'yi-snap.git').as_uri()}'}}\n"
        f"  - {{name: 丙县, code: '349903', folder: {base / 'share' / 'bing'}}}\n" + extra
    )


@pytest.fixture(scope="module")
def counties(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """甲县 and 乙县 publish to their snapshots branch, 丙县 to a shared folder."""
    base = tmp_path_factory.mktemp("counties")
    keep = frozenset({SHARED})
    for folder, name, code, shared in (("jia", "甲县", "349901", keep), ("yi", "乙县", "349902", keep),
                                       ("bing", "丙县", "349903", frozenset())):  # fmt: skip
        repo = make_county(base / folder, name, code, shared)
        if folder == "bing":
            done = xinfang(
                "snapshot", "--root", str(repo), "--out", str(base / "share" / "bing" / "0720")
            )
        else:
            subprocess.run(
                ["git", "init", "-q", "--bare", str(base / f"{folder}-snap.git")], check=True
            )
            done = xinfang("snapshot", "--root", str(repo), "--out", str(base / f"{folder}-out"),
                           "--publish", str(base / f"{folder}-snap.git"))  # fmt: skip
        assert done.returncode == 0, done.stderr
    return base


@pytest.fixture
def city(counties: Path, tmp_path: Path) -> Path:
    (tmp_path / "counties.yml").write_text(counties_yml(counties), encoding="utf-8")
    done = xinfang(
        "init", "--city", str(tmp_path / "city"), "--counties", str(tmp_path / "counties.yml")
    )
    assert done.returncode == 0, done.stderr
    return tmp_path / "city"


def test_rollup_places_one_petitioner_in_two_counties(counties: Path, city: Path) -> None:
    (city / "counties.yml").write_text(
        counties_yml(
            counties, f"  - {{name: 丁县, code: '349904', folder: {counties / 'none'}}}\n"
        ),
        encoding="utf-8",
    )
    done = xinfang("rollup", "--as-of", "2008-07-20", cwd=city)
    assert done.returncode == 1, done.stderr  # 丁县 is missing: said, and the site still built
    assert "甲县（349901）：取回新快照 2008-07-20" in done.stdout
    assert "丁县（349904）：缺失" in done.stdout
    cross = (city / "site" / "cross.html").read_text(encoding="utf-8")
    assert "共 1 人" in cross
    assert "甲县 XF2008-T01-001；乙县 XF2008-T01-001" in cross
    assert key_from_text(KEY).hash(SHARED)[:16] in cross  # type: ignore[index]
    index = (city / "site" / "index.html").read_text(encoding="utf-8")
    assert "<strong>缺失</strong>" in index and "缺少 1 个县的快照：丁县" in index
    assert "合计（3 个县）" in index and "56.2%（81/144）" in index
    book = openpyxl.load_workbook(next((city / "site").glob("*.xlsx")), read_only=True)
    assert book.sheetnames == [
        "各县对比",
        "信访事件",
        "到市走访",
        "跨县信访人",
        "市交办件",
        "每周趋势",
        "快照情况",
    ]
    rows = list(book["各县对比"].iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows] == ["甲县", "乙县", "丙县", "丁县"]
    assert rows[3][3] == "缺失" and rows[3][4] is None  # missing, not zero


def test_a_tampered_file_is_refused_and_the_last_good_snapshot_used(
    counties: Path, city: Path
) -> None:
    assert not update(city, AS_OF).failed
    share = city.parent / "share-bing"
    shutil.copytree(counties / "share" / "bing" / "0720", share / "0721")
    manifest = json.loads((share / "0721" / MANIFEST).read_text(encoding="utf-8"))
    manifest["as_of"] = "2008-07-21"
    (share / "0721" / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False), encoding="utf-8"
    )
    with (share / "0721" / "cases.parquet").open("ab") as stream:
        stream.write(b"x")
    (city / "counties.yml").write_text(
        counties_yml(counties).replace(str(counties / "share" / "bing"), str(share)),
        encoding="utf-8",
    )
    result = update(city, AS_OF)
    bing = result.states[2]
    assert "cases.parquet 的 SHA-256 与清单不符" in (bing.problem or "")
    assert bing.manifest is not None and bing.manifest.as_of == "2008-07-20"
    assert [p.name[:10] for p in (city / "snapshots" / "349903").iterdir()] == ["2008-07-20"]
    inputs = gather(city)
    assert [c["cases"] for c in inputs.figures.counties] == [48, 48, 48]


def test_a_snapshot_of_another_county_or_a_newer_format_is_refused(
    counties: Path, city: Path
) -> None:
    wrong = city.parent / "wrong"
    shutil.copytree(counties / "jia-out", wrong / "x")
    (city / "counties.yml").write_text(
        counties_yml(counties).replace(str(counties / "share" / "bing"), str(wrong)),
        encoding="utf-8",
    )
    state = update(city, AS_OF).states[2]
    assert "快照自称是 甲县（代码 349901）的" in (state.problem or "") and state.missing
    shutil.rmtree(wrong)
    shutil.copytree(counties / "share" / "bing" / "0720", wrong / "x")
    manifest = json.loads((wrong / "x" / MANIFEST).read_text(encoding="utf-8"))
    manifest["schema_version"] = 99
    (wrong / "x" / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    state = update(city, AS_OF).states[2]
    assert "快照格式版本 99 比本程序认识的版本 1 新" in (state.problem or "")
    assert "请先升级市里的 xinfang" in (state.problem or "")


def test_a_county_with_another_key_matches_nobody_and_is_named(
    counties: Path, city: Path, tmp_path: Path
) -> None:
    other = make_county(tmp_path / "yi2", "乙县", "349902", frozenset({SHARED}))
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "yi2.git")], check=True)
    done = xinfang("snapshot", "--root", str(other), "--out", str(tmp_path / "yi2-out"),
                   "--publish", str(tmp_path / "yi2.git"), key="a-different-county-key-42")  # fmt: skip
    assert done.returncode == 0, done.stderr
    (city / "counties.yml").write_text(
        counties_yml(counties).replace(
            (counties / "yi-snap.git").as_uri(), str(tmp_path / "yi2.git")
        ),
        encoding="utf-8",
    )
    update(city, AS_OF)
    inputs = gather(city)
    assert [s.key for s in inputs.states] == ["same", "differs", "same"]
    assert inputs.figures.cross == []  # the same person, but 乙县's hash matches nobody's
    from xinfang.city.pages import city_pages

    cross = next(p for p in city_pages(inputs) if p.path == "cross.md").body
    assert "乙县的快照所用的密钥与市里的不同" in cross


def test_city_assignments_are_reconciled_with_the_counties_records(city: Path) -> None:
    (city / "assigned.yml").write_text(
        "assigned:\n"
        "  - {number: 市信交〔2008〕8号, county: '349901', issued: '2008-04-10', report_due: '2008-07-10'}\n"
        "  - {number: 市信交〔2008〕12号, county: '349902', issued: '2008-04-14', report_due: '2008-06-30'}\n"
        "  - {number: 市信交〔2008〕99号, county: '349903', issued: '2008-05-14', report_due: '2008-06-30'}\n",
        encoding="utf-8",
    )
    update(city, AS_OF)
    figures = gather(city).figures
    states = {
        (a["name"], a["number"]): (a["received"], a["final_report"], a["state"])
        for a in figures.assigned
    }
    assert states[("甲县", "市信交〔2008〕8号")] == (
        date(2008, 4, 11),
        date(2008, 7, 8),
        "按期报结",
    )
    assert states[("乙县", "市信交〔2008〕12号")] == (date(2008, 4, 16), None, "逾期未报结")
    assert states[("丙县", "市信交〔2008〕99号")] == (None, None, "县里没有登记（已逾期）")
    assert ("甲县", "市信交〔2008〕12号") in {(a["name"], a["number"]) for a in figures.unlisted}


def test_sql_runs_on_the_loaded_tables(city: Path) -> None:
    update(city, AS_OF)
    done = xinfang(
        "rollup",
        "--sql",
        "SELECT county, count(*) AS n FROM cases GROUP BY county ORDER BY county",
        cwd=city,
    )
    assert done.returncode == 0, done.stderr
    assert "349901" in done.stdout and "45" in done.stdout
    bad = xinfang("rollup", "--sql", "SELECT name FROM people", cwd=city)
    assert bad.returncode == 2 and "查询出错" in bad.stderr and "可用的表" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_mistakes_in_counties_yml_are_located_in_chinese(city: Path) -> None:
    (city / "counties.yml").write_text(
        "city: XX市\ncounties:\n  - {name: 甲县, code: '349901', git: /srv/a.git}\n"
        "  - {name: 乙县, code: '349901', folder: /srv/b, git: /srv/b.git}\n",
        encoding="utf-8",
    )
    done = xinfang("rollup", cwd=city)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "counties.yml:4: 代码 349901 与第 1 个县重复" in done.stderr
    assert "counties.yml:4: git（快照所在的 git 仓库）和 folder" in done.stderr
