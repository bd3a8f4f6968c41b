"""Commands for the way staff work: new cases, Excel in and out, the office's notice."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import XinfangError, cannot_write
from ..records.kinds import KINDS, Kind
from .common import EXIT_FINDINGS, EXIT_OK, add_as_of, add_root, parse_as_of, repo_root
from .outputs import OUTPUT_DIR, output_folder, paper_path, warn_if_committable

NEW_EPILOG = """\
编号规则：XF<年份>-<单位代码>-<三位序号>，按单位分别取号，取该单位用过的最大序号加一；
已删除案件的编号（git 历史中任何分支出现过的文件名）也会跳过，编号永不重复使用。
多人同时新建：不同单位的编号互不冲突；同一工作目录里以“不覆盖”方式创建文件，不会互相覆盖；
同一单位的两人在不同分支上可能取到同一编号，后合并的合并请求会被 CI 的编号重复检查拒绝，
这时把分支更新到最新的 main，重新运行 xinfang new，把内容移到新文件即可。

其他记录（--kind）：文件写入各自的目录，编号同样取用过的最大序号加一，已删除的编号不再使用：
{kinds}
例如：xinfang new --kind risk --unit 城关镇；xinfang new --kind assignment
重点人员登记只为解决本人的问题服务，一律保密，不记录行踪和动向，不限制依法信访的权利。
"""


def _kind_line(kind: Kind) -> str:
    """One line of ``NEW_EPILOG`` for a kind of ``records/kinds.py``."""
    name = f"  {kind.name} {kind.title}"
    if not kind.prefix:
        return f"{name}  {kind.folder}/<单位代码>.yml，每个单位一个文件，已有时不新建，请直接编辑"
    if kind.by_unit:
        where = f"{kind.folder}/{kind.prefix}<年份>-<单位代码>-<序号>.yml"
        return f"{name}  {where}，按{kind.unit_role}取号，须写 --unit"
    return f"{name}  {kind.folder}/{kind.prefix}<年份>-<序号>.yml，不分单位"


NEW_EPILOG = NEW_EPILOG.replace("{kinds}", "\n".join(_kind_line(kind) for kind in KINDS))

IMPORT_EPILOG = """\
能读 .xlsx、Excel 97-2003 的 .xls 和 CSV（GBK 或 UTF-8）；工作簿中的每张台账表都读（一个单位一张也行）。
表头按含有的词识别（上访人、来访人姓名是信访人，上访事由、反映内容是信访诉求，问题性质是问题类别……），
报告说明每列按什么导入；两个字段同样说得通的表头和认不出的表头不导入，用 --mapping 文件写明：
  columns: {原表头: 字段}    例如 {问题摘要: demand, 分管领导: responsibility.lead_official, 序号: ignore}
  units: {单位名称: 代码}    例如 {东关司法所: D05}
  categories: {类别名称: 代码}；statuses: {状态名称: 代码}
