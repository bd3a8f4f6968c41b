"""Commands for the site and git: pages, history, CODEOWNERS."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import XinfangError
from .common import add_as_of, add_root, repo_root


def _cmd_pages(args: argparse.Namespace) -> int:
    from ..office.excel.export import workbook_bytes
    from ..site.generator import build_site
    from ..site.inputs import Asset, gather, workbook_path

    root = repo_root(args)
    out = Path(args.out).resolve()
    refuse_output(root, out)
    inputs = gather(root, args.as_of, office=args.office)
    for finding in inputs.repo.unreadable():
        print(
            f"注意：{finding.file}:{finding.line}: 读取失败，未计入网站的统计：{finding.message}",
            file=sys.stderr,
        )
    workbook = workbook_path(inputs.as_of)
    site = build_site(inputs, workbook)
    site.assets.append(Asset(workbook, workbook_bytes(root, inputs.as_of, repo=inputs.repo)[1]))
    for page in site.pages:
        target = inside(out, page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown(), encoding="utf-8")
    for asset in site.assets:
        target = inside(out, asset.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(asset.content)
    print(f"已写出 {len(site.pages)} 个页面和 {len(site.assets)} 个文件到 {out}")
    return 0


#: Folders of the repository that pages are never written into, beside the record folders:
#: evidence and schemas, the hand-written site pages, git's own.
KEPT = ("evidence", "schema", "docs", ".git", ".github", ".gitea")


def refuse_output(root: Path, out: Path) -> None:
    """``pages --out`` (resolved, links followed) may not be the repository, a folder above it,
    or a folder of records: the pages would mix with the records or replace them."""
    from ..records.discovery import CASES_DIR
    from ..records.kinds import KINDS

    if out == root or root.is_relative_to(out):
        raise XinfangError(
            f"输出目录 {out} 不能是仓库目录或其上级：请另选一个目录，例如 build/pages。"
        )
    for name in (CASES_DIR, *(kind.folder for kind in KINDS), *KEPT):
        folder = (root / name).resolve()
        if out.is_relative_to(folder):
            raise XinfangError(
                f"输出目录 {out} 在仓库的 {name}/ 目录中，不能把网站页面写进记录或仓库自己的目录："
                f"请另选一个目录，例如 build/pages。"
            )


def inside(out: Path, path: str) -> Path:
    """Where a page's file goes: inside ``out``, whatever its path says."""
    target = (out / path).resolve()
    if not target.is_relative_to(out):
        raise XinfangError(
            f"网站页面的路径 {path!r} 会写到输出目录 {out} 之外，已停止：请检查活动配置中的名称。"
        )
    return target


def _cmd_codeowners(args: argparse.Namespace) -> int:
    from ..history import codeowners
    from ..records.repository import open_repository

    repo = open_repository(repo_root(args))
    if args.write:
        for path in codeowners.write(repo):
            print(f"已写出 {path.relative_to(repo.root).as_posix()}")
        return 0
    for name, text in codeowners.expected(repo).items():
        print(f"# ==== {name} ====")
        print(text, end="")
    stale = codeowners.stale(repo)
    for finding in stale:
        print(f"注意：{finding.message}", file=sys.stderr)
    return 1 if stale else 0


def _cmd_history(args: argparse.Namespace) -> int:
    from ..history.git_process import working_state
    from ..history.reader import read_history
    from ..records.repository import case_files, load_campaign
    from ..records.suggest import hint, then
    from .history_text import STATE_ZH, as_text

    root = repo_root(args)
    case_id = args.case_id.strip().upper()
    history = read_history(root)
    fh = history.for_id(case_id)
    files = [p for p in case_files(root) if p.stem == case_id]
    rel = files[0].relative_to(root).as_posix() if files else None
    state = working_state(root, rel) if rel else ""
    if fh is None:
        if rel is None:
            known = sorted({p.stem for p in case_files(root)} | history.ids_ever)
            raise XinfangError(
                f"git 历史和 cases/ 目录中都没有案件 {case_id}：{then(hint(case_id, known))}请检查编号。"
            )
        print(f"{case_id}  {rel}")
        print(f"案件 {case_id} {STATE_ZH.get(state, '还没有提交到 git')}：提交后才有修改记录。")
        return 0
    if args.format == "json":
        print(json.dumps(dataclasses.asdict(fh), ensure_ascii=False, indent=2))
        return 0
    if history.message:
        print(f"注意：{history.message}")
    unit_name: Callable[[str], str] = str  # no readable campaign.yml: show the codes alone
    with contextlib.suppress(XinfangError):
        unit_name = load_campaign(root)[0].unit_name
    print("\n".join(as_text(case_id, fh, unit_name, state if rel == fh.path else "")))
    return 0


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this module's subcommands to the `xinfang` parser."""
    pages = sub.add_parser(
        "pages", help="把网站页面写到目录", description="把网站页面（Markdown 加 HTML）写到目录"
    )
    pages.add_argument("--out", required=True, help="输出目录，例如 build/pages")
    add_root(pages)
    add_as_of(pages)
    pages.add_argument(
        "--office",
        action="store_true",
        help="领导小组办公室内部用：加上各单位的重点人员名单（不要发布到内网公共网站）",
    )
    pages.set_defaults(func=_cmd_pages)

    owners = sub.add_parser(
        "codeowners",
        help="由各单位审核人生成 CODEOWNERS",
        description="由 campaign.yml 各单位的 reviewers 生成 .github/CODEOWNERS 和 .gitea/CODEOWNERS",
    )
    owners.add_argument("--write", action="store_true", help="写入文件（默认只显示）")
    add_root(owners)
    owners.set_defaults(func=_cmd_codeowners)

    history = sub.add_parser(
        "history", help="一件案件的 git 修改记录", description="一件案件的创建、修改和关键字段变化"
    )
    history.add_argument("case_id", metavar="案件编号")
    add_root(history)
    history.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
    history.set_defaults(func=_cmd_history)
