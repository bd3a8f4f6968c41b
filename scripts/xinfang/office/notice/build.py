"""`xinfang notice`: a draft 通报 of the leading-group office, as Markdown or Word.

The notice follows the plan's words (工作要求: 对重点问题处理情况、集体访越级访情况、包案和处理情况
及时调度、通报; 导致越级上访、集体上访的，要进行通报批评). Criticism is the leading group's decision:
the notice names only the units of a whole decision record (who, when, at which meeting, on which
facts) not yet issued, and the program's own list of incidents goes to a separate paper for the
group to study (``candidates.py``, ``xinfang propose``). Overdue cases are 督办, late reports
提醒, and a rectification period appears only when the campaign file sets one. Its content is plain data
(:class:`Notice`: title, 文号, date, numbered sections of paragraphs and tables), built from the
same overview as ``xinfang status`` and the findings of ``xinfang check``; the renderers only lay
it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ...campaign.workdays import WorkCalendar
from ...history.gate import run_check
from ...records.labels import percent
from ...records.privacy import mask_text
from ...records.unpublished import published_repository, unpublished
from ...rules.duties_status import duties_overview
from ...rules.status import overview
from .duty_sections import duty_sections
from .sections import (
    Block,
    Table,
    compliance_section,
    incidents_section,
    named_units,
    overdue_section,
    progress_table,
    reminders_section,
    requirements,
)

OFFICE = "县信访问题专项治理活动领导小组办公室"
NUMERALS = "〇一二三四五六七八九"


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Notice:
    title: str  # on two lines where the break falls, as 标题 are set
    number: str
    addressee: str
    opening: str
    sections: list[Section]
    signature: str
    date_zh: str
    as_of: date
    cc: str = ""

    def numbered(self) -> list[tuple[str, Section]]:
        return [(f"{chinese_number(i + 1)}、", s) for i, s in enumerate(self.sections)]


def chinese_number(n: int) -> str:
    """1..99 in words: 十、十一、二十、三十一."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return NUMERALS[ones]
    return f"{'' if tens == 1 else NUMERALS[tens]}十{NUMERALS[ones] if ones else ''}"


def chinese_date(day: date) -> str:
    """二〇〇八年七月二十日, as an official document is dated."""
    year = "".join(NUMERALS[int(d)] for d in str(day.year))
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def short_date(day: date) -> str:
    return f"{day.month}月{day.day}日"


