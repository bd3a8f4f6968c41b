"""The notice as a Word document laid out after the official-document standard (GB/T 9704).

A4 with the standard margins; the title in 小标宋 二号, the body in 仿宋_GB2312 三号 with fixed
28-point lines, section headings 一、二、… in 黑体, tables in 仿宋 五号, page numbers “— 1 —”.
East Asian fonts are set through ``w:eastAsia`` (python-docx sets only the Latin name); where a
machine lacks the named font, Word and LibreOffice substitute their default Chinese font.
"""

from __future__ import annotations

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

from ...errors import XinfangError
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
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
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
    for column, size in zip(grid.columns, table.widths, strict=False):
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
            run = paragraph.add_run(value)
            _fonts(run, HEADING_FONT if r == 0 else BODY_FONT)
            run.font.size = TABLE_SIZE
            if table.widths:
                cells[c].width = Cm(table.widths[c])
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
        _fonts(heading.add_run(f"{number}{section.heading}"), HEADING_FONT)
        for block in section.blocks:
            if isinstance(block, Table):
                _table(doc, block)
                _para(doc, "", indent=False).paragraph_format.line_spacing = Pt(10)
            else:
                _para(doc, block)
    _para(doc, "", indent=False)
    _para(doc, notice.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _para(doc, notice.date_zh + "　　", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    if notice.cc:
        _para(doc, "", indent=False)
        _para(doc, notice.cc, indent=False, size=Pt(14))
    core = doc.core_properties
    core.title = notice.title.replace("\n", "")
    core.author = notice.signature
    try:
        doc.save(str(out))
    except OSError as err:
        raise XinfangError(f"无法写入 {out}（{err.strerror}）：文件是否正在 Word 中打开？") from err
