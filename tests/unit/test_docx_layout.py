"""The house style and format details of the exports: header/footer, page numbers,
properties, table of contents, table rows, column widths, charts, line breaks, sheet names."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import load_workbook

from facilitator.core.errors import ValidationError  # noqa: E402
from facilitator.export.docx_chart import chart_adds  # noqa: E402
from facilitator.export.docx_tables import da_number, fit_widths  # noqa: E402
from facilitator.export.docx_writer import (  # noqa: E402
    DocxOptions,
    render_process_docx,
    render_session_docx,
)
from facilitator.export.markdown_writer import (  # noqa: E402
    escape_markdown_lines,
    render_session_markdown,
)
from facilitator.export.phrases import session_title  # noqa: E402
from facilitator.export.report import DilemmaSideResult  # noqa: E402
from facilitator.export.xlsx_writer import render_session_xlsx  # noqa: E402
from tests.support.report_factory import make_process_report, make_session_report

W_BR = qn("w:br")


@pytest.fixture(scope="module")
def report():
    return make_session_report(n_contributions=60, seed=3)


@pytest.fixture(scope="module")
def doc(report):
    return Document(io.BytesIO(render_session_docx(report)))


def _fields(part) -> list[str]:
    return [" ".join(t.text.split()) for t in part._element.iter(qn("w:instrText"))]


def test_footer_has_page_x_of_y_and_the_made_line(doc):
    footer = doc.sections[0].footer
    assert _fields(footer) == ["PAGE", "NUMPAGES"]
    text = footer.paragraphs[0].text
    assert text.startswith("Dannet af facilitator 4. februar 2020") and "Side 1 af 1" in text


def test_header_names_the_process(doc, report):
    assert doc.sections[0].header.paragraphs[0].text == report.process_title


def test_core_properties(doc, report):
    props = doc.core_properties
    assert (
        props.title
        == session_title(report)
        == "Output fra visionsdagen om " + (report.process_title)
    )
    assert props.subject == report.process_title
    assert props.author == "facilitator" and props.language == "da-DK"
    # 10.15 in Copenhagen in February is 9.15 UTC, which is how Word stores it
    assert props.created.replace(tzinfo=None) == datetime(2020, 2, 4, 9, 15)
    assert props.comments.startswith("Dannet af facilitator")


def test_a4_and_danish_language(doc):
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    lang = doc.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "da-DK"


def test_headings_keep_with_next(doc):
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        assert doc.styles[name].paragraph_format.keep_with_next is True
    captions = [p for p in doc.paragraphs if p.text == "Fordelt på organisation"]
    assert captions and captions[0].paragraph_format.keep_with_next is True


def test_table_header_rows_repeat_and_rows_do_not_split(doc):
    assert len(doc.tables) >= 4
    for table in doc.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
        assert all(tr.trPr.find(qn("w:tblHeader")) is None for tr in rows[1:])
        assert rows[0][0].tag == qn("w:trPr")  # schema order: properties before cells


def test_short_tables_stay_on_one_page_long_ones_may_break(doc):
    def kept(tr):
        return tr.tc_lst[0].p_lst[0].pPr.find(qn("w:keepNext")) is not None

    groups = next(t for t in doc.tables if t.rows[0].cells[0].text == "Organisation")
    rows = groups._tbl.tr_lst
    assert all(kept(tr) for tr in rows[:-1]) and not kept(rows[-1])
    many = Document(io.BytesIO(render_session_docx(make_session_report(n_contributions=200))))
    annex = _largest(many)._tbl.tr_lst
    assert len(annex) > 16 and not any(kept(tr) for tr in annex[1:])


def _largest(document):
    return max(document.tables, key=lambda table: len(table.rows))


def test_annex_columns_fit_their_longest_word(doc):
    annex = _largest(doc)
    widths = [cell.width.cm for cell in annex.rows[0].cells]
    group = [c.text for c in annex.rows[0].cells].index("Gruppe")
    # "Brugerorganisationer" at 9 pt, in the widest likely font, plus cell margins
    assert widths[group] >= 3.5
    assert round(sum(widths), 1) == 16.0  # the text column gave the room


def test_fit_widths_takes_room_from_slack_and_keeps_total():
    widths = fit_widths(
        ["Interessentgruppe", "Bidrag"], [["Brugerorganisationer", "kort"]], [2.0, 10.0]
    )
    assert widths[0] > 3.8 and round(sum(widths), 6) == 12.0
    # a long URL cannot eat the table: at most a third of it
    url = "https://example.dk/" + "x" * 120
    assert fit_widths(["A", "B"], [[url, "b"]], [3.0, 9.0])[0] <= 12.0 * 0.35 + 1e-9


def test_danish_numbers_in_tables_and_axes():
    assert da_number(1234) == "1.234" and da_number(2.5) == "2,5"
    small = make_session_report(n_contributions=20, seed=1)
    big = _with_dilemma(
        small, sides=tuple(replace(s, count=s.count * 100) for s in _dilemma(small).sides)
    )
    document = Document(io.BytesIO(render_session_docx(big)))
    assert "2.100 (" in "\n".join(p.text for p in document.paragraphs)  # the result sentence
    third = DilemmaSideResult("Begge dele", "", 1234, 0.5, ())
    three = _with_dilemma(big, sides=(*_dilemma(big).sides, third))
    document = Document(io.BytesIO(render_session_docx(three)))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Valg")
    assert table.rows[1].cells[1].text == "2.100"


def _dilemma(report):
    return next(a for a in report.activities if a.kind == "dilemma")


def _with_dilemma(report, **changes):
    dilemma = _dilemma(report)
    return replace(
        report,
        activities=tuple(replace(a, **changes) if a is dilemma else a for a in report.activities),
    )


def _first_reason_reads(report, text: str, **changes):
    """The report with the dilemma's first reason replaced by `text`."""
    sides = _dilemma(report).sides
    theme = sides[0].themes[0]
    theme = replace(
        theme, contributions=(replace(theme.contributions[0], text=text), *theme.contributions[1:])
    )
    side = replace(sides[0], themes=(theme, *sides[0].themes[1:]))
    return _with_dilemma(report, sides=(side, *sides[1:]), **changes)


