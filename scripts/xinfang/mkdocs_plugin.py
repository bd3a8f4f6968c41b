"""The MkDocs adapter: serves the generator's pages as generated files.

`plugins: [search, xinfang]` in mkdocs.yml. The pages' HTML comes from `site.build_site`; this
module only hands it to MkDocs, skipping Markdown for pages that are already HTML (at 10,000 cases
that is most of a build's time). The plugin is registered for MkDocs and for ProperDocs (MkDocs
1.x's continuation, which answers ``mkdocs.*`` imports with its own modules): ``mkdocs build`` and
``properdocs build`` make the same site (tests/test_builders.py).
"""

from __future__ import annotations

import functools
import gc
import logging
import posixpath
import re
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .errors import XinfangError
from .office.excel.export import workbook_bytes
from .parallel import Beside
from .records.kinds import KINDS
from .records.schema import DATE_RANGE, out_of_range
from .site.generator import build_site
from .site.inputs import gather, workbook_path

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

# Generated pages outside the navigation (10,000 case pages) share their theme's navigation,
# footer, configuration and scripts with the other pages of their folder: rendered once, kept.
THEME = Path(__file__).parent / "theme"
PAGE_TEMPLATE = "xinfang-page.html"


class XinfangConfig(Config):
    root = opt.Optional(opt.Type(str))  # the records' repository; default: mkdocs.yml's folder
    as_of = opt.Optional(opt.Type(str))  # YYYY-MM-DD; default: campaign.yml, else today
    workbook = opt.Type(bool, default=True)  # offer the Excel ledger for download
    office = opt.Type(bool, default=False)  # the office's own site: adds the key-person lists


