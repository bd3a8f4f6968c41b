"""Commands for the work beside cases: the leaders' briefs and the accountability drafts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import XinfangError, cannot_write
from .common import EXIT_OK, add_as_of, add_root, repo_root
from .outputs import OUTPUT_DIR, paper_path, warn_if_committable

BRIEF_EPILOG = """\
周报：统计日期（--as-of，默认活动配置或今天）之前 7 天的新登记案件、结案、越级访和集体访，以及截至当天的
逾期事项（超期案件、交办件超期未报结、督办逾期、隐患逾期未复查、重点人员超过走访间隔）和需要领导小组研究的事项。
包案领导简报：该领导包案的案件（下一步和办结时限）、信访事件和需要决定的事项。
重点人员只写人数；名单由领导小组办公室掌握。
"""


def _views(args: argparse.Namespace, published: bool = True) -> tuple[Any, Any, Any]:
    """The repository (as published, for papers that leave the office), its status and the
    work beside cases on the as-of date."""
    from ..campaign.periods import resolve_as_of
    from ..campaign.workdays import WorkCalendar
    from ..records.repository import open_repository
    from ..records.unpublished import published_repository
    from ..rules.duties_status import duties_overview
    from ..rules.status import overview

    root = repo_root(args)
    repo = open_repository(root)
    if published:
        repo = published_repository(repo)
    day = resolve_as_of(repo.campaign, args.as_of)
    view = overview(
        repo.campaign, repo.cases, day, WorkCalendar.from_root(root),
        assigned=repo.duties.dispatched(),
    )  # fmt: skip
    return repo, view, duties_overview(repo, view)


def _write_paper(args: argparse.Namespace, root: Path, brief: Any, name: str) -> int:
    """A brief-shaped paper: Markdown on the screen, or a file (default: the output folder)."""
    from ..office.notice.brief import write_markdown
    from ..office.notice.brief_docx import render

    text = write_markdown(brief)
    if args.format == "md" and not args.out:
        print(text, end="")
        return EXIT_OK
    out = paper_path(root, args.out, f"{name}.{args.format}")
    if out.exists() and not args.force:
        raise XinfangError(f"文件 {out} 已存在：请用 --out 换一个文件名，或加 --force 覆盖。")
    try:
        if args.format == "md":
            out.write_text(text, encoding="utf-8")
        else:
            render(brief, out)
    except OSError as err:
        raise cannot_write(out, err) from err
    print(out)
    warn_if_committable(root, out)
    return EXIT_OK


def _cmd_brief(args: argparse.Namespace) -> int:
    from ..office.notice import brief as briefs
    from ..office.notice.build import chinese_date
    from ..records.file_names import file_name
    from ..records.suggest import hint, then
    from ..rules.leaders import leader_views
    from ..rules.weekly import weekly_brief

    repo, view, duties = _views(args)
    if args.leader:
        views = {v.name: v for v in leader_views(repo, view, duties)}
        if args.leader not in views:
            raise XinfangError(
                f"{args.leader} 不是包案的县级领导：{then(hint(args.leader, views))}"
                f"可选 {'、'.join(views) or '（没有包案的县级领导）'}。"
            )
        brief = briefs.leader(
            views[args.leader],
            chinese_date(view.as_of),
            view.campaign.unit_name,
            view.campaign.policy.cross_level_note,
        )
        name = f"包案情况-{file_name(args.leader)}-{view.as_of.isoformat()}"
    else:
        brief = briefs.weekly(weekly_brief(repo, view, duties))
        name = f"周报-{view.as_of.isoformat()}"
    return _write_paper(args, repo.root, brief, name)


def _cmd_propose(args: argparse.Namespace) -> int:
    from ..office.notice.study import paper
    from ..office.propose import write_drafts
    from ..rules.candidates import undrafted

    # Drafts of records are written from the records as they are; the study paper is as published.
    repo, view, duties = _views(args, published=not args.write)
    if args.write:
        todo = undrafted(duties.candidates)
        if not todo:
            print(
                f"截至 {view.as_of}，调处化解期间的越级访、集体访和非正常进京访都已有领导小组的决定或记录草稿，"
                "没有需要起草的。"
            )
            return EXIT_OK
        titles = {c.id: c.title for c in repo.cases}
        for path in write_drafts(repo.root, todo, view.as_of, repo.campaign, titles):
            print(path.relative_to(repo.root).as_posix())
        print(
            "请按领导小组的会议记录填写决定日期、会议、追究方式、责任情形和事实，运行 xinfang check 后提交。",
            file=sys.stderr,
        )
        return EXIT_OK
    return _write_paper(args, repo.root, paper(view, duties), f"供研究-{view.as_of.isoformat()}")


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """Add `brief` and `propose` to the `xinfang` parser."""
    brief = sub.add_parser(
        "brief",
        help="领导小组周报或包案领导简报",
        description="起草领导小组的一页周报（默认），或一位县级包案领导的简报。",
        epilog=BRIEF_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = brief.add_mutually_exclusive_group()
    which.add_argument("--weekly", action="store_true", help="领导小组周报（默认）")
    which.add_argument("--leader", metavar="NAME", help="包案县级领导的姓名，例如 郑春生")
    brief.add_argument("--format", choices=["md", "docx"], default="md", help="Markdown 或 Word")
    brief.add_argument(
        "--out",
        metavar="FILE",
        help=f"输出文件（md 默认输出到屏幕；docx 默认：仓库的 {OUTPUT_DIR}/ 目录下的 周报-日期.docx，"
        "该目录不会被提交）",
    )
    brief.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    add_root(brief)
    add_as_of(brief)
    brief.set_defaults(func=_cmd_brief)

    propose = sub.add_parser(
        "propose",
        help="供领导小组研究的事项；决定后起草责任追究记录",
        description="列出调处化解期间发生、尚无领导小组决定的越级访、集体访和非正常进京访，以及记录中"
        "与“责任不落实、处理不到位、敷衍应付、推诿扯皮”有关的事实（供领导小组研究，不是处理意见）；"
        "--write 为领导小组已研究的事件起草责任追究记录，按会议记录补全后提交。",
    )
    propose.add_argument("--format", choices=["md", "docx"], default="md", help="Markdown 或 Word")
    propose.add_argument(
        "--out",
        metavar="FILE",
        help=f"输出文件（md 默认输出到屏幕；docx 默认：仓库的 {OUTPUT_DIR}/ 目录下的 供研究-日期.docx）",
    )
    propose.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    propose.add_argument(
        "--write",
        action="store_true",
        help="为尚无记录的事件起草 accountability/ 记录（已有记录或草稿的事件不再起草）",
    )
    add_root(propose)
    add_as_of(propose)
    propose.set_defaults(func=_cmd_propose)
