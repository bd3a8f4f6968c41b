"""A case page as the office reads a case, and the change log as people read it."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from xinfang.site.generator import generate
from xinfang.site.inputs import Site

from .conftest import ROOT, make_repo

SECTIONS = ["基本情况", "四明确", "办理过程", "结案", "期限", "证据材料", "修改历史"]


def _git(root: Path, *args: str, author: str = "褚文静", day: str = "2008-04-15") -> None:
    when = f"{day}T10:00:00+08:00"
    env = {
        "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "x@xf.local", "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "x@xf.local",
        "GIT_COMMITTER_DATE": when, "PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(root),
    }  # fmt: skip
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _page(site: Site, path: str) -> str:
    return next(p.body for p in site.pages if p.path == path)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A repository whose case was registered, then handled, then closed, in three commits."""
    root = make_repo(tmp_path_factory.mktemp("history") / "repo")
    closed = (ROOT / "cases" / "XF2008-T01-001.yml").read_text(encoding="utf-8")
    registered = closed.replace("status: closed", "status: registered")
    target = root / "cases" / "XF2008-T01-001.yml"
    target.write_text(registered, encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "add case")
    target.write_text(registered.replace("status: registered", "status: in_progress")
                      .replace("handler: 褚文静", "handler: 孟庆丰"), encoding="utf-8")  # fmt: skip
    _git(root, "commit", "-q", "-am", "update T01-001, tel 15455661234", day="2008-05-02")
    target.write_text(closed, encoding="utf-8")
    _git(root, "commit", "-q", "-am", "wip", author="陈明亮", day="2008-06-25")
    return generate(root, date(2008, 7, 20))


def test_case_page_reads_in_the_office_s_order(built_pages: Site) -> None:
    body = _page(built_pages, "cases/XF2008-T01-001.md")
    headings = re.findall(r"<h2>([^<]+)</h2>", body)
    assert [h for h in headings if h in SECTIONS] == SECTIONS
    text = _text(body)
    assert (
        text.index("刘长河")
        < text.index("信访诉求")
        < text.index("包案领导")
        < text.index("症结分析")
    )
    assert "✔ 一、信访人反映的问题" in text and "信访人意见：同意" in text
    assert "以法定期限为准" in text  # which deadline binds is kept
    assert "法定办理期限 2008-06-16" in text
    assert '<a href="../registers/unit/T01.html">城关镇台账</a>' in body  # the breadcrumb


def test_timeline_holds_events_progress_and_closure_in_date_order(built_pages: Site) -> None:
    body = _page(built_pages, "cases/XF2008-T01-001.md")
    table = body.split('class="xf-table xf-timeline-table"', 1)[1].split("</table>", 1)[0]
    days = re.findall(
        r"<tr class=\"xf-t-[^\"]+\"><td>(\d{4}-\d\d-\d\d)</td><td>([^<]+)</td>", table
    )
    assert [d for d, _ in days] == sorted(d for d, _ in days)
    assert {"信访", "登记", "谈话", "进展", "回访", "结案"} <= {k for _, k in days}


def test_evidence_links_to_the_git_host_only_when_configured(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", ROOT / "cases")
    plain = generate(root, date(2008, 7, 20))
    body = _page(plain, "cases/XF2008-T01-001.md")
    assert "<code>evidence/XF2008-T01-001/谈话记录.txt</code>" in body
    assert '<a href="http' not in body.split('id="evidence"')[1]
    campaign = root / "campaign.yml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(
        "  as_of: '2008-07-20'",
        "  as_of: '2008-07-20'\n  file_url: http://git.xx.gov/xinfang/cases/src/branch/main"),
        encoding="utf-8")  # fmt: skip
    linked = _page(generate(root, date(2008, 7, 20)), "cases/XF2008-T01-001.md")
    assert (
        'href="http://git.xx.gov/xinfang/cases/src/branch/main/evidence/XF2008-T01-001/'
        '%E8%B0%88%E8%AF%9D%E8%AE%B0%E5%BD%95.txt"' in linked
    )
    confidential = _page(generate(root, date(2008, 7, 20)), "cases/XF2008-D03-001.md")
    assert "保密案件的证据材料不在网站上列出" in confidential
    assert "evidence/XF2008-D03-001" not in confidential
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(
        "file_url: http://git.xx.gov/xinfang/cases/src/branch/main", "file_url: 'javascript:alert(1)//'"),
        encoding="utf-8")  # fmt: skip
    assert "javascript:" not in _page(generate(root, date(2008, 7, 20)), "cases/XF2008-T01-001.md")


def test_case_history_names_the_fields_changed(history_site: Site) -> None:
    body = _page(history_site, "cases/XF2008-T01-001.md")
    table = _text(body.split('class="xf-table xf-history"', 1)[1].split("</table>", 1)[0])
    assert "新建案件" in table
    assert "办理状态：已登记 → 化解中；具体责任人：褚文静 → 孟庆丰" in table
    assert "办理状态：化解中 → 已结案" in table
    assert "15455661234" not in table and "154****1234" in table  # a message's number masked


def test_change_log_lists_cases_and_fields_in_chinese_with_the_message_second(
    history_site: Site,
) -> None:
    body = _page(history_site, "changes.md")
    rows = re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>", 1)[1])
    assert len(rows) == 3
    newest = _text(rows[0])
    assert newest.startswith("2008-06-25陈明亮")
    assert "XF2008-T01-001：办理状态：化解中 → 已结案" in newest
    assert newest.index("已结案") < newest.index("提交说明：wip")
    assert "新建案件" in _text(rows[2])
    assert all(re.search(r'<td class="xf-nowrap">\d{4}-\d\d-\d\d</td>', row) for row in rows)


@pytest.fixture(scope="module")
def built_pages() -> Site:
    return generate(ROOT, date(2008, 7, 20))