def build_notice(root: Path, as_of: date | None = None) -> Notice:
    result = run_check(root, as_of)
    day, hidden = result.as_of, unpublished(result.repo)
    repo = published_repository(result.repo)  # a notice is sent out: what is never published is not
    findings = [replace(f, message=hidden.text(mask_text(f.message))) for f in result.findings]
    campaign = repo.campaign
    view = overview(
        campaign, repo.cases, day, WorkCalendar.from_root(root), assigned=repo.duties.dispatched()
    )
    phase = (
        f"{view.phase.name}（{short_date(view.phase.start)}至{short_date(view.phase.end)}）"
        if view.phase
        else ("活动开始前" if day < campaign.start else "活动结束后")
    )
    duties = duties_overview(repo, view)
    window = campaign.targets
    broken = len(repo.records) - len(repo.cases)
    summary = (
        f"截至{short_date(day)}，活动处于{phase}。全县共排查登记信访案件 {view.total} 件，"
        f"已结案 {view.closed} 件，结案率 {percent(view.closed, view.total)}；息诉罢访 {view.settled} 件，"
        f"息诉罢访率 {percent(view.settled, view.total)}"
        + (
            f"（另有结案后观察期未满的待观察 {view.observing} 件，不计入）"
            if view.observing
            else ""
        )
        + f"；化解中 {view.count('in_progress')} 件，"
        + (f"无法回访 {view.unreachable} 件（未结案，不计入结案率），" if view.unreachable else "")
        + f"已登记待化解 {view.count('registered')} 件。超期未结 {len(view.overdue)} 件，"
        f"{campaign.policy.due_soon_days} 日内到期 {len(view.due_soon)} 件，逾期办结 {len(view.closed_late)} 件。"
        f"{short_date(window.start)}以来发生越级集体访 {len(view.cross_level_collective)} 起、"
        f"非正常进京访 {len(view.abnormal_beijing)} 起（目标均为零，统计至{short_date(window.end)}）。"
        + (campaign.policy.cross_level_note or "")
    )
    for s in view.sensitive:
        when = (
            "已结束"
            if s.over
            else f"正在进行，还剩 {s.days_left} 天"
            if s.started
            else f"还有 {s.days_to_start} 天开始"
        )
        summary += (
            f"{s.period.name}（{short_date(s.period.start)}至{short_date(s.period.end)}）{when}，"
            f"期间发生越级访、集体访和非正常进京访 {len(s.incidents)} 起。"
        )
    overall: list[Block] = [summary]
    if broken:
        overall.append(f"另有 {broken} 个案件文件格式有误，未纳入统计，请有关单位尽快改正。")
    sections = [
        Section("总体进展", overall),
        Section("各单位进展情况", progress_table(view)),
        Section("督办事项：超期未结案件", overdue_section(view)),
        Section("提醒事项：临期案件和阶段材料", reminders_section(view)),
        Section("结案要件和“四明确”落实中的问题", compliance_section(view, findings, repo)),
        Section("越级访、集体访和非正常进京访情况", incidents_section(view)),
        # Assigned cases, risks and key persons (counts), accountability: where kept.
        *(
            Section(heading, blocks)
            for heading, blocks in duty_sections(duties, campaign)
            if repo.duties.records
        ),
        Section("通报批评", named_units(view, duties.to_publish())),
        Section("下一步工作要求", requirements(view)),
    ]
    number = f"县信访专项治理办〔{day.year}〕　号"
    opening = (
        f"根据《{campaign.document or '关于在全县开展信访问题专项治理活动的实施方案'}》"
        f"“强化督导，严格责任落实”的要求，现将截至{short_date(day)}全县信访问题专项治理活动"
        f"进展情况通报如下："
    )
    leaders = [m["post"] for m in campaign.leading_group if m.get("role") in ("leader", "deputy")]
    cc = (
        f"抄送：县信访问题专项治理活动领导小组{'、'.join(['组长', '常务副组长'][: len(leaders)])}。"
    )
    return Notice(
        title="关于全县信访问题专项治理活动\n进展情况的通报",
        number=number,
        addressee="各乡镇党委、政府，县直各有关单位：",
        opening=opening,
        sections=sections,
        signature=OFFICE,
        date_zh=chinese_date(day),
        as_of=day,
        cc=cc if leaders else "",
    )


def default_name(notice: Notice, fmt: str) -> str:
    return f"通报-{notice.as_of.isoformat()}.{fmt}"


def _md_table(table: Table) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "｜").replace("\n", " ") for c in cells) + " |"

    return [line(table.headers), line(["---"] * len(table.headers)), *map(line, table.rows)]


def write_markdown(notice: Notice) -> str:
    out = [
        "> 草稿：供领导小组办公室审定后印发，文号待定。",
        "",
        f"# {notice.title.replace(chr(10), '')}",
        "",
        f'<p align="center">{notice.number}</p>',
        "",
        notice.addressee,
        "",
        notice.opening,
    ]
    for number, section in notice.numbered():
        out += ["", f"## {number}{section.heading}", ""]
        for block in section.blocks:
            out += (_md_table(block) if isinstance(block, Table) else [block]) + [""]
        out.pop()
    out += ["", f'<p align="right">{notice.signature}<br>{notice.date_zh}</p>']
    if notice.cc:
        out += ["", "---", "", notice.cc]
    return "\n".join(out)
