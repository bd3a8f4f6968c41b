"""As of a date, what happened later has not happened, and every date says what it is."""

from __future__ import annotations

import re
from datetime import date

from xinfang.site.generator import generate

from .conftest import ROOT

AS_OF = date(2008, 7, 20)


def test_the_obligations_page_shows_no_later_submission_and_labels_every_date() -> None:
    [page] = [p for p in generate(ROOT, AS_OF).pages if p.path == "obligations.md"]
    table = page.body.split("<tbody>")[1].split("</tbody>")[0]
    row = next(r for r in table.split("<tr>") if ">东关乡<" in r)
    cells = re.findall(r'<td class="xf-ob-(\w+)">(.*?)</td>', row)
    assert cells[3][0] == "missing" and "逾期未报" in cells[3][1]  # progress 2, made on 07-23
    assert "2008-07-23" not in page.body and "2008-07-28" not in page.body
    for found in re.finditer(r"\d{4}-\d\d-\d\d", page.body):
        before = page.body[max(0, found.start() - 6) : found.start()]
        after = page.body[found.end() : found.end() + 3]
        labelled = before.endswith(("上报于 ", "统计日期 ", "（")) or after.startswith(" 前")
        assert labelled, page.body[found.start() - 60 : found.end() + 20]
        if not after.startswith(" 前"):  # a due date may lie ahead; nothing else may
            assert date.fromisoformat(found.group()) <= AS_OF, found.group()
