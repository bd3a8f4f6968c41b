"""Commands for a county's repository: start a campaign, upgrade the program, show the demo."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..errors import XinfangError
from .common import EXIT_OK, add_root, parse_as_of, repo_root

INIT_EPILOG = """\
单位名单：文本文件每行一个单位名称（UTF-8 或 GBK，记事本保存的都可以），名称后可空一格写“乡镇”或“部门”
和审核人账号，例如“城关镇 乡镇 @chengguan-xf”；或 Excel 工作簿（.xlsx），第一行表头“单位名称”，
可另有“类型”“审核人”两列。乡、镇、街道编为 T01、T02……，局、委、院、办、中心等部门编为 D01、D02……，
按名单的顺序；类型没写时按名称判断，并列出来请核对。
活动日期：--year 2009 按实施方案的日期（4 月 12 日至 7 月 31 日）；或用 --start、--end 指定起止日期，
各阶段和上报节点按实施方案的间隔排定。
下一次活动：--from ../2008台账 沿用上次活动的成员单位、领导、审核人和政策设置，把未办结的案件、
仍在包保的重点人员和未化解的隐患作为新记录带过来（新编号，记下原来的仓库和编号）；上次的仓库不作任何改动。
从台账开始：--ledger 台账.xlsx（也可以是 .xls 或 CSV）把台账中写到的单位（青山镇、青山镇政府、青山镇人民政府
算一个）和写了全名的包案领导写进 campaign.yml，再把台账的各行导入为第一批案件，作为第二次提交“导入台账”；
导入报告（请核对、须补充、不能导入的行及原因）打印出来，也保存在仓库的 导入报告.txt 中。同时给出 --units 时，
单位以名单为准，台账只提供领导和案件。
例如：xinfang init 2009台账 --county 东平县 --year 2009 --units 单位.txt
      xinfang init 2008台账 --county 东平县 --year 2008 --ledger 信访台账.xls
