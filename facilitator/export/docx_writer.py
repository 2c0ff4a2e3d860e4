"""Word output in the shape of the secretariat's "Output fra visionsdagen" (seed 004).

The outline (what is said, in which order) lives in `text.write_session/write_process`
and is shared with Markdown; this module only knows how to put blocks into Word. Tables
are appended as raw WordprocessingML rows because python-docx's cell API is far too slow
for a 2,000-row annex.
"""

from __future__ import annotations

import copy
import textwrap
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from facilitator.core.clock import DANISH_TIME
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import current_locale, pgettext
from facilitator.core.i18n import gettext as _

from .report import ActivityReport, ProcessReport, SessionReport, has_votes
from .text import (
    babel_locale,
    chart_alt_text,
    clean,
    da_percent,
    document_title,
    generated_note,
    one_line,
    share_fraction,
    write_process,
    write_session,
)

LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}  # the document's language, for spell-check
AUTHOR = "facilitator"
FONT = "Calibri"  # what Danish public-sector Word installations use; LibreOffice maps it
MAX_HEADING_LEVEL = 4
TOC_LEVELS = 2
TABLE_FONT_PT = 9  # dense tables (the annex) stay readable but compact
TABLE_FONT_HALF_POINTS = str(TABLE_FONT_PT * 2)
CELL_PADDING_CM = 0.4  # Word's default cell margins, left + right
# Average glyph width of a bold 9 pt word, in em. Generous (DejaVu, LibreOffice's stand-in
# for Calibri, is the widest likely font), so a word that fits here fits everywhere.
GLYPH_EM = 0.62
KEEP_TOGETHER_ROWS = 15  # shorter tables move to the next page whole rather than split
MAX_WORD_SHARE = 0.35  # a column may claim at most this share of the width for one long word
CHART_WIDTH_CM = 13.7  # ~ the figure's own width, so chart fonts print at ~9 pt
# Styles the writer uses; an organisation's template that lacks one gets the built-in one.
USED_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet",
               "Table Grid", "Header", "Footer")


@dataclass(frozen=True)
class DocxOptions:
    """House style: the organisation's base .docx (None: the built-in one) and the TOC."""

    template: Path | None = None
    toc: bool = False

    @classmethod
    def from_config(cls, config: Mapping[str, Any], instance_path: str | Path) -> DocxOptions:
        """DOCX_TEMPLATE (relative to the instance folder) or instance/skabelon.docx if there.

        A configured template that is missing is an error (the admin asked for it); the
        conventional instance/skabelon.docx is optional.
        """
        configured = config.get("DOCX_TEMPLATE")
        path = Path(instance_path) / (configured or "skabelon.docx")
        if configured and not path.is_file():
            raise ValidationError(_("Husets skabelon %(path)s findes ikke (DOCX_TEMPLATE).",
                                    path=path))
        return cls(template=path if path.is_file() else None, toc=bool(config.get("DOCX_TOC")))


# --- public API ------------------------------------------------------------------------


def render_session_docx(report: SessionReport, options: DocxOptions | None = None) -> bytes:
    """The output document for one workshop session."""
    sink = DocxSink(document_title(report.title), report, options)
    write_session(sink, report)
    return sink.to_bytes()


def render_process_docx(report: ProcessReport, options: DocxOptions | None = None) -> bytes:
    """One document for a whole process: initiatives per focus area across sessions."""
    sink = DocxSink(document_title(report.title), report, options)
    write_process(sink, report)
    return sink.to_bytes()


def process_name(report: SessionReport | ProcessReport) -> str:
    """The running header: the process a document belongs to."""
    if isinstance(report, ProcessReport):
        return one_line(report.title)
    return one_line(report.process_title or report.title)


# --- document setup --------------------------------------------------------------------


def _new_document(title: str, report: SessionReport | ProcessReport,
                  options: DocxOptions) -> DocxDocument:
    doc = _from_template(options.template) if options.template else _house_document()
    _set_language(doc)
    _keep_headings_with_next(doc)
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
    """Core properties are stored in UTC; a naive time is Copenhagen's (text.local)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=DANISH_TIME)
    return aware.astimezone(UTC).replace(tzinfo=None)


def _house_document() -> DocxDocument:
    """The built-in house style: python-docx's default made A4, Calibri and Danish."""
    doc = Document()
    _set_a4(doc)
    for name in ("Normal", *USED_STYLES):
        _set_font(doc.styles[name])
    dark_blue = RGBColor(0x1F, 0x38, 0x64)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        doc.styles[name].font.color.rgb = dark_blue
    doc.styles["Normal"].font.size = Pt(11)
    return doc


