"""The `xinfang` command line: parses arguments, calls the library, prints, sets the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from .errors import XinfangError
from .findings import has_errors
from .repository import find_root

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 参数错误：{message}（运行 {self.prog} -h 查看用法）\n")


def parse_as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期 {text!r} 无效，请写成 YYYY-MM-DD，例如 2008-07-20"
        ) from None


def repo_root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve() if args.root else find_root(Path.cwd())


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import run_check
    from .report import REPORTERS

    root = repo_root(args)
    only = [Path(p) for p in args.paths] if args.paths else None
    if only:
        missing = [p for p in only if not p.is_file()]
        if missing:
            raise XinfangError(f"文件不存在：{missing[0]}：请检查路径。")
    result = run_check(root, args.as_of, only, args.base)
    print(REPORTERS[args.format](result.findings, result.checked))
    return EXIT_FINDINGS if has_errors(result.findings) else EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from .check import resolve_as_of
    from .repository import open_repository
    from .status import overview
    from .status_report import as_json, as_text
    from .workdays import WorkCalendar

    root = repo_root(args)
    repo = open_repository(root)
    if args.unit and args.unit not in repo.campaign.units:
        raise XinfangError(
            f"单位代码 {args.unit} 在 campaign.yml 中没有定义：可用的有 {'、'.join(repo.campaign.units)}。"
        )
    as_of = resolve_as_of(repo.campaign, args.as_of)
    result = overview(repo.campaign, repo.cases, as_of, WorkCalendar.from_root(root), args.unit)
    print(as_json(result) if args.format == "json" else as_text(result))
    unreadable = len(repo.records) - len(repo.cases)
    if unreadable:
        print(
            f"注意：{unreadable} 个案件文件有错误，未计入统计；运行 xinfang check 查看。",
            file=sys.stderr,
        )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="xinfang", description="信访问题专项治理活动：案件台账检查、统计与网站。")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser(
        "check", help="检查案件记录（模式、规则、引用）", description="检查案件记录"
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="只检查这些案件文件（默认全部）")
    check.add_argument("--root", help="案件仓库目录（默认：向上查找 campaign.yml）")
    check.add_argument(
        "--format", choices=["text", "json", "github"], default="text", help="输出格式"
    )
    check.add_argument("--as-of", type=parse_as_of, help="统计日期 YYYY-MM-DD（默认：活动配置或今天）")
    check.add_argument("--base", metavar="REF", help="合并请求守卫：与分支或提交 REF 比较（例如 origin/main）")
    check.set_defaults(func=_cmd_check)

    status = sub.add_parser(
        "status",
        help="活动进度汇总",
        description="活动进度汇总：阶段、结案率、超期、各单位上报情况",
    )
    status.add_argument("--root", help="案件仓库目录（默认：向上查找 campaign.yml）")
    status.add_argument("--as-of", type=parse_as_of, help="统计日期 YYYY-MM-DD（默认：活动配置或今天）")
    status.add_argument("--unit", help="只看一个单位（单位代码）")
    status.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
    status.set_defaults(func=_cmd_status)

    # Commands kept in their own modules, each adding its subparsers.
    from . import cli_site, cli_work

    cli_site.add_commands(sub)
    cli_work.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except XinfangError as err:
        print(f"xinfang: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
