"""xinfang snapshot: the tables, the manifest, and no identity in clear in any file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from xinfang.records.privacy import mask_id_number, mask_phone
from xinfang.records.repository import open_repository
from xinfang.snapshot.identity import KEY_VARIABLE, key_from_text, normalized
from xinfang.snapshot.manifest import MANIFEST, TABLES, sha256

from .conftest import ROOT

KEY = "city-key-0123456789abcdef"


def snapshot(out: Path, key: str | None = KEY, *extra: str, root: Path = ROOT):
    env = {k: v for k, v in os.environ.items() if k != KEY_VARIABLE}
    if key is not None:
        env[KEY_VARIABLE] = key
    return subprocess.run(
        [sys.executable, "-m", "xinfang", "snapshot", "--root", str(root), "--out", str(out), *extra],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("snap") / "snapshot"
    done = snapshot(out)
    assert done.returncode == 0, done.stderr
    return out


def values(folder: Path) -> list[str]:
    """Every value of every column of every table, as text."""
    out: list[str] = []
    for name in TABLES:
        rel = duckdb.sql(f"SELECT * FROM read_parquet('{folder / (name + '.parquet')}')")
        out += [str(v) for row in rel.fetchall() for v in row if v is not None]
    return out


def identities() -> set[str]:
    """Every name and number of the bundled campaign that is a person's: petitioners (names, ID
    numbers, phones, addresses, masked and unmasked), key persons, and the officials named in
    cases and accountability records (kept out too: the snapshot needs none of them)."""
    repo = open_repository(ROOT)
    found: set[str] = set()
    for case in repo.cases:
        for p in case.petitioners:
            if p.name != "匿名":
                found.add(p.name)
            for number in (p.id_number, p.phone):
                if number:
                    found |= {
                        number,
                        mask_id_number(number),
                        mask_phone(number),
                        normalized(number),
                    }
            if p.address:
                found.add(p.address)
        r = case.responsibility
        found |= {n for n in (r.lead_official, r.handler) if n}
        if r.stability_officer:
            found.add(r.stability_officer.name)
    for person in repo.duties.persons:
        found.add(person.name)
        if person.id_number:
            found |= {person.id_number, mask_id_number(person.id_number)}
    for action in repo.duties.actions:
        found |= {official.name for official in action.persons}
    return {text for text in found if len(text) >= 2}


def test_no_name_or_number_of_the_campaign_is_in_any_file(snap: Path) -> None:
    secrets = identities()
    assert len(secrets) > 100  # the scan looks for something
    for path in sorted(snap.iterdir()):
        raw = path.read_bytes()
        for text in secrets:
            assert text.encode("utf-8") not in raw, f"{text} in {path.name}"
    held = [*values(snap), (snap / MANIFEST).read_text(encoding="utf-8")]
    for value in held:
        for text in secrets:
            assert text not in value, f"{text} in a snapshot value {value!r}"


def test_identity_numbers_are_keyed_hashes(snap: Path) -> None:
    key = key_from_text(KEY)
    repo = open_repository(ROOT)
    expected = {key.hash(p.id_number) for c in repo.cases if not c.confidential
                for p in c.petitioners if p.id_number}  # fmt: skip
    hashes = {row[0] for row in duckdb.sql(
        f"SELECT id_hash FROM '{snap / 'petitioners.parquet'}' WHERE id_hash IS NOT NULL").fetchall()}  # fmt: skip
    assert hashes == expected
    pairs = duckdb.sql(
        f"SELECT id_hash, id_key FROM '{snap / 'petitioners.parquet'}' WHERE id_hash IS NOT NULL"
    )
    assert all(key == int(hashed[:16], 16) for hashed, key in pairs.fetchall())
    manifest = json.loads((snap / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["key_fingerprint"] == key.fingerprint
    assert key_from_text("another-key-0123456789").fingerprint != key.fingerprint


def test_an_old_fifteen_digit_number_hashes_as_its_eighteen_digit_form() -> None:
    key = key_from_text(KEY)
    assert normalized("390521650412341") == "390521196504123412"
    assert key.hash("390521650412341") == key.hash(" 390521196504123412 ")
    assert key.hash("39052119491231100x") == key.hash("39052119491231100X")


def test_confidential_cases_are_counted_never_listed(snap: Path) -> None:
    repo = open_repository(ROOT)
    secret = [c.id for c in repo.cases if c.confidential]
    assert secret
    held = set(values(snap))
    assert not held & set(secret)
    county = duckdb.sql(
        f"SELECT confidential, cases FROM '{snap / 'status.parquet'}' WHERE scope = 'county'"
    ).fetchone()
    assert county == (len(secret), len(repo.cases))


def test_manifest_names_the_county_and_every_file_with_its_hash(snap: Path) -> None:
    manifest = json.loads((snap / MANIFEST).read_text(encoding="utf-8"))
    assert (manifest["county"], manifest["county_code"], manifest["as_of"]) == (
        "XX县",
        "349901",
        "2008-07-20",
    )
    assert manifest["schema_version"] == 1 and manifest["xinfang_version"]
    assert set(manifest["tables"]) == set(TABLES)
    for name, entry in manifest["tables"].items():
        path = snap / entry["file"]
        assert sha256(path) == entry["sha256"]
        assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchone() == (entry["rows"],), name
    assert sorted(p.name for p in snap.iterdir()) == sorted(
        [MANIFEST, *(f"{t}.parquet" for t in TABLES)]
    )


def test_without_the_key_no_hashes_and_a_chinese_notice(tmp_path: Path) -> None:
    done = snapshot(tmp_path / "s", None)
    assert done.returncode == 0
    assert "没有设置环境变量 XINFANG_CITY_KEY" in done.stderr
    assert duckdb.sql(
        f"SELECT count(id_hash) FROM '{tmp_path / 's' / 'petitioners.parquet'}'"
    ).fetchone() == (0,)
    assert (
        json.loads((tmp_path / "s" / MANIFEST).read_text(encoding="utf-8"))["key_fingerprint"]
        is None
    )
    refused = snapshot(tmp_path / "t", None, "--require-key")
    assert refused.returncode == 2 and "--require-key" in refused.stderr
    assert not (tmp_path / "t").exists()


def test_a_folder_with_other_files_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "工作记录.docx").write_bytes(b"keep me")
    done = snapshot(out)
    assert done.returncode == 2 and "快照以外的文件" in done.stderr
    assert (out / "工作记录.docx").read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no half-made folder left


def test_a_short_key_and_a_missing_county_code_are_refused_in_chinese(tmp_path: Path) -> None:
    short = snapshot(tmp_path / "a", "short")
    assert short.returncode == 2 and "太短" in short.stderr and "Traceback" not in short.stderr
    bad = snapshot(tmp_path / "b", KEY, "--county-code", "34990")
    assert bad.returncode == 2 and "6 位数字" in bad.stderr


def test_a_repository_with_no_records_makes_empty_tables(repo: Path, tmp_path: Path) -> None:
    done = snapshot(tmp_path / "s", KEY, root=repo)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "s" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["tables"]["cases"]["rows"] == 0 and manifest["tables"]["risks"]["rows"] == 0
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 's' / 'cases.parquet'}'").fetchone() == (
        0,
    )
