"""Tables in Word, appended as raw WordprocessingML rows (python-docx's cell API is far too
slow for a 2,000-row annex): column widths fitted to the longest words, Danish digits in
numeric columns, the header row repeated, short tables kept on one page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from babel.numbers import format_decimal
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from facilitator.core.wording import babel_locale

from .text import one_line

TABLE_FONT_PT = 9  # dense tables (the annex) stay readable but compact
TABLE_FONT_HALF_POINTS = str(TABLE_FONT_PT * 2)
CELL_PADDING_CM = 0.4  # Word's default cell margins, left + right
# Average glyph width of a bold 9 pt word, in em. Generous (DejaVu, LibreOffice's stand-in
# for Calibri, is the widest likely font), so a word that fits here fits everywhere.
GLYPH_EM = 0.62
KEEP_TOGETHER_ROWS = 15  # shorter tables move to the next page whole rather than split
MAX_WORD_SHARE = 0.35  # a column may claim at most this share of the width for one long word


class CellLines(str):
    """A cell whose line breaks are meant (a status, then "Ansvarlig: …" on a line of its
    own): Word keeps them; every other cell is one line. Markdown keeps them anyway."""


def _cell_text(cell: str) -> str:
    if isinstance(cell, CellLines):
        return CellLines("\n".join(line for line in map(one_line, cell.split("\n")) if line))
    return one_line(cell)


def da_number(value: float) -> str:
    """1234 -> "1.234", 2.5 -> "2,5": Danish digits for tables and chart axes (English:
    "1,234", "2.5")."""
    return format_decimal(value, locale=babel_locale())


def fit_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], widths_cm: Sequence[float]
) -> list[float]:
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
    return [
        max(w, n) if n > w else w - short * s / spare
        for n, w, s in zip(need, widths, slack, strict=True)
    ]


def _word_cm(text: str) -> float:
    longest = max((len(word) for word in str(text).split()), default=0)
    return longest * TABLE_FONT_PT * GLYPH_EM * 2.54 / 72 + CELL_PADDING_CM


def add_table(
    doc: DocxDocument,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths_cm: Sequence[float],
    numeric: frozenset[int] = frozenset(),
) -> None:
    rows = [[_cell_text(cell) for cell in row] for row in rows]
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


def _tc(text: str, width_twips: int, bold: bool, right: bool, keep: bool = False) -> etree._Element:
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
    lines = text.split("\n") if isinstance(text, CellLines) else [one_line(text)]
    for number, line in enumerate(lines):
        if number:
            etree.SubElement(run, qn("w:br"))
        t = etree.SubElement(run, qn("w:t"))
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return tc


def _spacer(doc: DocxDocument) -> None:
    """Keeps consecutive tables apart (Word would merge them) and adds air below."""
    doc.add_paragraph().paragraph_format.space_after = Pt(4)
