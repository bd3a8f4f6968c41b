"""The 安装说明 written into the offline bundle: what is in it and the commands, in Chinese."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

NUMERALS = "一二三四五六七八九"


@dataclass(frozen=True)
class Contents:
    """What one bundle holds, as the instructions describe it."""

    name: str
    version: str
    extras: tuple[str, ...]
    targets: list[tuple[str, str, str]]  # (platform, label, Python version)
    wheel_count: int
    has_source: bool
    made: date


def _source() -> list[str]:
    return [
        "取出仓库（已经有仓库的跳过这一步）",
        "",
        "  git clone D:\\xinfang-离线安装包\\xinfang.bundle xinfang",
        "",
        "  第一次放到内网代码托管平台（Gitea、Forgejo）时：在平台上新建一个空仓库，然后",
        "  cd xinfang",
        "  git push <内网仓库地址> HEAD:refs/heads/main",
    ]


def _windows(python: str, extras: tuple[str, ...]) -> list[str]:
    with_extras = f"[{','.join(extras)}]" if extras else ""
    return [
        "Windows 工作人员电脑",
        "",
        f"  1. 安装 64 位 Python {python}（安装程序从外网的 python.org 下载后带入内网）：",
        "     勾选“Add python.exe to PATH”，再点“Install Now”。",
        "  2. 打开仓库文件夹，在地址栏输入 powershell 后按回车，在打开的窗口中运行：",
        "",
        f'     py -m pip install --no-index --find-links D:\\xinfang-离线安装包\\wheels -e ".{with_extras}"',
        "     xinfang check",
        "     pre-commit install",
        "",
        "     xinfang check 最后显示“通过”即安装成功；pre-commit install 之后每次提交前会自动检查",
        "     （电脑上没有 git 时跳过 pre-commit install，改在代码托管平台的网页上修改）。",
    ]


def _linux() -> list[str]:
    return [
        "Linux 服务器和 CI 运行器",
        "",
        "  在仓库目录中：",
        "",
        "     python3 -m venv .venv",
        "     .venv/bin/python -m pip install --no-index --find-links /opt/xinfang-offline/wheels -e .",
        "     .venv/bin/xinfang check",
        "     .venv/bin/mkdocs build",
        "",
        "  Debian/Ubuntu 上 python3 -m venv 需要系统软件包 python3-venv。网站生成在 site/ 目录。",
    ]


def _errors() -> list[str]:
    return [
        "出错时",
        "",
        "  - “No matching distribution found for 某软件包”：安装包里缺这个软件包。多半是仓库的",
        "    pyproject.toml 增加了依赖，或者 Python 版本不在上面的列表中。请在外网电脑上用同一版本的",
        "    仓库重新制作安装包：python scripts/offline_bundle.py（加 --python 3.X 指定其他版本）。",
        "  - “is not a supported wheel on this platform”：Python 不是 64 位，或版本不在上面的列表中。",
        "  - 安装时不要去掉 --no-index：去掉后 pip 会尝试连接外网，在内网会长时间等待后失败。",
    ]


def instructions(contents: Contents) -> str:
    """The text of 安装说明.txt for a bundle with these contents."""
    c = contents
    lines = [
        f"{c.name} 离线安装包（版本 {c.version}，{c.made:%Y年%m月%d日}制作）",
        "",
        "这个文件夹在能上外网的电脑上制作，拿到内网以后安装时不访问任何网络：",
        "pip 的 --no-index 参数让它只使用本文件夹中的文件，不连接任何软件包索引。",
        "",
        "适用的平台和 Python 版本：",
        *[f"  - {label}" for _, label, _ in c.targets],
        "",
        "内容：",
        f"  wheels\\          {c.name} 和它的全部依赖（共 {c.wheel_count} 个 wheel 文件）",
        *(["  xinfang.bundle   仓库（含完整修改历史），用 git clone 取出"] if c.has_source else []),
        "  安装说明.txt     本文件",
        "",
        "下面假定本文件夹放在 Windows 的 D:\\xinfang-离线安装包，或 Linux 的 /opt/xinfang-offline。",
        "放在别处时，把命令中的路径换成实际路径（路径中可以有中文）。",
        "详细说明见仓库 docs 文件夹中的 offline.md（离线安装包）、windows.md（Windows 工作电脑）、",
        "intranet-ci.md（内网 CI）和 publish.md（网站发布），网站上在“内网安装和发布”一节。",
    ]
    sections = [_source()] if c.has_source else []
    windows = sorted(python for platform, _, python in c.targets if platform == "windows")
    if windows:
        sections.append(_windows(windows[-1], c.extras))
    if any(platform == "linux" for platform, _, _ in c.targets):
        sections.append(_linux())
    sections.append(_errors())
    for number, (title, *body) in zip(NUMERALS, sections, strict=False):
        lines += ["", f"{number}、{title}", *body]
    return "\n".join([*lines, ""])
