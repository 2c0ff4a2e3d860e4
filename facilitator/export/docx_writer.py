"""Word output in the shape of the secretariat's "Output fra visionsdagen" (seed 004): the
public API (`render_session_docx`, `render_process_docx`, `DocxOptions`) and `DocxSink`.

The outline (what is said, in which order) lives in `outline.write_session/write_process`
and is shared with Markdown; the sink only knows how to put blocks into Word, with the
document set up by docx_document.py (house style: docx_style.py), tables by docx_tables.py
and charts by docx_chart.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from lxml import etree

from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _

from .docx_chart import CHART_WIDTH_CM, chart_adds, chart_png
from .docx_document import TOC_LEVELS, fill_toc, new_document
from .docx_style import MAX_HEADING_LEVEL
from .docx_tables import add_table
from .outline import write_session
from .phrases import chart_alt_text, session_title
from .process_outline import process_title, write_process
from .report import ActivityReport, PhotoReport, ProcessReport, SessionReport
from .sink import Bullet
from .text import clean, one_line


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
            raise ValidationError(
                _("Husets skabelon %(path)s findes ikke (DOCX_TEMPLATE).", path=path)
            )
        return cls(template=path if path.is_file() else None, toc=bool(config.get("DOCX_TOC")))


# --- public API ------------------------------------------------------------------------


def render_session_docx(
    report: SessionReport, options: DocxOptions | None = None, annex: bool = True
) -> bytes:
    """The output document for one workshop session; `annex`: the archive copy with every
    contribution (False: the committee copy)."""
    sink = DocxSink(session_title(report), report, options)
    write_session(sink, report, annex=annex)
    return sink.to_bytes()


def render_process_docx(report: ProcessReport, options: DocxOptions | None = None) -> bytes:
    """One document for a whole process: initiatives per focus area across sessions."""
    sink = DocxSink(process_title(report.title), report, options)
    write_process(sink, report)
    return sink.to_bytes()


# --- the sink ---------------------------------------------------------------------------


PHOTO_WIDTH_CM, PHOTO_HEIGHT_CM = 12.0, 15.0  # a flip-over photo in the annex


class DocxSink:
    """Implements sink.Sink on a python-docx Document.

    Body text is always one line: a participant's newline (or TAB) becomes a space, so no
    Word line break (w:br) lands inside a bullet or an annex cell.
    """

    def __init__(
        self, title: str, report: SessionReport | ProcessReport, options: DocxOptions | None = None
    ) -> None:
        self.options = options or DocxOptions()
        self.doc = new_document(title, report, self.options.template)
        # Resolve once: python-docx's style setter rescans all styles per call, which
        # dominated render time for 2,000 bullets.
        self.bullet_style = self.doc.styles["List Bullet"].style_id
        self.nested_style = self.doc.styles["List Bullet 2"].style_id
        self.toc_anchor: etree._Element | None = None
        self.toc_entries: list[tuple[int, str]] = []

    def to_bytes(self) -> bytes:
        if self.toc_anchor is not None:
            fill_toc(self.doc, self.toc_anchor, self.toc_entries)
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

    def bullet_list(self, items: Sequence[Bullet]) -> None:
        """Seed 004's bullets: a bold lead-in, the text, the note in italics, one level of
        nested bullets."""
        for item in items:
            self._bullet(item, self.bullet_style)
            for child in item.children:
                self._bullet(child, self.nested_style)

    def _bullet(self, item: Bullet, style: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph._p.style = style
        text = one_line(item.text)
        if item.lead:
            paragraph.add_run(one_line(item.lead) + (" " if text else "")).bold = True
        if text:
            paragraph.add_run(text)
        if item.note:
            paragraph.add_run(
                (" " if text or item.lead else "") + f"({one_line(item.note)})"
            ).italic = True

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[str]],
        widths_cm: Sequence[float],
        numeric: frozenset[int] = frozenset(),
    ) -> None:
        add_table(self.doc, headers, rows, widths_cm, numeric)

    def chart(self, activity: ActivityReport) -> None:
        if not chart_adds(activity):
            return
        self.doc.add_picture(BytesIO(chart_png(activity)), width=Cm(CHART_WIDTH_CM))
        paragraph = self.doc.paragraphs[-1]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        inline = paragraph.runs[-1]._r.xpath(".//wp:inline")[0]
        inline.docPr.set("title", clean(_("Fordeling: %(title)s", title=one_line(activity.title))))
        inline.docPr.set("descr", chart_alt_text(activity))

    def photo(self, photo: PhotoReport, caption: str) -> None:
        """The flip-over at most 12 cm wide and 15 cm high (a portrait sheet stays on the
        page), its caption below; the caption is also its alt text."""
        width = min(PHOTO_WIDTH_CM, PHOTO_HEIGHT_CM * photo.width / max(photo.height, 1))
        self.doc.add_picture(BytesIO(photo.jpeg), width=Cm(width))
        paragraph = self.doc.paragraphs[-1]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        inline = paragraph.runs[-1]._r.xpath(".//wp:inline")[0]
        inline.docPr.set("title", clean(caption))
        inline.docPr.set("descr", clean(caption))
        self.doc.add_paragraph().add_run(one_line(caption)).italic = True
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def page_break(self) -> None:
        self.doc.add_page_break()


__all__ = [
    "DocxOptions",
    "DocxSink",
    "render_process_docx",
    "render_session_docx",
]