"""


def _cmd_init(args: argparse.Namespace) -> int:
    if args.city:
        from .city import init_city_command

        return init_city_command(args)
    if args.counties:
        raise XinfangError(
            "--counties 只用于 --city（市级汇总仓库）：县的活动仓库用 --units 写成员单位。"
        )
    from ..county import ledger_start
    from ..county.start import start_campaign
    from ..county.units import confirmation, read_units

    target = Path(args.dir)
    units = read_units(Path(args.units)) if args.units else None
    leaders, review, then, imported = [], [], None, ledger_start.Imported()
    if args.ledger:
        if args.from_repo:
            raise XinfangError(
                "--from 沿用上次活动的单位和未办结的记录，--ledger 从台账建立新的活动：请只用其中一个。"
            )
        people = ledger_start.ledger_people(Path(args.ledger), units)
        units, leaders, review = (
            people.units,
            people.leaders,
            ledger_start.confirmation_lines(people),
        )
        then = ledger_start.import_rows(Path(args.ledger), review, imported)
    started = start_campaign(
        target,
        county=args.county,
        county_code=args.code,
        year=args.year,
        start=args.start,
        end=args.end,
        units=units,
        leaders=leaders,
        office=args.office,
        last_repo=Path(args.from_repo) if args.from_repo else None,
        then=then,
        audit_from=ledger_start.audit_start() if then else None,
    )
    made = started.made
    print(f"已建立 {target}（{made.files} 个文件，第一次提交 {made.commit[:8]}）。成员单位：")
    print("\n".join(confirmation(made.spec.units)))
    for line in started.summary:
        print(line)
    if made.second:  # the report begins with what was guessed from the ledger
        print(imported.report, end="")
        print(
            f"已导入台账（第二次提交 {made.second[:8]}）：{imported.rows} 行中导入 {imported.taken} 行，"
            f"不能导入 {imported.refused} 行；报告保存在 {target / ledger_start.REPORT}。"
        )
    for note in made.notes:
        print(note, file=sys.stderr)
    print(
        "请核对单位的类型和代码，在 campaign.yml 中填写领导小组和包案领导，然后运行 xinfang check。",
        file=sys.stderr,
    )
    return EXIT_OK


def _cmd_upgrade(args: argparse.Namespace) -> int:
    from ..county.upgrade import upgrade_repository

    result = upgrade_repository(repo_root(args))
    print(result.report())
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from ..county.demo import build_demo

    source = repo_root(args)
    target = Path(args.dir) if args.dir else source / "build" / "示例台账"
    made = build_demo(source, target)
    print(f"已建立示例仓库 {target}：{made.commits} 次提交（{made.first} 至 {made.last}）。")
    if not args.serve:
        print(f"查看网站：cd {target} && mkdocs serve", file=sys.stderr)
        return EXIT_OK
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", args.address]
    print(f"网站：http://{args.address}/（按 Ctrl+C 停止）", file=sys.stderr)
    return subprocess.call(command, cwd=target)


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this module's subcommands to the `xinfang` parser."""
    init = sub.add_parser(
        "init",
        help="建立一个县的活动仓库（一次提交）",
        description="建立一个县的专项治理活动仓库：活动配置、成员单位、空的记录目录、模式、网站、CI 工作流，"
        "作为第一次提交。目录必须是新的或空的。",
        epilog=INIT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument("dir", metavar="目录", help="新仓库的目录（新的或空的）")
    init.add_argument(
        "--city",
        action="store_true",
        help="建立市级汇总仓库（不是县的活动仓库），与 --counties 一起用",
    )
    init.add_argument("--counties", metavar="文件", help="市级汇总仓库：县的清单 counties.yml")
    init.add_argument("--county", metavar="名称", help="县（区）名称，例如 东平县")
    init.add_argument(
        "--code", metavar="代码", help="本县的 6 位行政区划代码（向市里报送快照时用），例如 341122"
    )
    init.add_argument("--year", type=int, metavar="年度", help="活动年度：按实施方案的日期")
    init.add_argument("--start", type=parse_as_of, metavar="日期", help="活动开始日期 YYYY-MM-DD")
    init.add_argument("--end", type=parse_as_of, metavar="日期", help="活动结束日期 YYYY-MM-DD")
    init.add_argument("--units", metavar="文件", help="成员单位名单：文本文件或 Excel（.xlsx）")
    init.add_argument(
        "--ledger",
        metavar="台账",
        help="本县已有的台账（.xlsx、.xls 或 CSV）：其中的单位和领导写进 campaign.yml，各行导入为案件",
    )
    init.add_argument(
        "--office", metavar="单位", help="领导小组办公室所在单位的名称（默认：名单中的信访局）"
    )
    init.add_argument(
        "--from",
        dest="from_repo",
        metavar="目录",
        help="上一次活动的仓库：沿用单位、领导和政策，带过未办结的记录",
    )
    init.set_defaults(func=_cmd_init)

    upgrade = sub.add_parser(
        "upgrade",
        help="把本仓库的模式、网站和工作流升级到已安装的 xinfang 版本（一次提交）",
        description="把仓库中由程序管理的文件（schema/、docs/、mkdocs.yml、CI 工作流、requirements.txt 等）"
        "换成已安装的 xinfang 版本的，新版本改了字段名时一并改记录中的字段名，作为一次提交；不改动记录的内容。"
        "工作目录要先提交干净。",
    )
    add_root(upgrade)
    upgrade.set_defaults(func=_cmd_upgrade)

    demo = sub.add_parser(
        "demo",
        help="用示例活动建一个像县里一样的仓库（2008 年的修改记录），可直接打开网站",
        description="把本仓库的示例活动（2008 年）按各记录自己的日期重放成一个新的 git 仓库：各单位工作人员"
        "在 2008 年的登记、进展、结案、更正和重新办理，最后的文件与示例记录完全相同。",
    )
    demo.add_argument(
        "dir",
        nargs="?",
        metavar="目录",
        help="示例仓库的目录（默认：build/示例台账；已有的示例仓库会重建）",
    )
    demo.add_argument("--serve", action="store_true", help="建好后启动网站（mkdocs serve）")
    demo.add_argument(
        "--address",
        default="127.0.0.1:8000",
        metavar="地址",
        help="网站地址（默认 127.0.0.1:8000）",
    )
    add_root(demo)
    demo.set_defaults(func=_cmd_demo)