def _set_font(style: Any) -> None:
    """An explicit font; theme references (asciiTheme...) would override it in Word."""
    rpr = _child(style.element, "w:rPr")
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:  # schema order: rFonts comes first in rPr
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attribute}"), FONT)


def _from_template(path: Path) -> DocxDocument:
    """The organisation's template with its body emptied: styles, page setup, headers stay."""
    try:
        doc = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ValidationError(_("Husets skabelon %(name)s kan ikke læses som et "
                                "Word-dokument (.docx).", name=path.name)) from error
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _add_missing_styles(doc)
    return doc


def _add_missing_styles(doc: DocxDocument) -> None:
    """Templates saved by Word hold only the styles they use; borrow the rest (and the
    bullet list's numbering) from the built-in style."""
    house = _house_document()
    names = {style.name for style in doc.styles}
    for name in USED_STYLES:
        if name in names:
            continue
        element = copy.deepcopy(house.styles[name].element)
        for link in element.findall(qn("w:link")):  # its character twin stays behind
            element.remove(link)
        if name == "List Bullet":
            _copy_bullet_numbering(house, doc, element)
        doc.styles.element.append(element)


def _copy_bullet_numbering(house: DocxDocument, doc: DocxDocument,
                           style: etree._Element) -> None:
    num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is None:
        return
    source = house.part.numbering_part.element
    num = source.xpath(f"w:num[@w:numId='{num_id.get(qn('w:val'))}']")[0]
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = copy.deepcopy(source.xpath(f"w:abstractNum[@w:abstractNumId='{abstract_id}']")[0])
    target = doc.part.numbering_part.element
    new_abstract = 1 + max((int(a.get(qn("w:abstractNumId")))
                            for a in target.xpath("w:abstractNum")), default=0)
    new_num = 1 + max((int(n.get(qn("w:numId"))) for n in target.xpath("w:num")), default=0)
    abstract.set(qn("w:abstractNumId"), str(new_abstract))
    for nsid in abstract.findall(qn("w:nsid")):  # a list identity apart from the template
        abstract.remove(nsid)
    num = copy.deepcopy(num)
    num.set(qn("w:numId"), str(new_num))
    num.find(qn("w:abstractNumId")).set(qn("w:val"), str(new_abstract))
    first_num = target.find(qn("w:num"))  # schema order: all abstractNum before num
    if first_num is None:
        target.append(abstract)
    else:
        first_num.addprevious(abstract)
    target.append(num)
    num_id.set(qn("w:val"), str(new_num))


def _keep_headings_with_next(doc: DocxDocument) -> None:
    """A heading never ends a page: set on the styles, so the organisation's template too."""
    for name in ("Title", *(f"Heading {level}" for level in range(1, MAX_HEADING_LEVEL + 1))):
        style = doc.styles[name]
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True


def _header_footer(doc: DocxDocument, header_text: str, made: str) -> None:
    """Process name in the header; "Dannet af ..." and "Side X af Y" in the footer. A
    template's own header or footer (a letterhead, a logo) is kept as it is."""
    section = doc.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
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


def language_tag() -> str:
    """"da-DK" or "en-GB": the language the document is written in (facilitator.core.i18n)."""
    return LANGUAGE_TAGS.get(current_locale(), LANGUAGE_TAGS["da"])


def _set_language(doc: DocxDocument) -> None:
    """docDefaults and the Normal style carry the language so spell-check and hyphenation
    follow the document's (an organisation's template may set its own on Normal)."""
    styles = doc.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = etree.SubElement(styles, qn("w:docDefaults"))
        styles.insert(0, doc_defaults)
    rprs = [_child(_child(doc_defaults, "w:rPrDefault"), "w:rPr")]
    normal = doc.styles["Normal"].element.find(qn("w:rPr"))
    if normal is not None and normal.find(qn("w:lang")) is not None:
        rprs.append(normal)  # only where the template set one: docDefaults cover the rest
    for rpr in rprs:
        lang = _child(rpr, "w:lang")
        lang.set(qn("w:val"), language_tag())
        lang.set(qn("w:eastAsia"), language_tag())


def _child(parent: etree._Element, tag: str) -> etree._Element:
    found = parent.find(qn(tag))
    return found if found is not None else etree.SubElement(parent, qn(tag))


