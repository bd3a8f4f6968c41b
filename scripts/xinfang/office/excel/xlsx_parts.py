"""The parts of an .xlsx zip, streamed: safely, in bounded memory, with Chinese messages.

Every part is parsed with defusedxml, DTDs refused (no entities, external or nested: no billion
laughs). An encrypted entry, or one compressed in a way the zip reader does not know, is refused
by name; a part whose decompressed size is over ``MAX_PART`` (or all parts read together over
``MAX_TOTAL``) is refused, and zipfile never inflates past the size an entry declares. Elements
are handed out as they end and then dropped from their parent, so a part is never held whole.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ...errors import XinfangError
from . import limits
from .limits import size

SUPPORTED = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
#: What reading a damaged zip raises: a bad header or name, data that does not inflate, an
#: entry that claims encryption or a method zipfile lacks.
BROKEN = (
    zipfile.BadZipFile, OSError, EOFError, zlib.error, lzma.LZMAError, NotImplementedError,
    RuntimeError, ValueError,
)  # fmt: skip
WHOLE = frozenset({"c", "is", "r", "si", "rPh"})  # read whole: a cell, a string item, their runs


class Target(Protocol):
    """What ``Parts.parse`` feeds: each element's start and end, and the text between."""

    def start(self, tag: str, attrib: dict[str, str]) -> None: ...

    def data(self, text: str) -> None: ...

    def end(self, tag: str) -> None: ...

    def close(self) -> None: ...


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class Parts:
    """The XML parts of one .xlsx file, with the bytes read so far counted against the caps."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except BROKEN as err:
            raise not_xlsx(path, err) from err
        self.read_bytes = 0
        self.names = set(self.zip.namelist())

    def close(self) -> None:
        self.zip.close()

    def open(self, part: str) -> IO[bytes]:
        try:
            info = self.zip.getinfo(part)
        except KeyError as err:
            raise not_xlsx(self.path, f"缺少 {part}") from err
        if info.flag_bits & 0x1:
            raise XinfangError(
                f"无法读取 {self.path.name}：其中的 {part} 是加密的：请在 Excel 或 WPS 中取消"
                f"文件的密码保护，“另存为” .xlsx 后再导入。"
            )
        if info.compress_type not in SUPPORTED:
            raise XinfangError(
                f"无法读取 {self.path.name}：其中的 {part} 用了不支持的压缩方式（{info.compress_type}）："
                f"请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入。"
            )
        self.read_bytes += info.file_size
        if info.file_size > limits.MAX_PART or self.read_bytes > limits.MAX_TOTAL:
            raise XinfangError(
                f"无法读取 {self.path.name}：其中的 {part} 解压后有 {size(info.file_size)}，"
                f"超过了导入的上限（单个部件 {size(limits.MAX_PART)}，合计 {size(limits.MAX_TOTAL)}）："
                f"请确认这是台账文件；台账很大时请分成几个工作簿导入。"
            )
        try:
            return self.zip.open(info)
        except BROKEN as err:
            raise not_xlsx(self.path, err) from err

    def parse(self, part: str, target: Target) -> None:
        """Feed a part to ``target``'s start, data and end, safely (no DTD, no entities), with
        no tree built at all: the large parts (sheets, shared strings) are read this way."""
        parser = DefusedXMLParser(target=target, forbid_dtd=True)
        try:
            with self.open(part) as stream:
                while chunk := stream.read(1 << 16):
                    parser.feed(chunk)
                parser.close()
        except (ParseError, DefusedXmlException) as err:
            raise self.broken(part, err) from err
        except BROKEN as err:
            raise not_xlsx(self.path, err) from err

    def broken(self, part: str, err: Exception) -> XinfangError:
        return XinfangError(
            f"无法读取 {self.path.name}：其中的 {part} 不是正常的表格数据（{_reason(err)}）："
            f"文件可能已损坏或被改动过；请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入。"
        )

    def events(self, part: str) -> Iterator[tuple[str, Element]]:
        """(start or end, element) of a part as it is parsed, safely (no DTD, no entities)."""
        try:
            with self.open(part) as stream:
                yield from SafeTree.iterparse(stream, events=("start", "end"), forbid_dtd=True)
        except (ParseError, DefusedXmlException) as err:
            raise self.broken(part, err) from err
        except BROKEN as err:
            raise not_xlsx(self.path, err) from err

    def elements(self, part: str, tags: tuple[str, ...]) -> Iterator[Element]:
        """Each whole element of ``tags`` in a part, in document order.

        An element is dropped from its parent as soon as it ends (after it is yielded), unless
        the parent is read whole (a cell, a string item and their runs), so that the part is
        never held in memory; those items may hold at most ``MAX_ITEM`` elements. An empty part
        is not a workbook."""
        stack: list[Element] = []
        inside = 0  # elements kept in the innermost item read whole
        for event, element in self.events(part):
            if event == "start":
                stack.append(element)
                continue
            stack.pop()
            if local(element.tag) in tags:
                yield element
            if not stack:
                return
            if local(stack[-1].tag) in WHOLE:
                inside += 1
                if inside > limits.MAX_ITEM:
                    raise limits.over("MAX_ITEM", self.path, part)
            else:
                stack[-1].remove(element)
                inside = 0
        raise not_xlsx(self.path, f"{part} 是空的")

    def relations(self, part: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for element in self.elements(part, ("Relationship",)):
            if len(out) > limits.MAX_SHEETS + 100:
                raise limits.over("MAX_SHEETS", self.path)
            target = element.get("Target") or ""
            if target.startswith("/"):
                target = target[1:]
            elif not target.startswith("xl/"):
                target = "xl/" + target
            out[element.get("Id") or ""] = target
        return out


def _reason(err: Exception) -> str:
    if isinstance(err, DefusedXmlException):
        return "含有 DTD 或实体声明，出于安全考虑不予读取"
    return f"XML 格式错误：{err}"


def not_xlsx(path: Path, err: object) -> XinfangError:
    return XinfangError(
        f"无法读取 {path.name}（{err}）：不是完好的 .xlsx 文件；请用 Excel 或 WPS 打开后"
        f"“另存为” .xlsx（或 .xls、CSV）再导入。"
    )
