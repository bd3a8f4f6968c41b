"""The 安装说明 written into the offline bundle: what is in it and the commands, in Chinese."""

from __future__ import annotations

from datetime import date


def instructions(
    name: str,
    version: str,
    extras: tuple[str, ...],
    targets: list[str],
    pythons: list[str],
    wheel_count: int,
    has_source: bool,
    made: date,
) -> str:
    """The text of 安装说明.txt for a bundle with these contents."""
    with_extras = f"[{','.join(extras)}]" if extras else ""
    newest = pythons[-1]
    lines = [
        f"{name} 离线安装包（版本 {version}，{made:%Y年%m月%d日}制作）",
        "",
        "这个文件夹在能上外网的电脑上制作，拿到内网以后安装时不访问任何网络：",
        "pip 的 --no-index 参数让它只使用本文件夹中的文件，不连接任何软件包索引。",
        "",
        "适用的平台和 Python 版本：",
        *[f"  - {target}" for target in targets],
        "",
        "内容：",
        f"  wheels\\          {name} 和它的全部依赖（共 {wheel_count} 个 wheel 文件）",
    ]
    if has_source:
        lines.append("  xinfang.bundle   仓库（含完整修改历史），用 git clone 取出")
    lines += [
        "  安装说明.txt     本文件",
        "",
        "下面假定本文件夹放在 Windows 的 D:\\xinfang-离线安装包，或 Linux 的 /opt/xinfang-offline。",
        "放在别处时，把命令中的路径换成实际路径（路径中可以有中文）。",
        "",
    ]
    if has_source:
        lines += [
            "一、取出仓库（已经有仓库的跳过这一步）",
            "",
            "  git clone D:\\xinfang-离线安装包\\xinfang.bundle xinfang",
            "",
            "  第一次放到内网代码托管平台（Gitea、Forgejo）时：在平台上新建一个空仓库，然后",
            "  cd xinfang",
            "  git push <内网仓库地址> HEAD:refs/heads/main",
            "",
        ]
    lines += [
        "二、Windows 工作人员电脑",
        "",
        f"  1. 安装 64 位 Python {newest}（安装程序从外网的 python.org 下载后带入内网）：",
        "     勾选“Add python.exe to PATH”，再点“Install Now”。",
        "  2. 在仓库文件夹中打开 PowerShell（文件夹空白处按住 Shift 点右键，“在此处打开 PowerShell 窗口”），运行：",
        "",
        f'     py -m pip install --no-index --find-links D:\\xinfang-离线安装包\\wheels -e ".{with_extras}"',
        "     xinfang check",
        "     pre-commit install",
        "",
        "     xinfang check 最后显示“通过”即安装成功；pre-commit install 之后每次提交前会自动检查。",
        "",
        "三、Linux 服务器和 CI 运行器",
        "",
        "  在仓库目录中：",
        "",
        "     python3 -m venv .venv",
        "     .venv/bin/python -m pip install --no-index --find-links /opt/xinfang-offline/wheels -e .",
        "     .venv/bin/xinfang check",
        "     .venv/bin/mkdocs build",
        "",
        "  Debian/Ubuntu 上 python3 -m venv 需要系统软件包 python3-venv。网站生成在 site/ 目录，",
        "  发布方法见网站上的“网站发布”页；内网 CI 运行器的准备见“内网 CI”页。",
        "",
        "四、出错时",
        "",
        "  - “No matching distribution found for 某软件包”：安装包里缺这个软件包。多半是仓库的",
        "    pyproject.toml 增加了依赖，或者 Python 版本不在上面的列表中。请在外网电脑上用同一版本的",
        "    仓库重新制作安装包：python scripts/offline_bundle.py（加 --python 3.X 指定其他版本）。",
        "  - “is not a supported wheel on this platform”：Python 不是 64 位，或版本不在上面的列表中。",
        "  - 安装时不要去掉 --no-index：去掉后 pip 会尝试连接外网，在内网会长时间等待后失败。",
        "",
    ]
    return "\n".join(lines)
