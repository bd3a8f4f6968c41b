"""The notice as a Word document laid out after the official-document standard (GB/T 9704).

A4 with the standard margins; the title in 小标宋 二号, the body in 仿宋_GB2312 三号 with fixed
28-point lines, section headings 一、二、… in 黑体, tables in 仿宋 五号, page numbers “— 1 —”.
East Asian fonts are set through ``w:eastAsia`` (python-docx sets only the Latin name); where a
machine lacks the named font, Word and LibreOffice substitute their default Chinese font.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ...errors import cannot_write
from .build import Notice
from .sections import Table

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
TABLE_SIZE = Pt(10.5)  # 五号
LINE = Pt(28)
TEXT_WIDTH_CM = 21 - 2.8 - 2.6  # A4 less the margins
CELL_MARGINS_CM = 0.4  # Word's default cell margins, left and right together
LATIN_EM, WIDE_EM = 0.65, 1.0  # widths of a character, in ems of the table font (generous)
# Ids and dates never break at their hyphens (Word and LibreOffice would break XF2008-D07-005
# after "XF2008-D07-"): their hyphens are written as non-breaking hyphens.
_UNBROKEN = re.compile(r"XF[0-9]{4}-[A-Z0-9]+-[0-9]+|[0-9]{4}-[0-9]{2}-[0-9]{2}")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def safe(text: str) -> str:
    """Text Word can hold: control characters, lone surrogates and U+FFFE/U+FFFF dropped."""
    return _UNSAFE.sub("", text) if _UNSAFE.search(text) else text


def _add_run(paragraph: Paragraph, text: str) -> Run:
    """A run of ``text`` in which ids and dates do not break at their hyphens."""
    run = paragraph.add_run()
    text = safe(text)
    start = 0
    for found in _UNBROKEN.finditer(text):
        if found.start() > start:
            run._r.add_t(text[start : found.start()])
        for i, part in enumerate(found.group().split("-")):
            if i:
                run._r.append(OxmlElement("w:noBreakHyphen"))
            run._r.add_t(part)
        start = found.end()
    if start < len(text) or not text:
        run._r.add_t(text[start:])
    return run


def _text_cm(text: str, size: Pt) -> float:
    """How wide a line of text is at ``size``, in centimetres (CJK characters one em)."""
    ems = sum(WIDE_EM if unicodedata.east_asian_width(ch) in "WF" else LATIN_EM for ch in text)
    return ems * size.pt * 2.54 / 72


def _least_cm(text: str, size: Pt) -> float:
    """The narrowest a cell can be without breaking inside an id, a date or a number."""
    if len(text) <= 4:  # a name, a short unit or heading: one piece
        return _text_cm(text, size) + CELL_MARGINS_CM
    words = re.findall(r"[0-9A-Za-z.%\-/]+|.", text) or [""]
    return max(_text_cm(w, size) for w in words) + CELL_MARGINS_CM


def column_widths(table: Table, size: Pt = TABLE_SIZE) -> list[float]:
    """Column widths (cm) within the page: each at least as wide as its longest id or date, the
    rest shared out as the table asks (``table.widths``), shrinking its wider columns to fit."""
    count = len(table.headers)
    asked = list(table.widths) if len(table.widths) == count else [TEXT_WIDTH_CM / count] * count
    least = [
        max(_least_cm(str(row[c]), size) for row in [table.headers, *table.rows])
        for c in range(count)
    ]
    least = [max(m, _text_cm("超期", size) + CELL_MARGINS_CM) for m in least]
    widths = [max(a, m) for a, m in zip(asked, least, strict=True)]
    excess = sum(widths) - TEXT_WIDTH_CM
    slack = [w - m for w, m in zip(widths, least, strict=True)]
    if excess > 0 and sum(slack) > 0:
        share = min(1.0, excess / sum(slack))
        widths = [w - s * share for w, s in zip(widths, slack, strict=True)]
    return [round(w, 2) for w in widths]


def _fonts(element: Run | ParagraphStyle, east_asian: str) -> None:
    element.font.name = LATIN_FONT
    rpr = element.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _styles(doc: DocumentType) -> None:
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _fonts(normal, BODY_FONT)
    normal.font.size = BODY_SIZE
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    heading = doc.styles["Heading 1"]
    assert isinstance(heading, ParagraphStyle)
    _fonts(heading, HEADING_FONT)
    heading.font.size = BODY_SIZE
    heading.font.bold = False
    heading.font.color.rgb = RGBColor(0, 0, 0)
    hfmt = heading.paragraph_format
    hfmt.first_line_indent = Pt(32)
    hfmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    hfmt.line_spacing = LINE
    hfmt.space_before = hfmt.space_after = Pt(0)
    hfmt.keep_with_next = True


def _page(doc: DocumentType) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(footer.add_run("— "), BODY_FONT)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    _fonts(footer.add_run(" —"), BODY_FONT)


def _para(
    doc: DocumentType,
    text: str,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = True,
    font: str = BODY_FONT,
    size: Pt = BODY_SIZE,
) -> Paragraph:
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if align is None:
        # Left, not justified: a line that breaks early before a long unbreakable id list
        # would be stretched across the page, one character every few centimetres.
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    for i, line in enumerate(text.split("\n")):
        run = _add_run(paragraph, line)
        _fonts(run, font)
        run.font.size = size
        if i < text.count("\n"):
            run.add_break()
    return paragraph


def _table(doc: DocumentType, table: Table) -> DocxTable:
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = column_widths(table)
    for column, size in zip(grid.columns, widths, strict=True):
        column.width = Cm(size)  # w:gridCol, which LibreOffice reads
    rows = [table.headers, *table.rows]
    for r, values in enumerate(rows):
        cells = grid.rows[0].cells if r == 0 else grid.add_row().cells
        for c, value in enumerate(values):
            paragraph = cells[c].paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER if r == 0 or len(value) <= 12 else WD_ALIGN_PARAGRAPH.LEFT
            )
            run = _add_run(paragraph, value)
            _fonts(run, HEADING_FONT if r == 0 else BODY_FONT)
            run.font.size = TABLE_SIZE
            cells[c].width = Cm(widths[c])
    header = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the heading row repeats on every page
    header.append(repeat)
    return grid


def render(notice: Notice, out: Path) -> None:
    doc = Document()
    _styles(doc)
    _page(doc)
    _para(doc, "草稿", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, font=HEADING_FONT)
    _para(doc, "", indent=False)
    _para(
        doc,
        notice.title,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        font=TITLE_FONT,
        size=TITLE_SIZE,
    )
    _para(doc, notice.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _para(doc, "", indent=False)
    _para(doc, notice.addressee, indent=False)
    _para(doc, notice.opening)
    for number, section in notice.numbered():
        heading = doc.add_paragraph(style="Heading 1")
        _fonts(_add_run(heading, f"{number}{section.heading}"), HEADING_FONT)
        for block in section.blocks:
            if isinstance(block, Table):
                _table(doc, block)
                _para(doc, "", indent=False).paragraph_format.line_spacing = Pt(10)
            else:
                _para(doc, block)
    # The signature, the date and 抄送 stay on one page: never a page with 抄送 alone.
    closing = [
        _para(doc, "", indent=False),
        _para(doc, notice.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False),
        _para(doc, notice.date_zh + "　　", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False),
    ]
    if notice.cc:
        closing.append(_para(doc, "", indent=False))
        closing.append(_para(doc, notice.cc, indent=False, size=Pt(14)))
    for paragraph in closing[:-1]:
        paragraph.paragraph_format.keep_with_next = True
    core = doc.core_properties
    core.title = safe(notice.title.replace("\n", ""))[:255]  # Word's limit for properties
    core.author = safe(notice.signature)[:255]
    try:
        doc.save(str(out))
    except OSError as err:
        raise cannot_write(out, err, "文件是否正在 Word 中打开？") from err