class XinfangPlugin(BasePlugin[XinfangConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # What `mkdocs serve` prints goes to a clerk: MkDocs's lines in Chinese, the search's
        # word splitter (jieba) quiet, the theme's notice explained.
        speak_chinese()
        if command == "serve" and material_notice_shown():
            log.info(THEME_NOTICE)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # The plugin object lives across `mkdocs serve` rebuilds: start each build afresh.
        gc.unfreeze()  # the last build's records may be collected now
        self.bodies: dict[str, str] = {}
        self.metas: dict[str, dict[str, Any]] = {}
        self.workbook: tuple[str, Beside[tuple[date, bytes]]] | None = None
        self.kept: dict[str, dict[str, str]] = {}  # folder -> theme block -> its HTML
        self.lifted: Any = None  # the menu's section shown as active for a page outside it
        base = Path(config.config_file_path or ".").resolve().parent
        self.root = (base / self.config.root).resolve() if self.config.root else base
        if config.use_directory_urls:
            raise PluginError("xinfang 插件要求 mkdocs.yml 中设置 use_directory_urls: false。")
        return config

    def _as_of(self) -> date | None:
        if not self.config.as_of:
            return None
        try:
            day = date.fromisoformat(self.config.as_of)
        except ValueError as err:
            raise PluginError(
                f"xinfang 插件的 as_of 值 {self.config.as_of!r} 无效：请写成 YYYY-MM-DD。"
            ) from err
        if out_of_range(day):
            raise PluginError(
                f"xinfang 插件的 as_of 值 {self.config.as_of} 超出可以处理的范围（{DATE_RANGE}）："
                f"请核对 mkdocs.yml 中的年份。"
            )
        return day

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        # The records, their status and the pages stay alive for the whole build: the cyclic
        # garbage collector would walk them again and again (at 10,000 cases it took a third of
        # our time, and slows the theme's rendering of every page after). Pause it while they
        # are made, then freeze them out of its sight.
        gc.disable()
        try:
            return self._files(files, config)
        finally:
            gc.freeze()
            gc.enable()

    def _files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            inputs = gather(self.root, self._as_of(), office=self.config.office)
            workbook = workbook_path(inputs.as_of) if self.config.workbook else None
            site = build_site(inputs, workbook)
            if workbook:
                # The workbook takes as long as many pages: it is made on the other core while
                # the theme renders the pages, from the records loaded already (parallel.py).
                self.workbook = (
                    workbook,
                    Beside(workbook_bytes, self.root, inputs.as_of, inputs.repo, nice=10),
                )
        except XinfangError as err:
            raise PluginError(str(err)) from err
        # A broken record must not vanish from the counts unnoticed: a warning (so that
        # `mkdocs build --strict` fails) for each file, and a banner on the dashboard.
        for finding in inputs.repo.unreadable():
            log.warning(
                "xinfang：案件文件 %s（第 %d 行）有错误，读取失败，未计入网站的统计：%s",
                finding.file,
                finding.line,
                finding.message,
            )
        for page in site.pages:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.path, content="", inclusion=inclusion))
            self.bodies[page.path] = page.body
            self.metas[page.path] = page.meta()
            if not page.in_nav:
                self.metas[page.path]["template"] = PAGE_TEMPLATE
        for asset in site.assets:
            files.append(File.generated(config, asset.path, content=asset.content))
        log.info("xinfang：生成 %d 个页面", len(site.pages))
        if not config.copyright:  # the footer names who publishes the site, not the theme
            config.copyright = footer(inputs.campaign)
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        body = self.bodies.get(page.file.src_uri)
        if body is not None:
            # The page is HTML already, with its metadata at hand: skip front matter and Markdown
            # altogether (at 10,000 case pages they cost more than our generator).
            meta = self.metas[page.file.src_uri]
            page.read_source = functools.partial(_read_meta, page, meta)  # type: ignore[method-assign]
            # A page the search leaves out gets its body only in on_page_context, after the
            # search plugin's: it scans every page's HTML (at 10,000 case pages, 160 MB).
            shown = "" if meta.get("search", {}).get("exclude") else body
            page.render = functools.partial(_render_html, page, shown)  # type: ignore[method-assign]
        return page

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        # Case pages hide the navigation; Material still renders it into every page. A short
        # one (home and case lookup) keeps 10,000 case pages cheap and the mobile menu useful.
        top = nav.pages[:2]
        self.short_nav = Navigation(top, top)
        return nav

    def on_page_context(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        body = self.bodies.get(page.file.src_uri)
        if body is not None:
            page.content = body
            if page.file.inclusion.is_not_in_nav():
                if "navigation" in self.metas[page.file.src_uri]["hide"]:
                    context["nav"] = self.short_nav  # case pages: home and lookup only
                elif nav.items and not nav.items[0].active:
                    # A unit's, a leader's or a risk's page belongs to the first tab (台账和统计):
                    # the tabbed menu shows the active tab's section only.
                    nav.items[0].active = True
                    self.lifted = nav.items[0]
                kept = self.kept.setdefault(posixpath.dirname(page.file.dest_uri), {})
                context["xinfang_kept"] = kept.get
                context["xinfang_keep"] = functools.partial(_keep, kept)
                context["xinfang_header"] = functools.partial(_header, kept)
                context["xinfang_keep_header"] = functools.partial(_keep_header, kept)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.lifted is not None:
            self.lifted.active = False
            self.lifted = None
        return output

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # The template of the generated pages outside the navigation (theme/xinfang-page.html).
        env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(THEME))])  # type: ignore[list-item]
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.workbook is None:
            return
        path, job = self.workbook
        self.workbook = None
        try:
            _, content = job.result()
        except XinfangError as err:
            raise PluginError(f"生成 Excel 台账失败：{err}") from err
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        folders = tuple(kind.folder for kind in KINDS)
        for name in ("cases", "campaign.yml", "schema", "holidays.yml", *folders):
            path = self.root / name
            if path.exists():
                server.watch(str(path))
        return server


def _keep(kept: dict[str, str], name: str, html: str) -> str:
    """A theme block rendered for the first page of a folder, kept for the others."""
    kept[name] = html
    return html


_TOPIC = 'data-md-component="header-topic">'


def _keep_header(kept: dict[str, str], html: str, title: str) -> str:
    """The header, kept as the parts before and after the page's title in it (the only part of
    it that differs between these pages). Not kept if the title is not where it is expected."""
    at = html.find(_TOPIC)
    while at >= 0 and title:
        at = html.find(title, at + 1)
        end = at + len(title)
        if at > 0 and end < len(html) and html[at - 1].isspace() and html[end].isspace():
            kept["header_before"], kept["header_after"] = html[:at], html[end:]
            break
    return html


