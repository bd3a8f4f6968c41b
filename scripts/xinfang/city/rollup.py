"""``xinfang rollup``: each county's latest snapshot fetched, verified, kept, and its state named.

For each county in ``counties.yml``: fetch its latest snapshot; if it checks (``store.verify``),
keep it and use it; if not, use the last good one kept and say why on the city's page; with none
at all, the county is missing (shown as missing, never as zeros). The key fingerprints say whether
a county hashed identity numbers with the city's key.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..snapshot.identity import key_from_environment
from ..snapshot.manifest import Manifest, ManifestError
from .config import CityConfig, County
from .fetch import FetchError, fetch
from .store import Kept, keep, kept, verify


@dataclass
class CountyState:
    county: County
    used: Kept | None = None  # the snapshot in use
    fresh: bool = False  # the one fetched now (else the last good one kept, or none)
    problem: str | None = None  # why the latest could not be used
    key: str = "none"  # same | differs | none (no hashes) | unknown (no city key to compare)

    @property
    def manifest(self) -> Manifest | None:
        return self.used.manifest if self.used else None

    @property
    def missing(self) -> bool:
        return self.used is None


def last_good(root: Path, county: County) -> Kept | None:
    for candidate in reversed(kept(root, county)):
        try:
            verify(candidate.folder, county)
        except ManifestError:
            continue
        return candidate
    return None


def update_county(config: CityConfig, county: County, fetch_new: bool = True) -> CountyState:
    state = CountyState(county)
    if fetch_new:
        with tempfile.TemporaryDirectory(prefix="xinfang-rollup-") as staging:
            try:
                folder = fetch(county, config.root, Path(staging))
                manifest = verify(folder, county)
                state.used, state.fresh = keep(config.root, county, folder, manifest), True
            except (FetchError, ManifestError) as err:
                state.problem = str(err)
            except OSError as err:
                state.problem = (
                    f"读取或保存快照时出错（{err.strerror}）：请检查文件夹的权限和磁盘空间。"
                )
    if state.used is None:
        state.used = last_good(config.root, county)
    return state


def city_fingerprint(config: CityConfig) -> str | None:
    key = key_from_environment()
    return key.fingerprint if key else config.key_fingerprint


def judge_keys(states: list[CountyState], reference: str | None) -> str | None:
    """Mark each county's key against the city's; a notice when none can be compared."""
    prints = [
        s.manifest.key_fingerprint for s in states if s.manifest and s.manifest.key_fingerprint
    ]
    notice = None
    if reference is None and prints:
        reference = max(set(prints), key=prints.count)
        if len(set(prints)) > 1:
            notice = (
                "市里没有设置密钥（XINFANG_CITY_KEY 或 counties.yml 的 key_fingerprint），"
                "而各县快照使用的密钥不一致：以多数县的密钥为准比对，其余县标明“密钥不同”。"
            )
    for state in states:
        fingerprint = state.manifest.key_fingerprint if state.manifest else None
        if fingerprint is None:
            state.key = "none"
        else:
            state.key = "same" if fingerprint == reference else "differs"
    return notice


def update_all(config: CityConfig, fetch_new: bool = True) -> tuple[list[CountyState], str | None]:
    states = [update_county(config, county, fetch_new) for county in config.counties]
    return states, judge_keys(states, city_fingerprint(config))
