"""Check a county's snapshot against its manifest and the city's list, and keep the good ones.

A snapshot is used only if its manifest is readable and of a format this program knows, it names
the county code the city lists for that place, and every table's file has the SHA-256 and the row
count the manifest says. A good snapshot is copied into ``snapshots/<code>/<as-of>_<time>_<commit>/``
(the city's own record, and the weekly trend's source); a bad one is never copied, and the
county's last good snapshot stays in use, named on the city's page with the reason.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..snapshot.manifest import MANIFEST, TABLES, Manifest, ManifestError, read_manifest, sha256
from .config import County

SNAPSHOTS = "snapshots"


def _rows(path: Path) -> int:
    import duckdb

    quoted = str(path).replace("'", "''")  # a literal: a Python parameter costs DuckDB more here
    found = duckdb.execute(f"SELECT num_rows FROM parquet_file_metadata('{quoted}')").fetchone()
    return int(found[0] or 0) if found else 0


def verify(folder: Path, county: County) -> Manifest:
    """The snapshot's manifest if everything checks; ManifestError (Chinese) naming what fails."""
    manifest = read_manifest(folder)
    if manifest.county_code != county.code:
        raise ManifestError(
            f"快照自称是 {manifest.county}（代码 {manifest.county_code}）的，"
            f"而 counties.yml 中这个位置是 {county.name}（代码 {county.code}）：快照放错了地方，"
            f"或县里 campaign.yml 的 county_code 写错了。没有使用这份快照。"
        )
    for name in TABLES:
        entry = manifest.tables.get(name)
        if entry is None:
            raise ManifestError(f"快照缺少表 {name}：快照不完整，请让县里重新生成。")
        path = folder / entry.file
        if not path.is_file() or Path(entry.file).name != entry.file:
            raise ManifestError(f"快照缺少文件 {entry.file}：快照不完整，请让县里重新生成。")
        if sha256(path) != entry.sha256:
            raise ManifestError(
                f"快照文件 {entry.file} 的 SHA-256 与清单不符：文件在途中被改动或损坏。"
                "没有使用这份快照；请让县里重新发布。"
            )
        try:
            rows = _rows(path)
        except Exception as err:  # duckdb raises its own error kinds for a broken file
            raise ManifestError(
                f"快照文件 {entry.file} 不是有效的 Parquet 文件：{type(err).__name__}。"
            ) from err
        if rows != entry.rows:
            raise ManifestError(
                f"快照文件 {entry.file} 有 {rows} 行，清单写的是 {entry.rows} 行：快照已损坏。"
            )
    return manifest


def check_kept(folder: Path, county: County) -> Manifest:
    """A kept snapshot's manifest and county code (its files were verified when it was fetched)."""
    manifest = read_manifest(folder)
    if manifest.county_code != county.code:
        raise ManifestError(
            f"{folder} 中保存的快照不是 {county.name} 的：请不要手工移动 snapshots/ 中的文件。"
        )
    return manifest


@dataclass(frozen=True)
class Kept:
    folder: Path
    manifest: Manifest


def _name(manifest: Manifest) -> str:
    stamp = "".join(ch for ch in manifest.created if ch.isdigit())[:14]
    return f"{manifest.as_of}_{stamp}_{(manifest.commit or 'nocommit')[:8]}"


def kept(root: Path, county: County) -> list[Kept]:
    """The county's kept snapshots, oldest first, by their manifests (the one used is verified
    again before use: a kept file edited by hand is not used)."""
    folder = root / SNAPSHOTS / county.code
    if not folder.is_dir():
        return []
    out = []
    for sub in sorted(folder.iterdir()):
        if not sub.name.endswith(".part") and (sub / MANIFEST).is_file():  # .part: copy unfinished
            try:
                out.append(Kept(sub, read_manifest(sub)))
            except ManifestError:
                continue
    return sorted(out, key=lambda k: (k.manifest.as_of, k.manifest.created))


def keep(root: Path, county: County, folder: Path, manifest: Manifest) -> Kept:
    """Copy a verified snapshot into the city's store (once: the same snapshot is kept once)."""
    target = root / SNAPSHOTS / county.code / _name(manifest)
    if not (target / MANIFEST).is_file():
        partial = target.with_name(target.name + ".part")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        for entry in manifest.tables.values():
            shutil.copy2(folder / entry.file, partial / entry.file)
        shutil.copy2(folder / MANIFEST, partial / MANIFEST)
        partial.rename(target)
    return Kept(target, manifest)
