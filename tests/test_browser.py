"""The built site in headless Chromium, as a reader sees it.

Needs Debian's Chromium (`apt-get install chromium fonts-noto-cjk`); never downloads a browser.
Screenshots go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browsing import QuietHandler, chromium, needs_chromium, serving
from .conftest import ROOT, make_repo

ARTIFACTS = ROOT / "test-artifacts"

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    with serving(functools.partial(QuietHandler, directory=str(built_site))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.requests = []
    tab.errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda err: tab.errors.append(str(err)))
    yield tab
    outside = [url for url in tab.requests if not url.startswith(server)]
    assert outside == [], outside
    assert tab.errors == []
    context.close()


def _shot(tab: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_dashboard_renders(page: object, server: str) -> None:
    page.goto(f"{server}/index.html")
    page.wait_for_load_state("networkidle")
    assert "专项治理活动" in page.locator("h1").first.inner_text()
    assert page.locator(".xf-card").count() >= 6
    assert page.locator("svg.xf-timeline").count() == 1
    _shot(page, "dashboard")


def test_chinese_query_finds_a_case(page: object, server: str) -> None:
    page.goto(f"{server}/lookup.html")
    page.fill("#xf-lookup-input", "拆迁补偿")
    link = page.locator(".xf-lookup-results a", has_text="XF2008-T01-001")
    link.wait_for()
    _shot(page, "lookup")
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/cases/XF2008-T01-001.html")


def test_material_search_finds_the_guide(page: object, server: str) -> None:
    page.goto(f"{server}/index.html")
    page.wait_for_load_state("networkidle")
    page.locator(".md-search__input").first.click()
    page.keyboard.type("结案", delay=50)
    page.keyboard.press("End")  # Material searches on key events; Chinese text arrives as input
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=45000)  # the search worker indexes first; slow on a busy machine
    assert results.count() >= 1


def test_register_filter_and_sort(page: object, server: str) -> None:
    page.goto(f"{server}/registers/index.html")
    rows = page.locator("#t-all tbody tr")
    total = rows.count()
    assert total >= 40
    page.fill('.xf-filter[data-table="t-all"]', "城关镇")
    visible = page.locator("#t-all tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all("城关镇" in text for text in visible.all_inner_texts())
    page.select_option('.xf-status-filter[data-table="t-all"]', "超期")
    page.fill('.xf-filter[data-table="t-all"]', "")
    overdue = page.locator("#t-all tbody tr:not([hidden])")
    assert 0 < overdue.count() < total
    page.select_option('.xf-status-filter[data-table="t-all"]', "")
    page.locator("#t-all th", has_text="编号").click()
    page.locator("#t-all th", has_text="编号").click()
    first = page.locator("#t-all tbody tr").first.inner_text()
    assert first.startswith("XF2008-T05")  # descending by id
    _shot(page, "register")


def test_case_page_shows_its_timeline(page: object, server: str) -> None:
    page.goto(f"{server}/cases/XF2008-T01-001.html")
    rows = page.locator(".xf-timeline-table tbody tr")
    assert rows.count() >= 8
    text = page.locator(".xf-timeline-table").inner_text()
    assert "谈话" in text and "回访" in text and "结案" in text
    assert page.locator(".xf-checklist .xf-ok").count() >= 8
    _shot(page, "case")


def test_printed_register_hides_navigation(page: object, server: str) -> None:
    page.goto(f"{server}/registers/index.html")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()


def test_case_page_reads_as_the_office_reads_a_case(page: object, server: str) -> None:
    page.goto(f"{server}/cases/XF2008-T01-001.html")
    headings = page.locator("article h2").all_inner_texts()
    order = ["基本情况", "四明确", "办理过程", "结案", "期限", "证据材料", "修改历史"]
    assert [h for h in headings if h in order] == order
    basics = page.locator("#basics").inner_text()
    assert "刘长河" in basics and "3905**********3412" in basics and "信访诉求" in basics
    assert "郑春生" in page.locator("#four-clear").inner_text()
    assert "✔ 三、信访人签字的回访意见" in page.locator("#closure").inner_text()
    assert "以法定期限为准" in page.locator("#deadlines").inner_text()
    page.locator(".xf-breadcrumb a", has_text="城关镇台账").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/registers/unit/T01.html")


def test_lookup_finds_a_petitioner_by_name_with_the_case_s_status(
    page: object, server: str
) -> None:
    page.goto(f"{server}/lookup.html")
    page.fill("#xf-lookup-input", "刘长河")
    hit = page.locator(".xf-lookup-results li", has_text="XF2008-T01-001")
    hit.wait_for()
    assert "已结案" in hit.inner_text() and "信访人 刘长河" in hit.inner_text()
    _shot(page, "lookup-name")
    page.fill("#xf-lookup-input", "3412")
    hit = page.locator(".xf-lookup-results li", has_text="身份证号后四位 3412：刘长河")
    hit.wait_for()
    assert "XF2008-T01-001" in hit.inner_text()


def test_lookup_never_finds_a_confidential_petitioner(page: object, server: str) -> None:
    page.goto(f"{server}/lookup.html")
    for query in ("余德林", "8133"):  # the petitioner of the confidential XF2008-D03-001
        page.fill("#xf-lookup-input", query)
        page.locator(".xf-hit-count").wait_for()
        page.wait_for_timeout(200)
        assert "XF2008-D03-001" not in page.locator(".xf-lookup-results").inner_text(), query


def test_the_theme_s_search_indexes_the_guides_not_the_generated_tables(built_site: Path) -> None:
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    written = {p.with_suffix(".html").name for p in (ROOT / "docs").glob("*.md")}
    assert pages and pages <= written | {""}, sorted(pages - written)
    assert not any("<td" in doc["text"] for doc in index["docs"])


def test_header_search_lists_matching_cases(page: object, server: str) -> None:
    page.goto(f"{server}/registers/index.html")
    page.wait_for_load_state("networkidle")
    page.locator(".md-search__input").first.click()
    page.keyboard.type("刘长河", delay=50)
    link = page.locator(".xf-search-cases a", has_text="XF2008-T01-001")
    link.wait_for()
    page.wait_for_timeout(1500)  # the theme's own results arrive after the index is read
    _shot(page, "header-search")
    # The cases first, above whatever the theme finds; none of the theme's results is a
    # table's raw text or a partial match ("缺少: 刘长 长").
    boxes = page.evaluate(
        "() => [...document.querySelectorAll('.xf-search-cases, .md-search-result__item')]"
        ".filter(e => e.offsetParent).map(e => [e.className, e.getBoundingClientRect().top])"
    )
    assert boxes[0][0] == "xf-search-cases" and all(top > boxes[0][1] for _, top in boxes[1:])
    shown = page.locator(".md-search-result__item:visible").all_inner_texts()
    assert not any("缺少" in text or "编号" in text for text in shown), shown
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/cases/XF2008-T01-001.html")


@pytest.mark.parametrize(
    "path",
    ["index.html", "lookup.html", "registers/index.html", "registers/units.html",
     "registers/unit/T01.html", "cases/XF2008-T01-001.html", "overdue.html", "obligations.html",
     "compliance.html", "changes.html", "rules.html", "guide.html"],
)  # fmt: skip
def test_no_sideways_scroll_on_a_phone(browser: object, server: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")  # type: ignore[attr-defined]
    try:
        tab = context.new_page()
        tab.goto(f"{server}/{path}")
        tab.wait_for_load_state("networkidle")
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path}: {width} px"
        if path in ("registers/index.html", "cases/XF2008-T01-001.html"):
            _shot(tab, "phone-" + path.replace("/", "-").removesuffix(".html"))
    finally:
        context.close()


def test_table_cells_have_borders_and_dates_do_not_wrap(page: object, server: str) -> None:
    page.goto(f"{server}/registers/index.html")
    cell = page.locator("#t-all tbody tr").first.locator("td").nth(5)
    border, padding, wrap = cell.evaluate(
        "c => { const s = getComputedStyle(c); return [s.borderTopWidth, s.paddingLeft, s.whiteSpace]; }"
    )
    assert border != "0px" and padding != "0px" and wrap == "nowrap"
    page.goto(f"{server}/changes.html")
    cells = page.locator(".xf-changes td:first-child, .xf-changes code").all()
    assert cells
    for cell in cells[:6]:
        assert cell.evaluate("c => getComputedStyle(c).whiteSpace") == "nowrap"
        assert cell.evaluate("c => c.getClientRects().length") == 1
    for path, selector in (
        ("rules.html", "table code"),
        ("compliance.html", ".xf-compliance code"),
    ):
        page.goto(f"{server}/{path}")
        for code in page.locator(selector).all()[:20]:  # a rule id on one line
            assert code.evaluate("c => getComputedStyle(c).whiteSpace") == "nowrap", path
            assert code.evaluate("c => c.getClientRects().length") == 1, path


def _pdf(page: object, path: str, name: str, per_unit: bool = False) -> list[str]:
    """The page as Chromium prints it to A4, as its styles ask: the text of each PDF page; each
    page is also a PNG in test-artifacts/, to look at."""
    import subprocess

    page.goto(path)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    if per_unit:
        page.check(".xf-page-per-group")  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)  # type: ignore[attr-defined]
    info = subprocess.run(
        ["pdfinfo", "-l", "200", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert sizes and all(float(w) > float(h) for w, h in sizes), "应为横向 A4"
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(ARTIFACTS / name)], check=True)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [p for p in text.split("\f") if p.strip()]


POPPLER = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="没有 poppler-utils（pdftotext、pdftoppm）"
)


@POPPLER
def test_printed_register_is_an_official_document(page: object, server: str) -> None:
    pages = _pdf(page, f"{server}/registers/index.html", "register-all")
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert "编号" in text and "案件名称" in text and "办结时限" in text, (
            number
        )  # header repeated
        assert f"第 {number} 页，共 {len(pages)} 页" in text
    last = pages[-1]
    assert "填报单位" in last and "制表人" in last and "审核人" in last
    assert "2008 年 7 月 20 日" in last
    assert "筛选" not in "".join(pages) and "全部状态" not in "".join(pages)
    assert len(list(ARTIFACTS.glob("register-all-*.png"))) == len(pages)


@POPPLER
def test_register_by_unit_prints_one_unit_per_page(page: object, server: str) -> None:
    pages = _pdf(page, f"{server}/registers/units.html", "register-units", per_unit=True)
    signed = [text for text in pages if "填报单位：" in text]
    assert len(signed) >= 10 and any("填报单位：城关镇" in t and "城关镇（" in t for t in signed)
    for text in signed:  # each unit's own page carries its own name
        unit = re.search(r"填报单位：(\S+)", text)
        assert unit is not None and f"{unit.group(1)}（" in text
    overdue = _pdf(page, f"{server}/overdue.html", "overdue")
    assert "超期案件" in overdue[0] and "填报单位" in overdue[-1]
    obligations = _pdf(page, f"{server}/obligations.html", "obligations")
    assert "小组名单" in obligations[0] and "填报单位" in obligations[-1]


# Script payloads in every value a record or the campaign hands to the site: each, if it ever
# runs, sets window.__xss and opens a dialog.
PAYLOADS = {
    "title": '<img src=x onerror="window.__xss=1;alert(1)">',
    "title2": "</title><script>window.__xss=2;alert(2)</script>",
    "title3": '"><svg onload="window.__xss=3;alert(3)">',
    "title4": "'-alert(4)-'\"-alert(5)-\"<iframe src=javascript:alert(6)>",
    "unit": '城关镇<img src=x onerror="window.__xss=7;alert(7)">',
    "campaign": '专项治理<script>window.__xss=8;alert(8)</script>"><svg onload=alert(9)>',
}
HOSTILE_CASES = {
    "XF2008-T01-001": "title",
    "XF2008-T01-002": "title2",
    "XF2008-T02-001": "title3",
    "XF2008-D07-005": "title4",  # overdue: on the dashboard and the overdue page too
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import subprocess
    import sys

    import yaml

    from .conftest import make_repo

    root = make_repo(tmp_path_factory.mktemp("hostile") / "repo", ROOT / "cases")
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs", root / "docs")
    for case_id, key in HOSTILE_CASES.items():
        path = root / "cases" / f"{case_id}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["title"] = PAYLOADS[key]
        data["demand"] = PAYLOADS[key] + "反映拆迁补偿。"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    campaign = (root / "campaign.yml").read_text(encoding="utf-8")
    campaign = campaign.replace("    name: 城关镇\n", f"    name: '{PAYLOADS['unit']}'\n", 1)
    campaign = campaign.replace(
        "name: “查隐患、清积案、净环境”信访问题专项治理活动",
        f"name: '{PAYLOADS['campaign']}'",
        1,
    )
    (root / "campaign.yml").write_text(campaign, encoding="utf-8")
    out = root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def hostile_server(hostile_site: Path) -> Iterator[str]:
    with serving(functools.partial(QuietHandler, directory=str(hostile_site))) as url:
        yield url


@pytest.fixture
def watched(browser: object) -> Iterator[object]:
    """A tab that records every dialog, console message and page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.ran = []

    def dialog(d: object) -> None:
        tab.ran.append(f"dialog: {d.message}")  # type: ignore[attr-defined]
        d.dismiss()  # type: ignore[attr-defined]

    tab.on("dialog", dialog)
    tab.on("console", lambda msg: tab.ran.append(f"console: {msg.text}"))
    tab.on("pageerror", lambda err: tab.ran.append(f"error: {err}"))
    yield tab
    context.close()


