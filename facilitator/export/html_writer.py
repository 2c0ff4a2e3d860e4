"""The session document as HTML, for the output page's preview: the same outline as the Word
document and the Markdown (outline.write_session), so the preview says exactly what they say.

Every string is escaped (markupsafe): participant text is text, never markup. Headings start
at `top` (the page around the preview has its own h1 and h2). A chart is drawn as meters of
the numbers its table already shows; no image, no script, no inline style.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup, escape

from facilitator.core.i18n import gettext as _
from facilitator.core.wording import da_percent

from .docx_tables import da_number
from .outline import write_session
from .phrases import share_fraction
from .report import ActivityReport, PhotoReport, SessionReport
from .sink import PHOTO_IN_DOCX, Bullet
from .text import clean, one_line


def render_session_html(report: SessionReport, annex: bool = False, top: int = 2) -> Markup:
    """The document as it will read; `annex`: with the annex of every contribution."""
    sink = HtmlSink(top)
    write_session(sink, report, annex=annex)
    return sink.markup()


def _lines(text: object) -> Markup:
    """A participant's line breaks stay line breaks."""
    lines = [escape(line) for line in clean(text).split("\n") if line.strip()]
    return Markup("<br>").join(lines)


class HtmlSink:
    """Implements sink.Sink by collecting escaped HTML."""

    def __init__(self, top: int = 2) -> None:
        self.top = top
        self.parts: list[Markup] = []

    def markup(self) -> Markup:
        return Markup("\n").join(self.parts)

    def _add(self, template: str, *values: object) -> None:
        self.parts.append(Markup(template).format(*values))

    def title(self, text: str) -> None:
        self._add('<h{0} class="doc-title">{1}</h{0}>', self.top, one_line(text))

    def heading(self, text: str, level: int) -> None:
        self._add("<h{0}>{1}</h{0}>", min(self.top + level, 6), one_line(text))

    def paragraph(self, text: str, style: str = "plain") -> None:
        tag = {"bold": "strong", "italic": "em"}.get(style)
        if tag:
            self._add("<p><{0}>{1}</{0}></p>", Markup(tag), _lines(text))
        else:
            self._add("<p>{0}</p>", _lines(text))

    def labelled(self, label: str, text: str) -> None:
        self._add("<p><strong>{0}:</strong> <em>{1}</em></p>", one_line(label), one_line(text))

    def bullets(self, items: Iterable[str]) -> None:
        entries = [Markup("<li>{0}</li>").format(_lines(item)) for item in items]
        if entries:
            self._add("<ul>{0}</ul>", Markup("").join(entries))

    def bullet_list(self, items: Sequence[Bullet]) -> None:
        if items:
            self._add("<ul>{0}</ul>", Markup("").join(_bullet(item) for item in items))

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[str]],
        widths_cm: Sequence[float],
        numeric: frozenset[int] = frozenset(),
    ) -> None:
        del widths_cm

        def cells(values: Sequence[str], tag: str) -> Markup:
            return Markup("").join(
                Markup("<{0}{1}>{2}</{0}>").format(
                    Markup(tag), Markup(' class="num"') if i in numeric else "", _lines(value)
                )
                for i, value in enumerate(values)
            )

        body = Markup("").join(Markup("<tr>{0}</tr>").format(cells(row, "td")) for row in rows)
        self._add(
            '<div class="table-scroll"><table><thead><tr>{0}</tr></thead><tbody>{1}</tbody>'
            "</table></div>",
            cells(headers, "th"),
            body,
        )

    def chart(self, activity: ActivityReport) -> None:
        """The Word document's bar chart, as bars (meters) of the same numbers; aria-hidden:
        the table above says them already."""
        most = max([side.count for side in activity.sides] + [1])
        bars = Markup("").join(
            Markup(
                '<li><span class="bar-label">{0}</span> <meter min="0" max="{1}" value="{2}">'
                "</meter> {3} ({4})</li>"
            ).format(
                one_line(side.label),
                most,
                side.count,
                da_number(side.count),
                da_percent(share_fraction(side.share)),
            )
            for side in activity.sides
        )
        self._add('<ul class="doc-chart" aria-hidden="true">{0}</ul>', bars)

    def photo(self, photo: PhotoReport, caption: str) -> None:
        """The preview names the photo; the Word document carries it."""
        del photo
        self._add("<p><em>{0} ({1})</em></p>", one_line(caption), _(PHOTO_IN_DOCX))

    def page_break(self) -> None:
        self.parts.append(Markup('<hr class="page-break">'))


def _bullet(item: Bullet) -> Markup:
    parts: list[Markup] = []
    if item.lead:
        parts.append(Markup("<strong>{0}</strong>").format(one_line(item.lead)))
    if one_line(item.text):
        parts.append(_lines(item.text))
    if item.note:
        parts.append(Markup("<em>({0})</em>").format(one_line(item.note)))
    children = (
        Markup("<ul>{0}</ul>").format(Markup("").join(_bullet(c) for c in item.children))
        if item.children
        else ""
    )
    return Markup("<li>{0}{1}</li>").format(Markup(" ").join(parts), children)
