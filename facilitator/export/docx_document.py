"""A new Word output document: core properties, the running header (the process) and footer
("Dannet af ...", "Side X af Y" as fields), and the table of contents field."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from facilitator.core.clock import DANISH_TIME
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import pgettext

from .docx_style import (
    child_element,
    from_template,
    house_document,
    keep_headings_with_next,
    language_tag,
    set_language,
)
from .phrases import generated_note
from .report import ProcessReport, SessionReport
from .text import clean, one_line

AUTHOR = "facilitator"
TOC_LEVELS = 2


def process_name(report: SessionReport | ProcessReport) -> str:
    """The running header: the process a document belongs to."""
    if isinstance(report, ProcessReport):
        return one_line(report.title)
    return one_line(report.process_title or report.title)


def new_document(
    title: str, report: SessionReport | ProcessReport, template: Path | None
) -> DocxDocument:
    """The house document (or `template`, the organisation's) with properties, header and
    footer set."""
    doc = from_template(template) if template else house_document()
    set_language(doc)
    keep_headings_with_next(doc)
    props = doc.core_properties
    props.title = clean(title)
    props.subject = process_name(report)
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.language = language_tag()
    props.keywords = "output; facilitator"
    props.category = "Output"
    props.created = props.modified = _utc(report.generated_at)
    props.comments = generated_note(report)
    props.revision = 1
    _header_footer(doc, process_name(report), generated_note(report))
    return doc


def _utc(moment: datetime) -> datetime:
    """Core properties are stored in UTC; a naive time is Copenhagen's (core.wording.local)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=DANISH_TIME)
    return aware.astimezone(UTC).replace(tzinfo=None)


def _header_footer(doc: DocxDocument, header_text: str, made: str) -> None:
    """Process name in the header; "Dannet af ..." and "Side X af Y" in the footer. A
    template's own header or footer (a letterhead, a logo) is kept as it is."""
    section = doc.sections[0]
    # A template without a page size or margins reads as A4 with Word's 2.5 cm margins.
    margins = (section.left_margin or Cm(2.5)) + (section.right_margin or Cm(2.5))
    width = (section.page_width or Cm(21)) - margins
    if not _has_content(section.header):
        paragraph = _only_paragraph(section.header)
        paragraph.style = doc.styles["Header"]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(clean(header_text))
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    if not _has_content(section.footer):
        paragraph = _only_paragraph(section.footer)
        paragraph.style = doc.styles["Footer"]
        tabs = paragraph.paragraph_format.tab_stops
        for inherited in paragraph.style.paragraph_format.tab_stops:  # the style's centre tab
            tabs.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
        tabs.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        # "Side 2 af 5": the words around the two fields, each translated on its own
        for text in (clean(made), "\t" + pgettext("page number", "Side") + " "):
            _small(paragraph.add_run(text))
        _field(paragraph, "PAGE", "1")
        _small(paragraph.add_run(" " + pgettext("page number", "af") + " "))
        _field(paragraph, "NUMPAGES", "1")


def _has_content(part: Any) -> bool:
    """A header/footer with text or a picture (a logo) of its own."""
    if part.is_linked_to_previous:
        return False
    element = part._element
    return bool("".join(element.itertext()).strip() or element.xpath(".//w:drawing"))


def _only_paragraph(part: Any) -> Any:
    part.is_linked_to_previous = False
    paragraph = part.paragraphs[0]
    for extra in part.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    return paragraph


def _small(run: Any) -> Any:
    run.font.size = Pt(9)
    return run


def _field(paragraph: Any, instruction: str, shown: str) -> list[etree._Element]:
    """A complex field (begin/instr/separate/result/end), as Word writes PAGE and TOC.
    Returns the runs holding the begin, separate and end marks."""

    def char(kind: str) -> etree._Element:
        r = _small(paragraph.add_run())._r  # the result takes the mark's size
        etree.SubElement(r, qn("w:fldChar")).set(qn("w:fldCharType"), kind)
        return r

    marks = [char("begin")]
    instr = etree.SubElement(_small(paragraph.add_run())._r, qn("w:instrText"))
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    marks.append(char("separate"))
    if shown:
        _small(paragraph.add_run(shown))
    marks.append(char("end"))
    return marks


def fill_toc(doc: DocxDocument, anchor: etree._Element, entries: Sequence[tuple[int, str]]) -> None:
    """A TOC field whose shown result already lists the headings (without page numbers):
    LibreOffice's PDF conversion prints that as it is, and Word, asked by updateFields,
    replaces it with the numbered table when the document is opened."""
    heading = doc.add_paragraph()
    heading.add_run(_("Indhold")).bold = True
    heading.paragraph_format.keep_with_next = True
    anchor.addprevious(heading._p)
    field = doc.add_paragraph()
    field_chars = _field(field, f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u', "")
    first = field._p
    anchor.addprevious(first)
    for level, text in entries:
        entry = doc.add_paragraph()
        entry.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        entry.paragraph_format.space_after = Pt(2)
        entry.add_run(clean(text))
        anchor.addprevious(entry._p)
    last = doc.add_paragraph()
    anchor.addprevious(last._p)
    # The field spans paragraphs: begin/instr/separate in the first, end in the last.
    end = field_chars[-1]
    end.getparent().remove(end)
    last._p.append(end)
    anchor.getparent().remove(anchor)
    settings = doc.settings.element
    update = child_element(settings, "w:updateFields")
    update.set(qn("w:val"), "true")
