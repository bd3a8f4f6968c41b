"""The city's workbook: the site's tables as sheets, written with XlsxWriter like the county's
export (``office.excel.book``: safe cells, header formats, A4 landscape, page numbers).

Sheets: 各县对比, 信访事件, 到市走访, 跨县信访人 (all of them, the site shows the first 500),
市交办件, 每周趋势 and 快照情况.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ..office.excel.book import A4, Book, page_setup, put
from .build import CityInputs
from .pages import KEYS

Columns = Sequence[tuple[str, str, int]]  # (heading, key, width)


def _ratio(part: Any, base: Any) -> float | None:
    return (part or 0) / base if base else None


def _sheet(book: Book, name: str, title: str, columns: Columns, rows: list[dict[str, Any]]) -> None:
    ws = book.sheet(name)
    put(ws, 0, 0, title, book.title)
    for col, (heading, _, width) in enumerate(columns):
        ws.set_column(col, col, width)
        put(ws, 1, col, heading, book.header)
    for r, row in enumerate(rows, start=2):
        for col, (_, key, _) in enumerate(columns):
            value = row.get(key)
            if isinstance(value, list):
                value = "；".join(str(v) for v in value)
            fmt = (
                book.percent
                if key.endswith("_rate")
                else book.date
                if hasattr(value, "isoformat")
                else book.plain
            )
            put(ws, r, col, value, fmt)
    ws.freeze_panes(2, 1)
    if rows:
        ws.autofilter(1, 0, len(rows) + 1, len(columns) - 1)
    page_setup(ws, A4, (1, 1))


def workbook_bytes(inputs: CityInputs) -> bytes:
    f = inputs.figures
    buffer = io.BytesIO()
    book = Book(buffer)
    city, day = inputs.config.city, f.as_of
    counties = [
        {**c, "closure_rate": _ratio(c["closed"], c["cases"]),
         "settled_rate": _ratio(c["settled"], c["cases"]),
         "state": "缺失" if c["missing"] else ("沿用上一份" if c["problem"] else "正常")}
        for c in f.counties
    ]  # fmt: skip
    _sheet(book, "各县对比", f"{city}各县专项治理情况（统计日期 {day}）", (
        ("县", "name", 10), ("代码", "code", 9), ("快照日期", "as_of", 12), ("快照", "state", 10),
        ("案件", "cases", 8), ("已结", "closed", 8), ("结案率", "closure_rate", 9),
        ("息诉罢访", "settled", 9), ("息诉罢访率", "settled_rate", 10), ("超期", "overdue", 7),
        ("临期", "due_soon", 7), ("保密案件", "confidential", 9),
        ("越级集体访", "cross_level_collective", 10), ("非正常进京访", "abnormal", 11),
        ("越级访", "cross_level", 8), ("集体访", "collective", 8),
        ("交办逾期未报结", "report_backs_overdue", 12), ("检查错误", "errors", 9), ("检查警告", "warnings", 9),
    ), counties)  # fmt: skip
    _sheet(book, "信访事件", f"各县信访事件（控制目标统计区间内，统计日期 {day}）", (
        ("县", "name", 10), ("到县走访", "visit_county", 9), ("到市走访", "visit_city", 9),
        ("到省走访", "visit_province", 9), ("进京走访", "visit_beijing", 9), ("走访", "visit", 8),
        ("来信", "letter", 8), ("联名信", "joint_letter", 8), ("网上信访", "online", 9),
        ("电话", "phone", 8), ("越级访", "cross_level", 8), ("集体访", "collective", 8),
        ("越级集体访", "cross_level_collective", 10), ("非正常进京访", "abnormal", 11),
    ), f.events)  # fmt: skip
    _sheet(book, "到市走访", f"各县到市走访（统计日期 {day}）", (
        ("县", "name", 10), ("批次", "visit_city", 9), ("人次", "visit_city_persons", 9),
        ("其中集体访", "visit_city_collective", 11),
    ), f.events)  # fmt: skip
    _sheet(book, "跨县信访人", "在两个及以上县有案件的信访人（身份证号的市级密钥散列）", (
        ("散列", "id_hash", 68), ("县数", "counties", 7), ("县", "county_names", 20),
        ("案件", "cases", 60),
    ), f.cross)  # fmt: skip
    _sheet(book, "市交办件", f"市交办件核对（统计日期 {day}）", (
        ("交办文号", "number", 20), ("县", "name", 10), ("交办日期", "issued", 12),
        ("报结期限", "report_due", 12), ("县里收到", "received", 12),
        ("县里登记的期限", "county_due", 14), ("报结日期", "final_report", 12), ("情况", "state", 14),
    ), f.assigned)  # fmt: skip
    trend = [
        {"name": c["name"], **{w: _ratio(t["closed"], t["cases"]) if (t := f.trend.cells.get((c["code"], w))) else None
                               for w in f.trend.weeks}}
        for c in f.counties
    ]  # fmt: skip
    _sheet(book, "每周趋势", "各县每周结案率（每周最后一份快照）",
           (("县", "name", 10), *((w, w, 11) for w in f.trend.weeks)), trend)  # fmt: skip
    states = [
        {"name": s.county.name, "code": s.county.code, "where": s.county.where,
         "snapshot": s.manifest.label if s.manifest else "缺失", "key": KEYS[s.key],
         "problem": s.problem or ""}
        for s in inputs.states
    ]  # fmt: skip
    _sheet(book, "快照情况", "各县快照", (
        ("县", "name", 10), ("代码", "code", 9), ("快照位置", "where", 40), ("使用的快照", "snapshot", 24),
        ("身份证号散列", "key", 18), ("情况", "problem", 60),
    ), states)  # fmt: skip
    book.close()
    return buffer.getvalue()


def workbook_name(inputs: CityInputs) -> str:
    return f"{inputs.config.city}专项治理汇总-{inputs.figures.as_of.isoformat()}.xlsx"


__all__ = ["workbook_bytes", "workbook_name"]
