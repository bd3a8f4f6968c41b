"""The leaders' briefs as Word documents, laid out like the notice (GB/T 9704 fonts and page),
with smaller body text so that the weekly brief fits one page."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.styles.style import ParagraphStyle

from ...errors import cannot_write
from .brief import Brief
from .docx import HEADING_FONT, TITLE_FONT, _fonts, _page, _para, _styles, _table
from .sections import Table

BRIEF_SIZE = Pt(14)  # 四号, on 22-point lines: a week on one page
BRIEF_LINE = Pt(22)
TITLE_SIZE = Pt(18)


def render(brief: Brief, out: Path) -> None:
    doc = Document()
    _styles(doc)
    _page(doc)
    for name in ("Normal", "Heading 1"):
        style = doc.styles[name]
        assert isinstance(style, ParagraphStyle)
        style.paragraph_format.line_spacing = BRIEF_LINE
    _para(
        doc,
        brief.title,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        font=TITLE_FONT,
        size=TITLE_SIZE,
    )
    _para(doc, brief.byline, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=Pt(12))
    for i, (heading, blocks) in enumerate(brief.sections):
        title = doc.add_paragraph(style="Heading 1")
        _fonts(title.add_run(f"{'一二三四五六七八九十'[i]}、{heading}"), HEADING_FONT)
        for block in blocks:
            if isinstance(block, Table):
                _table(doc, block)
            else:
                _para(doc, block, size=BRIEF_SIZE)
    doc.core_properties.title = brief.title
    try:
        doc.save(str(out))
    except OSError as err:
        raise cannot_write(out, err, "文件是否正在 Word 中打开？") from err
