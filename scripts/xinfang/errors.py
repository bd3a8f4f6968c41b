"""Tool and configuration failures.

Problems in the records are findings (see ``findings.py``) and never raised. What is raised here
stops a run: a missing campaign file, an invalid schema, a year the holiday data does not know.
Every message is Chinese and names the fix; the CLI maps these to exit code 2.
"""

import errno


class XinfangError(Exception):
    """A failure of the tool or its configuration (exit code 2)."""


class ConfigError(XinfangError):
    """The repository's configuration (campaign file, schemas, holidays) is unusable."""


class UnknownYearError(ConfigError):
    """A date falls in a year for which no holiday notice is known."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"没有 {year} 年的法定节假日和调休安排，无法按工作日计算期限。"
            f"请在仓库的 holidays.yml 中补充 {year} 年国务院办公厅的放假通知"
            f"（holidays 和 workdays 两个日期列表），或升级 chinesecalendar。"
        )


_OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOENT: "文件或目录不存在",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EEXIST: "路径中有一段是同名的文件",
    errno.ELOOP: "链接循环",
    errno.ENAMETOOLONG: "名称太长",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "只读的文件系统",
    errno.EBUSY: "文件正被占用",
}


def os_reason(err: OSError) -> str:
    """Why a file could not be read or written, in Chinese (the system's words are English)."""
    return _OS_REASONS.get(err.errno or 0, f"系统错误 {err.errno}")


def cannot_write(
    path: object, err: BaseException, hint: str = "请检查路径和权限。"
) -> XinfangError:
    """A file that cannot be written: its path, the reason in Chinese, and what to try."""
    reason = os_reason(err) if isinstance(err, OSError) else "无法创建文件"
    return XinfangError(f"无法写入 {path}（{reason}）：{hint}")
