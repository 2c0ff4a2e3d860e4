"""Export renderers: DOCX/XLSX/Markdown structure, privacy suppression and hostile text."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from facilitator.export import (  # noqa: E402
    escape_markdown,
    render_process_docx,
    render_process_markdown,
    render_session_docx,
    render_session_markdown,
    render_session_xlsx,
)
from facilitator.export.report import annex_rows  # noqa: E402
from facilitator.export.result_sentences import group_name
from facilitator.export.text import clean, looks_like_formula, one_line  # noqa: E402
from facilitator.export.xlsx_writer import MAX_CELL_CHARS, SheetTitles  # noqa: E402
from tests.support.report_factory import make_process_report, make_session_report

CONTROL_CHARS = "".join(chr(c) for c in range(0x20)) + "\x7f"
LONG = "Lang tekst " * 5000  # 55,000 chars: beyond Excel's 32,767 cell limit
HOSTILE = [
    f"kontrol{CONTROL_CHARS}tegn",
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(1)",
    "\t=1+1",
    " \r=2+2",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "h\u202eelpmaxe.exe",
    "Tak 👍🏽 for i dag",
    LONG,
]


@pytest.fixture(scope="module")
def report():
    return make_session_report(60)


@pytest.fixture(scope="module")
def hostile_report():
    return make_session_report(40, payloads=HOSTILE)


@pytest.fixture(scope="module")
def docx_doc(report):
    return Document(io.BytesIO(render_session_docx(report)))


def _styled(doc, prefix):
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(prefix)]


def _annex_tables(doc, heading: str = "Alle bidrag") -> list:
    """The tables after the annex's heading (one per activity)."""
    body = list(doc.element.body.iterchildren())
    start = body.index(next(p._p for p in doc.paragraphs if p.text == heading))
    after = set(body[start:])
    return [t for t in doc.tables if t._tbl in after]


def _all_table_text(doc) -> str:
    return "\n".join(cell.text for t in doc.tables for row in t.rows for cell in row.cells)


# --- DOCX ---------------------------------------------------------------------------------


def test_docx_headings_use_real_heading_styles(docx_doc, report):
    assert docx_doc.paragraphs[0].style.name == "Title"
    assert docx_doc.paragraphs[0].text == "Output fra visionsdagen om " + report.process_title
    h1 = [text for _, text in _styled(docx_doc, "Heading 1")]
    assert h1[0] == "Baggrund"
    assert "Vision: Egenmestring" in h1
    assert "Den gode alderdom" in h1  # seed 004: the focus area itself
    assert h1[-1] == "Bilag"
    h2 = [text for _, text in _styled(docx_doc, "Heading 2")]
    assert h2 == ["Deltagere", "Alle bidrag"]
    # themes are bullets (nested or a bold lead-in), never headings
    bullets = [p for p in docx_doc.paragraphs if p.style.name.startswith("List Bullet")]
    leads = [r.text for p in bullets for r in p.runs if r.bold]
    assert any(t.startswith("Analysere tilbudsviften") for t in leads)


def test_docx_background_has_danish_date_and_counts(docx_doc):
    body = "\n".join(p.text for p in docx_doc.paragraphs)
    assert "3. februar 2020" in body
    assert "Aalborg Kongres & Kultur Center" in body
    assert "57 deltagere" in body and "færre end 3" in body  # the rule, once, in the annex


def test_docx_contributions_are_list_bullets_with_endorsements(docx_doc):
    bullets = [text for _, text in _styled(docx_doc, "List Bullet")]
    assert "Vi skal have mere mod til at turde fejle. (1 enig)" in bullets
    assert any(re.search(r"\(\d+ enige\)$", b) for b in bullets)


