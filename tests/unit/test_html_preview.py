"""The output page's preview (export.html_writer): the session outline as HTML says what the
Word document says, and participant text stays text."""

from __future__ import annotations

import html
import io
import re

import docx

from facilitator.export.docx_writer import render_session_docx
from facilitator.export.html_writer import render_session_html
from tests.support.report_factory import make_session_report

PAYLOADS = ('<script>alert("x")</script>', "<b>fed</b> & [link](javascript:alert(1))")


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_the_preview_says_every_paragraph_the_word_body_says() -> None:
    report = make_session_report(60)
    preview = " ".join(_text(str(render_session_html(report))).split())
    document = docx.Document(io.BytesIO(render_session_docx(report, annex=False)))
    paragraphs = [" ".join(p.text.split()) for p in document.paragraphs if p.text.strip()]
    assert len(paragraphs) > 20
    missing = [p for p in paragraphs if p not in preview]
    assert missing == []


def test_participant_text_is_escaped_and_headings_start_where_asked() -> None:
    report = make_session_report(40, payloads=PAYLOADS)
    markup = str(render_session_html(report, annex=True, top=3))
    assert "<script" not in markup and "<b>fed</b>" not in markup
    assert "&lt;script&gt;" in markup and "&lt;b&gt;fed&lt;/b&gt; &amp; [link]" in markup
    assert re.search(r"<h3 class=\"doc-title\">", markup) and "<h2" not in markup
    assert "<table>" in markup and "<ul>" in markup
