"""The city's MkDocs adapter: serves the roll-up's pages in the county site's theme.

`plugins: [search, xinfang-city]` in the city repository's mkdocs.yml (``xinfang init --city``
writes it). The pages come from ``city.pages``; this module only hands them to MkDocs, the way
``mkdocs_plugin`` does for a county, and writes the workbook beside them.
"""

from __future__ import annotations

import functools
import logging
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .city.build import gather
from .city.pages import city_pages
from .city.workbook import workbook_bytes, workbook_name
from .errors import XinfangError
from .mkdocs_plugin import _read_meta, _render_html

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class CityPluginConfig(Config):
    as_of = opt.Optional(opt.Type(str))  # YYYY-MM-DD; default: the last roll-up's date
    workbook = opt.Type(bool, default=True)


class XinfangCityPlugin(BasePlugin[CityPluginConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.bodies: dict[str, str] = {}
        self.metas: dict[str, dict[str, Any]] = {}
        self.workbook: tuple[str, bytes] | None = None
        self.root = Path(config.config_file_path or ".").resolve().parent
        if config.use_directory_urls:
            raise PluginError("xinfang-city 插件要求 mkdocs.yml 中设置 use_directory_urls: false。")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        try:
            as_of = date.fromisoformat(self.config.as_of) if self.config.as_of else None
            inputs = gather(self.root, as_of)
            pages = city_pages(inputs)
            if self.config.workbook:
                self.workbook = (workbook_name(inputs), workbook_bytes(inputs))
        except ValueError as err:
            raise PluginError(
                f"xinfang-city 插件的 as_of 值无效：请写成 YYYY-MM-DD（{err}）。"
            ) from err
        except XinfangError as err:
            raise PluginError(str(err)) from err
        for state in inputs.states:
            if state.missing or state.problem:
                log.info("xinfang-city：%s：%s", state.county.name, state.problem or "缺失")
        for page in pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.path, content=""))
            self.bodies[page.path] = page.body
            self.metas[page.path] = page.meta()
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        body = self.bodies.get(page.file.src_uri)
        if body is not None:
            meta = self.metas[page.file.src_uri]
            page.read_source = functools.partial(_read_meta, page, meta)  # type: ignore[method-assign]
            page.render = functools.partial(_render_html, page, body)  # type: ignore[method-assign]
        return page

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.workbook is None:
            return
        name, content = self.workbook
        self.workbook = None
        (Path(config.site_dir) / name).write_bytes(content)
