"""`xinfang check` and `xinfang status`: the gate and the campaign's figures."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import XinfangError
from ..findings import has_errors
from .common import EXIT_FINDINGS, EXIT_OK, add_as_of, add_root, repo_root


def is_case_file(root: Path, path: Path) -> bool:
    """A .yml or .yaml file under the repository's cases/ folder."""
    from ..records.repository import CASE_SUFFIXES, CASES_DIR

    return path.suffix in CASE_SUFFIXES and path.resolve().is_relative_to(root / CASES_DIR)


def _cmd_check(args: argparse.Namespace) -> int:
    from ..history.gate import run_check
    from ..office.newcase import unit_choice
    from ..records.finding_groups import group
    from .report import REPORTERS, grouped_text

    root = repo_root(args)
    only = [Path(p) for p in args.paths] if args.paths else None
    if only:
        missing = [p for p in only if not p.is_file()]
        if missing:
            raise XinfangError(f"文件不存在：{missing[0]}：请检查路径。")
        others = [p for p in only if not is_case_file(root, p)]
        if others:  # campaign.yml or a schema changed (as pre-commit passes them): check it all
            print(
                f"{others[0]} 不是案件文件，它的改动影响全部案件：检查全部案件。", file=sys.stderr
            )
            only = None
    result = run_check(root, args.as_of, only, args.base)
    findings = result.findings
    if args.format == "text" and (only is None or args.unit):
        unit = (
            unit_choice(result.repo.campaign, args.unit, "单位", "xinfang check")
            if args.unit
            else None
        )
        groups = group(result.repo, findings, unit)
        name = result.repo.campaign.unit_name(unit) if unit else None
        print(grouped_text(groups, findings, result.checked, name))
        if unit:
            findings = [f for g in groups for f in g.findings]
    else:
        print(REPORTERS[args.format](findings, result.checked))
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from ..campaign.periods import resolve_as_of
    from ..campaign.workdays import WorkCalendar
    from ..records.repository import open_repository
    from ..records.unpublished import published_repository
    from ..rules.duties_status import duties_overview
    from ..rules.office_views import office_work
    from ..rules.status import overview
    from .duties_text import as_dict as duties_dict
    from .duties_text import as_text as duties_text
    from .duties_text import work_text
    from .status_text import as_dict, as_text

    root = repo_root(args)
    repo = published_repository(open_repository(root))
    if args.unit and args.unit not in repo.campaign.units:
        raise XinfangError(
            f"单位代码 {args.unit} 在 campaign.yml 中没有定义：可用的有 {'、'.join(repo.campaign.units)}。"
        )
    as_of = resolve_as_of(repo.campaign, args.as_of)
    result = overview(
        repo.campaign, repo.cases, as_of, WorkCalendar.from_root(root), args.unit,
        assigned=repo.duties.dispatched(),
    )  # fmt: skip
    # The work beside cases (risks, key persons, assignments, submissions, accountability).
    duties = duties_overview(repo, result, args.unit)
    if args.format == "json":
        print(
            json.dumps(
                {**as_dict(result), "duties": duties_dict(duties)}, ensure_ascii=False, indent=2
            )
        )
    else:
        work = office_work(repo.duties, repo.campaign, as_of, args.unit)
        print(as_text(result) + "\n\n" + duties_text(duties, repo.campaign.unit_name))
        print("\n" + work_text(work, repo.campaign.unit_name))
    unreadable = len(repo.records) - len(repo.cases) + repo.duties.broken
    if unreadable:
        print(
            f"注意：{unreadable} 个记录文件有错误，未计入统计；运行 xinfang check 查看。",
            file=sys.stderr,
        )
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """Add `check` and `status` to the `xinfang` parser."""
    check = sub.add_parser(
        "check", help="检查案件记录（模式、规则、引用）", description="检查案件记录"
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="只检查这些案件文件（默认全部）")
    add_root(check)
    check.add_argument(
        "--format", choices=["text", "json", "github"], default="text", help="输出格式"
    )
    add_as_of(check)
    check.add_argument(
        "--unit",
        metavar="单位",
        help="只列出一个单位的问题（代码或名称，例如 T01 或 城关镇）；结果和退出码只看这个单位",
    )
    check.add_argument(
        "--base", metavar="REF", help="合并请求守卫：与这个分支或提交比较（例如 origin/main）"
    )
    check.set_defaults(func=_cmd_check)

    status = sub.add_parser(
        "status",
        help="活动进度汇总",
        description="活动进度汇总：阶段、结案率、超期、各单位上报情况",
    )
    add_root(status)
    add_as_of(status)
    status.add_argument("--unit", help="只看一个单位（单位代码）")
    status.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
    status.set_defaults(func=_cmd_status)