def _set_a4(doc: DocxDocument) -> None:
    """The default template is US Letter; Danish public-sector paper is A4."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.2)


def da_number(value: float) -> str:
    """1234 -> "1.234", 2.5 -> "2,5": Danish digits for tables and chart axes (English:
    "1,234", "2.5")."""
    return format_decimal(value, locale=babel_locale())


# --- the sink ---------------------------------------------------------------------------


class DocxSink:
    """Implements text.Sink on a python-docx Document.

    Body text is always one line: a participant's newline (or TAB) becomes a space, so no
    Word line break (w:br) lands inside a bullet or an annex cell.
    """

    def __init__(self, title: str, report: SessionReport | ProcessReport,
                 options: DocxOptions | None = None) -> None:
        self.options = options or DocxOptions()
        self.doc = _new_document(title, report, self.options)
        # Resolve once: python-docx's style setter rescans all styles per call, which
        # dominated render time for 2,000 bullets.
        self.bullet_style = self.doc.styles["List Bullet"].style_id
        self.toc_anchor: etree._Element | None = None
        self.toc_entries: list[tuple[int, str]] = []

    def to_bytes(self) -> bytes:
        if self.toc_anchor is not None:
            _fill_toc(self.doc, self.toc_anchor, self.toc_entries)
        buffer = BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def title(self, text: str) -> None:
        self.doc.add_heading(one_line(text), level=0)  # level 0 = the "Title" style
        if self.options.toc:
            self.toc_anchor = self.doc.add_paragraph()._p

    def heading(self, text: str, level: int) -> None:
        level = min(level, MAX_HEADING_LEVEL)
        self.doc.add_heading(one_line(text), level=level)
        if level <= TOC_LEVELS:
            self.toc_entries.append((level, one_line(text)))

    def paragraph(self, text: str, style: str = "plain") -> None:
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(one_line(text))
        run.bold = style == "bold" or None
        run.italic = style == "italic" or None
        if style == "bold":  # a caption: stays on the page of the table it introduces
            paragraph.paragraph_format.keep_with_next = True

    def labelled(self, label: str, text: str) -> None:
        """ "Label: text" with a bold label and italic text, e.g. the activity prompt."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(one_line(label) + ": ").bold = True
        paragraph.add_run(one_line(text)).italic = True

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self.doc.add_paragraph(one_line(item))._p.style = self.bullet_style

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]],
              widths_cm: Sequence[float], numeric: frozenset[int] = frozenset()) -> None:
        _table(self.doc, headers, rows, widths_cm, numeric)

    def chart(self, activity: ActivityReport) -> None:
        if not chart_adds(activity):
            return
        self.doc.add_picture(BytesIO(_chart_png(activity)), width=Cm(CHART_WIDTH_CM))
        paragraph = self.doc.paragraphs[-1]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        inline = paragraph.runs[-1]._r.xpath(".//wp:inline")[0]
        inline.docPr.set("title", clean(_("Fordeling: %(title)s",
                                          title=one_line(activity.title))))
        inline.docPr.set("descr", chart_alt_text(activity))

    def page_break(self) -> None:
        self.doc.add_page_break()


# --- table of contents -----------------------------------------------------------------


def _fill_toc(doc: DocxDocument, anchor: etree._Element,
              entries: Sequence[tuple[int, str]]) -> None:
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
    update = _child(settings, "w:updateFields")
    update.set(qn("w:val"), "true")


# --- tables (raw XML rows for speed) ---------------------------------------------------


def chart_adds(activity: ActivityReport) -> bool:
    """A chart only where it shows more than its table does at a glance: a distribution of
    three or more sides with votes. Two sides are two numbers and two shares the table
    already reads plainly; an activity without votes gets no empty chart."""
    return len(activity.sides) >= 3 and has_votes(activity)


def fit_widths(headers: Sequence[str], rows: Sequence[Sequence[str]],
               widths_cm: Sequence[float]) -> list[float]:
    """Widen columns whose longest word (header or cell) would break mid-word, taking the
    room from the columns with the most slack; the table keeps its total width."""
    total = sum(widths_cm)
    need = [0.0] * len(widths_cm)
    for cells in (headers, *rows):
        for index, text in enumerate(cells):
            need[index] = max(need[index], _word_cm(text))
    need = [min(n, total * MAX_WORD_SHARE) for n in need]
    widths = list(widths_cm)
    short = sum(max(n - w, 0.0) for n, w in zip(need, widths, strict=True))
    slack = [max(w - n, 0.0) for n, w in zip(need, widths, strict=True)]
    if short <= 0 or sum(slack) < short:
        return widths
    spare = sum(slack)
    return [max(w, n) if n > w else w - short * s / spare
            for n, w, s in zip(need, widths, slack, strict=True)]


def _word_cm(text: str) -> float:
    longest = max((len(word) for word in str(text).split()), default=0)
    return longest * TABLE_FONT_PT * GLYPH_EM * 2.54 / 72 + CELL_PADDING_CM


