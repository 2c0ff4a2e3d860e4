"""Markdown output for pasting into e-mail and intranets.

Same outline as the Word document (outline.write_session/write_process), annex included.
Every string is escaped so participant text renders literally: `<script>` cannot become
HTML, and `[klik](javascript:...)` cannot become a link. We use backslash escapes (valid for any
ASCII punctuation in CommonMark) rather than HTML entities, so the text stays readable
when the Markdown is pasted somewhere that does not render it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from facilitator.core.i18n import gettext as _

from .outline import write_session
from .process_outline import write_process
from .report import ActivityReport, PhotoReport, ProcessReport, SessionReport
from .sink import PHOTO_IN_DOCX, Bullet
from .text import clean, one_line

# Inline syntax: emphasis, code, links/images, raw HTML/autolinks, tables, strikethrough,
# entities (&), math ($) and the escape character itself.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&$])")
# Block syntax only matters at the start of a line: headings, lists, quotes, rules.
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+(?=[.)]))")


def escape_markdown(text: object) -> str:
    """Participant text as inert Markdown on one line (newlines would start new blocks)."""
    value = _INLINE.sub(r"\\\1", one_line(text))
    return _LINE_START.sub(lambda m: m.group(1) + _escape_block(m.group(2)), value)


HARD_BREAK = "  \n"  # CommonMark hard line break: two trailing spaces


def escape_markdown_lines(text: object, indent: str = "") -> str:
    """Like escape_markdown, but a participant's line breaks stay line breaks. Each line is
    escaped on its own (so a line starting with "-" or "#" stays text); blank lines are
    dropped, as they would end the paragraph or list item. `indent` keeps continuation
    lines inside a list item."""
    lines = (escape_markdown(line) for line in clean(text).split("\n"))
    return (HARD_BREAK + indent).join(line for line in lines if line)


def _escape_block(token: str) -> str:
    # "12." -> "12\." is not possible via the match (lookahead); escape the digit run's end.
    return token + "\\" if token[0].isdigit() else "\\" + token


def render_session_markdown(report: SessionReport, annex: bool = True) -> str:
    """Session output, as the Word document says it; `annex`: with the annex of every
    contribution (the background mentions the annex only when it is there)."""
    sink = MarkdownSink()
    write_session(sink, report, annex=annex)
    return sink.text()


def render_process_markdown(report: ProcessReport) -> str:
    """Process output, with the same annex as the Word document."""
    sink = MarkdownSink()
    write_process(sink, report)
    return sink.text()


class MarkdownSink:
    """Implements sink.Sink by collecting Markdown blocks."""

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"

    def title(self, text: str) -> None:
        self.blocks.append(f"# {escape_markdown(text)}")

    def heading(self, text: str, level: int) -> None:
        self.blocks.append(f"{'#' * min(level + 1, 6)} {escape_markdown(text)}")

    def paragraph(self, text: str, style: str = "plain") -> None:
        marker = {"bold": "**", "italic": "_"}.get(style, "")
        self.blocks.append(f"{marker}{escape_markdown_lines(text)}{marker}")

    def labelled(self, label: str, text: str) -> None:
        self.blocks.append(f"**{escape_markdown(label)}:** _{escape_markdown(text)}_")

    def bullets(self, items: Iterable[str]) -> None:
        lines = [f"- {escape_markdown_lines(item, indent='  ')}" for item in items]
        if lines:
            self.blocks.append("\n".join(lines))

    def bullet_list(self, items: Sequence[Bullet]) -> None:
        lines = []
        for item in items:
            lines.append(f"- {_bullet(item, '  ')}")
            lines.extend(f"  - {_bullet(child, '    ')}" for child in item.children)
        if lines:
            self.blocks.append("\n".join(lines))

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[str]],
        widths_cm: Sequence[float],
        numeric: frozenset[int] = frozenset(),
    ) -> None:
        align = ["---:" if i in numeric else "---" for i in range(len(headers))]
        lines = [_row(headers), _row(align, escape=False)]
        lines.extend(_row(row) for row in rows)
        self.blocks.append("\n".join(lines))

    def chart(self, activity: ActivityReport) -> None:
        """No images in e-mail text: the table above carries the numbers already."""
        del activity

    def photo(self, photo: PhotoReport, caption: str) -> None:
        """No images in e-mail text: the caption says the Word document has it."""
        del photo
        self.blocks.append(f"_{escape_markdown(caption)} ({escape_markdown(_(PHOTO_IN_DOCX))})_")

    def page_break(self) -> None:
        self.blocks.append("---")


def _bullet(item: Bullet, indent: str) -> str:
    """A participant's line breaks stay (`indent` keeps them inside the list item)."""
    parts = []
    if item.lead:
        parts.append(f"**{escape_markdown(item.lead)}**")
    if one_line(item.text):
        parts.append(escape_markdown_lines(item.text, indent=indent))
    if item.note:
        parts.append(f"_({escape_markdown(item.note)})_")
    return " ".join(parts)


def _row(cells: Sequence[str], escape: bool = True) -> str:
    # Table rows are one line each; a line break inside a cell is HTML's <br>.
    values = [_cell(c) if escape else c for c in cells]
    return "| " + " | ".join(values) + " |"


def _cell(text: str) -> str:
    lines = (escape_markdown(line) for line in clean(text).split("\n"))
    return "<br>".join(line for line in lines if line)


__all__ = [
    "MarkdownSink",
    "escape_markdown",
    "escape_markdown_lines",
    "render_process_markdown",
    "render_session_markdown",
]
