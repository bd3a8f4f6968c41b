"""`xinfang snapshot`, `xinfang init --city` and `xinfang rollup`: a county's snapshot for the city,
and the city's roll-up of its counties."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import XinfangError
from .common import EXIT_FINDINGS, EXIT_OK, add_as_of, add_root, repo_root


def _cmd_snapshot(args: argparse.Namespace) -> int:
    from ..snapshot.identity import NO_KEY_NOTICE, key_from_environment
    from ..snapshot.publish import publish
    from ..snapshot.writer import build_snapshot

    root = repo_root(args)
    out = Path(args.out).resolve()
    if out == root or root.is_relative_to(out) or out.is_relative_to(root / "cases"):
        raise XinfangError(
            f"快照目录 {out} 不能是仓库目录、其上级或记录目录：请另选，例如 build/snapshot。"
        )
    key = key_from_environment()
    if key is None:
        if args.require_key:
            raise XinfangError(
                NO_KEY_NOTICE.removeprefix("注意：") + "（用了 --require-key，没有生成快照。）"
            )
        print(NO_KEY_NOTICE, file=sys.stderr)
    snapshot = build_snapshot(root, out, args.as_of, key, args.county_code)
    m = snapshot.manifest
    rows = "，".join(f"{name} {entry.rows}" for name, entry in m.tables.items())
    print(f"已写出快照 {out}：{m.county}（{m.county_code}），统计日期 {m.as_of}；{rows} 行。")
    if args.publish:
        commit = publish(root, out, m, args.publish, args.branch)
        print(f"已发布到 {args.publish} 的 {args.branch} 分支（提交 {commit[:12]}）。")
    return EXIT_OK


def init_city_command(args: argparse.Namespace) -> int:
    """`xinfang init --city DIR --counties counties.yml` (a flag of the county's `init`)."""
    if not args.counties:
        raise XinfangError(
            "建立市级汇总仓库要用 --counties 给出县的清单，例如 --counties counties.yml。"
        )
    from ..city.init import init_city

    written = init_city(Path(args.dir).resolve(), Path(args.counties).resolve())
    for path in written:
        print(f"已写出 {path}")
    print("下一步：在这个目录中运行 xinfang rollup，取回各县的快照并生成市级网站和汇总表。")
    return EXIT_OK


def _cmd_rollup(args: argparse.Namespace) -> int:
    from ..city.build import run_sql, update

    root = Path(args.root).resolve() if args.root else Path.cwd()
    if args.sql:
        print(run_sql(root, args.sql))
        return EXIT_OK
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    result = update(root, args.as_of, fetch_new=not args.no_fetch)
    for line in result.report:
        print(line)
    if not (root / "mkdocs.yml").is_file():
        raise XinfangError(
            f"{root} 中没有 mkdocs.yml：请先用 xinfang init --city 建立市级汇总仓库。"
        )
    site = Path(args.out).resolve() if args.out else root / "site"
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(site)))
    except MkDocsException as err:
        raise XinfangError(f"市级网站生成失败：{err}") from err
    print(f"已生成市级网站和汇总表：{site}")
    if result.failed:
        print(
            "有县的快照缺失或不能用（见上）：网站上已标明（不能用的沿用上一份合格的快照，缺失的标为缺失）。",
            file=sys.stderr,
        )
    return EXIT_FINDINGS if result.failed else EXIT_OK


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    snap = sub.add_parser(
        "snapshot",
        help="生成报送市里的快照（Parquet 表和清单，不含姓名、身份证号等）",
        description="把本县仓库的现状写成 Parquet 表和清单（manifest.json），供市里汇总。"
        "身份证号只以市级密钥（环境变量 XINFANG_CITY_KEY）的散列出现。",
    )
    add_root(snap)
    add_as_of(snap)
    snap.add_argument("--out", required=True, help="快照目录（不存在时新建；原有的快照被替换）")
    snap.add_argument(
        "--county-code", help="本县的行政区划代码（默认：campaign.yml 的 county_code）"
    )
    snap.add_argument(
        "--require-key", action="store_true", help="没有设置 XINFANG_CITY_KEY 时不生成快照"
    )
    snap.add_argument("--publish", metavar="REMOTE", help="把快照提交到这个 git 仓库（名称或地址）")
    snap.add_argument("--branch", default="snapshots", help="发布到的分支（默认 snapshots）")
    snap.set_defaults(func=_cmd_snapshot)

    rollup = sub.add_parser(
        "rollup",
        help="市级汇总：取回各县快照，生成市级网站和汇总表",
        description="取回并核验各县的最新快照，生成市级网站（site/）和 Excel 汇总表；"
        "--sql 在已载入的表上运行一条查询。",
    )
    rollup.add_argument("--root", help="市级汇总仓库目录（默认：当前目录）")
    add_as_of(rollup)
    rollup.add_argument("--sql", help="在各县最新快照的表上运行一条 SQL 查询并打印结果")
    rollup.add_argument("--no-fetch", action="store_true", help="不取新快照，只用已保存的")
    rollup.add_argument("--out", help="网站输出目录（默认：仓库中的 site/）")
    rollup.set_defaults(func=_cmd_rollup)
