"""``xinfang init --city DIR --counties counties.yml``: a city repository for the roll-up.

Writes the list of counties (checked as ``rollup`` reads it), an empty list of the city's own
assigned cases, the site's configuration (the county site's theme, styles and scripts), the staff
guide's page for the city office, a ``.gitignore`` and a README. Files already there are never
overwritten: the command says which it left alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import ConfigError, cannot_write
from .assigned import ASSIGNED_FILE
from .config import COUNTIES_FILE, read_config

#: The program's own docs: the county site's styles and scripts, and the city office's guide.
# The program's own pages and styles, as packaged for county repositories (county/files/docs).
PROGRAM_DOCS = Path(__file__).resolve().parents[1] / "county" / "files" / "docs"
ASSETS = ("xinfang.css", "xinfang.js")

MKDOCS = """\
site_name: {city}信访问题专项治理汇总
site_description: 各县专项治理情况的市级汇总（内网）
docs_dir: docs
use_directory_urls: false   # 页面是 .html 文件：内网服务器或直接打开文件夹都能浏览
theme:
  name: material
  language: zh
  font: false               # 不从外网加载字体
  features:
    - navigation.top
  palette:
    primary: indigo
extra_css:
  - assets/xinfang.css
extra_javascript:
  - assets/xinfang.js
markdown_extensions:
  - admonition
  - tables
plugins:
  - search:
      lang: zh
  - xinfang-city
nav:
  - 各县情况: index.md
  - 信访事件: incidents.md
  - 到市走访: visits.md
  - 跨县信访人: cross.md
  - 市交办件: assigned.md
  - 每周趋势: trend.md
  - 市级汇总说明: city.md
"""

ASSIGNED = """\
# 市信访局交办各县的信访件（市交办件），用来与各县的交办件记录逐件核对。
# 每件写：交办文号（与县里登记的 number 一致）、交办给哪个县（counties.yml 中的代码）、
# 交办日期和报结期限，日期写成带引号的 'YYYY-MM-DD'。
# 例如：
#   - {number: 市信交〔2008〕8号, county: '349901', issued: '2008-04-10', report_due: '2008-07-10'}
assigned: []
"""

GITIGNORE = "site/\n.xinfang/\n"

README = """\
# {city}信访问题专项治理汇总

各县的 CI 在每次合并到 main 后报送快照（不含姓名、身份证号、电话和住址）；本仓库取回、核验并汇总。

```sh
xinfang rollup                      # 取回各县最新快照，生成网站（site/）和 Excel 汇总表
xinfang rollup --sql "SELECT county, count(*) FROM cases GROUP BY county"
```

县的清单在 counties.yml，市交办件清单在 assigned.yml，保存的快照在 snapshots/。说明见 docs/city.md。
"""


def _write(path: Path, text: str, written: list[Path]) -> None:
    if path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise cannot_write(path, err) from err
    written.append(path)


def init_city(root: Path, counties: Path) -> list[Path]:
    if not counties.is_file():
        raise ConfigError(
            f"找不到县的清单 {counties}：请先写好 counties.yml（格式见 docs/city.md）。"
        )
    missing = [
        name
        for name in (*ASSETS, "city.md")
        if not (PROGRAM_DOCS / ("assets" if name in ASSETS else "") / name).is_file()
    ]
    if missing:
        raise ConfigError(
            f"找不到程序自带的网站文件 {'、'.join(missing)}（应在 {PROGRAM_DOCS}）："
            "程序的安装不完整，请重新安装 xinfang。"
        )
    written: list[Path] = []
    target = root / COUNTIES_FILE
    if target.resolve() != counties.resolve():
        _write(target, counties.read_text(encoding="utf-8"), written)
    config = read_config(root)  # the list must be usable before anything else is written
    _write(root / "mkdocs.yml", MKDOCS.format(city=config.city), written)
    _write(root / ASSIGNED_FILE, ASSIGNED, written)
    _write(root / ".gitignore", GITIGNORE, written)
    _write(root / "README.md", README.format(city=config.city), written)
    _write(root / "docs" / "index.md", "# 各县情况\n\n运行 xinfang rollup 后生成。\n", written)
    for name in ASSETS:
        target = root / "docs" / "assets" / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(PROGRAM_DOCS / "assets" / name, target)
            written.append(target)
    _write(
        root / "docs" / "city.md", (PROGRAM_DOCS / "city.md").read_text(encoding="utf-8"), written
    )
    return written