def _header(kept: dict[str, str], title: str) -> str | None:
    if "header_before" not in kept:
        return None
    return kept["header_before"] + title + kept["header_after"]


def _render_html(page: Page, body: str, config: MkDocsConfig, files: Files) -> None:
    """Page.render for a generated page: its content is the generator's HTML, with no TOC."""
    page.content = body
    page.toc = get_toc([])
    page.present_anchor_ids = set()


def _read_meta(page: Page, meta: dict[str, Any], config: MkDocsConfig) -> None:
    """Page.read_source for a generated page: no source to parse, the metadata is given."""
    page.markdown = ""
    page.meta = meta
    page.title = meta["title"]


def footer(campaign: Any) -> str:
    """The site's publisher: the county's leading-group office, where it sits (campaign.yml)."""
    office = campaign.unit_name(campaign.office)
    return f"{campaign.county}信访问题专项治理活动领导小组办公室（{office}） · 内部资料"


THEME_NOTICE = (
    "xinfang：启动时的英文方框（Material for MkDocs reaches end of life）是网站主题的停止维护通知"
    "（2027 年 5 月），不影响本网站；系统管理员可设置环境变量 NO_MKDOCS_2_WARNING=1 不再显示，"
    "换主题的方法见 ARCHITECTURE.md。"
)
# MkDocs's own lines, said in Chinese (the rest of what it logs keeps its words, with a note).
CHINESE = [
    (re.compile(p), zh)
    for p, zh in (
        (r"^Building documentation\.\.\.$", "正在生成网站……"),
        (r"^Cleaning site directory$", "清空上次生成的网站目录"),
        (r"^Documentation built in ([\d.]+) seconds$", r"网站生成完毕，用时 \1 秒"),
        (r"^Watching paths for changes: (.*)$", r"修改这些文件或目录后，网站自动重新生成：\1"),
        (
            r"^Serving on (\S+)( and opening it in a browser)?$",
            r"网站已启动：用浏览器打开 \1 （按 Ctrl+C 停止）",
        ),
        (r"^Detected file changes$", "发现文件有修改"),
        (r"^Reloading browsers$", "刷新浏览器中的页面"),
        (r"^Shutting down\.\.\.$", "正在停止……"),
        (r"^Building documentation to directory: (.*)$", r"生成网站到目录：\1"),
    )
]
CLOCK = re.compile(r"^\[\d\d:\d\d:\d\d\] ")
ENGLISH_NOTE = "（MkDocs 的英文提示，网站照常生成；看不懂时请发给系统管理员）"


class _Chinese(logging.Filter):
    """MkDocs's log lines in Chinese; any other English line from it keeps a Chinese note."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        clock = CLOCK.match(text)  # the live server puts the time first: "[14:19:32] Serving on …"
        when, said = (clock.group(0), text[clock.end() :]) if clock else ("", text)
        for english, chinese in CHINESE:
            if english.match(said):
                record.msg, record.args = when + english.sub(chinese, said), ()
                return True
        english_warning = record.levelno >= logging.WARNING and text.isascii()
        if english_warning and ENGLISH_NOTE not in text:
            record.msg, record.args = text + ENGLISH_NOTE, ()
        return True


def speak_chinese() -> None:
    try:  # jieba sets its logger's level when imported: import it first, then quiet it
        import jieba

        jieba.setLogLevel(logging.WARNING)  # "Building prefix dict…", "Loading model cost…"
    except ImportError:
        pass
    for handler in logging.getLogger("mkdocs").handlers:
        if not any(isinstance(f, _Chinese) for f in handler.filters):
            handler.addFilter(_Chinese())


def material_notice_shown() -> bool:
    """Whether the theme printed its English end-of-life notice as MkDocs loaded it (it does
    under the `mkdocs` command unless NO_MKDOCS_2_WARNING was set, which it then sets itself)."""
    try:
        from material.templates import is_mkdocs
    except ImportError:
        return False
    return bool(is_mkdocs())
