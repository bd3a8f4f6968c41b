"""What every command shares: exit codes, the argument parser, the repository root, dates."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..records.repository import find_root
from ..records.schema import DATE_RANGE, out_of_range
from .parser import EXIT_USAGE, Parser

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "Parser"]

EXIT_OK, EXIT_FINDINGS = 0, 1


def parse_as_of(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期 {text!r} 无效，请写成 YYYY-MM-DD，例如 2008-07-20"
        ) from None
    if out_of_range(day):
        raise argparse.ArgumentTypeError(
            f"日期 {text} 超出可以处理的范围（{DATE_RANGE}），请核对年份，例如 2008-07-20"
        )
    return day


def repo_root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve() if args.root else find_root(Path.cwd())


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", help="案件仓库目录（默认：向上查找 campaign.yml）")


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", type=parse_as_of, help="统计日期 YYYY-MM-DD（默认：活动配置或今天）"
    )
