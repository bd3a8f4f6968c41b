"""The built site: no outside requests, no personal numbers, escaped text, sizes."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import yaml

from xinfang.site.generator import generate

from .conftest import ROOT, make_repo

CASE = ROOT / "cases" / "XF2008-T01-001.yml"


def _site_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file()]


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}
        for name, value in attrs:
            if tag in wanted and name == wanted[tag] and value:
                self.urls.append((tag, value))
            if name == "style" and value:
                self.urls += [("style", u) for u in re.findall(r"url\(([^)]*)\)", value)]


def _external(url: str) -> bool:
    url = url.strip("'\" ")
    return bool(re.match(r"^(https?:)?//", url)) and not re.match(
        r"^(https?:)?//(127\.0\.0\.1|localhost)", url
    )


def test_no_outside_requests(built_site: Path) -> None:
    offenders = []
    for path in _site_files(built_site):
        if path.suffix == ".html":
            parser = _Urls()
            parser.feed(path.read_text(encoding="utf-8"))
            offenders += [(path.name, tag, url) for tag, url in parser.urls if _external(url)]
        elif path.suffix == ".css":
            urls = re.findall(r"url\(([^)]*)\)", path.read_text(encoding="utf-8"))
            offenders += [(path.name, "css", url) for url in urls if _external(url)]
            offenders += [
                (path.name, "@import", m)
                for m in re.findall(
                    r"@import\s+['\"]?(https?:[^'\";]+)", path.read_text(encoding="utf-8")
                )
            ]
    assert offenders == []


def test_no_full_identity_or_phone_number(built_site: Path) -> None:
    secrets = set()
    for case in (ROOT / "cases").glob("*.yml"):
        for person in yaml.safe_load(case.read_text(encoding="utf-8"))["petitioners"]:
            secrets.update(str(person[k]) for k in ("id_number", "phone") if k in person)
    assert len(secrets) > 50
    for path in _site_files(built_site):
        text = path.read_bytes().decode("utf-8", errors="ignore")
        leaked = [s for s in secrets if s in text]
        assert leaked == [], f"{path}: {leaked[:3]}"


def test_masks_are_shown(built_site: Path) -> None:
    page = (built_site / "cases" / "XF2008-T01-001.html").read_text(encoding="utf-8")
    assert "3905**********3412" in page and "154****1234" in page


def test_confidential_cases_show_no_petitioner_name(built_site: Path) -> None:
    hidden = []
    for case in (ROOT / "cases").glob("*.yml"):
        data = yaml.safe_load(case.read_text(encoding="utf-8"))
        if data.get("confidential"):
            hidden += [p["name"] for p in data["petitioners"] if p["name"] != "匿名"]
    assert hidden  # a named petitioner in a confidential case (a complaint against officials)
    for path in _site_files(built_site):
        text = path.read_bytes().decode("utf-8", errors="ignore")
        assert not [n for n in hidden if n in text], path


def test_raw_yaml_is_never_published(built_site: Path) -> None:
    assert not [p for p in _site_files(built_site) if p.suffix in (".yml", ".yaml")]
    raw = CASE.read_text(encoding="utf-8")
    demand_line = next(line for line in raw.splitlines() if line.startswith("demand:"))
    for path in _site_files(built_site):
        assert demand_line not in path.read_bytes().decode("utf-8", errors="ignore"), path


def test_case_pages_are_small_and_out_of_the_navigation(built_site: Path) -> None:
    pages = list((built_site / "cases").glob("*.html"))
    assert len(pages) == len(list((ROOT / "cases").glob("*.yml")))
    assert max(p.stat().st_size for p in pages) <= 30 * 1024
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home.split('class="md-nav', 1)[1].split("</nav>", 1)[0]
    assert "cases/XF2008" not in nav


def test_record_text_is_escaped(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    hostile = "<script>alert('x')</script> **粗体** {{ 7*7 }} {% if 1 %}模板{% endif %}"
    text = CASE.read_text(encoding="utf-8")
    text = text.replace(
        "title: 城关镇北街村村民反映旧城改造拆迁补偿款未足额发放", f'title: "{hostile}"'
    )
    text = text.replace("  handler: 褚文静\n", '  handler: "<b>褚文静</b>"\n', 1)
    text = text.replace(
        "demand: 反映",
        'demand: "[链接](http://evil) <img src=x onerror=alert(1)>"\nabout_: 反映',
        1,
    )
    text = text.replace("about_: 反映", "# 反映", 1)
    (root / "cases" / CASE.name).write_text(text, encoding="utf-8")
    site = generate(root, date(2008, 7, 20))
    bodies = "\n".join(p.body for p in site.pages)
    assert len([p for p in site.pages if p.path.startswith("cases/")]) == 1
    assert (
        "<script>alert" not in bodies and "<b>褚文静" not in bodies and "<img src=x" not in bodies
    )
    assert "[链接](http://evil) &lt;img src=x onerror=alert(1)&gt;" in bodies
    assert (
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; **粗体** {{ 7*7 }} {% if 1 %}模板{% endif %}"
        in bodies
    )
    index = next(a for a in site.assets if a.path == "assets/cases.json").content.decode()
    assert "<script>" in index  # JSON data; the lookup script inserts it as text, never as HTML


def test_pages_command_writes_the_same_pages(tmp_path: Path) -> None:
    from xinfang.cli import main

    out = tmp_path / "pages"
    assert main(["pages", "--root", str(ROOT), "--out", str(out)]) == 0
    case_page = (out / "cases" / "XF2008-T01-001.md").read_text(encoding="utf-8")
    assert case_page.startswith("---\n") and "<h2>四明确</h2>" in case_page
    assert (out / "index.md").is_file() and (out / "assets" / "cases.json").is_file()


def test_the_workbook_is_offered_masked(built_site: Path) -> None:
    from openpyxl import load_workbook

    [book] = list((built_site / "downloads").glob("*.xlsx"))
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="downloads/{book.name}"' in home
    workbook = load_workbook(book, read_only=True)
    try:
        cells = " ".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    finally:
        workbook.close()
    assert "3905**********3412" in cells
    assert "390521196504123412" not in cells and "15455661234" not in cells


def test_the_rule_page_lists_the_guard_s_rules(built_site: Path) -> None:
    from xinfang.history.guard_rules import GUARD_RULES, NOT_FACTS

    page = (built_site / "rules.html").read_text(encoding="utf-8")
    for rule in GUARD_RULES:
        assert f'id="{rule.id}"' in page and rule.name in page
    assert all(f"<code>{key}</code>" in page for key in NOT_FACTS)
    assert "fields" in page and "corrections" in page


def test_page_titles_handed_to_mkdocs_are_escaped(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    text = CASE.read_text(encoding="utf-8").replace(
        "title: 城关镇北街村村民反映旧城改造拆迁补偿款未足额发放",
        "title: '<img src=x onerror=alert(1)>&amp; \"引号\"'",
    )
    (root / "cases" / CASE.name).write_text(text, encoding="utf-8")
    campaign = (root / "campaign.yml").read_text(encoding="utf-8")
    campaign = campaign.replace("    name: 城关镇\n", "    name: '<b>城关镇</b>'\n", 1)
    campaign = campaign.replace(
        "  as_of: '2008-07-20'", "  as_of: '2008-07-20'\n  edit_url: 'javascript:alert(1)//'"
    )
    (root / "campaign.yml").write_text(campaign, encoding="utf-8")
    assert "edit_url: 'javascript:" in campaign
    site = generate(root, date(2008, 7, 20))
    titles = {p.path: p.meta()["title"] for p in site.pages}
    assert titles[f"cases/{CASE.stem}.md"] == (
        f"{CASE.stem} &lt;img src=x onerror=alert(1)&gt;&amp;amp; &quot;引号&quot;"
    )
    assert titles["registers/unit/T01.md"] == "&lt;b&gt;城关镇&lt;/b&gt;台账"
    assert all("<" not in t for t in titles.values())
    case_page = next(p for p in site.pages if p.path == f"cases/{CASE.stem}.md")
    assert "javascript:" not in case_page.body


def test_a_broken_record_is_named_on_the_dashboard(tmp_path: Path) -> None:
    from xinfang.cli import main

    root = make_repo(tmp_path / "repo", ROOT / "cases")
    home = next(p for p in generate(root, date(2008, 7, 20)).pages if p.path == "index.md")
    assert "xf-unreadable" not in home.body
    broken = root / "cases" / "XF2008-T01-009.yml"
    broken.write_text("id: XF2008-T01-009\ntitle：城关镇南关村 <b>土地</b>纠纷\n", encoding="utf-8")
    home = next(p for p in generate(root, date(2008, 7, 20)).pages if p.path == "index.md")
    assert "1 个案件文件读取失败，本页统计不完整" in home.body
    assert "<code>cases/XF2008-T01-009.yml</code> 第 " in home.body
    assert "<b>土地" not in home.body  # the file's text stays text
    assert main(["pages", "--root", str(root), "--out", str(tmp_path / "pages")]) == 0