def test_chart_only_where_it_adds(report):
    two_sides = _dilemma(report)
    assert len(two_sides.sides) == 2 and not chart_adds(two_sides)
    third = DilemmaSideResult("Begge dele", "", 5, 5 / 39, ())
    three = replace(two_sides, sides=(*two_sides.sides, third))
    assert chart_adds(three)
    nobody = replace(three, sides=tuple(replace(s, count=0, share=0.0) for s in three.sides))
    assert not chart_adds(nobody)


def test_three_sided_dilemma_gets_a_chart_with_alt_text(report):
    third = DilemmaSideResult("Begge dele", "", 1234, 0.5, ())
    with_chart = _with_dilemma(report, sides=(*_dilemma(report).sides, third))
    document = Document(io.BytesIO(render_session_docx(with_chart)))
    doc_prs = document.element.body.xpath(".//wp:docPr")
    assert len(doc_prs) == 1
    descr = doc_prs[0].get("descr")
    assert "Fælles løsninger: 21 (61,8 %)" in descr and doc_prs[0].get("title")


def test_participant_newlines_are_spaces_in_word(report):
    odd = _first_reason_reads(
        report, "Første linje\nanden linje\tog en tab", prompt="Linje et\nlinje to"
    )
    document = Document(io.BytesIO(render_session_docx(odd)))
    body = document.element.body
    assert not [br for br in body.iter(W_BR) if br.get(qn("w:type")) != "page"]
    annex = [row.cells[0].text for table in document.tables for row in table.rows[1:]]
    assert "Første linje anden linje og en tab" in annex
    assert any("Linje et linje to" in p.text for p in document.paragraphs)  # a dilemma's case