def test_docx_dilemma_says_its_result_and_never_splits_a_suppressed_group(docx_doc, report):
    body = "\n".join(p.text for p in docx_doc.paragraphs)
    dilemma = next(a for a in report.activities if a.kind == "dilemma")
    assert "(61,8 %) valgte »" in body
    hidden = [g for g in dilemma.by_group if g.counts is None]
    assert hidden and "vises fordelingen ikke af hensyn til anonymiteten" in body
    for group in hidden:  # a suppressed row is never split in a sentence
        assert not re.search(rf"{group_name(group.group)} (delt )?\d+-\d+", body)
    assert not [t for t in docx_doc.tables if t.rows[0].cells[0].text in ("Side", "Valg")]


def test_docx_two_sided_dilemma_has_no_chart_repeating_its_table(docx_doc):
    # The chart rule (docx_chart.chart_adds) and the alt text: tests/unit/test_docx_layout.py
    assert docx_doc.element.body.xpath(".//wp:docPr") == []


def test_docx_annex_contains_every_contribution(docx_doc, report):
    tables = _annex_tables(docx_doc)
    headers = {tuple(c.text for c in t.rows[0].cells) for t in tables}
    assert ("Bidrag", "Valg", "Tema", "Gruppe", "Tidspunkt") in headers  # a dilemma's reasons
    assert ("Bidrag", "Tema", "Gruppe", "Tidspunkt") in headers
    texts = sorted(row.cells[0].text for t in tables for row in t.rows[1:])
    expected = sorted(r.contribution.text for r in annex_rows([report]))
    assert texts == expected and len(texts) == 60
    times = [row.cells[-1].text for t in tables for row in t.rows[1:]]
    assert all(re.fullmatch(r"\d\d\.\d\d", t) for t in times)  # the minute, on the day


def test_docx_is_danish(docx_doc, report):
    lang = docx_doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
    assert lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "da-DK"
    props = docx_doc.core_properties
    assert props.language == "da-DK" and props.author == "facilitator"
    assert props.title == "Output fra visionsdagen om " + report.process_title


def test_process_docx_groups_initiatives_by_focus_area():
    process = make_process_report(30)
    doc = Document(io.BytesIO(render_process_docx(process)))
    h1 = [text for _, text in _styled(doc, "Heading 1")]
    h2 = [text for _, text in _styled(doc, "Heading 2")]
    assert h1.index("Fokusområder") > h1.index("Faglig workshop om fokusområderne")
    assert h2.count("Den gode alderdom") == 1  # once, with both meetings under it
    h3 = [text for _, text in _styled(doc, "Heading 3")]
    assert "Visionsdagen den 21. september 2022" in h3
    annex = _annex_tables(doc)  # per meeting, per activity
    assert annex[0].rows[0].cells[0].text == "Bidrag"
    rows = sum(len(t.rows) - 1 for t in annex)
    assert rows == sum(1 for _ in annex_rows(process.sessions))


# --- XLSX ---------------------------------------------------------------------------------


def _workbook(report):
    return load_workbook(io.BytesIO(render_session_xlsx(report)))


def test_xlsx_sheets_headers_and_layout(report):
    wb = _workbook(report)  # the long table in detail: tests/unit/test_xlsx_long.py
    assert wb.sheetnames == ["Resultater", "Alle bidrag"]
    for ws in wb.worksheets:
        assert all(c.font.bold for c in ws[1] if c.value)
    long = wb["Alle bidrag"]
    assert long.freeze_panes == "A2"
    assert [c.value for c in long[1]][3:7] == ["Tema", "Bidrag", "Side", "Enige"]
    assert long.column_dimensions["E"].width == 70
    summary = wb["Resultater"]
    assert "færre end 3" in [c.value for row in summary.iter_rows() for c in row]


def test_sheet_titles_are_valid_and_unique():
    titles = SheetTitles()
    raw = ["a/b:c*?[d]", "A/B:C*?[D]", "x" * 40, "x" * 40, "'", "History"]
    made = [titles.make(t) for t in raw]
    assert len({m.casefold() for m in made}) == len(made)
    assert all(len(m) <= 31 and not re.search(r"[\[\]:*?/\\]", m) for m in made)


# --- Markdown -----------------------------------------------------------------------------