单位可写简称（县检察院、公安局、青山镇政府、县发改局），包案领导可写“孙副县长”“孙某某（副县长）”，
只在唯一对上时才认。日期可写 08.4.15、4月15日（年份取台账的填报时间）、２００８年４月１５日；只写到月的，
首次信访按当月 1 日、办结时限按当月最后一天；“4月上旬”“春节前”不猜，在该行列出。问题类别可写
重复访（3次）、集体访 30 余人、越级访（赴京）等；没有信访人的苗头隐患行导入为 risks/ 中的隐患。
没有登记日期的取 --registered，其次取台账的填报时间，其次取活动期间内的首次信访日期。
没有案件名称的按所在地和诉求生成（不写姓名）。推定的内容在文件中都有注释提示核对。
不加 --write 时只报告将新建哪些文件、哪些行不能导入（行号、列名、原因）、导入后 check 还会报什么；
已有的案件从不覆盖。
"""


def _cmd_new(args: argparse.Namespace) -> int:
    from ..campaign.periods import resolve_as_of
    from ..campaign.workdays import WorkCalendar
    from ..office.newcase import UsedIds, category_choice, create_case, unit_choice
    from ..office.newrecord import CASE, create_record, kind_choice, record_unit
    from ..records.repository import load_campaign
    from ..records.schema import load_schema

    kind = kind_choice(args.kind)
    if kind != CASE and args.category is not None:
        raise XinfangError(
            f"--category 只用于新建案件：请去掉它，或去掉 --kind {args.kind} 新建案件。"
        )
    root = repo_root(args)
    campaign, _ = load_campaign(root)
    schema = load_schema(root, kind)
    registered = resolve_as_of(campaign, None)
    ids: UsedIds | None
    if kind == CASE:
        unit = unit_choice(campaign, args.unit)
        category = category_choice(schema, args.category)
        path, ids = create_case(
            root, campaign, schema, WorkCalendar.from_root(root), unit, category, registered
        )
    else:
        unit_or_none = record_unit(campaign, kind, args.unit)
        path, ids = create_record(root, campaign, schema, kind, unit_or_none, registered)
    print(path.relative_to(root).as_posix())
    if ids is not None and not ids.from_git:
        print(
            "注意：这里不是 git 仓库（或没有 git），只避开了现有文件的编号，没有查已删除的编号。",
            file=sys.stderr,
        )
    print("请按文件中的中文注释填写，然后运行 xinfang check。", file=sys.stderr)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from ..campaign.periods import resolve_as_of
    from ..office.excel.export import default_name, export_for_cli
    from ..records.repository import load_campaign

    root = repo_root(args)
    if args.out:
        out = Path(args.out)
    else:
        as_of = resolve_as_of(load_campaign(root)[0], args.as_of)
        out = output_folder(root) / default_name(as_of, args.unit)
    result = export_for_cli(root, out, args.as_of, args.unit, args.full, args.force)
    print(result.out)
    warn_if_committable(root, result.out)
    for note in result.notes:
        print(note, file=sys.stderr)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from ..office.excel.importer import import_workbook

    root = repo_root(args)
    result = import_workbook(
        root,
        Path(args.file),
        sheet=args.sheet,
        mapping=Path(args.mapping) if args.mapping else None,
        write=args.write,
        registered=args.registered,
        write_mapping_to=Path(args.write_mapping) if args.write_mapping else None,
    )
    print(result.report())
    return EXIT_FINDINGS if result.faults else EXIT_OK


def _cmd_notice(args: argparse.Namespace) -> int:
    from ..office.notice.build import build_notice, default_name, write_markdown
    from ..office.notice.docx import render

    root = repo_root(args)
    notice = build_notice(root, args.as_of)
    if args.format == "md" and not args.out:
        print(write_markdown(notice))
        return EXIT_OK
    out = paper_path(root, args.out, default_name(notice, args.format))
    if out.exists() and not args.force:
        raise XinfangError(f"文件 {out} 已存在：请用 --out 换一个文件名，或加 --force 覆盖。")
    try:
        if args.format == "md":
            out.write_text(write_markdown(notice) + "\n", encoding="utf-8")
        else:
            render(notice, out)
    except OSError as err:
        raise cannot_write(out, err) from err
    print(out)
    warn_if_committable(root, out)
    return EXIT_OK


def _common(parser: argparse.ArgumentParser, as_of: bool = True) -> None:
    add_root(parser)
    if as_of:
        add_as_of(parser)


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this module's subcommands to the `xinfang` parser."""
    new = sub.add_parser(
        "new",
        help="新建案件或隐患、重点人员等记录文件（自动取号）",
        description="新建一个案件文件，或用 --kind 新建隐患、重点人员、交办件、责任追究、单位上报材料的文件："
        "自动取下一个可用编号，写好全部必填项和中文填写说明，输出文件路径。",
        epilog=NEW_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument(
        "--kind",
        metavar="种类",
        help="记录种类（默认 case 案件）：risk 苗头隐患、person 重点人员、assignment 交办件、"
        "accountability 责任追究、submission 单位上报材料；也可写中文名称，如 隐患",
    )
    new.add_argument(
        "--unit",
        metavar="单位",
        help="单位的代码或名称，例如 T01、t01 或 城关镇：案件的承办单位（有多个单位时必填），"
        "隐患的责任单位、重点人员的属地单位、上报材料的上报单位（必填）",
    )
    new.add_argument(
        "--category",
        metavar="类别",
        help="问题类别（只用于案件，按问题性质）：litigation 涉法涉诉、prominent 突出信访问题、"
        "hotspot 热点难点；也可写中文名称，如 涉法涉诉、上访老户（省、市交办是案件来源，不是类别）",
    )
    _common(new, as_of=False)
    new.set_defaults(func=_cmd_new)

    export = sub.add_parser(
        "export",
        help="导出 Excel 台账",
        description="导出 Excel 台账：全部案件、各单位分表、汇总表；身份证号和电话默认打码。",
    )
    export.add_argument("format", choices=["xlsx"], help="导出格式（目前只有 xlsx）")
    export.add_argument(
        "--out",
        metavar="FILE",
        help=f"输出文件（默认：仓库的 {OUTPUT_DIR}/ 目录下的 信访台账-日期.xlsx；该目录不会被提交）",
    )
    export.add_argument("--unit", metavar="CODE", help="只导出一个单位的案件")
    export.add_argument(
        "--full",
        action="store_true",
        help="不打码，导出完整的身份证号和电话（重新导入还原记录时需要；请妥善保管文件）",
    )
    export.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    _common(export)
    export.set_defaults(func=_cmd_export)

    imp = sub.add_parser(
        "import",
        help="从旧台账（Excel、CSV）导入案件",
        description="从旧台账（.xlsx、.xls、CSV）导入案件：每行新建一个案件文件（没有信访人的苗头隐患行新建隐患文件）；不加 --write 时只检查并报告。",
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imp.add_argument(
        "format",
        choices=["xlsx", "xls", "csv"],
        help="台账格式：xlsx、xls 或 csv（按文件内容读取）",
    )
    imp.add_argument("file", metavar="FILE", help="台账文件：Excel（.xlsx、.xls）或 CSV")
    imp.add_argument("--sheet", metavar="NAME", help="读取哪张工作表（默认：自动选择）")
    imp.add_argument("--mapping", metavar="FILE", help="表头和名称对应文件（YAML）")
    imp.add_argument("--write", action="store_true", help="真正写入案件文件（默认只报告）")
    imp.add_argument(
        "--registered",
        metavar="DATE",
        type=parse_as_of,
        help="台账没有登记日期时各行的登记日期，例如 2008-04-20（默认取台账的填报时间，其次取活动期间内的首次信访日期）",
    )
    imp.add_argument(
        "--write-mapping",
        metavar="FILE",
        help="把台账中认不出的单位、类别、表头写成对应文件 FILE，把领导写成 campaign.yml 片段，供补全后用 --mapping 导入",
    )
    _common(imp, as_of=False)
    imp.set_defaults(func=_cmd_import)

    notice = sub.add_parser(
        "notice",
        help="起草进展情况通报",
        description="起草领导小组办公室的进展情况通报：总体进展、各单位进展、超期案件、缺项、越级访和集体访，以及领导小组已决定通报批评的单位（只点名有决定记录的）。",
    )
    notice.add_argument("--format", choices=["md", "docx"], default="md", help="Markdown 或 Word")
    notice.add_argument(
        "--out",
        metavar="FILE",
        help=f"输出文件（md 默认输出到屏幕；docx 默认：仓库的 {OUTPUT_DIR}/ 目录下的 通报-日期.docx，"
        "该目录不会被提交）",
    )
    notice.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    _common(notice)
    notice.set_defaults(func=_cmd_notice)