def test_table_of_contents_is_optional_and_lists_the_headings(report):
    plain = Document(io.BytesIO(render_session_docx(report)))
    assert not any("TOC" in f for f in _fields(plain))
    document = Document(io.BytesIO(render_session_docx(report, DocxOptions(toc=True))))
    assert any(f.startswith("TOC") for f in _fields(document))
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == "Indhold"
    first_heading = next(p.text for p in document.paragraphs if p.style.name == "Heading 1")
    assert first_heading in texts[2:6]  # listed in the field's shown result
    update = document.settings.element.find(qn("w:updateFields"))
    assert update.get(qn("w:val")) == "true"
    kinds = [c.get(qn("w:fldCharType")) for c in document.element.body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def _template(path: Path, header: str = "", font: str = "Georgia") -> Path:
    doc = Document()
    doc.styles["Normal"].font.name = font
    doc.styles["Normal"].font.size = Pt(12)
    doc.add_paragraph("Brevpapirets eksempeltekst, der skal væk")
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    doc.save(path)
    return path


def test_the_organisations_template_gives_styles_and_keeps_its_header(tmp_path, report):
    template = _template(tmp_path / "skabelon.docx", header="Aalborg Kommune – Sekretariatet")
    document = Document(io.BytesIO(render_session_docx(report, DocxOptions(template))))
    assert document.styles["Normal"].font.name == "Georgia"
    assert "eksempeltekst" not in "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == session_title(report)
    assert document.sections[0].header.paragraphs[0].text == "Aalborg Kommune – Sekretariatet"
    assert _fields(document.sections[0].footer) == ["PAGE", "NUMPAGES"]  # it had no footer


def test_a_template_without_the_list_and_table_styles_borrows_them(tmp_path, report):
    path = _template(tmp_path / "tynd.docx")
    doc = Document(str(path))
    for name in ("List Bullet", "Table Grid", "Heading 3"):
        element = doc.styles[name].element
        element.getparent().remove(element)
    doc.save(path)
    document = Document(io.BytesIO(render_session_docx(report, DocxOptions(path))))
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets and bullets[0]._p.style == document.styles["List Bullet"].style_id
    num_id = document.styles["List Bullet"].element.find(f".//{qn('w:numId')}").get(qn("w:val"))
    numbering = document.part.numbering_part.element
    assert numbering.xpath(f"w:num[@w:numId='{num_id}']")


def test_options_from_config(tmp_path):
    assert DocxOptions.from_config({}, tmp_path) == DocxOptions()
    _template(tmp_path / "skabelon.docx")
    assert DocxOptions.from_config({"DOCX_TOC": True}, tmp_path) == DocxOptions(
        tmp_path / "skabelon.docx", toc=True
    )
    with pytest.raises(ValidationError, match="findes ikke"):
        DocxOptions.from_config({"DOCX_TEMPLATE": "mangler.docx"}, tmp_path)
    (tmp_path / "ødelagt.docx").write_text("ikke en docx")
    with pytest.raises(ValidationError, match="kan ikke læses"):
        render_session_docx(
            make_session_report(n_contributions=5), DocxOptions(tmp_path / "ødelagt.docx")
        )


def test_process_document_has_header_and_page_numbers():
    report = make_process_report(n_contributions=20)
    document = Document(io.BytesIO(render_process_docx(report)))
    assert document.sections[0].header.paragraphs[0].text == report.title
    assert _fields(document.sections[0].footer) == ["PAGE", "NUMPAGES"]


def test_markdown_keeps_line_breaks_safely():
    assert escape_markdown_lines("Linje 1\n- ikke en liste\n\n<b>fed</b>", "  ") == (
        "Linje 1  \n  \\- ikke en liste  \n  \\<b\\>fed\\</b\\>"
    )


def test_markdown_bullets_and_cells_keep_a_participants_line_breaks(report):
    odd = _first_reason_reads(report, "Første linje\n# anden linje")
    markdown = render_session_markdown(odd)
    assert re.search(r"- (\*\*.*\*\* )?Første linje  \n +\\# anden linje", markdown)
    assert "| Første linje<br>\\# anden linje |" in markdown


def test_xlsx_long_table_keeps_the_focus_area_whatever_its_characters(report):
    long_focus = "Fokus på psykiatrien og [samarbejdet]: hvem/hvad*?"
    activities = tuple(
        replace(a, focus_area=long_focus) if a.kind == "initiative" else a
        for a in report.activities
    )
    book = load_workbook(io.BytesIO(render_session_xlsx(replace(report, activities=activities))))
    rows = list(book["Alle bidrag"].iter_rows(values_only=True))
    focus = rows[0].index("Fokusområde")
    initiative_rows = sum(
        len(t.contributions) for a in activities if a.kind == "initiative" for t in a.themes
    )
    assert [r[focus] for r in rows[1:]].count(long_focus) == initiative_rows > 0