def test_markdown_structure(report):
    md = render_session_markdown(report)
    assert md.startswith("# Output fra visionsdagen om Nordjysk")
    assert "## Baggrund" in md and "- **Analysere tilbudsviften" in md
    body, annex = md.split("## Bilag")  # the annex its background promises
    assert "bilaget sidst i dokumentet" in body and "| Bidrag | Tema | Gruppe |" in annex
    committee = render_session_markdown(report, annex=False)
    assert "Bilag" not in committee and "bilaget" not in committee
    assert "# Samlet input til Nordjysk" in render_process_markdown(make_process_report(10))


@pytest.mark.parametrize(
    "payload, expected",
    [
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("[klik](javascript:alert(1))", r"\[klik\](javascript:alert(1))"),
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
        ("# ikke en overskrift", r"\# ikke en overskrift"),
        ("1. ikke en liste", r"1\. ikke en liste"),
        ("a | b & *c* _d_ `e`", r"a \| b \& \*c\* \_d\_ \`e\`"),
        ("linje 1\n# linje 2", "linje 1 # linje 2"),  # joined to one line: "#" is no heading
    ],
)
def test_markdown_escaping(payload, expected):
    assert escape_markdown(payload) == expected


# --- hostile corpus across all formats ----------------------------------------------------


def test_clean_policy():
    cleaned = clean(CONTROL_CHARS)
    assert cleaned == "\ufffd" * 9 + "\t\n\ufffd\ufffd\n" + "\ufffd" * 18 + "\ufffd"
    assert clean("a\u202eb").endswith("\u202c")  # override closed after the contribution
    assert looks_like_formula(" \t=1") and looks_like_formula("-1")
    assert not looks_like_formula("a=1")


def _expected_text(payload: str) -> str:
    return clean(payload)


def test_hostile_corpus_docx(hostile_report):
    doc = Document(io.BytesIO(render_session_docx(hostile_report)))
    annex_texts = [row.cells[0].text for t in _annex_tables(doc) for row in t.rows[1:]]
    for payload in HOSTILE:  # a participant's newline/TAB is a space in Word body text
        assert one_line(payload) in annex_texts
    bullets = "\n".join(text for _, text in _styled(doc, "List Bullet"))  # either level
    assert "<script>alert(1)</script>" in bullets and "=cmd|' /C calc'!A0" in bullets
    assert "👍🏽" in bullets


def test_hostile_corpus_xlsx(hostile_report):
    wb = _workbook(hostile_report)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells if isinstance(c.value, str)}
    for payload in HOSTILE:
        if payload is LONG:
            continue
        assert _expected_text(payload) in values
    long_cells = [v for v in values if v.startswith("Lang tekst")]
    assert long_cells and all(len(v) == MAX_CELL_CHARS for v in long_cells)
    guarded = [c for c in cells if c.value == "=cmd|' /C calc'!A0"]
    assert guarded and all(c.quotePrefix and c.data_type == "s" for c in guarded)


def test_hostile_corpus_markdown(hostile_report):
    md = render_session_markdown(hostile_report)
    # a backslash makes CommonMark print the next character as text: no tag, no link
    for live in (r"(?<!\\)<script", r"(?<!\\)<img", r"(?<!\\)\]\(javascript"):
        assert not re.search(live, md), live
    assert r"\<script\>alert(1)\</script\>" in md
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", md)
    assert "👍🏽" in md and "\u202e" in md


def test_hostile_titles_and_labels_render():
    from dataclasses import replace

    base = make_session_report(10, payloads=HOSTILE[:3])
    nasty = '=HYPERLINK("x")\x01<b>[t](javascript:x)</b>$a$'
    activities = tuple(replace(a, title=nasty) for a in base.activities)
    report = replace(base, title=nasty, venue=nasty, activities=activities)
    assert render_session_docx(report)
    wb = _workbook(report)
    assert len(set(wb.sheetnames)) == len(wb.sheetnames)
    assert "<b>" not in render_session_markdown(report)
