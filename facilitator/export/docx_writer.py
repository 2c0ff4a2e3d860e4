"""Word output in the shape of the secretariat's "Output fra visionsdagen" (seed 004).

The outline (what is said, in which order) lives in `text.write_session/write_process`
and is shared with Markdown; this module only knows how to put blocks into Word. Tables
are appended as raw WordprocessingML rows because python-docx's cell API is far too slow
for a 2,000-row annex.
"""

from __future__ import annotations

import textwrap
import warnings
from collections.abc import Iterable, Sequence
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from .report import ActivityReport, ProcessReport, SessionReport
from .text import (
    chart_alt_text,
    clean,
    da_percent,
    one_line,
    share_fraction,
    write_process,
    write_session,
)

LANG = "da-DK"
AUTHOR = "facilitator"
MAX_HEADING_LEVEL = 4
TABLE_FONT_HALF_POINTS = "18"  # 9 pt: dense tables (the annex) stay readable but compact
CHART_WIDTH_CM = 13.7  # ~ the figure's own width, so chart fonts print at ~9 pt


# --- public API ------------------------------------------------------------------------


def render_session_docx(report: SessionReport) -> bytes:
    """The output document for one workshop session."""
    sink = DocxSink(f"Output fra {one_line(report.title)}", report)
    write_session(sink, report)
    return sink.to_bytes()


def render_process_docx(report: ProcessReport) -> bytes:
    """One document for a whole process: initiatives per focus area across sessions."""
    sink = DocxSink(f"Output fra {one_line(report.title)}", report)
    write_process(sink, report)
    return sink.to_bytes()


# --- document setup --------------------------------------------------------------------


def _new_document(title: str, report: SessionReport | ProcessReport) -> DocxDocument:
    doc = Document()
    _set_language(doc)
    _set_a4(doc)
    props = doc.core_properties
    props.title = clean(title)
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.language = LANG
    props.created = props.modified = report.generated_at.replace(tzinfo=None)
    props.comments = "Dannet automatisk af facilitator."
    return doc


def _set_language(doc: DocxDocument) -> None:
    """docDefaults carry the language so spell-check and hyphenation use Danish."""
    styles = doc.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = etree.SubElement(styles, qn("w:docDefaults"))
        styles.insert(0, doc_defaults)
    rpr = _child(_child(doc_defaults, "w:rPrDefault"), "w:rPr")
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)


def _child(parent: etree._Element, tag: str) -> etree._Element:
    found = parent.find(qn(tag))
    return found if found is not None else etree.SubElement(parent, qn(tag))


def _set_a4(doc: DocxDocument) -> None:
    """The default template is US Letter; Danish public-sector paper is A4."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)


def _to_bytes(doc: DocxDocument) -> bytes:
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- the sink ---------------------------------------------------------------------------


class DocxSink:
    """Implements text.Sink on a python-docx Document."""

    def __init__(self, title: str, report: SessionReport | ProcessReport) -> None:
        self.doc = _new_document(title, report)
        # Resolve once: python-docx's style setter rescans all styles per call, which
        # dominated render time for 2,000 bullets.
        self.bullet_style = self.doc.styles["List Bullet"].style_id

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def title(self, text: str, note: str) -> None:
        self.doc.add_heading(one_line(text), level=0)  # level 0 = the "Title" style
        self.paragraph(note, "italic")

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(one_line(text), level=min(level, MAX_HEADING_LEVEL))

    def paragraph(self, text: str, style: str = "plain") -> None:
        run = self.doc.add_paragraph().add_run(clean(text))
        run.bold = style == "bold" or None
        run.italic = style == "italic" or None

    def labelled(self, label: str, text: str) -> None:
        """ "Label: text" with a bold label and italic text, e.g. the activity prompt."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(clean(label) + ": ").bold = True
        paragraph.add_run(clean(text)).italic = True

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self.doc.add_paragraph(clean(item))._p.style = self.bullet_style

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]],
              widths_cm: Sequence[float], numeric: frozenset[int] = frozenset()) -> None:
        _table(self.doc, headers, rows, widths_cm, numeric)

    def chart(self, activity: ActivityReport) -> None:
        self.doc.add_picture(BytesIO(_chart_png(activity)), width=Cm(CHART_WIDTH_CM))
        paragraph = self.doc.paragraphs[-1]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        inline = paragraph.runs[-1]._r.xpath(".//wp:inline")[0]
        inline.docPr.set("title", clean(f"Fordeling: {one_line(activity.title)}"))
        inline.docPr.set("descr", chart_alt_text(activity))

    def page_break(self) -> None:
        self.doc.add_page_break()