def _ran(tab: object) -> list[str]:
    tab.wait_for_timeout(300)  # type: ignore[attr-defined]
    flag = tab.evaluate("window.__xss")  # type: ignore[attr-defined]
    return tab.ran + ([f"window.__xss = {flag}"] if flag is not None else [])  # type: ignore[attr-defined]


HOSTILE_PAGES = [
    "cases/XF2008-T01-001.html",
    "cases/XF2008-T01-002.html",
    "cases/XF2008-T02-001.html",
    "cases/XF2008-D07-005.html",
    "index.html",
    "registers/index.html",
    "registers/units.html",
    "registers/unit/T01.html",
    "overdue.html",
    "compliance.html",
    "obligations.html",
    "lookup.html",
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_no_script_from_a_record_runs_on_a_page(
    watched: object, hostile_server: str, path: str
) -> None:
    watched.goto(f"{hostile_server}/{path}")  # type: ignore[attr-defined]
    watched.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert _ran(watched) == []
    title = watched.title()  # type: ignore[attr-defined]
    assert "<" not in title or "&lt;" not in title  # shown as text, not escaped twice
    if path.startswith("cases/XF2008-T01-001"):
        assert PAYLOADS["title"] in watched.locator("h1").first.inner_text()  # type: ignore[attr-defined]
        assert PAYLOADS["title"] in title
        header = watched.locator(".md-header__topic").last.inner_text()  # type: ignore[attr-defined]
        assert PAYLOADS["title"] in header


@pytest.mark.parametrize("query", ["img", "script", "svg", "onerror", "alert", "XF2008-T01"])
def test_no_script_runs_in_lookup_results(watched: object, hostile_server: str, query: str) -> None:
    watched.goto(f"{hostile_server}/lookup.html")  # type: ignore[attr-defined]
    watched.fill("#xf-lookup-input", query)  # type: ignore[attr-defined]
    watched.locator(".xf-lookup-results li").first.wait_for()  # type: ignore[attr-defined]
    assert watched.locator(".xf-lookup-results a").count() >= 1  # type: ignore[attr-defined]
    assert _ran(watched) == []


@pytest.mark.parametrize("query", ["onerror", "script"])
def test_no_script_runs_in_search_results(watched: object, hostile_server: str, query: str) -> None:
    watched.goto(f"{hostile_server}/index.html")  # type: ignore[attr-defined]
    watched.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    watched.locator(".md-search__input").first.click()  # type: ignore[attr-defined]
    watched.keyboard.type(query, delay=50)  # type: ignore[attr-defined]
    # The header search lists the matching cases (from the lookup index) above the theme's results.
    results = watched.locator(".xf-search-cases li a")  # type: ignore[attr-defined]
    results.first.wait_for(timeout=45000)
    _shot(watched, f"hostile-search-{query}")
    assert query in " ".join(results.all_inner_texts())  # the payload shown as text
    assert _ran(watched) == []


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """The bundled project with one case file a clerk broke, built with `mkdocs build --strict`."""
    project = tmp_path_factory.mktemp("broken") / "项目"
    make_repo(project, ROOT / "cases")
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "cases" / "XF2008-T01-009.yml").write_text(
        "id: XF2008-T01-009\ntitle：城关镇南关村土地纠纷\nstatus: registered\n", encoding="utf-8"
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_broken_record_fails_the_strict_build_and_shows_a_banner(
    browser: object, broken_build: subprocess.CompletedProcess[str]
) -> None:
    log = broken_build.stdout + broken_build.stderr
    assert broken_build.returncode == 1, log
    assert "WARNING" in log and "cases/XF2008-T01-009.yml" in log and "未计入网站的统计" in log
    assert "Aborted with 1 warnings in strict mode" in log
    site = Path(broken_build.args[-1])
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto((site / "index.html").as_uri())
    banner = tab.locator(".xf-unreadable")
    assert banner.is_visible()
    text = banner.inner_text()
    assert "1 个案件文件读取失败，本页统计不完整" in text and "cases/XF2008-T01-009.yml" in text
    box = banner.bounding_box()
    assert box is not None and box["y"] < 400  # above the figures it warns about
    _shot(tab, "dashboard-broken-record")
    context.close()