def _table(
    doc: DocxDocument,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths_cm: Sequence[float],
    numeric: frozenset[int] = frozenset(),
) -> None:
    rows = [[one_line(cell) for cell in row] for row in rows]
    widths_cm = fit_widths(headers, rows, widths_cm)
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    tbl = table._tbl
    twips = [int(w * 567) for w in widths_cm]
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths_cm, strict=True):
        grid_col.w = Cm(width)
    # keepNext on every row but the last holds a short table on one page
    together = len(rows) <= KEEP_TOGETHER_ROWS
    header = tbl.tr_lst[0]
    for tc, text, width in zip(header.tc_lst, headers, twips, strict=True):
        tc.getparent().replace(tc, _tc(text, width, bold=True, right=False, keep=bool(rows)))
    _row_properties(header, header=True)  # repeats on each page
    for number, row in enumerate(rows, 1):
        tr = etree.SubElement(tbl, qn("w:tr"))
        _row_properties(tr, header=False)
        keep = together and number < len(rows)
        for index, (text, width) in enumerate(zip(row, twips, strict=True)):
            if index in numeric:
                text = _da_numeric(text)
            tr.append(_tc(text, width, bold=False, right=index in numeric, keep=keep))
    _spacer(doc)


def _row_properties(tr: etree._Element, header: bool) -> None:
    """No row splits across a page break; the header row repeats. trPr precedes the cells."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        tr.insert(0, trpr)
    etree.SubElement(trpr, qn("w:cantSplit"))
    if header:
        etree.SubElement(trpr, qn("w:tblHeader"))


def _da_numeric(text: str) -> str:
    """Whole numbers in a numeric column get Danish thousands separators (1.234)."""
    return da_number(int(text)) if text.isdigit() else text


def _tc(text: str, width_twips: int, bold: bool, right: bool,
        keep: bool = False) -> etree._Element:
    tc = OxmlElement("w:tc")
    tcw = etree.SubElement(etree.SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
    tcw.set(qn("w:w"), str(width_twips))
    tcw.set(qn("w:type"), "dxa")
    p = etree.SubElement(tc, qn("w:p"))
    ppr = etree.SubElement(p, qn("w:pPr"))
    if keep:  # schema order: keepNext before spacing
        etree.SubElement(ppr, qn("w:keepNext"))
    spacing = etree.SubElement(ppr, qn("w:spacing"))  # compact cells, no paragraph gap
    spacing.set(qn("w:before"), "20")
    spacing.set(qn("w:after"), "20")
    if right:
        etree.SubElement(ppr, qn("w:jc")).set(qn("w:val"), "right")
    run = etree.SubElement(p, qn("w:r"))
    rpr = etree.SubElement(run, qn("w:rPr"))
    if bold:
        etree.SubElement(rpr, qn("w:b"))
    etree.SubElement(rpr, qn("w:sz")).set(qn("w:val"), TABLE_FONT_HALF_POINTS)
    t = etree.SubElement(run, qn("w:t"))
    t.text = one_line(text)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return tc


def _spacer(doc: DocxDocument) -> None:
    """Keeps consecutive tables apart (Word would merge them) and adds air below."""
    doc.add_paragraph().paragraph_format.space_after = Pt(4)


# --- chart -------------------------------------------------------------------------------


def _chart_png(activity: ActivityReport) -> bytes:
    # Figure (not pyplot) keeps rendering free of global state, so it is thread-safe.
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    labels = [_mpl_safe(textwrap.fill(one_line(s.label), 28)) for s in activity.sides]
    counts = [s.count for s in activity.sides]
    figure = Figure(figsize=(5.4, 0.7 + 0.5 * len(labels)), dpi=130)
    axes = figure.add_subplot()
    positions = range(len(labels))
    bars = axes.barh(positions, counts, color="#1f5f8b", height=0.6)
    axes.set_yticks(positions, labels=labels, fontsize=9)
    axes.invert_yaxis()  # first side on top, like the table
    axes.bar_label(bars, labels=[
        f"{da_number(s.count)} ({da_percent(share_fraction(s.share))})" for s in activity.sides
    ], padding=3, fontsize=9)
    axes.set_xlim(0, max(counts + [1]) * 1.3)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # people come whole
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: da_number(value)))
    axes.set_xlabel(_("Antal deltagere"), fontsize=9)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    figure.tight_layout()
    buffer = BytesIO()
    with warnings.catch_warnings():  # missing glyphs (emoji) only warn; never fail export
        warnings.simplefilter("ignore")
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _mpl_safe(label: str) -> str:
    """'$' would switch matplotlib into mathtext and can raise on malformed input."""
    return label.replace("$", r"\$")


__all__ = [
    "DocxOptions",
    "DocxSink",
    "chart_adds",
    "da_number",
    "fit_widths",
    "render_process_docx",
    "render_session_docx",
]