# --- tables (raw XML rows for speed) ---------------------------------------------------


def _table(
    doc: DocxDocument,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths_cm: Sequence[float],
    numeric: frozenset[int] = frozenset(),
) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    tbl = table._tbl
    twips = [int(w * 567) for w in widths_cm]
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths_cm, strict=True):
        grid_col.w = Cm(width)
    header = tbl.tr_lst[0]
    etree.SubElement(_child(header, "w:trPr"), qn("w:tblHeader"))  # repeat on each page
    for tc, text, width in zip(header.tc_lst, headers, twips, strict=True):
        tc.getparent().replace(tc, _tc(text, width, bold=True, right=False))
    for row in rows:
        tr = etree.SubElement(tbl, qn("w:tr"))
        for index, (text, width) in enumerate(zip(row, twips, strict=True)):
            tr.append(_tc(text, width, bold=False, right=index in numeric))
    _spacer(doc)


def _tc(text: str, width_twips: int, bold: bool, right: bool) -> etree._Element:
    tc = OxmlElement("w:tc")
    tcw = etree.SubElement(etree.SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
    tcw.set(qn("w:w"), str(width_twips))
    tcw.set(qn("w:type"), "dxa")
    p = etree.SubElement(tc, qn("w:p"))
    ppr = etree.SubElement(p, qn("w:pPr"))
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
    _append_text(run, clean(text))
    return tc


def _append_text(run: etree._Element, text: str) -> None:
    """Text with LF/TAB as <w:br/>/<w:tab/>, as Word itself stores them."""
    for line_no, line in enumerate(text.split("\n")):
        if line_no:
            etree.SubElement(run, qn("w:br"))
        for part_no, part in enumerate(line.split("\t")):
            if part_no:
                etree.SubElement(run, qn("w:tab"))
            if part:
                t = etree.SubElement(run, qn("w:t"))
                t.text = part
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _spacer(doc: DocxDocument) -> None:
    """Keeps consecutive tables apart (Word would merge them) and adds air below."""
    doc.add_paragraph().paragraph_format.space_after = Pt(4)



# --- chart -------------------------------------------------------------------------------


def _chart_png(activity: ActivityReport) -> bytes:
    # Figure (not pyplot) keeps rendering free of global state, so it is thread-safe.
    from matplotlib.figure import Figure

    labels = [_mpl_safe(textwrap.fill(one_line(s.label), 28)) for s in activity.sides]
    counts = [s.count for s in activity.sides]
    figure = Figure(figsize=(5.4, 0.7 + 0.5 * len(labels)), dpi=130)
    axes = figure.add_subplot()
    positions = range(len(labels))
    bars = axes.barh(positions, counts, color="#1f5f8b", height=0.6)
    axes.set_yticks(positions, labels=labels, fontsize=9)
    axes.invert_yaxis()  # first side on top, like the table
    axes.bar_label(bars, labels=[
        f"{s.count} ({da_percent(share_fraction(s.share))})" for s in activity.sides
    ], padding=3, fontsize=9)
    axes.set_xlim(0, max(counts + [1]) * 1.3)
    axes.set_xlabel("Antal deltagere", fontsize=9)
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


__all__ = ["DocxSink", "render_process_docx", "render_session_docx"]
